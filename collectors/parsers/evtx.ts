/**
 * Windows `.evtx` (binary XML event log) → EventObservations. Pure: bytes in, observations out.
 *
 * Layout: a 4 KiB file header (`ElfFile\0`), then 64 KiB chunks (`ElfChnk\0`, a 512-byte header
 * with string and template tables), each holding records (`**\0\0`, u32 size, u64 record id,
 * FILETIME written, BinXML, u32 copy of the size). Each record is expanded to the compact XML
 * `wevtutil qe /f:xml` prints (kept as `raw`) and its fields extracted.
 *
 * Robustness contract:
 * - Chunks are found by signature at every 64 KiB slot after the header, never by the header's
 *   chunk count, so a dirty header (a copy taken from a VSS snapshot) or zeroed slots are fine.
 * - A corrupt record becomes a Reject `{ index: <0-based record ordinal in the file>, reason }`.
 *   When its size can be trusted the walk continues with the next record; when it cannot (bad
 *   signature, size 0, size past the chunk) the rest of that chunk is skipped.
 * - All work is bounded by the buffer: every read is bounds-checked, templates are parsed once
 *   per chunk, self-instantiating templates and nesting deeper than 32 are refused, and each
 *   record's expansion has a node budget.
 * - A buffer that is not EVTX at all throws ParseError('unparseable').
 */
import type { EventObservation } from '../../server/model/observation.ts';
import type { ParseContext, ParseResult, Reject } from './types.ts';
import { ParseError } from './types.ts';
import { newChunk, parseFragment, type Chunk } from './evtx-binxml.ts';
import { toObservation } from './evtx-event.ts';
import { expandRecord, serialize } from './evtx-render.ts';
import { EvtxCorrupt, filetime, u32, u64num } from './evtx-values.ts';

const FILE_MAGIC = [0x45, 0x6c, 0x66, 0x46, 0x69, 0x6c, 0x65, 0x00]; // ElfFile\0
const CHUNK_MAGIC = [0x45, 0x6c, 0x66, 0x43, 0x68, 0x6e, 0x6b, 0x00]; // ElfChnk\0
const HEADER_SIZE = 4096;
const CHUNK_SIZE = 65536;
const CHUNK_HEADER_SIZE = 512;
const RECORD_HEADER_SIZE = 24;
/** Signature, size, id, FILETIME, the smallest fragment (header + end of stream) and the size copy. */
const MIN_RECORD_SIZE = RECORD_HEADER_SIZE + 5 + 4;

function magicAt(buf: Uint8Array, p: number, magic: number[]): boolean {
  if (p + magic.length > buf.length) return false;
  for (let i = 0; i < magic.length; i++) if (buf[p + i] !== magic[i]) return false;
  return true;
}

/** True when the buffer starts with the EVTX file signature `ElfFile\0`. */
export function isEvtx(buf: Uint8Array): boolean {
  return magicAt(buf, 0, FILE_MAGIC);
}

/** Sink for one chunk's results, shared across chunks so record ordinals run through the file. */
interface Walk {
  ctx: ParseContext;
  observations: EventObservation[];
  rejects: Reject[];
  ordinal: number;
}

export function parseEvtx(buf: Uint8Array, ctx: ParseContext): ParseResult {
  if (!isEvtx(buf)) {
    throw new ParseError('unparseable', 'Not a Windows .evtx file: it does not start with the ElfFile signature.');
  }
  const walk: Walk = { ctx, observations: [], rejects: [], ordinal: 0 };
  let chunks = 0;
  for (let base = HEADER_SIZE; base + CHUNK_HEADER_SIZE <= buf.length; base += CHUNK_SIZE) {
    if (!magicAt(buf, base, CHUNK_MAGIC)) continue;
    chunks++;
    parseChunk(newChunk(buf, base, Math.min(base + CHUNK_SIZE, buf.length)), walk);
  }
  if (chunks === 0 && buf.length > HEADER_SIZE) {
    walk.rejects.push({ reason: 'The file has an EVTX header but no chunk with the ElfChnk signature.' });
  }
  return { observations: walk.observations, rejects: walk.rejects };
}

