/**
 * Cisco IOS / IOS-XE `show ip arp` and `show arp` (docs/domain.md §3.9), and IOS-XR `show arp`.
 * IOS rows: `Internet  <ip>  <age min|->  <mac|Incomplete>  ARPA  [<interface>]`; age `-` marks
 * the router's own or a configured entry (state `static`), a number is minutes (state `dynamic`).
 * IOS-XR rows: `<ip>  <hh:mm:ss|->  <mac>  <State>  ARPA  <interface>` under per-node sections
 * (`0/0/CPU0`), with State `Dynamic`, `Interface` (own address → `static`), `Static`, ….
 */
import type { NeighborEntry, NeighborState } from '../../server/model/observation.ts';
import type { Parser, ParseContext, ParseResult } from './types.ts';
import { ParseError } from './types.ts';
import { neighborsResult, parseDuration, quote, readMac, RejectList, vlanFromIface } from './neigh-common.ts';
import { headLines, scanLines, tokens } from './neigh-lines.ts';
import { canonicalIp, looksLikeIp } from './neigh-ip.ts';

const ID = 'cisco-ios-arp';

const IOS_HEADING = /^Protocol\s+Address\s+Age\s*\(min\)\s+Hardware Addr\s+Type\s+Interface\s*$/;
const XR_HEADING = /^Address\s+Age\s+Hardware Addr\s+State\s+Type\s+Interface\s*$/;
/** Network-layer protocols IOS lists in the first column. */
const PROTOCOLS = new Set(['internet', 'ip']);

const XR_STATES: Record<string, NeighborState> = {
  dynamic: 'dynamic',
  interface: 'static',
  static: 'static',
  alias: 'static',
  incomplete: 'incomplete',
};

type Row = NeighborEntry | string;

function macCell(cell: string | undefined): { mac: string | null; incomplete: boolean } | string {
  if (cell === undefined) return 'Hardware Addr is missing';
  if (cell.toLowerCase() === 'incomplete') return { mac: null, incomplete: true };
  const read = readMac(cell, 'Hardware Addr');
  return 'error' in read ? read.error : { mac: read.mac, incomplete: read.mac === null };
}

function readIosRow(t: string[]): Row {
  const ip = canonicalIp(t[1] ?? '');
  if (ip === null) return `Address ${quote(t[1] ?? '')} is not a valid IPv4 or IPv6 address`;
  const age = t[2] ?? '';
  if (age !== '-' && !/^\d{1,9}$/.test(age)) return `Age(min) ${quote(age)} is neither minutes nor '-'`;
  const hw = macCell(t[3]);
  if (typeof hw === 'string') return hw;
  const iface = t.length > 5 ? t.slice(5).join(' ') : null;
  const state: NeighborState = hw.incomplete ? 'incomplete' : age === '-' ? 'static' : 'dynamic';
  return { ip, mac: hw.mac, state, iface, vlan: vlanFromIface(iface), ageSec: age === '-' ? null : Number(age) * 60 };
}

function readXrRow(t: string[]): Row {
  const ip = canonicalIp(t[0]);
  if (ip === null) return `Address ${quote(t[0])} is not a valid IPv4 or IPv6 address`;
  const age = parseDuration(t[1] ?? '');
  if (age === undefined) return `Age ${quote(t[1] ?? '')} is not hh:mm:ss or '-'`;
  const hw = macCell(t[2]);
  if (typeof hw === 'string') return hw;
  const word = (t[3] ?? '').toLowerCase();
  const state: NeighborState = hw.incomplete ? 'incomplete' : (XR_STATES[word] ?? 'unknown');
  const iface = t.length > 5 ? t.slice(5).join(' ') : null;
  return { ip, mac: hw.mac, state, iface, vlan: vlanFromIface(iface), ageSec: age };
}

function parse(text: string, ctx: ParseContext): ParseResult {
  const entries: NeighborEntry[] = [];
  const rejects = new RejectList();
  let recognised = false;
  let xr = false;

  const { prompt } = scanLines(text, rejects, (line, lineNo) => {
    const trimmed = line.trim();
    if (IOS_HEADING.test(trimmed) || XR_HEADING.test(trimmed)) {
      recognised = true;
      xr = XR_HEADING.test(trimmed);
      return;
    }
    const t = tokens(line);
    let row: Row;
    if (PROTOCOLS.has(t[0].toLowerCase()) && t.length >= 3) row = readIosRow(t);
    else if (xr && looksLikeIp(t[0])) row = readXrRow(t);
    else return; // section rules, node names (0/0/CPU0), timestamps
    recognised = true;
    if (typeof row === 'string') rejects.line(lineNo, row);
    else entries.push(row);
  });

  if (!recognised) throw new ParseError('not_cisco_ios_arp', 'No "Protocol Address Age (min) …" heading or "Internet <address> …" row was found.');
  return neighborsResult(ID, ctx, prompt, entries, rejects);
}

function sniff(text: string): number {
  let rows = 0;
  for (const line of headLines(text)) {
    const trimmed = line.trim();
    if (IOS_HEADING.test(trimmed) || XR_HEADING.test(trimmed)) return 0.95;
    if (/^Internet\s+\d{1,3}(?:\.\d{1,3}){3}\s/.test(trimmed)) rows++;
  }
  return rows > 0 ? 0.7 : 0;
}

export const parser: Parser = {
  id: ID,
  description: 'Cisco IOS/IOS-XE show ip arp / show arp, IOS-XR show arp',
  sniff,
  parse,
};
