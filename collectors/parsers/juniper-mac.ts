/**
 * Juniper `show ethernet-switching table` (CLI text), both layouts:
 *
 * ELS (EX/QFX 13.2X50+, 14.1X53 with collapsed spacing, 15+):
 * ```
 * MAC flags (S - static MAC, D - dynamic MAC, L - locally learned, P - Persistent static
 *            SE - statistics enabled, NM - non configured MAC, R - remote PE MAC, O - ovsdb MAC)
 * Ethernet switching table : 3 entries, 3 learned
 * Routing instance : default-switch
 *     Vlan                MAC                 MAC         Age    Logical                NH        RTR
 *     name                address             flags              interface              Index     ID
 *     Vlan2               bc:ac:0a:ca:ca:30   DR            -   ae3.0                  0         0
 * {master:0}
 * ```
 * Pre-ELS (EX 12.x):
 * ```
 * Ethernet-switching table: 3 entries, 1 learned
 *   VLAN              MAC address       Type         Age Interfaces
 *   default           *                 Flood          - All-members
 *   v10               00:1f:12:34:56:78 Learn          0 ge-0/0/0.0
 * ```
 *
 * Flood rows (MAC `*`) are not addresses and are skipped. The VLAN is read from the VLAN name
 * only when the name is or embeds the tag (`100`, `Vlan100`); other names give null. The type
 * comes from the flags or Type word (see mac-juniper.ts); the port is the logical interface as
 * printed. A `user@host>` prompt names the device.
 */
import type { MacTableEntry } from '../../server/model/observation.ts';
import type { ParseContext, ParseResult, Parser } from './types.ts';
import { ParseError } from './types.ts';
import {
  BoundedRejects,
  head,
  looksLikePort,
  macTableResult,
  macTokenIndex,
  promptName,
  pushEntries,
  quote,
  readMac,
  tableLines,
  tokens,
  vlanFromName,
} from './mac-common.ts';
import { juniperType } from './mac-juniper.ts';

const FORMAT = 'juniper-mac';

const HEADERS = [
  /^ethernet[- ]switching\s+table\s*:/i,
  /^vlan\s+mac\s+mac\s+age\s+logical\b/i,
  /^vlan\s+mac\s+address\s+type\s+age\s+interfaces\b/i,
];
const AGE = /^(?:-|\d+|\d+:\d{2}(?::\d{2})?)$/;
const TYPE = /^[A-Za-z][\w,\-]{0,31}$/;

type Row = { ok: true; entry: MacTableEntry } | { ok: false; reason: string };

function parseRow(toks: string[], idx: number): Row {
  if (idx !== 1) return { ok: false, reason: idx === 0 ? 'row has no VLAN name before the MAC' : `unexpected ${quote(toks[1])} before the MAC` };
  const mac = readMac(toks[1]);
  if (!mac.ok) return mac;
  const typeTok = toks[2];
  if (typeTok === undefined || !TYPE.test(typeTok)) return { ok: false, reason: `flags ${quote(typeTok ?? '')} are not MAC flags or a type` };
  let j = 3;
  if (j < toks.length && AGE.test(toks[j])) j++;
  const port = toks[j] ?? '';
  if (port !== '' && !looksLikePort(port)) return { ok: false, reason: `interface ${quote(port)} is not an interface name` };
  return { ok: true, entry: { mac: mac.value, vlan: vlanFromName(toks[0]), port, type: juniperType(typeTok) } };
}

function parse(text: string, ctx: ParseContext): ParseResult {
  const rejects = new BoundedRejects();
  const entries: MacTableEntry[] = [];
  let headerSeen = false;
  let device: string | null = null;

  for (const { no, text: line } of tableLines(text, rejects)) {
    const toks = tokens(line);
    if (toks.length === 0) continue;
    if (HEADERS.some((h) => h.test(line.trim()))) {
      headerSeen = true;
      continue;
    }
    const idx = macTokenIndex(toks);
    if (idx < 0) {
      // Flood entries (`default  *  Flood  -  All-members`), legends, titles, `{master:0}`, prompts.
      device ??= promptName(line);
      continue;
    }
    const row = parseRow(toks, idx);
    if (!row.ok) {
      rejects.line(no, row.reason);
      continue;
    }
    const { entry } = row;
    pushEntries(entries, rejects, no, entry.mac, entry.vlan, entry.type, entry.port === '' ? [] : [entry.port]);
  }

  if (!headerSeen && entries.length === 0) {
    throw new ParseError('unrecognized', 'No Juniper ethernet-switching table header or row was found.');
  }
  return macTableResult(FORMAT, ctx, device, entries, rejects);
}

function sniff(text: string): number {
  const h = head(text);
  if (/ethernet[- ]switching[ \t]+table/i.test(h)) return 0.95;
  if (/MAC flags \(S - static MAC/.test(h)) return 0.9;
  return 0;
}

export const parser: Parser = {
  id: FORMAT,
  description: 'Juniper show ethernet-switching table (ELS and pre-ELS CLI text)',
  sniff,
  parse,
};
