/**
 * Timestamps at the start of a non-RFC-5424 syslog header. Accepted forms (each optionally
 * followed by `:` as Cisco and NX-OS print it):
 *
 * - BSD / RFC 3164: `Mar  1 00:01:02`, with Cisco's extensions: milliseconds (`.123`), a year
 *   after the day (`Mar  1 2026 00:01:02`, `service timestamps log datetime year`) and a zone
 *   (`UTC`, `CET`, `+02:00`) before the colon;
 * - NX-OS: `2026 Jan  1 00:00:00[.123] [UTC]`;
 * - RFC 3339 as rsyslog's high-precision template and EOS write it: `2013-07-21T09:00:12.516555-07:00`.
 *
 * Cisco marks the timestamp with `*` when the clock is not authoritative (never set since boot,
 * typically `*Mar  1 00:01:02`): such a time is recognized but not used (`trusted: false`), so the
 * line falls back to the receive time instead of landing months in the past. `.` (NTP sync lost)
 * still trusts the clock. Without a year the year is taken from the receive time, and if that puts
 * the time more than a day in the future the previous year is used. Without a zone the time is
 * UTC. A zone name outside the small table below (Cisco lets operators name zones freely) makes
 * the time unusable rather than silently hours off.
 */
import { parseInstant } from '../../server/model/time.ts';

const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
};

/** Zone abbreviations with one common meaning, in minutes east of UTC (CST is read as US Central). */
const ZONES: Record<string, number> = {
  UTC: 0, GMT: 0, UT: 0, UCT: 0, Z: 0, WET: 0,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  AKST: -540, AKDT: -480, HST: -600,
  CET: 60, CEST: 120, MET: 60, MEST: 120, WEST: 60, BST: 60, EET: 120, EEST: 180, MSK: 180,
  SGT: 480, HKT: 480, JST: 540, KST: 540, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
};

const DAY_MS = 86_400_000;

export interface HeaderTime {
  /** Epoch ms, or null when the text had a timestamp that cannot be used (see `trusted`). */
  ms: number | null;
  /** Characters consumed, including a trailing `:` and the spaces after the timestamp. */
  length: number;
  /** True when the timestamp ended with `:` (Cisco/NX-OS style: no hostname follows). */
  colon: boolean;
}

const BSD = /^([A-Za-z]{3}) {1,2}(\d{1,2})(?: (\d{4}))? (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?: ([A-Za-z]{1,5}|[+-]\d{2}:?\d{2}))?(:?)/;
const NXOS = /^(\d{4}) ([A-Za-z]{3}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?: ([A-Za-z]{1,5}|[+-]\d{2}:?\d{2}))?(:?)/;
const ISO = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)(:?)/i;

/** Offset in minutes east of UTC for a zone token; undefined when unknown. */
function zoneOffset(zone: string | undefined): number | undefined {
  if (zone === undefined) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  const upper = zone.toUpperCase();
  return Object.prototype.hasOwnProperty.call(ZONES, upper) ? ZONES[upper] : undefined;
}

/**
 * Whether the word after the time is a zone: only when a colon follows it, and then when it is a
 * known zone or numeric offset, or when a Cisco mnemonic (`%`) follows (an operator-named zone,
 * whose offset is unknown). `Mar  1 00:01:02 sshd: …` keeps `sshd:` as the program tag.
 */
function isZone(zone: string, colon: boolean, text: string, end: number): boolean {
  if (!colon) return false;
  if (zoneOffset(zone) !== undefined) return true;
  return text.charCodeAt(skipSpaces(text, end)) === 0x25;
}

/** UTC ms for the fields, or null for impossible dates (Feb 30, 25:00). */
function utc(year: number, month: number, day: number, h: number, mi: number, s: number, frac: string | undefined): number | null {
  if (h > 23 || mi > 59 || s > 60 || day < 1) return null;
  const ms = Date.UTC(year, month, day, h, mi, s, frac ? Number(frac.padEnd(3, '0').slice(0, 3)) : 0);
  const d = new Date(ms);
  return d.getUTCMonth() === month && d.getUTCDate() === day ? ms : null;
}

/** Consumes the spaces after position `at`. */
function skipSpaces(text: string, at: number): number {
  let i = at;
  while (i < text.length && text.charCodeAt(i) === 0x20) i++;
  return i;
}

/**
 * Reads a timestamp at the start of `text` (after any `*`/`.` marker, which the caller passes as
 * `unsynced`). A zone token is only taken when the colon follows it, so a hostname after a BSD
 * timestamp is never mistaken for a zone. Returns null when `text` does not start with a timestamp.
 */
export function readHeaderTime(text: string, receivedAt: number, unsynced: boolean): HeaderTime | null {
  const iso = ISO.exec(text);
  if (iso) {
    const instant = parseInstant(iso[1]);
    return { ms: instant && !unsynced ? instant.ms : null, length: skipSpaces(text, iso[0].length), colon: iso[2] === ':' };
  }
  let m = NXOS.exec(text);
  let fields: { y: number | null; mon: string; d: string; h: string; mi: string; s: string; frac?: string; zone?: string; colon: string } | null = null;
  if (m) fields = { y: Number(m[1]), mon: m[2], d: m[3], h: m[4], mi: m[5], s: m[6], frac: m[7], zone: m[8], colon: m[9] };
  else {
    m = BSD.exec(text);
    if (m) fields = { y: m[3] ? Number(m[3]) : null, mon: m[1], d: m[2], h: m[4], mi: m[5], s: m[6], frac: m[7], zone: m[8], colon: m[9] };
  }
  if (!m || !fields) return null;
  const month = MONTHS[fields.mon.toLowerCase()];
  if (month === undefined) return null;
  let consumed = m[0].length;
  let zone = fields.zone;
  let colon = fields.colon === ':';
  if (zone !== undefined && !isZone(zone, colon, text, consumed)) {
    // The word after the time is a hostname or a program tag (`sshd:`), not a zone.
    consumed -= zone.length + 1 + (colon ? 1 : 0);
    zone = undefined;
    colon = false;
  }
  const offset = zoneOffset(zone);
  const length = skipSpaces(text, consumed);
  if (unsynced || offset === undefined) return { ms: null, length, colon };
  const [d, h, mi, s] = [Number(fields.d), Number(fields.h), Number(fields.mi), Number(fields.s)];
  let ms: number | null;
  if (fields.y !== null) {
    ms = utc(fields.y, month, d, h, mi, s, fields.frac);
  } else {
    const year = new Date(receivedAt).getUTCFullYear();
    ms = utc(year, month, d, h, mi, s, fields.frac);
    if (ms !== null && ms - offset * 60_000 > receivedAt + DAY_MS) ms = utc(year - 1, month, d, h, mi, s, fields.frac);
  }
  return { ms: ms === null ? null : ms - offset * 60_000, length, colon };
}
