/**
 * EVTX primitives: little-endian reads, UTF-16 strings, and the rendering of BinXML value types
 * to the text `wevtutil` prints (times with 7 fractional digits, hex integers as `0x…`). Pure.
 * The readers here do not check bounds: callers check with `need` first, and every structural
 * problem throws `EvtxCorrupt`, which the record walker turns into that record's reject.
 */

/** A structural problem in one record (or template); the record is rejected with this reason. */
export class EvtxCorrupt extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvtxCorrupt';
  }
}

export function u16(b: Uint8Array, p: number): number {
  return b[p] | (b[p + 1] << 8);
}

export function u32(b: Uint8Array, p: number): number {
  return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
}

/** Unsigned 64-bit as a decimal string (exact, via two 32-bit halves). */
export function u64dec(b: Uint8Array, p: number): string {
  const hi = u32(b, p + 4);
  const lo = u32(b, p);
  return hi === 0 ? String(lo) : ((BigInt(hi) << 32n) | BigInt(lo)).toString();
}

/** Unsigned 64-bit as a JS number; exact below 2^53 (record ids, chunk numbers). */
export function u64num(b: Uint8Array, p: number): number {
  return u32(b, p + 4) * 0x1_0000_0000 + u32(b, p);
}

export function need(p: number, n: number, limit: number, what: string): void {
  if (n < 0 || p + n > limit) throw new EvtxCorrupt(`${what} runs past the end of its data (needs ${n} bytes at offset ${p})`);
}

const utf16 = new TextDecoder('utf-16le');
const ansi = new TextDecoder('windows-1252');

/**
 * `n` UTF-16LE code units at `p`. Short strings are assembled directly (the common case: names
 * and small values); anything containing a surrogate goes through TextDecoder so a lone
 * surrogate becomes U+FFFD exactly as it would for long strings.
 */
export function readUtf16(b: Uint8Array, p: number, n: number): string {
  if (n > 48) return utf16.decode(b.subarray(p, p + 2 * n));
  let s = '';
  for (let i = 0; i < n; i++) {
    const c = b[p + 2 * i] | (b[p + 2 * i + 1] << 8);
    if (c >= 0xd800 && c <= 0xdfff) return utf16.decode(b.subarray(p, p + 2 * n));
    s += String.fromCharCode(c);
  }
  return s;
}

/** Windows strings often carry their terminator inside the declared size; it is not content. */
function trimNuls(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 0) end--;
  return end === s.length ? s : s.slice(0, end);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0'));

export function hexUpper(b: Uint8Array, p: number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += HEX[b[p + i]];
  return s;
}

function hexRun(b: Uint8Array, p: number, n: number, reverse: boolean): string {
  let s = '';
  for (let i = 0; i < n; i++) s += HEX[b[reverse ? p + n - 1 - i : p + i]];
  return s;
}

/**
 * GUID as `{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}` (first three fields little-endian), upper case
 * as libevtx prints GUID values. Current `wevtutil` prints some GUIDs (Provider Guid) in lower
 * case, so GUIDs must be compared case-insensitively; a GUID written as text in a template (some
 * classic providers' Guid attribute) keeps its own spelling.
 */
export function guid(b: Uint8Array, p: number): string {
  return `{${hexRun(b, p, 4, true)}-${hexRun(b, p + 4, 2, true)}-${hexRun(b, p + 6, 2, true)}-${hexRun(b, p + 8, 2, false)}-${hexRun(b, p + 10, 6, false)}}`;
}

const FILETIME_EPOCH_MS = 11_644_473_600_000;

/**
 * FILETIME (100-ns units since 1601) → epoch ms plus the 100-ns ticks inside that millisecond,
 * exactly: 2^32 = 429496·10000 + 7296, so hi·2^32 + lo = 10000·(hi·429496) + (hi·7296 + lo) and
 * every intermediate stays below 2^53.
 */
