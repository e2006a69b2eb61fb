/**
 * Windows `arp -a` (docs/domain.md §3.1): blocks headed `Interface: <local IPv4> --- 0x<ifIndex>`
 * and rows `<IPv4>  <aa-bb-cc-dd-ee-ff>  <type>`. Headings and type words are localised
 * (`Schnittstelle`, `Internetadresse`, `dynamisch`, `dinâmico`, …), so blocks and rows are found by
 * their shape, never by their words. Each row's `iface` is its block's `<local IP> (0x<index>)`.
 */
import type { NeighborEntry } from '../../server/model/observation.ts';
import type { Parser, ParseContext, ParseResult } from './types.ts';
import { ParseError } from './types.ts';
import { neighborsResult, quote, readMac, RejectList } from './neigh-common.ts';
import { headLines, scanLines, tokens } from './neigh-lines.ts';
import { isIPv4 } from './neigh-ip.ts';
import { windowsArpType } from './neigh-state.ts';

const ID = 'windows-arp';

/** `Interface: 10.0.0.185 --- 0x5` in any language (French writes `Interface : …`). */
const BLOCK = /(\d{1,3}(?:\.\d{1,3}){3})\s+---\s+(0x[0-9a-fA-F]{1,8})\s*$/;
/** A row's first cell: starts like a dotted address (the row is then data, valid or not). */
const ROW_START = /^\d{1,3}\./;
/** `arp -a` on a host with an empty table. [U] Only the English sentence is recognised. */
const NO_ENTRIES = /^No ARP Entries Found\.?$/i;
const DASH_MAC = /^[0-9a-fA-F]{2}(?:-[0-9a-fA-F]{2}){5}$/;

function parse(text: string, ctx: ParseContext): ParseResult {
  const entries: NeighborEntry[] = [];
  const rejects = new RejectList();
  let iface: string | null = null;
  let recognised = false;

  const { prompt } = scanLines(text, rejects, (line, lineNo) => {
    const block = BLOCK.exec(line);
    if (block) {
      recognised = true;
      iface = isIPv4(block[1]) ? `${block[1]} (${block[2].toLowerCase()})` : null;
      if (iface === null) rejects.line(lineNo, `interface header address ${quote(block[1])} is not a valid IPv4 address`);
      return;
    }
    const t = tokens(line);
    if (NO_ENTRIES.test(line.trim())) {
      recognised = true;
      return;
    }
    if (!ROW_START.test(t[0])) return; // heading (any language), prompt echo or other chatter
    recognised = true;
    if (!isIPv4(t[0])) return rejects.line(lineNo, `Internet address ${quote(t[0])} is not a valid IPv4 address`);
    if (t.length < 2) return rejects.line(lineNo, `row for ${t[0]} has no physical address`);
    const mac = readMac(t[1], 'physical address');
    if ('error' in mac) return rejects.line(lineNo, mac.error);
    const state = t.length > 2 ? windowsArpType(t.slice(2).join(' ')) : 'unknown';
    entries.push({ ip: t[0], mac: mac.mac, state, iface, vlan: null, ageSec: null });
  });

  if (!recognised) {
    throw new ParseError('not_windows_arp', 'No "Interface: <ip> --- 0x<index>" block or arp -a row was found.');
  }
  return neighborsResult(ID, ctx, prompt, entries, rejects);
}

function sniff(text: string): number {
  let rows = 0;
  for (const line of headLines(text)) {
    if (BLOCK.test(line) && /^\S/.test(line)) return 0.95;
    const t = tokens(line);
    // Rows are indented by two spaces; netsh rows start at the margin.
    if (/^\s/.test(line) && t.length >= 3 && isIPv4(t[0]) && DASH_MAC.test(t[1])) rows++;
  }
  return rows > 0 ? 0.6 : 0;
}

export const parser: Parser = {
  id: ID,
  description: 'Windows arp -a (any language, CRLF, UTF-16LE)',
  sniff,
  parse,
};
