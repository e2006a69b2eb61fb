/**
 * Juniper Junos `show arp` / `show arp no-resolve` (CLI text): heading
 * `MAC Address  Address  [Name]  Interface  Flags`, rows `<mac> <ip> [<name>] <interface> <flags…>`,
 * then `Total entries: N` and often a `{master:0}` banner and the next prompt. An IRB interface may
 * carry its member port in brackets (`irb.20 [xe-0/0/1.0]`), kept as part of `iface`. Flags
 * containing `permanent` give state `permanent`; others (`none`, `remote`, `publish`) `dynamic`.
 */
import type { NeighborEntry } from '../../server/model/observation.ts';
import type { Parser, ParseContext, ParseResult } from './types.ts';
import { ParseError } from './types.ts';
import { neighborsResult, quote, readMac, RejectList } from './neigh-common.ts';
import { headLines, scanLines, tokens } from './neigh-lines.ts';
import { canonicalIp, looksLikeIp } from './neigh-ip.ts';

const ID = 'juniper-arp';

const HEADING = /^MAC Address\s+Address\s+(Name\s+)?Interface\s+Flags\s*$/;
/** Shaped like a MAC (colon, dash or dot groups): the row is data, valid or not. */
const MAC_SHAPE = /^[0-9a-zA-Z]{1,4}(?:[:.-][0-9a-zA-Z]{1,4}){2,5}$/;

function readRow(t: string[], withName: boolean): NeighborEntry | string {
  const mac = readMac(t[0], 'MAC Address');
  if ('error' in mac) return mac.error;
  const ip = canonicalIp(t[1] ?? '');
  if (ip === null) return `Address ${quote(t[1] ?? '')} is not a valid IPv4 or IPv6 address`;
  let i = withName ? 3 : 2;
  if (t[i] === undefined) return `row for ${t[1]} has no Interface`;
  let iface = t[i++];
  if (t[i]?.startsWith('[')) iface += ` ${t[i++]}`;
  const flags = t.slice(i).map((f) => f.toLowerCase());
  return { ip, mac: mac.mac, state: flags.includes('permanent') ? 'permanent' : 'dynamic', iface, vlan: null, ageSec: null };
}

function parse(text: string, ctx: ParseContext): ParseResult {
  const entries: NeighborEntry[] = [];
  const rejects = new RejectList();
  let recognised = false;
  let withName = false;

  const { prompt } = scanLines(text, rejects, (line, lineNo) => {
    const heading = HEADING.exec(line.trim());
    if (heading) {
      recognised = true;
      withName = heading[1] !== undefined;
      return;
    }
    const t = tokens(line);
    if (t.length < 2 || !MAC_SHAPE.test(t[0]) || !looksLikeIp(t[1])) return; // totals, banners, other tables
    recognised = true;
    const row = readRow(t, withName);
    if (typeof row === 'string') rejects.line(lineNo, row);
    else entries.push(row);
  });

  if (!recognised) throw new ParseError('not_juniper_arp', 'No "MAC Address Address Interface Flags" heading or row was found.');
  return neighborsResult(ID, ctx, prompt, entries, rejects);
}

function sniff(text: string): number {
  for (const line of headLines(text)) if (HEADING.test(line.trim())) return 0.95;
  return 0;
}

export const parser: Parser = {
  id: ID,
  description: 'Juniper Junos show arp / show arp no-resolve (CLI text)',
  sniff,
  parse,
};
