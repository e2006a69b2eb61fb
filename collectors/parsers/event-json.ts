/**
 * `Get-WinEvent | ConvertTo-Json` from Windows PowerShell 5.1 and PowerShell 7 (docs/domain.md
 * §2.2): one object or an array of them. 5.1 writes `TimeCreated` as `"\/Date(ms)\/"` (or, when a
 * bare DateTime was piped, as `{"value": "\/Date(ms)\/", "DisplayHint": 2, "DateTime": …}`);
 * PowerShell 7 writes ISO-8601, possibly with an offset. `Keywords` is a signed 64-bit decimal,
 * read from the source digits so no precision is lost. Payload values come from a projected
 * `Data` (array → param1..N, object → by name) or from `Properties` when they are
 * `[{"Value": …}]` objects (a deeper -Depth); the default depth's type-name strings carry nothing
 * and are ignored.
 *
 * A record that is unusable is rejected with its 0-based array `index` (0 for a lone object).
 */
import type { EventObservation } from '../../server/model/observation.ts';
import type { ParseContext, ParseResult, Parser, Reject } from './types.ts';
import { ParseError } from './types.ts';
import {
  addData,
  buildEvent,
  EventFieldError,
  keywordsFromDecimal,
  keywordsFromHex,
  levelFromName,
  optionalInt,
  reasonOf,
  requireEventId,
  requireLevel,
  requireTime,
} from './event-build.ts';
import { EXACT_PREFIX, isObject, protectIntegers, restoreIntegers, stringOr, valueText, type JsonObject } from './event-json-values.ts';

/** What ConvertTo-Json writes for an EventProperty it did not descend into. */
const PROPERTY_TYPE_NAME = /^System\.Diagnostics\.Eventing\.Reader\.\w*Property$/;

function keywordsOf(value: unknown): string | null {
  if (typeof value === 'string') {
    if (value.startsWith(EXACT_PREFIX)) return keywordsFromDecimal(value.slice(EXACT_PREFIX.length));
    return keywordsFromHex(value) ?? keywordsFromDecimal(value);
  }
  if (typeof value === 'number' && Number.isSafeInteger(value)) return keywordsFromDecimal(String(value));
  return null;
}

function timeOf(value: unknown): unknown {
  // 5.1's DateTime wrapper: the machine-readable part is `value`; `DateTime` is a display string.
  if (isObject(value)) return value.value ?? value.Value;
  return value;
}

function payloadOf(rec: JsonObject): { data: Record<string, string>; params: string[] } {
  const data: Record<string, string> = {};
  const params: string[] = [];
  const projected = rec.Data;
  if (Array.isArray(projected)) {
    projected.forEach((v, i) => addData(data, params, `param${i + 1}`, valueText(v)));
  } else if (isObject(projected)) {
    for (const [k, v] of Object.entries(projected)) addData(data, params, k, valueText(v));
  } else if (projected !== undefined && projected !== null) {
    addData(data, params, 'param1', valueText(projected));
  } else if (Array.isArray(rec.Properties)) {
    rec.Properties.forEach((p, i) => {
      if (typeof p === 'string' && PROPERTY_TYPE_NAME.test(p)) return;
      addData(data, params, `param${i + 1}`, valueText(isObject(p) && 'Value' in p ? p.Value : p));
    });
  }
  return { data, params };
}

function bracedGuid(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const g = value.trim();
  return /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(g) ? `{${g}}` : g;
}

/** One PowerShell event record → observation; throws EventFieldError with the reason. */
export function eventFromPowerShell(rec: unknown, ctx: ParseContext, raw: string): EventObservation {
  if (!isObject(rec)) throw new EventFieldError(`record is ${rec === null ? 'null' : Array.isArray(rec) ? 'an array' : `a ${typeof rec}`}, not an object`);
  const eventId = requireEventId(rec.Id ?? rec.EventID ?? rec.EventId, 'Id');
  const time = requireTime(timeOf(rec.TimeCreated), 'TimeCreated');
  const level =
    rec.Level === undefined || rec.Level === null
      ? (typeof rec.LevelDisplayName === 'string' ? levelFromName(rec.LevelDisplayName) : undefined) ?? 0
      : requireLevel(rec.Level, 'Level');
  const { data, params } = payloadOf(rec);
  return buildEvent(
    {
      provider: stringOr(rec.ProviderName, ''),
      providerGuid: bracedGuid(rec.ProviderId),
      eventId,
      qualifiers: optionalInt(rec.Qualifiers),
      version: optionalInt(rec.Version),
      level,
      task: optionalInt(rec.Task),
      opcode: optionalInt(rec.Opcode),
      keywords: keywordsOf(rec.Keywords),
      time,
      recordId: optionalInt(rec.RecordId),
      channel: stringOr(rec.LogName, stringOr(rec.ContainerLog, '')),
      computer: stringOr(rec.MachineName, ''),
      message: typeof rec.Message === 'string' ? rec.Message : null,
      data,
      params,
      userDataName: null,
      binary: null,
      raw,
    },
    ctx,
  );
}

const SNIFF_WINDOW = 4096;

/** JSON (object or array) whose first object has ProviderName, Id or RecordId, and TimeCreated. */
function sniff(text: string): number {
  const head = text.length > SNIFF_WINDOW ? text.slice(0, SNIFF_WINDOW) : text;
  const start = head.search(/\S/);
  if (start < 0) return 0;
  const c = head[start] === '\uFEFF' ? head.slice(start + 1).trimStart()[0] : head[start];
  if (c !== '{' && c !== '[') return 0;
  if (head.includes('"winlog"')) return 0;
  const has = (key: string) => new RegExp(`"${key}"\\s*:`).test(head);
  return has('ProviderName') && (has('Id') || has('RecordId')) && has('TimeCreated') ? 0.9 : 0;
}

export const parser: Parser = {
  id: 'event-json',
  description: 'Get-WinEvent | ConvertTo-Json from Windows PowerShell 5.1 or PowerShell 7',
  sniff,
  parse(text: string, ctx: ParseContext): ParseResult {
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    let parsed: unknown;
    try {
      parsed = JSON.parse(protectIntegers(body, 'Keywords'));
    } catch (err) {
      throw new ParseError('unparseable', `The body is not valid JSON: ${(err as Error).message}.`);
    }
    const records = Array.isArray(parsed) ? parsed : [parsed];
    if (!Array.isArray(parsed) && !isObject(parsed)) {
      throw new ParseError('unparseable', 'The body is JSON but neither an event object nor an array of them.');
    }
    const observations: EventObservation[] = [];
    const rejects: Reject[] = [];
    records.forEach((rec, index) => {
      try {
        const raw = restoreIntegers(JSON.stringify(rec) ?? 'null', 'Keywords');
        observations.push(eventFromPowerShell(rec, ctx, raw));
      } catch (err) {
        rejects.push({ index, reason: reasonOf(err) });
      }
    });
    return { observations, rejects };
  },
};
