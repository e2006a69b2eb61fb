/**
 * Expected vs observed as table rows. Both sides' `values` are flattened to dotted paths
 * (`members.NIC2.state`, `ips[0]`) so nested values line up row by row. Rows follow the expected
 * side's key order (the order the pattern wrote them), then keys only the observed side has.
 * Arrays of plain values compare as sets (order is not a divergence); everything else by value.
 * A value the expected side states and the observed side lacks is a divergence ("not seen"); a
 * value only the observed side has is context (what was seen around the fault), not a divergence.
 * The first differing row in that order is the first divergence.
 */

export interface DiffRow {
  key: string;
  expected: string;
  observed: string;
  /** Which side lacks the key, if one does. */
  missing: 'expected' | 'observed' | null;
  differs: boolean;
  first: boolean;
}

type Leaf = string | number | boolean | null | (string | number | boolean | null)[];

function isPlain(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isScalar(v: unknown): v is string | number | boolean | null {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

export function flatten(value: unknown, prefix = '', out = new Map<string, Leaf>()): Map<string, Leaf> {
  if (isPlain(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0 && prefix) out.set(prefix, null);
    for (const k of keys) flatten(value[k], prefix ? `${prefix}.${k}` : k, out);
  } else if (Array.isArray(value)) {
    if (value.every(isScalar)) out.set(prefix, value as Leaf);
    else value.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
  } else if (value === undefined) {
    out.set(prefix, null);
  } else {
    out.set(prefix, isScalar(value) ? value : String(value));
  }
  return out;
}

function show(v: Leaf | undefined): string {
  if (v === undefined) return '';
  if (v === null) return '—';
  if (Array.isArray(v)) return v.length === 0 ? '(none)' : v.map((x) => (x === null ? '—' : String(x))).join(', ');
  return String(v);
}

function same(a: Leaf, b: Leaf): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    const norm = (xs: Leaf[]) => xs.map((x) => JSON.stringify(x)).sort().join('\u0000');
    return norm(a as Leaf[]) === norm(b as Leaf[]);
  }
  if (typeof a === 'string' && typeof b === 'string') return a.trim().toLowerCase() === b.trim().toLowerCase();
  return JSON.stringify(a) === JSON.stringify(b);
}

export function diffRows(expected: Record<string, unknown> | null | undefined, observed: Record<string, unknown> | null | undefined): DiffRow[] {
  const e = flatten(expected ?? {});
  const o = flatten(observed ?? {});
  const keys = [...e.keys(), ...[...o.keys()].filter((k) => !e.has(k))];
  let firstSeen = false;
  return keys.map((key) => {
    const ev = e.get(key);
    const ov = o.get(key);
    const missing = ev === undefined ? 'expected' : ov === undefined ? 'observed' : null;
    const differs = missing === 'observed' || (missing === null && !same(ev as Leaf, ov as Leaf));
    const first = differs && !firstSeen;
    if (first) firstSeen = true;
    return { key, expected: missing === 'expected' ? '' : show(ev), observed: missing === 'observed' ? '(not seen)' : show(ov), missing, differs, first };
  });
}