export function filetime(b: Uint8Array, p: number): { ms: number; ticks: number } {
  const hi = u32(b, p + 4);
  const lo = u32(b, p);
  const rest = hi * 7296 + lo;
  return { ms: hi * 429496 + Math.floor(rest / 10000) - FILETIME_EPOCH_MS, ticks: rest % 10000 };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** ISO-8601 UTC with 7 fractional digits, as `wevtutil` prints SystemTime; never throws. */
export function isoTicks(ms: number, ticks: number): string {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const year = y >= 0 && y <= 9999 ? pad(y, 4) : (y < 0 ? '-' : '+') + pad(Math.abs(y), 6);
  return `${year}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${pad(d.getUTCMilliseconds(), 3)}${pad(ticks, 4)}Z`;
}

/** SYSTEMTIME (8 × u16: year, month, weekday, day, hour, minute, second, ms), rendered like FILETIME. */
function systemtime(b: Uint8Array, p: number): string {
  return `${pad(u16(b, p), 4)}-${pad(u16(b, p + 2), 2)}-${pad(u16(b, p + 6), 2)}T${pad(u16(b, p + 8), 2)}:${pad(u16(b, p + 10), 2)}:${pad(u16(b, p + 12), 2)}.${pad(u16(b, p + 14), 3)}0000Z`;
}

/** `S-1-5-21-…`; the 48-bit authority is big-endian, sub-authorities little-endian u32. */
function sid(b: Uint8Array, p: number, n: number): string {
  if (n < 8) throw new EvtxCorrupt(`SID of ${n} bytes is too short`);
  const count = b[p + 1];
  if (8 + 4 * count > n) throw new EvtxCorrupt(`SID declares ${count} sub-authorities but has ${n} bytes`);
  let auth = 0;
  for (let i = 2; i < 8; i++) auth = auth * 256 + b[p + i];
  let s = `S-${b[p]}-${auth}`;
  for (let i = 0; i < count; i++) s += `-${u32(b, p + 8 + 4 * i)}`;
  return s;
}

/** Shortest decimal that reads back as the same float32 (Windows prints floats compactly). */
function real32(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  for (let prec = 1; prec <= 9; prec++) {
    const s = Number(v.toPrecision(prec));
    if (Math.fround(s) === v) return String(s);
  }
  return String(v);
}

function view(b: Uint8Array, p: number, n: number): DataView {
  return new DataView(b.buffer, b.byteOffset + p, n);
}

/** Fixed width of the scalar value types (0 = variable length). */
export const FIXED_SIZE: Record<number, number> = {
  0x03: 1, 0x04: 1, 0x05: 2, 0x06: 2, 0x07: 4, 0x08: 4, 0x09: 8, 0x0a: 8, 0x0b: 4, 0x0c: 8,
  0x0d: 4, 0x0f: 16, 0x11: 8, 0x12: 16, 0x14: 4, 0x15: 8,
};

/**
 * Renders one scalar of `type` occupying exactly `n` bytes at `p` (caller has bounds-checked).
 * Returns the text EvtRender produces: decimal integers, `0x…` lower-case for HexInt32/64 and
 * SizeT, `true`/`false`, upper-case hex for binary, `{…}` GUIDs, ISO times, `S-1-…` SIDs.
 */
export function renderScalar(type: number, b: Uint8Array, p: number, n: number): string {
  const fixed = FIXED_SIZE[type];
  if (fixed !== undefined && n < fixed) throw new EvtxCorrupt(`value of type 0x${type.toString(16)} needs ${fixed} bytes, has ${n}`);
  switch (type) {
    case 0x00:
      return '';
    case 0x01:
      return trimNuls(readUtf16(b, p, n >> 1));
    case 0x02:
      return trimNuls(ansi.decode(b.subarray(p, p + n)));
    case 0x03:
      return String((b[p] << 24) >> 24);
    case 0x04:
      return String(b[p]);
    case 0x05:
      return String((u16(b, p) << 16) >> 16);
    case 0x06:
      return String(u16(b, p));
    case 0x07:
      return String(u32(b, p) | 0);
    case 0x08:
      return String(u32(b, p));
    case 0x09:
      return view(b, p, n).getBigInt64(0, true).toString();
    case 0x0a:
      return u64dec(b, p);
    case 0x0b:
      return real32(view(b, p, n).getFloat32(0, true));
    case 0x0c:
      return String(view(b, p, n).getFloat64(0, true));
    case 0x0d:
      return u32(b, p) !== 0 ? 'true' : 'false';
    case 0x0e:
      return hexUpper(b, p, n);
    case 0x0f:
      return guid(b, p);
    case 0x10: // SizeT: pointer-sized, rendered as hex like HexInt32/64.
      if (n === 4) return `0x${u32(b, p).toString(16)}`;
      if (n === 8) return `0x${view(b, p, n).getBigUint64(0, true).toString(16)}`;
      throw new EvtxCorrupt(`SizeT value of ${n} bytes`);
    case 0x11: {
      const t = filetime(b, p);
      return isoTicks(t.ms, t.ticks);
    }
    case 0x12:
      return systemtime(b, p);
    case 0x13:
      return sid(b, p, n);
    case 0x14:
      return `0x${u32(b, p).toString(16)}`;
    case 0x15:
      return `0x${view(b, p, n).getBigUint64(0, true).toString(16)}`;
    default:
      // EvtHandle (0x20), EvtXml (0x23) and unknown types carry nothing renderable: keep the bytes.
      return hexUpper(b, p, n);
  }
}

/**
 * Splits an array value (type | 0x80) into rendered items. String arrays are NUL-separated
 * (a final terminator does not start an extra item); fixed-size types are cut every `size` bytes;
 * SizeT items are pointer-sized, taken as 8 bytes when the total allows it, else 4.
 */
export function renderArray(type: number, b: Uint8Array, p: number, n: number): string[] {
  const base = type & 0x7f;
  if (base === 0x01 || base === 0x02) {
    const unit = base === 0x01 ? 2 : 1;
    const items: string[] = [];
    let start = p;
    const end = p + n - (n % unit);
    for (let q = p; q < end; q += unit) {
      const nul = unit === 2 ? b[q] === 0 && b[q + 1] === 0 : b[q] === 0;
      if (nul) {
        items.push(renderScalar(base, b, start, q - start));
        start = q + unit;
      }
    }
    if (start < end) items.push(renderScalar(base, b, start, end - start));
    return items;
  }
  const size = base === 0x10 ? (n % 8 === 0 ? 8 : 4) : FIXED_SIZE[base];
  if (!size) throw new EvtxCorrupt(`array of value type 0x${base.toString(16)} is not supported`);
  if (n % size !== 0) throw new EvtxCorrupt(`array of type 0x${type.toString(16)} has ${n} bytes, not a multiple of ${size}`);
  const items: string[] = [];
  for (let q = p; q < p + n; q += size) items.push(renderScalar(base, b, q, size));
  return items;
}
