/**
 * Template instances: the definition they point at (parsed once per chunk and cached by its
 * chunk offset) and their substitution values. Split from evtx-binxml.ts, which calls in here for
 * the 0x0c token and is called back for definitions and nested BinXML values.
 */
import { MAX_DEPTH, parseFragment, type Chunk, type Cur, type Node, type Value } from './evtx-binxml.ts';
import { EvtxCorrupt, need, renderArray, renderScalar, u16, u32 } from './evtx-values.ts';

/**
 * A template instance: u8 unknown, u32 template id, u32 definition offset (chunk-relative);
 * the definition (u32 next, 16-byte GUID, u32 data size, fragment) is inline when its offset is
 * the cursor position, else it was written earlier in the chunk. Then u32 value count, the value
 * descriptors (u16 size, u8 type, u8 pad) and the value data.
 */
export function templateInstance(ch: Chunk, cur: Cur, level: number): Node {
  if (level + 1 > MAX_DEPTH) throw new EvtxCorrupt(`template instances nested deeper than ${MAX_DEPTH}`);
  const b = ch.buf;
  need(cur.pos, 9, cur.limit, 'template instance');
  const defOff = u32(b, cur.pos + 5);
  cur.pos += 9;
  const abs = ch.base + defOff;
  if (defOff < 512 || abs + 24 > ch.end) throw new EvtxCorrupt(`template definition offset ${defOff} is outside the chunk`);
  const dataSize = u32(b, abs + 20);
  if (abs === cur.pos) {
    need(cur.pos, 24 + dataSize, cur.limit, 'inline template definition');
    cur.pos += 24 + dataSize;
  }
  const def = templateDefinition(ch, defOff, dataSize, level + 1);

  need(cur.pos, 4, cur.limit, 'template value count');
  const count = u32(b, cur.pos);
  cur.pos += 4;
  need(cur.pos, count * 4, cur.limit, 'template value descriptors');
  const desc = cur.pos;
  cur.pos += count * 4;
  const values: Value[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const size = u16(b, desc + 4 * i);
    const type = b[desc + 4 * i + 2];
    need(cur.pos, size, cur.limit, 'template value');
    values[i] = readValue(ch, type, cur.pos, size, level + 1);
    cur.pos += size;
  }
  return { t: 'tmpl', def, values };
}

function templateDefinition(ch: Chunk, defOff: number, dataSize: number, level: number): Node[] {
  const cached = ch.templates.get(defOff);
  if (cached instanceof EvtxCorrupt) throw cached;
  if (cached) return cached;
  if (ch.inProgress.has(defOff)) throw new EvtxCorrupt(`template at chunk offset ${defOff} instantiates itself`);
  const start = ch.base + defOff + 24;
  if (start + dataSize > ch.end) throw new EvtxCorrupt(`template at chunk offset ${defOff} runs past the chunk`);
  ch.inProgress.add(defOff);
  try {
    const nodes = parseFragment(ch, { pos: start, limit: start + dataSize }, true, level);
    ch.templates.set(defOff, nodes);
    return nodes;
  } catch (err) {
    const e = err instanceof EvtxCorrupt ? err : new EvtxCorrupt(String(err));
    // Only a self-contained failure is cached; one caused by nesting depth depends on the caller.
    if (!/nested deeper|instantiates itself/.test(e.message)) ch.templates.set(defOff, e);
    throw e;
  } finally {
    ch.inProgress.delete(defOff);
  }
}

function readValue(ch: Chunk, type: number, p: number, size: number, level: number): Value {
  if (type === 0x00 || (size === 0 && type !== 0x01 && type !== 0x02 && !(type & 0x80))) return { type: 0, text: '' };
  if (type === 0x21) {
    const nodes = parseFragment(ch, { pos: p, limit: p + size }, false, level + 1);
    return { type, text: '', nodes };
  }
  if (type & 0x80) {
    const items = renderArray(type, ch.buf, p, size);
    return { type, text: items.join(', '), items };
  }
  return { type, text: renderScalar(type, ch.buf, p, size) };
}
