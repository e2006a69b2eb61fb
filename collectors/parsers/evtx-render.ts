/**
 * Template expansion: a parsed BinXML node tree plus its substitution values → a plain element
 * tree (`XEl`), and that tree → the compact XML `wevtutil qe /f:xml` prints (single-quoted
 * attributes, no whitespace between elements, `<X/>` for elements written empty).
 *
 * Expansion follows what EvtRender does (MS-EVEN6 and libevtx's notes):
 * - an element whose dependency identifier names a NULL substitution value is not created
 *   (a classic event's `<Binary>` when it has no binary data, `<Execution>` without a process);
 * - an attribute whose only content is an optional substitution with a NULL value is dropped;
 * - an element containing an array value repeats once per item (an empty array gives one
 *   empty element);
 * - a BinXML value (0x21) is expanded in place.
 * Work is bounded by a per-record budget of created nodes and characters, and by MAX_DEPTH.
 */
import { MAX_DEPTH, type Node, type Value } from './evtx-binxml.ts';
import { EvtxCorrupt } from './evtx-values.ts';

export interface XRaw {
  raw: string;
}

export type XKid = XEl | string | XRaw;

export interface XEl {
  name: string;
  attrs: [string, string][];
  kids: XKid[];
  /** Written as an empty element (`<Security/>`) rather than with a close tag. */
  empty: boolean;
}

/**
 * What one record may create: far above any real event (a few dozen elements, a few KiB of
 * text), far below what nested template reuse or array repetition can amplify 64 KiB into.
 */
export const NODE_BUDGET = 200_000;
export const CHAR_BUDGET = 4 * 1024 * 1024;

interface State {
  nodes: number;
  chars: number;
}

function spend(st: State, nodes: number, chars: number): void {
  st.nodes -= nodes;
  st.chars -= chars;
  if (st.nodes < 0) throw new EvtxCorrupt(`record expands to more than ${NODE_BUDGET} nodes`);
  if (st.chars < 0) throw new EvtxCorrupt(`record expands to more than ${CHAR_BUDGET} characters`);
}

type El = Extract<Node, { t: 'el' }>;
type Picks = Map<number, number> | null;

const isNull = (v: Value | undefined) => v === undefined || v.type === 0;

function pushText(out: XKid[], s: string, st: State): void {
  if (!s) return;
  spend(st, 0, s.length);
  const last = out.length - 1;
  if (last >= 0 && typeof out[last] === 'string') out[last] = (out[last] as string) + s;
  else out.push(s);
}

function scalar(v: Value, pick: number | undefined): string {
  if (!v.items) return v.text;
  if (pick !== undefined) return v.items[pick] ?? '';
  return v.items.length === 1 ? v.items[0] : v.text;
}

/** Expands `nodes` (with the values of the template instance they belong to) into `out`. */
export function expand(nodes: Node[], vals: Value[] | null, out: XKid[], depth: number, st: State, picks: Picks = null): void {
  if (depth > MAX_DEPTH) throw new EvtxCorrupt(`record nested deeper than ${MAX_DEPTH}`);
  spend(st, nodes.length, 0);
  for (const n of nodes) {
    switch (n.t) {
      case 'el':
        element(n, vals, out, depth, st, picks);
        break;
      case 'text':
        pushText(out, n.s, st);
        break;
      case 'raw':
        out.push({ raw: n.s });
        break;
      case 'tmpl':
        expand(n.def, n.values, out, depth + 1, st);
        break;
      case 'sub': {
        const v = vals?.[n.idx];
        if (isNull(v)) break;
        if (v!.nodes) expand(v!.nodes, null, out, depth + 1, st);
        else pushText(out, scalar(v!, picks?.get(n.idx)), st);
        break;
      }
    }
  }
}

