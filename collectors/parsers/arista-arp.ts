/**
 * Arista EOS `show ip arp` / `show arp` (CLI text), optionally per `VRF: <name>` section:
 * `Address  Age (min|sec)  Hardware Addr  Interface`, rows `<ip>  <age>  <mac>  <interface…>`.
 * The interface cell is the SVI and, when learned, the port (`Vlan101, Port-Channel2`); the
 * trailing `, not learned` marker is dropped. Ages are in the heading's unit or `h:mm:ss`; `N/A`
 * (no age) leaves the state `unknown` because EOS does not say why an entry has none.
 */
import type { NeighborEntry } from '../../server/model/observation.ts';
import type { Parser, ParseContext, ParseResult } from './types.ts';
import { ParseError } from './types.ts';
import { neighborsResult, parseDuration, quote, readMac, RejectList, vlanFromIface } from './neigh-common.ts';
import { headLines, scanLines, tokens } from './neigh-lines.ts';
import { canonicalIp, looksLikeIp } from './neigh-ip.ts';

const ID = 'arista-arp';

const HEADING = /^Address\s+Age\s*\((min|sec)\)\s+Hardware Addr\s+Interface\s*$/;

function parse(text: string, ctx: ParseContext): ParseResult {
  const entries: NeighborEntry[] = [];
  const rejects = new RejectList();
  let recognised = false;
  let unitSec = 60;

  const { prompt } = scanLines(text, rejects, (line, lineNo) => {
    const heading = HEADING.exec(line.trim());
    if (heading) {
      recognised = true;
      unitSec = heading[1] === 'min' ? 60 : 1;
      return;
    }
    const t = tokens(line);
    if (!looksLikeIp(t[0])) return; // `VRF: MGMT`, totals
    recognised = true;
    const ip = canonicalIp(t[0]);
    if (ip === null) return rejects.line(lineNo, `Address ${quote(t[0])} is not a valid IPv4 or IPv6 address`);
    if (t.length < 4) return rejects.line(lineNo, `row for ${t[0]} has ${t.length} columns; expected Address, Age, Hardware Addr, Interface`);
    // A bare number is in the heading's unit; `h:mm:ss` is already a duration.
    const age = /^\d{1,9}$/.test(t[1]) ? Number(t[1]) * unitSec : parseDuration(t[1]);
    if (age === undefined) return rejects.line(lineNo, `Age ${quote(t[1])} is not a number, h:mm:ss or N/A`);
    const mac = readMac(t[2], 'Hardware Addr');
    if ('error' in mac) return rejects.line(lineNo, mac.error);
    const iface = t.slice(3).join(' ').replace(/,\s*not learned$/i, '');
    entries.push({
      ip,
      mac: mac.mac,
      state: mac.mac === null ? 'incomplete' : age === null ? 'unknown' : 'dynamic',
      iface,
      vlan: vlanFromIface(iface),
      ageSec: age,
    });
  });

  if (!recognised) throw new ParseError('not_arista_arp', 'No "Address Age (min|sec) Hardware Addr Interface" heading or row was found.');
  return neighborsResult(ID, ctx, prompt, entries, rejects);
}

function sniff(text: string): number {
  for (const line of headLines(text)) if (HEADING.test(line.trim())) return 0.95;
  return 0;
}

export const parser: Parser = {
  id: ID,
  description: 'Arista EOS show ip arp (CLI text, VRF sections)',
  sniff,
  parse,
};
