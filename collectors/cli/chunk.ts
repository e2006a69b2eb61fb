/**
 * Splitting a file that is larger than the server's body limit into bodies that fit, cut only at
 * record boundaries so every record arrives whole. Only formats made of independent records can be
 * split: event XML (one `<Event>` after another, with or without an `<Events>` root) and line
 * formats (NDJSON such as ECS documents, syslog). Anything else is posted whole and the server's
 * 413 is reported.
 *
 * Splitting needs the text, so (unlike the normal path, which posts the bytes untouched and lets
 * the server detect the encoding) a large file is decoded here and each chunk is sent as UTF-8.
 */
import { decodeText } from '../parsers/decode.ts';

export type SplitKind = 'event-xml' | 'lines';

const XML_HEAD = /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[^]*?-->\s*)*<Events?[\s>]/;
const SYSLOG_HEAD = /^(?:<\d{1,3}>|[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d )/;

/** Which splitter fits, from `--format` when given, else from the first lines of the text. */
export function splitKind(format: string | undefined, head: string): SplitKind | null {
  const text = head.replace(/^\uFEFF/, '');
  if (format === 'event-xml') return 'event-xml';
  if (format === 'syslog') return 'lines';
  if (format !== undefined && format !== 'ecs') return null;
  if (format === undefined && XML_HEAD.test(text)) return 'event-xml';
  const lines = text.split(/\r?\n/, 3).filter((l) => l.trim() !== '');
  if (lines.length >= 2 && lines.every((l) => l.trimStart().startsWith('{'))) return 'lines';
  if (format === undefined && lines.length > 0 && SYSLOG_HEAD.test(lines[0])) return 'lines';
  return null;
}

/** The records of the text, each as written (an `<Event>…</Event>` element, or one line). */
export function* records(text: string, kind: SplitKind): Generator<string> {
  if (kind === 'lines') {
    for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) if (line.trim() !== '') yield line;
    return;
  }
  const open = /<Event[\s>]/g;
  let m: RegExpExecArray | null;
  while ((m = open.exec(text)) !== null) {
    const end = text.indexOf('</Event>', m.index);
    if (end < 0) {
      // A truncated last record is still sent, so the server rejects it with a reason.
      yield text.slice(m.index);
      return;
    }
    yield text.slice(m.index, end + '</Event>'.length);
    open.lastIndex = end + '</Event>'.length;
  }
}

/**
 * Groups records into UTF-8 bodies of at most `maxBytes` each (records joined by newlines). A
 * single record larger than `maxBytes` becomes a body of its own; the server will refuse it and
 * the caller reports that.
 */
export function* chunkRecords(recs: Iterable<string>, maxBytes: number): Generator<Uint8Array> {
  const enc = new TextEncoder();
  let parts: Uint8Array[] = [];
  let size = 0;
  const flush = (): Uint8Array => {
    const body = new Uint8Array(size);
    let off = 0;
    for (const p of parts) {
      body.set(p, off);
      off += p.length;
    }
    parts = [];
    size = 0;
    return body;
  };
  for (const rec of recs) {
    const bytes = enc.encode(`${rec}\n`);
    if (size > 0 && size + bytes.length > maxBytes) yield flush();
    parts.push(bytes);
    size += bytes.length;
  }
  if (size > 0) yield flush();
}

/** The bodies to post for one file's bytes, or null when the file cannot be split. */
export function splitFile(bytes: Uint8Array, format: string | undefined, maxBytes: number): Uint8Array[] | null {
  const text = decodeText(bytes);
  const kind = splitKind(format, text.slice(0, 8192));
  if (kind === null) return null;
  return [...chunkRecords(records(text, kind), maxBytes)];
}
