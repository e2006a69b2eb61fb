/**
 * Small helpers for reading event fields out of parsed JSON (PowerShell and ECS documents):
 * payload values as strings, nested-or-dotted paths, and 64-bit integers kept exact.
 */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Longest payload value kept from a JSON object or array rendered as text. */
const MAX_RENDERED = 4096;

/**
 * A payload value as a string: strings as they are, numbers and booleans printed, null as the
 * empty string, an object carrying a `Value` (PowerShell's SecurityIdentifier, EventProperty)
 * as that value, anything else as compact JSON.
 */
export function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isObject(value) && 'Value' in value && (typeof value.Value !== 'object' || value.Value === null)) return valueText(value.Value);
  const json = JSON.stringify(value) ?? '';
  return json.length > MAX_RENDERED ? json.slice(0, MAX_RENDERED) : json;
}

/**
 * The value at `path` (`host.name`): nested objects first, then a literal dotted key at any level
 * (`{"host.name": …}`), as flattening shippers write it.
 */
export function pick(obj: JsonObject, path: string): unknown {
  const parts = path.split('.');
  let cur: unknown = obj;
  for (let i = 0; i < parts.length; i++) {
    if (!isObject(cur)) return undefined;
    const rest = parts.slice(i).join('.');
    if (i < parts.length - 1 && Object.prototype.hasOwnProperty.call(cur, rest)) return cur[rest];
    if (!Object.prototype.hasOwnProperty.call(cur, parts[i])) return undefined;
    cur = cur[parts[i]];
  }
  return cur;
}

export function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

/**
 * Marks a decimal integer that JSON.parse would round (Keywords is a 64-bit value): the source's
 * digits are kept as a string behind this prefix. JSON strings cannot hold a raw U+0000, so a
 * marked value can only come from this rewrite (or from a literal `\u0000` escape, which at worst
 * is read as keywords).
 */
export const EXACT_PREFIX = '\u0000int:';

/**
 * Rewrites `"<key>": <integer>` to `"<key>": "\u0000int:<digits>"` before JSON.parse so the
 * digits survive. Inside JSON strings quotes are escaped, so a match is always a real key. The
 * pattern has no nested quantifiers and is linear in the text length.
 */
export function protectIntegers(text: string, key: string): string {
  const re = new RegExp(`("${key}"\\s*:\\s*)(-?\\d{1,24})(?=\\s*[,}\\]])`, 'g');
  return text.replace(re, (_m, head: string, digits: string) => `${head}"\\u0000int:${digits}"`);
}

/** Undoes protectIntegers in JSON text produced by JSON.stringify (for `raw`). */
export function restoreIntegers(json: string, key: string): string {
  const re = new RegExp(`("${key}":)"\\\\u0000int:(-?\\d{1,24})"`, 'g');
  return json.replace(re, '$1$2');
}
