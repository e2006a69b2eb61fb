/**
 * An expanded record (`<Event>` element tree) → EventObservation, through the normalisation the
 * event-XML, PowerShell-JSON and ECS parsers share (event-build.ts), so an event read from an
 * `.evtx` file means exactly what the same event read from `wevtutil qe /f:xml` means: System
 * fields by element name, `<Data Name='x'>` by name and unnamed `<Data>` as `param<position>`,
 * UserData's first child element's children by name (first occurrence wins), every payload value
 * in document order in `params`.
 */
import type { EventObservation } from '../../server/model/observation.ts';
import { parseInstant, type Instant } from '../../server/model/time.ts';
import type { ParseContext } from './types.ts';
import {
  addData,
  buildEvent,
  EventFieldError,
  keywordsFromHex,
  optionalInt,
  requireEventId,
  requireLevel,
} from './event-build.ts';
import { textOf, type XEl, type XKid } from './evtx-render.ts';

const isEl = (k: XKid): k is XEl => typeof k !== 'string' && !('raw' in k);

function child(el: XEl | undefined, name: string): XEl | undefined {
  if (!el) return undefined;
  for (const k of el.kids) if (isEl(k) && k.name === name) return k;
  return undefined;
}

function attr(el: XEl | undefined, name: string): string | undefined {
  if (!el) return undefined;
  for (const [n, v] of el.attrs) if (n === name) return v;
  return undefined;
}

function text(parent: XEl, name: string): string | undefined {
  const el = child(parent, name);
  return el ? textOf(el) : undefined;
}

/**
 * Builds the observation from the record's expanded top level. `written` (the record header's
 * FILETIME) stands in when the event has no TimeCreated that reads as a time. Throws
 * EventFieldError when the record is not a usable event (no `<Event><System>`, no EventID, a
 * level out of range, no provider, no host).
 */
export function toObservation(top: XKid[], raw: string, written: Instant, ctx: ParseContext): EventObservation {
  let event: XEl | undefined;
  for (const k of top) if (isEl(k) && k.name === 'Event') event = event ?? k;
  const system = child(event, 'System');
  if (!event) throw new EventFieldError('the record holds no <Event> element');
  if (!system) throw new EventFieldError('<System> is missing');
  const eventIdEl = child(system, 'EventID');
  const provider = child(system, 'Provider');
  const created = parseInstant(attr(child(system, 'TimeCreated'), 'SystemTime'));

  const data: Record<string, string> = {};
  const params: string[] = [];
  let userDataName: string | null = null;
  let binary: string | null = null;
  const eventData = child(event, 'EventData');
  if (eventData) {
    let position = 0;
    for (const k of eventData.kids) {
      if (!isEl(k)) continue;
      if (k.name === 'Data') {
        position++;
        const name = attr(k, 'Name');
        addData(data, params, name ? name : `param${position}`, textOf(k));
      } else if (k.name === 'Binary') {
        binary = textOf(k).trim();
      }
    }
  }
  let payload: XEl | undefined;
  for (const k of child(event, 'UserData')?.kids ?? []) if (isEl(k)) payload = payload ?? k;
  if (payload) {
    userDataName = payload.name;
    for (const k of payload.kids) if (isEl(k)) addData(data, params, k.name, textOf(k));
  }

  return buildEvent(
    {
      provider: attr(provider, 'Name') ?? attr(provider, 'EventSourceName') ?? '',
      providerGuid: attr(provider, 'Guid') ?? null,
      eventId: requireEventId(eventIdEl && textOf(eventIdEl).trim(), 'EventID'),
      qualifiers: optionalInt(attr(eventIdEl, 'Qualifiers')),
      version: optionalInt(text(system, 'Version')),
      level: requireLevel(text(system, 'Level'), 'Level'),
      task: optionalInt(text(system, 'Task')),
      opcode: optionalInt(text(system, 'Opcode')),
      keywords: keywordsFromHex(text(system, 'Keywords')),
      time: created ?? written,
      recordId: optionalInt(text(system, 'EventRecordID')),
      channel: text(system, 'Channel') ?? '',
      computer: text(system, 'Computer') ?? '',
      message: null,
      data,
      params,
      userDataName,
      binary,
      raw,
    },
    ctx,
  );
}
