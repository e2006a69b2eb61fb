/**
 * BinXML tokens → a small node tree (elements, text, substitutions, template instances).
 * All offsets inside BinXML (names, template definitions) are relative to the chunk, so parsing
 * happens in a `Chunk` context that caches names and template definitions by offset; a definition
 * is parsed once per chunk whatever number of records use it.
 *
 * Bounds: every read is limited to the enclosing record (or template) data; template definitions
 * must lie inside the chunk; nesting (elements, template instances, nested BinXML) deeper than
 * MAX_DEPTH is refused; a template whose definition (directly or indirectly) instantiates itself
 * is refused. Violations throw EvtxCorrupt.
 */
import { templateInstance } from './evtx-template.ts';
import { EvtxCorrupt, FIXED_SIZE, need, readUtf16, renderScalar, u16, u32 } from './evtx-values.ts';

export const MAX_DEPTH = 32;
/** The dependency identifier value meaning "this element does not depend on a substitution". */
const NO_DEP = 0xffff;

/** A substitution value of one template instance. */
export interface Value {
  type: number;
  /** Rendered scalar text ('' for NULL and BinXML). */
  text: string;
  /** Rendered items of an array value (type & 0x80). */
  items?: string[];
  /** Parsed nested fragment of a BinXML value (type 0x21). */
  nodes?: Node[];
}

export interface Attr {
  name: string;
  value: Node[];
}

export type Node =
  | { t: 'el'; name: string; dep: number; attrs: Attr[]; kids: Node[]; empty: boolean }
  | { t: 'text'; s: string }
  | { t: 'raw'; s: string }
  | { t: 'sub'; idx: number; optional: boolean }
  | { t: 'tmpl'; def: Node[]; values: Value[] };

type El = Extract<Node, { t: 'el' }>;

export interface Chunk {
  buf: Uint8Array;
  /** Absolute offset of the chunk in `buf`, and of its end (≤ base + 64 KiB). */
  base: number;
  end: number;
  names: Map<number, string>;
  templates: Map<number, Node[] | EvtxCorrupt>;
  inProgress: Set<number>;
}

export function newChunk(buf: Uint8Array, base: number, end: number): Chunk {
  return { buf, base, end, names: new Map(), templates: new Map(), inProgress: new Set() };
}

const XML_NAME = /^[\p{L}_:][\p{L}\p{N}_.:\-\u00B7]*$/u;

/** A forward reader over `[pos, limit)` of the chunk's buffer. */
export interface Cur {
  pos: number;
  limit: number;
}

/**
 * A name structure (u32 next, u16 hash, u16 count, UTF-16 chars, NUL) at chunk offset `off`.
 * When the name is stored inline (its offset is the cursor position) the cursor skips it.
 */
function readName(ch: Chunk, cur: Cur, off: number): string {
  const abs = ch.base + off;
  const inline = abs === cur.pos;
  let name = ch.names.get(off);
  if (name === undefined) {
    if (off < 0 || abs + 8 > ch.end) throw new EvtxCorrupt(`name offset ${off} is outside the chunk`);
    const n = u16(ch.buf, abs + 6);
    need(abs + 8, 2 * n + 2, ch.end, 'name');
    name = readUtf16(ch.buf, abs + 8, n);
    // The name is written verbatim into the rendered XML, so it must be a well-formed XML name.
    if (!XML_NAME.test(name)) throw new EvtxCorrupt(`invalid XML name ${JSON.stringify(name.slice(0, 40))} at chunk offset ${off}`);
    ch.names.set(off, name);
  }
  if (inline) {
    const size = 10 + 2 * name.length;
    need(cur.pos, size, cur.limit, 'inline name');
    cur.pos += size;
  }
  return name;
}

function nameAt(ch: Chunk, cur: Cur): string {
  need(cur.pos, 4, cur.limit, 'name offset');
  const off = u32(ch.buf, cur.pos);
  cur.pos += 4;
  return readName(ch, cur, off);
}

/** Length-prefixed (u16 count) UTF-16 text, as in value, CDATA and PI data tokens. */
function prefixedText(ch: Chunk, cur: Cur): string {
  need(cur.pos, 2, cur.limit, 'text length');
  const n = u16(ch.buf, cur.pos);
  need(cur.pos + 2, 2 * n, cur.limit, 'text');
  const s = readUtf16(ch.buf, cur.pos + 2, n);
  cur.pos += 2 + 2 * n;
  return s;
}

/**
 * Whether an element start at `p` (just after the token byte) carries the 2-byte dependency
 * identifier. Template definitions always do; elements written directly in a record or inside a
 * BinXML value (0x21) normally do not. Outside templates we look at where the name offset would
 * be under each layout and pick the one whose name is inline or points back into the chunk.
 */
function hasDependency(ch: Chunk, p: number, limit: number): boolean {
  const here = p - ch.base;
  const withDep = p + 10 <= limit ? u32(ch.buf, p + 6) : -1;
  const without = p + 8 <= limit ? u32(ch.buf, p + 4) : -1;
  if (withDep === here + 10) return true;
  if (without === here + 8) return false;
  return pointsBack(ch, withDep, here) && !pointsBack(ch, without, here);
}

function pointsBack(ch: Chunk, off: number, here: number): boolean {
  return off >= 0 && off < here && ch.base + off + 8 <= ch.end;
}

