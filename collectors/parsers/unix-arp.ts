/**
 * Unix ARP tables: Linux `arp -a`/`-an`/`arp`/`arp -v`, `/proc/net/arp`, FreeBSD/OpenBSD/macOS,
 * AIX and Solaris. A body may even mix them (a capture of several commands): each line is read by
 * its own shape, and a table heading switches the reader for the rows under it. Headings of
 * net-tools' table are localised, so its rows are also recognised without one.
 */
import type { NeighborEntry } from '../../server/model/observation.ts';
import type { Parser, ParseContext, ParseResult } from './types.ts';
import { ParseError } from './types.ts';
import { neighborsResult, RejectList } from './neigh-common.ts';
import { headLines, scanLines, tokens } from './neigh-lines.ts';
import {
  readAtRow,
  readLinuxTableRow,
  readOpenBsdRow,
  readProcRow,
  readSolarisRow,
  type RowResult,
} from './neigh-unix-rows.ts';

const ID = 'unix-arp';

type Layout = 'linux' | 'proc' | 'openbsd' | 'solaris';

const HEADINGS: [RegExp, Layout][] = [
  [/^Address\s+HWtype\s+HWaddress\s+Flags\s+Mask\s+Iface\s*$/, 'linux'],
  [/^IP address\s+HW type\s+Flags\s+HW address\s+Mask\s+Device\s*$/, 'proc'],
  [/^Host\s+Ethernet Address\s+Netif\s+Expire\s+Flags\s*$/, 'openbsd'],
  [/^Net to Media Table/, 'solaris'],
  [/^Device\s+IP Address\s+Mask\s+Flags\s+Phys Addr\s*$/, 'solaris'],
];

const READERS: Record<Layout, (t: string[]) => RowResult> = {
  linux: readLinuxTableRow,
  proc: readProcRow,
  openbsd: readOpenBsdRow,
  solaris: readSolarisRow,
};

/** Lines that are neither rows nor headings: rules, `Entries: 2 Skipped: 0 Found: 2`, AIX bucket lists and totals. */
const CHATTER = [
  /^[-\s]+$/,
  /^\S+:\s*\d+\s+\S+:\s*\d+\s+\S+:\s*\d+\s*$/,
  /^bucket:\s+\d+\s+contains:\s+\d+\s+entries\s*$/,
  /^There are \d+ entries in the arp table\.?\s*$/,
];

const AT_ROW = /^\(\S{1,64}\)$/;
const MAC_TOKEN = /^[0-9a-fA-F]{1,2}(?::[0-9a-fA-F]{1,2}){5}$/;

function isAtRow(t: string[]): boolean {
  return t.length >= 4 && AT_ROW.test(t[1]) && t[2] === 'at';
}

/** A heading-less row of net-tools `arp -n` or `/proc/net/arp`, told apart by its columns. */
function layoutByShape(t: string[]): Layout | null {
  if (t.length === 6 && /^0x[0-9a-fA-F]+$/.test(t[1]) && /^0x[0-9a-fA-F]+$/.test(t[2])) return 'proc';
  if (t.length >= 3 && t[1].toLowerCase() === '(incomplete)') return 'linux';
  if (t.length >= 4 && /^[a-z][\w-]*$/i.test(t[1]) && MAC_TOKEN.test(t[2])) return 'linux';
  return null;
}

function parse(text: string, ctx: ParseContext): ParseResult {
  const entries: NeighborEntry[] = [];
  const rejects = new RejectList();
  let layout: Layout | null = null;
  let recognised = false;

  const { prompt } = scanLines(text, rejects, (line, lineNo) => {
    const trimmed = line.trim();
    for (const [re, l] of HEADINGS) {
      if (re.test(trimmed)) {
        layout = l;
        recognised = true;
        return;
      }
    }
    if (CHATTER.some((re) => re.test(trimmed))) return;
    const t = tokens(line);
    let row: RowResult;
    if (isAtRow(t)) row = readAtRow(t);
    else {
      // A row recognised by its shape fixes the layout for the rows after it, so a later row
      // with a broken cell is rejected instead of passing for chatter.
      layout ??= layoutByShape(t);
      if (layout === null) return;
      row = READERS[layout](t);
    }
    recognised = true;
    if (typeof row === 'string') rejects.line(lineNo, row);
    else entries.push(row);
  });

  if (!recognised) throw new ParseError('not_unix_arp', 'No arp table heading or "name (address) at …" row was found.');
  return neighborsResult(ID, ctx, prompt, entries, rejects);
}

function sniff(text: string): number {
  let shaped = 0;
  for (const line of headLines(text)) {
    const trimmed = line.trim();
    if (HEADINGS.some(([re]) => re.test(trimmed))) return 0.95;
    const t = tokens(line);
    if (isAtRow(t)) return 0.9;
    if (layoutByShape(t) === 'proc') shaped++;
  }
  return shaped > 0 ? 0.6 : 0;
}

export const parser: Parser = {
  id: ID,
  description: 'Unix arp tables: Linux arp -a/-an/arp -v, /proc/net/arp, BSD/macOS, AIX, Solaris',
  sniff,
  parse,
};