/**
 * Cuts an `.evtx` file into smaller `.evtx` files of at most `maxBytes` each, for a body limit
 * (a System log's default maximum, 20 MiB, is above the 16 MiB ingest limit). Chunks are
 * self-contained (names and templates are chunk-relative), so each part is the file header
 * followed by whole chunks and parses to exactly the records of those chunks. Returns null when
 * the buffer is not EVTX or `maxBytes` cannot hold the header and one chunk.
 */
export function splitEvtx(buf: Uint8Array, maxBytes: number): Uint8Array[] | null {
  if (!isEvtx(buf) || maxBytes < HEADER_SIZE + CHUNK_SIZE) return null;
  const perPart = Math.floor((maxBytes - HEADER_SIZE) / CHUNK_SIZE);
  const chunks: Uint8Array[] = [];
  for (let base = HEADER_SIZE; base + CHUNK_HEADER_SIZE <= buf.length; base += CHUNK_SIZE) {
    if (magicAt(buf, base, CHUNK_MAGIC)) chunks.push(buf.subarray(base, Math.min(base + CHUNK_SIZE, buf.length)));
  }
  const parts: Uint8Array[] = [];
  for (let i = 0; i < chunks.length || parts.length === 0; i += perPart) {
    const group = chunks.slice(i, i + perPart);
    const part = new Uint8Array(HEADER_SIZE + group.reduce((n, c) => n + c.length, 0));
    part.set(buf.subarray(0, Math.min(HEADER_SIZE, buf.length)));
    new DataView(part.buffer).setUint16(42, group.length, true); // chunk count, for other readers
    group.forEach((c, j) => part.set(c, HEADER_SIZE + j * CHUNK_SIZE));
    parts.push(part);
  }
  return parts;
}

function allZero(buf: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (buf[i] !== 0) return false;
  return true;
}

/**
 * Walks the records of one chunk from just after its header up to its free-space offset (or the
 * chunk end when that offset is implausible). Slack after the last record is zeros or stale
 * data and is not an error.
 */
function parseChunk(ch: Chunk, walk: Walk): void {
  const { buf, base, end } = ch;
  const free = u32(buf, base + 48);
  const stop = free >= CHUNK_HEADER_SIZE && base + free <= end ? base + free : end;
  let p = base + CHUNK_HEADER_SIZE;
  while (p + RECORD_HEADER_SIZE <= stop) {
    if (u32(buf, p) !== 0x00002a2a) {
      if (allZero(buf, p, Math.min(p + RECORD_HEADER_SIZE, stop))) return; // slack after the last record
      reject(walk, `bad record signature at chunk offset ${p - base} in the chunk at file offset ${base}; rest of the chunk skipped`);
      return;
    }
    const size = u32(buf, p + 4);
    if (size < MIN_RECORD_SIZE || p + size > end) {
      reject(walk, `record at chunk offset ${p - base} (chunk at file offset ${base}) has size ${size}, outside 33..${end - p}; rest of the chunk skipped`);
      return;
    }
    parseRecord(ch, p, size, walk);
    p += size;
  }
}

function reject(walk: Walk, reason: string): void {
  walk.rejects.push({ index: walk.ordinal++, reason });
}

function parseRecord(ch: Chunk, p: number, size: number, walk: Walk): void {
  const { buf, base } = ch;
  const recordId = u64num(buf, p + 8);
  try {
    if (u32(buf, p + size - 4) !== size) throw new EvtxCorrupt(`trailing size copy ${u32(buf, p + size - 4)} differs from size ${size}`);
    const nodes = parseFragment(ch, { pos: p + RECORD_HEADER_SIZE, limit: p + size - 4 }, false, 0);
    const top = expandRecord(nodes);
    const raw = serialize(top);
    const obs = toObservation(top, raw, filetime(buf, p + 16), walk.ctx);
    obs.recordId ??= recordId; // the header's id when the XML carries none
    walk.observations.push(obs);
    walk.ordinal++;
  } catch (err) {
    // Anything thrown while decoding one record (including a RangeError from hostile data) is
    // that record's problem, never the file's.
    const why = err instanceof Error ? err.message : String(err);
    reject(walk, `record ${recordId} at chunk offset ${p - base} (chunk at file offset ${base}): ${why}`);
  }
}
