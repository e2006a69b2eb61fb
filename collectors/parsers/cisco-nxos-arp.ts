/**
 * Cisco NX-OS `show ip arp` (docs/domain.md §3.9), with `vrf all` and `detail`: a flags legend,
 * `IP ARP Table for context <vrf>` / `Total number of entries: N` per context, then rows
 * `<ip>  <hh:mm:ss|seconds|->  <mac|INCOMPLETE>  <interface>  [<physical interface>]  [<flag>]`.
 * Flags (`*` non-active FHRP, `+` synced via CFSoE, `#` throttled for glean, `D` static on a down
 * interface) trail the row; they do not change what the row says. Totals are never checked:
 * hand-edited samples disagree with their own headers.
 */
import type { NeighborEntry, NeighborState } from '../../server/model/observation.ts';
import type { Parser, ParseContext, ParseResult } from './types.ts';
import { ParseError } from './types.ts';
import { neighborsResult, parseDuration, quote, readMac, RejectList, vlanFromIface } from './neigh-common.ts';
import { headLines, scanLines, tokens } from './neigh-lines.ts';
import { canonicalIp, looksLikeIp } from './neigh-ip.ts';

const ID = 'cisco-nxos-arp';

const HEADING = /^Address\s+Age\s+MAC Address\s+Interface(\s+Physical Interface)?(\s+Flags)?\s*$/;
const TABLE = /^IP ARP Table for (?:all contexts|context \S+)/;
const FLAG = /^[*+#D]{1,4}$/;

function readRow(t: string[]): NeighborEntry | string {
  // Some releases print the flag glued to the address (`10.1.1.1*`).
  const addr = t[0].replace(/[*+#]{1,3}$/, '');
  const ip = canonicalIp(addr);
  if (ip === null) return `Address ${quote(t[0])} is not a valid IPv4 or IPv6 address`;
  if (t.length < 4) return `row for ${addr} has ${t.length} columns; expected Address, Age, MAC Address, Interface`;
  const age = parseDuration(t[1]);
  if (age === undefined) return `Age ${quote(t[1])} is not hh:mm:ss, seconds or '-'`;
  let mac: string | null = null;
  let incomplete = false;
  if (t[2].toUpperCase() === 'INCOMPLETE') incomplete = true;
  else {
    const read = readMac(t[2], 'MAC Address');
    if ('error' in read) return read.error;
    mac = read.mac;
    incomplete = mac === null;
  }
  const iface = t[3] === '-' ? null : t[3];
  const state: NeighborState = incomplete ? 'incomplete' : t[1] === '-' ? 'static' : 'dynamic';
  return { ip, mac, state, iface, vlan: vlanFromIface(iface), ageSec: age };
}

function parse(text: string, ctx: ParseContext): ParseResult {
  const entries: NeighborEntry[] = [];
  const rejects = new RejectList();
  let recognised = false;

  const { prompt } = scanLines(text, rejects, (line, lineNo) => {
    const trimmed = line.trim();
    if (HEADING.test(trimmed) || TABLE.test(trimmed)) {
      recognised = true;
      return;
    }
    const t = tokens(line);
    // Legend lines start with a flag character or `Flags:`; totals and prose start with a word.
    if (!looksLikeIp(t[0].replace(/[*+#]{1,3}$/, '')) || FLAG.test(t[0])) return;
    recognised = true;
    const row = readRow(t);
    if (typeof row === 'string') rejects.line(lineNo, row);
    else entries.push(row);
  });

  if (!recognised) throw new ParseError('not_cisco_nxos_arp', 'No "IP ARP Table" / "Address Age MAC Address Interface" heading or row was found.');
  return neighborsResult(ID, ctx, prompt, entries, rejects);
}

function sniff(text: string): number {
  let score = 0;
  for (const line of headLines(text)) {
    const trimmed = line.trim();
    if (HEADING.test(trimmed)) score = Math.max(score, 0.95);
    else if (TABLE.test(trimmed)) score = Math.max(score, 0.9);
    else if (/^Flags: \* - Adjacencies/.test(trimmed)) score = Math.max(score, 0.85);
  }
  return score;
}

export const parser: Parser = {
  id: ID,
  description: 'Cisco NX-OS show ip arp (detail, vrf all)',
  sniff,
  parse,
};
