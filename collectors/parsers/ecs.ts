/**
 * Winlogbeat / Elastic Agent ECS documents (docs/domain.md §2.3) in the four shapes shippers send:
 * NDJSON (one document per line), a JSON array, a single (possibly pretty-printed) document, and
 * an Elasticsearch `_bulk` body (each `{"index":…}` / `{"create":…}` action line followed by its
 * document). `parseBulk` answers per action, in order, so the HTTP endpoint can reply like
 * Elasticsearch; `parser.parse` gives the usual observations and rejects (`line` for line-based
 * bodies, `index` for an array).
 */
import type { EventObservation } from '../../server/model/observation.ts';
import type { ParseContext, ParseResult, Parser, Reject } from './types.ts';
import { ParseError } from './types.ts';
import { eventFromEcs } from './event-ecs-doc.ts';
import { isObject } from './event-json-values.ts';
import { reasonOf } from './event-build.ts';

export { eventFromEcs } from './event-ecs-doc.ts';

export type BulkItem = { ok: true; observation: EventObservation } | { ok: false; reason: string };

/** One outcome with where it came from: a 1-based `line`, or an array `index`. */
interface Located {
  item: BulkItem;
  line?: number;
  index?: number;
}

const ACTIONS = new Set(['index', 'create', 'update', 'delete']);

/** The action name when `obj` is a `_bulk` action line (`{"index": {…}}`), else null. */
function actionOf(obj: unknown): string | null {
  if (!isObject(obj)) return null;
  const keys = Object.keys(obj);
  if (keys.length !== 1 || !ACTIONS.has(keys[0])) return null;
  return isObject(obj[keys[0]]) ? keys[0] : null;
}

function convert(doc: unknown, raw: string, ctx: ParseContext): BulkItem {
  try {
    return { ok: true, observation: eventFromEcs(doc, raw, ctx) };
  } catch (err) {
    return { ok: false, reason: reasonOf(err) };
  }
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

interface Line {
  no: number;
  text: string;
}

function nonBlankLines(text: string): Line[] {
  const out: Line[] = [];
  const parts = text.split('\n');
  for (let i = 0; i < parts.length; i++) {
    const t = parts[i].trim();
    if (t) out.push({ no: i + 1, text: t });
  }
  return out;
}

/**
 * Line mode: NDJSON documents, or `_bulk` pairs when the first readable line is an action. In a
 * bulk body every action yields exactly one item; `delete` and `update` carry no event and are
 * refused.
 */
function readLines(lines: Line[], ctx: ParseContext): Located[] {
  const parsed = lines.map((l) => tryJson(l.text));
  const isAction = (i: number) => {
    const p = parsed[i];
    return p !== undefined && p.ok && actionOf(p.value) !== null;
  };
  const firstReadable = parsed.findIndex((p) => p.ok);
  const bulk = firstReadable >= 0 && isAction(firstReadable);
  const out: Located[] = [];
  for (let i = 0; i < lines.length; i++) {
    const { no, text } = lines[i];
    const p = parsed[i];
    if (!bulk) {
      out.push({ line: no, item: p.ok ? convert(p.value, text, ctx) : { ok: false, reason: `invalid JSON: ${p.error}` } });
      continue;
    }
    // The following line is this action's document unless it is itself an action line.
    const nextIsDoc = i + 1 < lines.length && !isAction(i + 1);
    if (!p.ok || !isAction(i)) {
      const reason = p.ok ? 'expected a _bulk action line ({"index": {…}} or {"create": {…}})' : `invalid JSON in _bulk action line: ${p.error}`;
      out.push({ line: no, item: { ok: false, reason } });
      if (!p.ok && nextIsDoc) i++;
      continue;
    }
    const action = actionOf(p.value);
    if (action === 'delete') {
      out.push({ line: no, item: { ok: false, reason: 'delete actions carry no event' } });
      continue;
    }
    if (!nextIsDoc) {
      out.push({ line: no, item: { ok: false, reason: `the ${action} action has no document after it` } });
      continue;
    }
    i++;
    const doc = parsed[i];
    const at = lines[i];
    if (action === 'update') out.push({ line: at.no, item: { ok: false, reason: 'update actions carry no event' } });
    else if (!doc.ok) out.push({ line: at.no, item: { ok: false, reason: `invalid JSON: ${doc.error}` } });
    else out.push({ line: at.no, item: convert(doc.value, at.text, ctx) });
  }
  return out;
}

function readBody(text: string, ctx: ParseContext): Located[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const trimmed = body.trim();
  if (!trimmed) throw new ParseError('unparseable', 'The body is empty.');
  if (trimmed[0] === '[') {
    const parsed = tryJson(trimmed);
    if (!parsed.ok || !Array.isArray(parsed.value)) {
      throw new ParseError('unparseable', `The body starts like a JSON array but is not valid JSON: ${parsed.ok ? 'not an array' : parsed.error}.`);
    }
    return parsed.value.map((doc, index) => ({ index, item: convert(doc, JSON.stringify(doc) ?? 'null', ctx) }));
  }
  if (trimmed[0] !== '{') throw new ParseError('unparseable', 'The body is not JSON: it starts with neither { nor [.');
  const lines = nonBlankLines(body);
  if (lines.length > 1 && !tryJson(lines[0].text).ok) {
    // A pretty-printed single document spans lines; its first line alone is not JSON.
    const whole = tryJson(trimmed);
    if (whole.ok) return [{ index: 0, item: convert(whole.value, trimmed, ctx) }];
  }
  const out = readLines(lines, ctx);
  if (!out.some((o) => o.item.ok) && out.every((o) => !o.item.ok && o.item.reason.startsWith('invalid JSON'))) {
    throw new ParseError('unparseable', `The body is not JSON or NDJSON: ${(out[0].item as { reason: string }).reason}.`);
  }
  return out;
}

/**
 * Parses an Elasticsearch `_bulk` body (or any of the other shapes) into one item per action or
 * document, in order. Throws ParseError only when the body is not JSON at all.
 */
export function parseBulk(text: string, ctx: ParseContext): { items: BulkItem[] } {
  return { items: readBody(text, ctx).map((o) => o.item) };
}

const SNIFF_WINDOW = 4096;

/** JSON whose start carries a `winlog` object (possibly after a `_bulk` action line). */
function sniff(text: string): number {
  const head = text.length > SNIFF_WINDOW ? text.slice(0, SNIFF_WINDOW) : text;
  const first = head.replace(/^\uFEFF/, '').trimStart()[0];
  if (first !== '{' && first !== '[') return 0;
  if (!/"winlog"\s*:\s*\{/.test(head) && !/"winlog\.(event_id|provider_name|channel)"\s*:/.test(head)) return 0;
  return /"@timestamp"\s*:/.test(head) || /"event_id"\s*:/.test(head) ? 0.9 : 0.6;
}

export const parser: Parser = {
  id: 'ecs',
  description: 'Winlogbeat / Elastic Agent ECS documents (NDJSON, JSON array, or Elasticsearch _bulk body)',
  sniff,
  parse(text: string, ctx: ParseContext): ParseResult {
    const observations: EventObservation[] = [];
    const rejects: Reject[] = [];
    for (const o of readBody(text, ctx)) {
      if (o.item.ok) observations.push(o.item.observation);
      else rejects.push(o.line !== undefined ? { line: o.line, reason: o.item.reason } : { index: o.index, reason: o.item.reason });
    }
    return { observations, rejects };
  },
};
