/**
 * Linux `ip neigh` / `ip neighbor show` text (docs/domain.md §3.8): one neighbor per line,
 * `<address> [dev <if>] [lladdr <mac>] [router] [proxy] … <STATE>`, where unresolved entries have
 * no `lladdr` (`… dev eth0 FAILED`). `ip -s neigh` adds `ref`, `used a/b/c` and `probes`; the
 * keywords are read by name, so their order and the extras do not matter.
 */
import type { NeighborEntry, NeighborState } from '../../server/model/observation.ts';
import type { Parser, ParseContext, ParseResult } from './types.ts';
import { ParseError } from './types.ts';
import { neighborsResult, quote, readMac, RejectList } from './neigh-common.ts';
import { headLines, scanLines, tokens } from './neigh-lines.ts';
import { canonicalIp, looksLikeIp } from './neigh-ip.ts';
import { nudState } from './neigh-state.ts';

const ID = 'ip-neigh';

/** Keywords followed by one value. */
const WITH_VALUE = new Set(['dev', 'lladdr', 'ref', 'used', 'probes', 'vrf', 'nud', 'protocol']);
/** Flags that stand alone and say nothing we keep. */
const FLAGS = new Set(['router', 'proxy', 'extern_learn', 'offload', 'managed', 'self', 'master', 'permanent']);

type Row = NeighborEntry | string;

/** One `ip neigh` line → an entry, a reject reason, or null when it is not a neighbor row. */
function readIpNeighLine(line: string): Row | null {
  const t = tokens(line);
  const first = t[0] === 'delete' || t[0] === 'miss' ? t.slice(1) : t; // `ip monitor neigh` prefixes
  if (first.length === 0 || !looksLikeIp(first[0])) return null;
  const ip = canonicalIp(first[0]);
  if (ip === null) return `address ${quote(first[0])} is not a valid IPv4 or IPv6 address`;
  let iface: string | null = null;
  let mac: string | null = null;
  let state: NeighborState | null = null;
  for (let i = 1; i < first.length; i++) {
    const word = first[i];
    if (WITH_VALUE.has(word)) {
      const value = first[++i];
      if (value === undefined) return `'${word}' has no value`;
      if (word === 'dev') iface = value;
      if (word === 'lladdr') {
        const read = readMac(value, 'lladdr');
        if ('error' in read) return read.error;
        mac = read.mac;
      }
      continue;
    }
    const nud = nudState(word);
    if (nud !== null && word === word.toUpperCase()) {
      state ??= nud;
      continue;
    }
    if (!FLAGS.has(word)) return `unexpected word ${quote(word)} after ${first[0]}`;
  }
  return { ip, mac, state: state ?? 'unknown', iface, vlan: null, ageSec: null };
}

function parse(text: string, ctx: ParseContext): ParseResult {
  const entries: NeighborEntry[] = [];
  const rejects = new RejectList();
  let rows = 0;
  let other = 0;
  const { prompt } = scanLines(text, rejects, (line, lineNo) => {
    const row = readIpNeighLine(line);
    if (row === null) {
      other++;
      return;
    }
    rows++;
    if (typeof row === 'string') rejects.line(lineNo, row);
    else entries.push(row);
  });
  // An empty neighbor table prints nothing, so empty input is a valid (empty) table; text with
  // lines that are all something else is not this format.
  if (rows === 0 && other > 0) throw new ParseError('not_ip_neigh', 'No "<address> dev <if> lladdr <mac> <STATE>" line was found.');
  return neighborsResult(ID, ctx, prompt, entries, rejects);
}

const SHAPE = / (?:dev|lladdr) \S+/;
const STATE_AT_END = / (?:REACHABLE|STALE|DELAY|PROBE|FAILED|INCOMPLETE|PERMANENT|NOARP|NONE)\s*$/;

function sniff(text: string): number {
  let hits = 0;
  let misses = 0;
  for (const line of headLines(text)) {
    if (line.trim() === '') continue;
    const first = tokens(line)[0];
    if (looksLikeIp(first) && SHAPE.test(line) && (STATE_AT_END.test(line) || line.includes(' lladdr '))) hits++;
    else misses++;
  }
  if (hits === 0) return 0;
  return hits >= misses ? 0.9 : 0.5;
}

export const parser: Parser = {
  id: ID,
  description: 'Linux ip neigh / ip neighbor show (text)',
  sniff,
  parse,
};
