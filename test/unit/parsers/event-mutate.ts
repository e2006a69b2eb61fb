/**
 * Deterministic mutations of a fixture for the hostile-input tests of the event parsers: bytes
 * deleted, markup and JSON punctuation inserted, truncation. Same seed → same inputs.
 */
const JUNK = ['<', '>', '&', '"', "'", '{', '}', '[', ']', ',', ':', '\u0000', '\r\n', '&#0;', '<!DOCTYPE', ']]>', '-->', '\\', 'null', '9999999999999999999999', '"Keywords": -1', '\uD800'];

export function* mutations(sources: string[], count: number, seed = 42): Generator<string> {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let i = 0; i < count; i++) {
    let t = sources[Math.floor(rnd() * sources.length)];
    const edits = 1 + Math.floor(rnd() * 4);
    for (let m = 0; m < edits; m++) {
      const p = Math.floor(rnd() * t.length);
      const r = rnd();
      if (r < 0.3) t = t.slice(0, p) + t.slice(p + 1 + Math.floor(rnd() * 20));
      else if (r < 0.7) t = t.slice(0, p) + JUNK[Math.floor(rnd() * JUNK.length)] + t.slice(p);
      else t = t.slice(0, p);
    }
    yield t;
  }
}
