/**
 * Timestamps are UTC. An instant is kept as epoch milliseconds (`ms`, for ordering and indexes)
 * plus `ticks`, the 100-ns units inside that millisecond (0–9999), so Windows' 7-digit
 * `SystemTime` survives a round trip. Sources with coarser precision simply have `ticks` 0.
 */
export interface Instant {
  ms: number;
  ticks: number;
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const MS_DATE = /^\/?Date\((-?\d+)([+-]\d{4})?\)\/?$/;

/**
 * Parses ISO-8601 with 0–9 fractional digits and an optional offset (no offset means UTC, as
 * Windows writes it), PowerShell 5.1's `\/Date(ms)\/`, and epoch numbers (seconds below 1e11,
 * otherwise milliseconds). Returns null for anything else, including impossible dates.
 */
export function parseInstant(input: unknown): Instant | null {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return null;
    const ms = Math.abs(input) < 1e11 ? input * 1000 : input;
    return { ms: Math.floor(ms), ticks: Math.round((ms - Math.floor(ms)) * 10000) % 10000 };
  }
  if (typeof input !== 'string') return null;
  const s = input.trim();
  if (s.length === 0 || s.length > 64) return null;
  const d = MS_DATE.exec(s.replace(/\\\//g, '/'));
  if (d) {
    const ms = Number(d[1]);
    return Number.isSafeInteger(ms) ? { ms, ticks: 0 } : null;
  }
  const m = ISO.exec(s);
  if (!m) {
    if (/^-?\d+(\.\d+)?$/.test(s)) return parseInstant(Number(s));
    return null;
  }
  const [, y, mo, da, h, mi, se, frac, tz] = m;
  const base = Date.UTC(+y, +mo - 1, +da, +h, +mi, se ? +se : 0);
  if (!Number.isFinite(base)) return null;
  const check = new Date(base);
  if (check.getUTCMonth() !== +mo - 1 || check.getUTCDate() !== +da || +h > 23 || +mi > 59 || (se && +se > 60)) {
    return null;
  }
  let offsetMin = 0;
  if (tz && tz.toUpperCase() !== 'Z') {
    const sign = tz[0] === '-' ? -1 : 1;
    const digits = tz.slice(1).replace(':', '');
    offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
  }
  const f = (frac ?? '').padEnd(7, '0');
  const msFrac = Number(f.slice(0, 3));
  const ticks = Number(f.slice(3, 7));
  return { ms: base + msFrac - offsetMin * 60000, ticks };
}

/** ISO-8601 UTC with 7 fractional digits when ticks are present, else milliseconds. */
export function formatInstant(ms: number, ticks = 0): string {
  const iso = new Date(ms).toISOString();
  if (!ticks) return iso;
  return `${iso.slice(0, 23)}${String(ticks).padStart(4, '0')}Z`;
}

/** Milliseconds as ISO-8601 UTC (the API's format for times that have no sub-ms part). */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
