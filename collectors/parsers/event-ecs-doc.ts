/**
 * One Winlogbeat / Elastic Agent ECS document → an event observation (docs/domain.md §2.3).
 * `winlog.event_id` and `winlog.record_id` arrive as strings (numbers accepted too); the level is
 * `log.level`'s lower-case name; `@timestamp` has millisecond precision; payload is
 * `winlog.event_data` (its `Binary` key → `binary`) or `winlog.user_data` (whose `xml_name` names
 * the UserData element). Nested
 * objects and flattened dotted keys (`"winlog.event_id"`) are both read.
 */
import type { EventObservation } from '../../server/model/observation.ts';
import type { ParseContext } from './types.ts';
import {
  addData,
  buildEvent,
  EventFieldError,
  intFrom,
  keywordsFromHex,
  levelFromName,
  optionalInt,
  requireEventId,
  requireTime,
} from './event-build.ts';
import { isObject, pick, valueText, type JsonObject } from './event-json-values.ts';

/** Opcode names as Winlogbeat renders the standard winmeta opcodes; other names → null. */
const OPCODES: Record<string, number> = { info: 0, start: 1, stop: 2 };

function opcodeOf(value: unknown): number | null {
  const n = intFrom(value);
  if (n !== undefined) return n >= 0 ? n : null;
  if (typeof value !== 'string') return null;
  const key = value.trim().toLowerCase();
  return Object.prototype.hasOwnProperty.call(OPCODES, key) ? OPCODES[key] : null;
}

/**
 * `log.level` (a name such as `warning`) or a number. An unknown name — Winlogbeat renders names
 * in the host's display language — gives 0 rather than losing the event: rules key on provider
 * and event ID, and the level is secondary evidence.
 */
function levelOf(value: unknown): number {
  const n = intFrom(value);
  if (n !== undefined) return n >= 0 && n <= 255 ? n : 0;
  return typeof value === 'string' ? (levelFromName(value) ?? 0) : 0;
}

/** `winlog.keywords` is a list of names; only a hex value among them (or instead of it) is kept. */
function keywordsOf(value: unknown): string | null {
  if (Array.isArray(value)) {
    for (const k of value) {
      const hex = keywordsFromHex(k);
      if (hex) return hex;
    }
    return null;
  }
  return keywordsFromHex(value);
}

function firstString(...values: unknown[]): string {
  for (const v of values) if (typeof v === 'string' && v.trim() !== '') return v;
  return '';
}

function payloadOf(winlog: JsonObject | undefined, doc: JsonObject) {
  const data: Record<string, string> = {};
  const params: string[] = [];
  let userDataName: string | null = null;
  let binary: string | null = null;
  const eventData = winlog ? winlog.event_data : pick(doc, 'winlog.event_data');
  const userData = winlog ? winlog.user_data : pick(doc, 'winlog.user_data');
  if (isObject(eventData)) {
    for (const [k, v] of Object.entries(eventData)) {
      // Winlogbeat puts a legacy event's <Binary> beside its data as `Binary`; keep it where the
      // XML parser keeps it, so the payload means the same whichever way it arrived.
      if (k === 'Binary' && typeof v === 'string') binary = v;
      else addData(data, params, k, valueText(v));
    }
  } else if (isObject(userData)) {
    for (const [k, v] of Object.entries(userData)) {
      if (k === 'xml_name') userDataName = valueText(v);
      else addData(data, params, k, valueText(v));
    }
  }
  return { data, params, userDataName, binary };
}

/** Throws EventFieldError with the reason when the document is not a usable event. */
export function eventFromEcs(doc: unknown, raw: string, ctx: ParseContext): EventObservation {
  if (!isObject(doc)) throw new EventFieldError(`document is ${doc === null ? 'null' : Array.isArray(doc) ? 'an array' : `a ${typeof doc}`}, not an object`);
  const winlog = isObject(doc.winlog) ? doc.winlog : undefined;
  const w = (field: string): unknown => (winlog ? winlog[field] : pick(doc, `winlog.${field}`));

  const idValue = w('event_id') ?? pick(doc, 'event.code');
  const eventId = requireEventId(idValue, w('event_id') !== undefined ? 'winlog.event_id' : 'winlog.event_id (or event.code)');
  const time = requireTime(doc['@timestamp'], '@timestamp');
  const original = pick(doc, 'event.original');
  const { data, params, userDataName, binary } = payloadOf(winlog, doc);

  return buildEvent(
    {
      provider: firstString(w('provider_name'), pick(doc, 'event.provider')),
      providerGuid: firstString(w('provider_guid')) || null,
      eventId,
      qualifiers: null,
      version: optionalInt(w('version')),
      level: levelOf(pick(doc, 'log.level')),
      task: optionalInt(w('task')),
      opcode: opcodeOf(w('opcode')),
      keywords: keywordsOf(w('keywords')),
      time,
      recordId: optionalInt(w('record_id')),
      channel: firstString(w('channel')),
      computer: firstString(w('computer_name'), pick(doc, 'host.name'), pick(doc, 'agent.hostname')),
      message: typeof doc.message === 'string' ? doc.message : null,
      data,
      params,
      userDataName,
      binary,
      raw: typeof original === 'string' && original.trim() !== '' ? original : raw,
    },
    ctx,
  );
}
