/**
 * Linux `ip -j neigh` (docs/domain.md §3.8): an array of
 * `{"dst","dev","lladdr","state":["REACHABLE"]}` objects. `state` is an array (a bare string is
 * accepted too); unresolved entries have no `lladdr`. Bad objects are rejected by index.
 */
import type { NeighborEntry, NeighborState } from '../../server/model/observation.ts';
import type { Parser, ParseContext, ParseResult } from './types.ts';
import { ParseError } from './types.ts';
import { neighborsResult, quote, readMac, RejectList } from './neigh-common.ts';
import { canonicalIp } from './neigh-ip.ts';
import { SNIFF_BYTES } from './neigh-lines.ts';
import { nudState } from './neigh-state.ts';

const ID = 'ip-neigh-json';

function readItem(item: unknown): NeighborEntry | string {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return 'item is not an object';
  const o = item as Record<string, unknown>;
  const dst = Object.prototype.hasOwnProperty.call(o, 'dst') ? o.dst : undefined;
  if (typeof dst !== 'string') return dst === undefined ? 'dst is missing' : `dst is ${quote(dst)}, not a string`;
  const ip = canonicalIp(dst.trim());
  if (ip === null) return `dst ${quote(dst)} is not a valid IPv4 or IPv6 address`;

  let mac: string | null = null;
  if (o.lladdr !== undefined && o.lladdr !== null) {
    if (typeof o.lladdr !== 'string') return `lladdr is ${quote(o.lladdr)}, not a string`;
    const read = readMac(o.lladdr.trim(), 'lladdr');
    if ('error' in read) return read.error;
    mac = read.mac;
  }

  let state: NeighborState = 'unknown';
  const states = Array.isArray(o.state) ? o.state : o.state === undefined || o.state === null ? [] : [o.state];
  for (const s of states) {
    if (typeof s !== 'string') return `state contains ${quote(s)}, not a string`;
    const nud = nudState(s);
    if (nud !== null) {
      state = nud;
      break;
    }
  }
  const dev = typeof o.dev === 'string' && o.dev.trim() !== '' ? o.dev.trim() : null;
  return { ip, mac, state, iface: dev, vlan: null, ageSec: null };
}

function parse(text: string, ctx: ParseContext): ParseResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ParseError('not_ip_neigh_json', `The body is not JSON (${err instanceof Error ? err.message.slice(0, 120) : 'parse failed'}).`);
  }
  if (!Array.isArray(doc)) throw new ParseError('not_ip_neigh_json', 'ip -j neigh prints a JSON array; this JSON is not one.');
  const entries: NeighborEntry[] = [];
  const rejects = new RejectList();
  doc.forEach((item, index) => {
    const read = readItem(item);
    if (typeof read === 'string') rejects.add({ index, reason: read });
    else entries.push(read);
  });
  return neighborsResult(ID, ctx, null, entries, rejects);
}

function sniff(text: string): number {
  const head = text.slice(0, SNIFF_BYTES).replace(/^\uFEFF/, '').trimStart();
  if (head[0] !== '[') return 0;
  if (!/^\[\s*\{\s*"dst"\s*:/.test(head)) return head.includes('"dst"') && head.includes('"lladdr"') ? 0.6 : 0;
  return 0.95;
}

export const parser: Parser = {
  id: ID,
  description: 'Linux ip -j neigh (JSON, state as an array)',
  sniff,
  parse,
};