/** The first substitution among the element's own content and attributes holding a multi-item array not yet picked. */
function firstArray(el: El, vals: Value[] | null, picks: Picks): { idx: number; len: number } | null {
  if (!vals) return null;
  for (const k of el.kids) {
    if (k.t === 'sub' && !picks?.has(k.idx) && (vals[k.idx]?.items?.length ?? 0) > 1) return { idx: k.idx, len: vals[k.idx].items!.length };
  }
  for (const a of el.attrs) {
    for (const k of a.value) {
      if (k.t === 'sub' && !picks?.has(k.idx) && (vals[k.idx]?.items?.length ?? 0) > 1) return { idx: k.idx, len: vals[k.idx].items!.length };
    }
  }
  return null;
}

function hasAttr(x: XEl, name: string): boolean {
  for (const [n] of x.attrs) if (n === name) return true;
  return false;
}

function element(el: El, vals: Value[] | null, out: XKid[], depth: number, st: State, picks: Picks): void {
  if (el.dep >= 0 && vals && isNull(vals[el.dep])) return;
  const arr = firstArray(el, vals, picks);
  if (arr) {
    for (let i = 0; i < arr.len; i++) element(el, vals, out, depth, st, new Map(picks ?? []).set(arr.idx, i));
    return;
  }
  spend(st, 1 + el.attrs.length, 0);
  const x: XEl = { name: el.name, attrs: [], kids: [], empty: el.empty };
  for (const a of el.attrs) {
    let s = '';
    let content = false;
    let droppedOptional = false;
    for (const k of a.value) {
      if (k.t === 'text' || k.t === 'raw') {
        s += k.s;
        content = true;
      } else if (k.t === 'sub') {
        const v = vals?.[k.idx];
        if (isNull(v)) {
          if (k.optional) droppedOptional = true;
          else content = true;
        } else {
          s += v!.nodes ? '' : scalar(v!, picks?.get(k.idx));
          content = true;
        }
      }
    }
    if (droppedOptional && !content) continue;
    // A damaged template can name an attribute twice; XML allows one, so the first is kept.
    if (hasAttr(x, a.name)) continue;
    spend(st, 0, s.length);
    x.attrs.push([a.name, s]);
  }
  expand(el.kids, vals, x.kids, depth + 1, st, picks);
  out.push(x);
}

/** Expands a record's top-level nodes; returns its elements and text. */
export function expandRecord(nodes: Node[]): XKid[] {
  const out: XKid[] = [];
  expand(nodes, null, out, 0, { nodes: NODE_BUDGET, chars: CHAR_BUDGET });
  return out;
}

function escText(s: string): string {
  return NEEDS_TEXT.test(s) ? s.replace(TEXT_G, escOne) : s;
}

function escAttr(s: string): string {
  return NEEDS_ATTR.test(s) ? s.replace(ATTR_G, escOne) : s;
}

// CR is written as a reference so a reader's line-ending normalisation cannot eat it; tab and
// newline in attributes likewise survive attribute-value normalisation.
const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&apos;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

const NEEDS_TEXT = /[&<>\r]/;
const TEXT_G = /[&<>\r]/g;
const NEEDS_ATTR = /[&<>'"\t\n\r]/;
const ATTR_G = /[&<>'"\t\n\r]/g;
function escOne(c: string): string {
  return ESC[c];
}

/** The compact XML of expanded nodes as one flat string (a rope would cost memory per observation). */
export function serialize(kids: XKid[]): string {
  let s = '';
  for (const k of kids) s += write(k);
  s.charCodeAt(0); // flattens the rope now, while it is young
  return s;
}

function write(k: XKid): string {
  if (typeof k === 'string') return escText(k);
  if ('raw' in k) return k.raw;
  let s = '<' + k.name;
  for (const [n, v] of k.attrs) s += ' ' + n + "='" + escAttr(v) + "'";
  if (k.empty && k.kids.length === 0) return s + '/>';
  s += '>';
  for (const kid of k.kids) s += write(kid);
  return s + '</' + k.name + '>';
}

/** Concatenated text of an element and its descendants (what a `<Data>` value is). */
export function textOf(k: XKid): string {
  if (typeof k === 'string') return k;
  if ('raw' in k) return '';
  let s = '';
  for (const kid of k.kids) s += textOf(kid);
  return s;
}
