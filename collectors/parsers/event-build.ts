/**
 * Normalisation shared by the three Windows event formats (event XML, PowerShell JSON, ECS), so
 * an event means the same thing whichever way it arrived: level numbers 0–5 (names mapped),
 * keywords as a lower-case hex string, provider names verbatim (the engine maps aliases),
 * `computer` as written, and `host` = the context's host when given, else the first label of
 * `computer`. A field that makes the event unusable raises EventFieldError with a sentence naming
 * the field and what was wrong; each parser turns that into a Reject or a ParseError.
 */
import type { EventObservation } from '../../server/model/observation.ts';
import { parseInstant, type Instant } from '../../server/model/time.ts';
import type { ParseContext } from './types.ts';
import { setOwn } from './xml.ts';

export class EventFieldError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'EventFieldError';
  }
}

/** A short, safe rendering of a bad value for a reject reason (never the whole of a huge value). */
export function show(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') {
    const cut = value.length > 60 ? `${value.slice(0, 60)}…` : value;
    return `'${cut.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}'`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** An integer from a number or a decimal string (surrounding whitespace allowed), else undefined. */
export function intFrom(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  if (s.length === 0 || s.length > 16 || !/^-?\d+$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Optional numeric fields (version, task, opcode, qualifiers, record id): absent or unusable → null. */
export function optionalInt(value: unknown): number | null {
  const n = intFrom(value);
  return n === undefined || n < 0 ? null : n;
}

/** The event ID, required: an integer 0–65535. */
export function requireEventId(value: unknown, field: string): number {
  if (isBlank(value)) throw new EventFieldError(`${field} is missing`);
  const n = intFrom(value);
  if (n === undefined) throw new EventFieldError(`${field} ${show(value)} is not an integer`);
  if (n < 0 || n > 0xffff) throw new EventFieldError(`${field} ${n} is outside 0–65535`);
  return n;
}

const LEVEL_NAMES: Record<string, number> = {
  logalways: 0,
  critical: 1,
  error: 2,
  warning: 3,
  information: 4,
  info: 4,
  verbose: 5,
};

/** Level number for an English level name (any case), as Winlogbeat and RenderingInfo write them. */
export function levelFromName(name: string): number | undefined {
  const key = name.trim().toLowerCase();
  return Object.prototype.hasOwnProperty.call(LEVEL_NAMES, key) ? LEVEL_NAMES[key] : undefined;
}

/**
 * The level: a number 0–255 or a level name. Absent means 0 (LogAlways). Values above 5 are
 * provider-defined levels and are kept as they are.
 */
export function requireLevel(value: unknown, field: string): number {
  if (isBlank(value)) return 0;
  const n = intFrom(value);
  if (n !== undefined) {
    if (n < 0 || n > 255) throw new EventFieldError(`${field} ${n} is outside 0–255`);
    return n;
  }
  const named = typeof value === 'string' ? levelFromName(value) : undefined;
  if (named === undefined) throw new EventFieldError(`${field} ${show(value)} is not a level number or name`);
  return named;
}

/** The event time, required. */
export function requireTime(value: unknown, field: string): Instant {
  if (isBlank(value)) throw new EventFieldError(`${field} is missing`);
  const t = parseInstant(value);
  if (!t) throw new EventFieldError(`${field} ${show(value)} is not a recognised time`);
  return t;
}

/** Keywords written as hex (`0x8000000000000000`), lower-cased; anything else → null. */
export function keywordsFromHex(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const s = value.trim();
  return /^0x[0-9a-fA-F]{1,16}$/.test(s) ? s.toLowerCase() : null;
}

/**
 * Keywords written as a decimal 64-bit integer, signed (PowerShell's Int64) or unsigned, given
 * as the source's digits so no precision is lost: `-9223372036854775808` → `0x8000000000000000`.
 */
export function keywordsFromDecimal(digits: string): string | null {
  const s = digits.trim();
  if (!/^-?\d{1,20}$/.test(s)) return null;
  const n = BigInt(s);
  if (n < -(1n << 63n) || n >= 1n << 64n) return null;
  return `0x${BigInt.asUintN(64, n).toString(16)}`;
}

/** `host` for an event: the context's host when given, else the first label of `computer` as written. */
export function hostFor(ctx: ParseContext, computer: string): string {
  const given = ctx.host?.trim();
  if (given) return given;
  const c = computer.trim();
  // An IP address is its own name; only DNS names are cut at the first dot.
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(c) || c.includes(':')) return c;
  const dot = c.indexOf('.');
  return dot > 0 ? c.slice(0, dot) : c;
}

/** Adds a payload value: first occurrence of a key wins; every value still goes to `params`. */
export function addData(data: Record<string, string>, params: string[], key: string, value: string): void {
  if (!Object.prototype.hasOwnProperty.call(data, key)) setOwn(data, key, value);
  params.push(value);
}

export interface EventFields {
  provider: string;
  providerGuid: string | null;
  eventId: number;
  qualifiers: number | null;
  version: number | null;
  level: number;
  task: number | null;
  opcode: number | null;
  keywords: string | null;
  time: Instant;
  recordId: number | null;
  channel: string;
  computer: string;
  message: string | null;
  data: Record<string, string>;
  params: string[];
  userDataName: string | null;
  binary: string | null;
  raw: string;
}

/** Assembles the observation; refuses an event with no provider or no host to attribute it to. */
export function buildEvent(f: EventFields, ctx: ParseContext): EventObservation {
  const provider = f.provider.trim();
  if (!provider) throw new EventFieldError('provider name is missing');
  const computer = f.computer.trim();
  const host = hostFor(ctx, computer);
  if (!host) throw new EventFieldError('no host: the computer name is missing and no host was given');
  return {
    kind: 'event',
    host,
    time: f.time.ms,
    ticks: f.time.ticks,
    provider,
    providerGuid: f.providerGuid?.trim() || null,
    eventId: f.eventId,
    qualifiers: f.qualifiers,
    version: f.version,
    level: f.level,
    task: f.task,
    opcode: f.opcode,
    keywords: f.keywords,
    channel: f.channel.trim(),
    recordId: f.recordId,
    computer,
    message: f.message,
    data: f.data,
    params: f.params,
    userDataName: f.userDataName,
    binary: f.binary,
    raw: f.raw,
  };
}

/** The reason of an EventFieldError; anything else is a bug and is rethrown. */
export function reasonOf(err: unknown): string {
  if (err instanceof EventFieldError) return err.message;
  throw err;
}
