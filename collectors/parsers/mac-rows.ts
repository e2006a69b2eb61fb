/**
 * The row-table reader shared by the Cisco-style MAC tables (IOS, NX-OS, Arista): they all print
 * `[flags] VLAN MAC TYPE …columns… PORTS` rows under a header, with legends, titles, totals and
 * prompts around them and port lists that may continue on indented lines. Each format supplies
 * its header test and how to read the columns after the type; this file does the rest.
 */
import type { MacTableEntry } from '../../server/model/observation.ts';
import type { Mac } from '../../server/model/mac.ts';
import type { ParseContext, ParseResult } from './types.ts';
import { ParseError } from './types.ts';
import {
  BoundedRejects,
  looksLikePort,
  macTableResult,
  macTokenIndex,
  promptName,
  pushEntries,
  quote,
  readMac,
  readVlan,
  splitPorts,
  tableLines,
  tokens,
} from './mac-common.ts';

/**
 * Flag markers printed before the VLAN: IOS 6500 `*` primary, `R` router, `#` fabric, `D`
 * duplicate, `S` secure; NX-OS `*`, `G` gateway, `+` vPC peer-link, `O` overlay, `C`, `E` EVPN,
 * `~` hardware age. Up to three may be printed together (`*R`).
 */
export function isFlagToken(token: string): boolean {
  return /^[*+#~RDSGOCE]{1,3}$/.test(token);
}

const TYPE = /^[A-Za-z][\w\-]{0,31}$/;

export type Row = { ok: true; mac: Mac; vlan: number | null; type: string; ports: string[] } | { ok: false; reason: string };

export interface Lead {
  mac: Mac;
  vlan: number | null;
  type: string;
  /** Tokens after the type column. */
  rest: string[];
}

/**
 * Reads `[flags] VLAN MAC TYPE` given the index of the MAC token. With `routedPortVlan`, an
 * interface name in the VLAN column (Catalyst 4500 routed ports) is accepted as "no VLAN".
 */
export function readLead(toks: string[], idx: number, routedPortVlan = false): Lead | { reason: string } {
  if (idx === 0) return { reason: 'row has no VLAN column before the MAC' };
  for (let i = 0; i < idx - 1; i++) {
    if (!isFlagToken(toks[i])) return { reason: `unexpected ${quote(toks[i])} before the VLAN column` };
  }
  const vlanTok = toks[idx - 1];
  let vlan = readVlan(vlanTok);
  if (vlan === undefined) {
    if (!routedPortVlan || !looksLikePort(vlanTok) || isFlagToken(vlanTok)) return { reason: `vlan ${quote(vlanTok)} is not a VLAN number` };
    vlan = null;
  }
  const mac = readMac(toks[idx]);
  if (!mac.ok) return mac;
  const typeTok = toks[idx + 1];
  if (typeTok === undefined) return { reason: `row for ${mac.value} has no type column` };
  if (!TYPE.test(typeTok)) return { reason: `type ${quote(typeTok)} is not an entry type` };
  return { mac: mac.value, vlan, type: typeTok.toLowerCase(), rest: toks.slice(idx + 2) };
}

/** The row a continuation line belongs to. */
interface LastRow {
  mac: Mac;
  vlan: number | null;
  type: string;
}

/**
 * Ports of a continuation line: an indented line with no MAC, directly after a data row, made only
 * of interface names (`          Gi2/41,Gi2/42,Gi3/16` on IOS, `   Eth142/1/1 Eth112/1/6` on
 * NX-OS). Returns null for any other line, which then ends the continuation.
 */
function continuationPorts(line: string, toks: string[], last: LastRow | null): string[] | null {
  if (!last || !/^[ \t]/.test(line) || toks.length === 0) return null;
  const ports = splitPorts(line);
  return ports.length > 0 && ports.every(looksLikePort) ? ports : null;
}

export interface RowTableLayout {
  format: string;
  /** Whether a trimmed line is this format's column header. */
  isHeader(trimmed: string): boolean;
  /** Reads a data row, given the index of its MAC-shaped token. */
  parseRow(toks: string[], idx: number): Row;
  /** Turns a continuation line's tokens into ports (NX-OS rejoins `vPC Peer-Link`). */
  ports?(split: string[]): string[];
  /** ParseError message when neither a header nor a row was found. */
  unrecognized: string;
}

/**
 * Reads a Cisco-style table. Lines with a MAC-shaped token are data rows (parsed, or rejected with
 * the reason); indented port-only lines right after a row continue it; every other line (titles,
 * legends, separators, totals, section banners) is skipped, and a CLI prompt among them names the
 * device. Throws ParseError('unrecognized') when no header and no row was found at all.
 */
export function parseRowTable(text: string, ctx: ParseContext, layout: RowTableLayout): ParseResult {
  const rejects = new BoundedRejects();
  const entries: MacTableEntry[] = [];
  let headerSeen = false;
  let device: string | null = null;
  let last: LastRow | null = null;

  for (const { no, text: line } of tableLines(text, rejects)) {
    const toks = tokens(line);
    if (toks.length === 0) {
      last = null;
      continue;
    }
    if (layout.isHeader(line.trim())) {
      headerSeen = true;
      last = null;
      continue;
    }
    const idx = macTokenIndex(toks);
    if (idx < 0) {
      const more = continuationPorts(line, toks, last);
      if (more && last) {
        pushEntries(entries, rejects, no, last.mac, last.vlan, last.type, layout.ports ? layout.ports(more) : more);
        continue;
      }
      last = null;
      device ??= promptName(line);
      continue;
    }
    const row = layout.parseRow(toks, idx);
    if (!row.ok) {
      rejects.line(no, row.reason);
      last = null;
      continue;
    }
    pushEntries(entries, rejects, no, row.mac, row.vlan, row.type, row.ports);
    last = { mac: row.mac, vlan: row.vlan, type: row.type };
  }

  if (!headerSeen && entries.length === 0) throw new ParseError('unrecognized', layout.unrecognized);
  return macTableResult(layout.format, ctx, device, entries, rejects);
}
