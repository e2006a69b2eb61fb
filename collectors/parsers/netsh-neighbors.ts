/**
 * `netsh interface ipv4|ipv6 show neighbors` (docs/domain.md §3.1): blocks headed
 * `Interface 21: Ethernet` (localised word, same shape), a heading, a dashed rule, then rows
 * `<address>  [<aa-bb-cc-dd-ee-ff>]  <NUD state>`. The physical address cell is empty for
 * loopback multicast rows. `iface` is the interface alias (its index when the alias is empty).
 */
import type { NeighborEntry } from '../../server/model/observation.ts';
import type { Parser, ParseContext, ParseResult } from './types.ts';
import { ParseError } from './types.ts';
import { neighborsResult, quote, readMac, RejectList } from './neigh-common.ts';
import { headLines, scanLines, tokens } from './neigh-lines.ts';
import { canonicalIp, looksLikeIp } from './neigh-ip.ts';
import { netshState, nudState } from './neigh-state.ts';

const ID = 'netsh-neighbors';

/** `Interface 21: Ethernet`, `Schnittstelle 5: vEthernet (Mgmt)`. No ':' before the index, so rows never match. */
const BLOCK = /^(\S[^:\t]{0,40}) (\d{1,10}): ?(.{0,256})$/;
const RULE = /^-{20,}\s+-{5,}\s+-{5,}\s*$/;

/** Whether a cell is the link-layer address (anything MAC- or tunnel-address-shaped) rather than the state. */
function isAddressCell(cell: string): boolean {
  return /^[0-9a-fA-F]{1,4}[-:.]/.test(cell) && nudState(cell) === null;
}

function parse(text: string, ctx: ParseContext): ParseResult {
  const entries: NeighborEntry[] = [];
  const rejects = new RejectList();
  let iface: string | null = null;
  let recognised = false;

  const { prompt } = scanLines(text, rejects, (line, lineNo) => {
    const block = BLOCK.exec(line);
    if (block && !looksLikeIp(block[1])) {
      recognised = true;
      iface = block[3].trim() || block[2];
      return;
    }
    if (RULE.test(line)) {
      recognised = true;
      return;
    }
    const t = tokens(line);
    if (!looksLikeIp(t[0])) return; // headings in any language
    recognised = true;
    const ip = canonicalIp(t[0]);
    if (ip === null) return rejects.line(lineNo, `Internet address ${quote(t[0])} is not a valid IPv4 or IPv6 address`);
    let mac: string | null = null;
    let rest = t.slice(1);
    if (rest.length > 0 && isAddressCell(rest[0])) {
      const read = readMac(rest[0], 'physical address');
      if ('error' in read) return rejects.line(lineNo, read.error);
      mac = read.mac;
      rest = rest.slice(1);
    }
    if (rest.length === 0) return rejects.line(lineNo, `row for ${ip} has no type (neighbor state)`);
    entries.push({ ip, mac, state: netshState(rest.join(' ')), iface, vlan: null, ageSec: null });
  });

  if (!recognised) {
    throw new ParseError('not_netsh_neighbors', 'No "Interface <n>: <name>" block or neighbor row was found.');
  }
  return neighborsResult(ID, ctx, prompt, entries, rejects);
}

function sniff(text: string): number {
  let blocks = 0;
  let rules = 0;
  for (const line of headLines(text)) {
    const b = BLOCK.exec(line);
    if (b && !looksLikeIp(b[1])) blocks++;
    if (RULE.test(line)) rules++;
  }
  if (blocks > 0 && rules > 0) return 0.9;
  return rules > 0 ? 0.3 : 0;
}

export const parser: Parser = {
  id: ID,
  description: 'netsh interface ipv4|ipv6 show neighbors',
  sniff,
  parse,
};