/**
 * Parses tokens from `cur` until end of stream or the end of the data. `inTemplate` selects the
 * element layout; `level` is the nesting level of this fragment (templates, nested BinXML).
 */
export function parseFragment(ch: Chunk, cur: Cur, inTemplate: boolean, level: number): Node[] {
  if (level > MAX_DEPTH) throw new EvtxCorrupt(`BinXML nested deeper than ${MAX_DEPTH}`);
  const b = ch.buf;
  const top: Node[] = [];
  const stack: El[] = [];
  let open: El | null = null; // element whose start tag is being read (attributes)
  let attr: Attr | null = null;

  while (cur.pos < cur.limit) {
    const raw = b[cur.pos++];
    const token = raw & 0xbf; // 0x40 is the "more data follows" / "has attributes" flag
    switch (token) {
      case 0x00: // end of stream
        if (stack.length || open) throw new EvtxCorrupt('end of stream inside an open element');
        return top;
      case 0x01: {
        if (open) throw new EvtxCorrupt('element start inside a start tag');
        if (stack.length + level >= MAX_DEPTH) throw new EvtxCorrupt(`elements nested deeper than ${MAX_DEPTH}`);
        const dep = inTemplate || hasDependency(ch, cur.pos, cur.limit);
        let depId = NO_DEP;
        if (dep) {
          need(cur.pos, 2, cur.limit, 'dependency identifier');
          depId = u16(b, cur.pos);
          cur.pos += 2;
        }
        need(cur.pos, 4, cur.limit, 'element size');
        cur.pos += 4; // data size: not needed, the tokens delimit the element
        const name = nameAt(ch, cur);
        if (raw & 0x40) {
          need(cur.pos, 4, cur.limit, 'attribute list size');
          cur.pos += 4;
        }
        open = { t: 'el', name, dep: depId === NO_DEP ? -1 : depId, attrs: [], kids: [], empty: false };
        break;
      }
      case 0x02: // close start tag: content follows
      case 0x03: {
        // close empty element
        if (!open) throw new EvtxCorrupt('close of a start tag that is not open');
        attr = null;
        sink(attr, stack, top).push(open);
        if (token === 0x02) stack.push(open);
        else open.empty = true;
        open = null;
        break;
      }
      case 0x04:
        if (!stack.length || open) throw new EvtxCorrupt('end element without an open element');
        stack.pop();
        break;
      case 0x06: {
        if (!open) throw new EvtxCorrupt('attribute outside a start tag');
        attr = { name: nameAt(ch, cur), value: [] };
        open.attrs.push(attr);
        break;
      }
      case 0x05: {
        need(cur.pos, 1, cur.limit, 'value type');
        const type = b[cur.pos++];
        if (type === 0x01) sink(attr, stack, top).push({ t: 'text', s: prefixedText(ch, cur) });
        else {
          const size = FIXED_SIZE[type];
          if (!size) throw new EvtxCorrupt(`value token of type 0x${type.toString(16)} has no size`);
          need(cur.pos, size, cur.limit, 'value');
          sink(attr, stack, top).push({ t: 'text', s: renderScalar(type, b, cur.pos, size) });
          cur.pos += size;
        }
        break;
      }
      case 0x07: // CDATA: its text is content like any other
        sink(attr, stack, top).push({ t: 'text', s: prefixedText(ch, cur) });
        break;
      case 0x08: {
        need(cur.pos, 2, cur.limit, 'character reference');
        const code = u16(b, cur.pos);
        cur.pos += 2;
        sink(attr, stack, top).push({ t: 'text', s: String.fromCharCode(code) });
        break;
      }
      case 0x09: {
        const name = nameAt(ch, cur);
        const ch1 = ENTITIES[name];
        sink(attr, stack, top).push(ch1 !== undefined ? { t: 'text', s: ch1 } : { t: 'raw', s: `&${name};` });
        break;
      }
      case 0x0a: {
        const target = nameAt(ch, cur);
        let data = '';
        if (cur.pos < cur.limit && b[cur.pos] === 0x0b) {
          cur.pos++;
          data = prefixedText(ch, cur);
        }
        sink(attr, stack, top).push({ t: 'raw', s: `<?${target}${data ? ' ' + data : ''}?>` });
        break;
      }
      case 0x0b: // PI data without a target: ignore its text
        prefixedText(ch, cur);
        break;
      case 0x0c:
        sink(attr, stack, top).push(templateInstance(ch, cur, level));
        break;
      case 0x0d:
      case 0x0e: {
        need(cur.pos, 3, cur.limit, 'substitution');
        sink(attr, stack, top).push({ t: 'sub', idx: u16(b, cur.pos), optional: token === 0x0e });
        cur.pos += 3;
        break;
      }
      case 0x0f:
        need(cur.pos, 3, cur.limit, 'fragment header');
        cur.pos += 3;
        break;
      default:
        throw new EvtxCorrupt(`unknown BinXML token 0x${raw.toString(16)} at chunk offset ${cur.pos - 1 - ch.base}`);
    }
  }
  if (stack.length || open) throw new EvtxCorrupt('BinXML ends inside an open element');
  return top;
}

/** Where content goes: the attribute being read, else the innermost open element, else the top level. */
function sink(attr: Attr | null, stack: El[], top: Node[]): Node[] {
  return attr ? attr.value : stack.length ? stack[stack.length - 1].kids : top;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
