/**
 * Field readers for bundle records. A record is one cmdlet row as ConvertTo-Json wrote it, so every
 * field may be missing, null, a number where a string was expected, or hostile. `Row` reads one
 * field at a time; a field that makes the record unusable throws `RecordError` with a sentence
 * naming the field and the value, and the part loop turns that into a Reject for that record only.
 *
 * Tolerance rules (documented in docs/collectors.md): identity fields (names, MACs) and the enum
 * fields the engine decides on must be valid or the record is rejected; descriptive fields that are
 * missing or of the wrong type become null (or their documented default) instead.
 */
import { enumName, onOff, type EnumTable } from './bundle-enums.ts';
import { normalizeMac, ZERO_MAC, type Mac } from '../../server/model/mac.ts';

export class RecordError extends Error {}

/** Longest accepted name (adapter, team, switch, VM): Windows' own limits are far below this. */
export const MAX_NAME = 256;
/** Longest accepted free-text field (descriptions, IDs, IPs). */
export const MAX_TEXT = 1024;
/** Most items read from one list field inside a record (team members, IP addresses). */
export const MAX_LIST = 256;

// C0/C1 controls and DEL carry no meaning in any cmdlet field; a NUL would also break storage.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

/** Shows a hostile value inside a reject reason without letting it grow the reason unboundedly. */
export function show(value: unknown): string {
  let s: string;
  if (typeof value === 'string') s = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  else if (Array.isArray(value)) s = 'an array';
  else if (value === null) s = 'null';
  else if (typeof value === 'object') s = 'an object';
  else s = String(value);
  return s;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Windows PowerShell 5.1 sometimes writes an array as `{"value": [...], "Count": n}` (the extended
 * Count property of System.Array); this gives the plain array back and leaves anything else alone.
 */
export function unwrapPsArray(v: unknown): unknown {
  if (isPlainObject(v) && Array.isArray(v.value) && Object.hasOwn(v, 'Count')) return v.value;
  return v;
}

/** Text from a string or number; null for missing, empty or non-scalar values. */
export function textOf(value: unknown, max: number, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  if (value.length > max) throw new RecordError(`${field} is longer than ${max} characters`);
  const s = value.replace(CONTROLS, '').trim();
  return s.length === 0 ? null : s;
}

/** true/false and "True"/"False" (any case); anything else is null. */
export function boolOf(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const s = value.trim().toLowerCase();
    if (s === 'true') return true;
    if (s === 'false') return false;
  }
  return null;
}

/** A non-negative safe integer from a number or a decimal string; anything else is null. */
export function intOf(value: unknown): number | null {
  const n = typeof value === 'string' && /^\s*\d{1,16}\s*$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : null;
}

const SPEED = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(?:bps|b\/s|bit\/s)$/i;
const SPEED_UNIT: Record<string, number> = { '': 1, k: 1e3, m: 1e6, g: 1e9, t: 1e12 };

/** Bits per second from a number (already bps) or Get-NetAdapter's text (`10 Gbps`, `0 bps`). */
export function speedOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value) : null;
  if (typeof value !== 'string' || value.length > 32) return null;
  const s = value.trim();
  if (/^\d+$/.test(s)) return intOf(s);
  const m = SPEED.exec(s);
  if (!m) return null;
  const bps = Math.round(Number(m[1]) * SPEED_UNIT[m[2].toLowerCase()]);
  return Number.isSafeInteger(bps) ? bps : null;
}

/**
 * A list of strings from a JSON array, a bare string (PowerShell unwraps one-element arrays), or
 * the formatted `{a, b}` text PowerShell prints for arrays. Non-string items are skipped.
 */
export function listOf(input: unknown, field: string): string[] {
  const value = unwrapPsArray(input);
  if (value === undefined || value === null) return [];
  let items: unknown[];
  if (Array.isArray(value)) items = value;
  else if (typeof value === 'string') {
    const braced = /^\{(.*)\}$/s.exec(value.trim());
    items = braced ? braced[1].split(',') : [value];
  } else if (typeof value === 'number') items = [value];
  else throw new RecordError(`${field} is ${show(value)}, expected a list of strings`);
  if (items.length > MAX_LIST) throw new RecordError(`${field} has ${items.length} items, more than ${MAX_LIST}`);
  const out: string[] = [];
  for (const item of items) {
    const s = textOf(item, MAX_TEXT, field);
    if (s !== null) out.push(s);
  }
  return out;
}

/** Reads one record's fields; each reader either returns a usable value or throws RecordError. */
export class Row {
  constructor(private readonly rec: Record<string, unknown>) {}

  get(key: string): unknown {
    return Object.hasOwn(this.rec, key) ? this.rec[key] : undefined;
  }

  has(key: string): boolean {
    const v = this.get(key);
    return v !== undefined && v !== null;
  }

  /** A required name: a non-empty string (or number, as Windows allows names like `1`). */
  name(key = 'Name'): string {
    const v = this.get(key);
    if (v === undefined || v === null) throw new RecordError(`${key} is missing`);
    const s = textOf(v, MAX_NAME, key);
    if (s === null) throw new RecordError(`${key} is ${show(v)}, expected a non-empty string`);
    return s;
  }

  text(key: string, max = MAX_TEXT): string | null {
    return textOf(this.get(key), max, key);
  }

  bool(key: string): boolean | null {
    return boolOf(this.get(key));
  }

  int(key: string): number | null {
    return intOf(this.get(key));
  }

  speed(key: string): number | null {
    return speedOf(this.get(key));
  }

  list(key: string): string[] {
    return listOf(this.get(key), key);
  }

  onOff(key: string): boolean | null {
    return onOff(this.get(key));
  }

  /** A required enum: the first present key of `keys`, mapped through `table`. */
  enumOf(table: EnumTable, ...keys: string[]): string {
    for (const key of keys) {
      const v = this.get(key);
      if (v === undefined || v === null) continue;
      const name = enumName(table, v);
      if (name === null) throw new RecordError(`${key} is ${show(v)}, expected a number or a name`);
      return name;
    }
    throw new RecordError(`${keys.join(' / ')} is missing`);
  }

  /** An optional enum: null when missing or unreadable. */
  maybeEnum(table: EnumTable, key: string): string | null {
    return enumName(table, this.get(key));
  }

  /**
   * A MAC address: null when missing, empty or all zeros (a dynamic vNIC that never started); a
   * value that is present but not a MAC rejects the record, because the MAC is what every join uses.
   */
  mac(key: string): Mac | null {
    const v = this.get(key);
    if (v === undefined || v === null || v === '') return null;
    const mac = normalizeMac(v);
    if (mac === null) throw new RecordError(`${key} ${show(v)} is not a MAC address`);
    return mac === ZERO_MAC ? null : mac;
  }
}
