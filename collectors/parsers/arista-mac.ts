/**
 * Arista EOS `show mac address-table` (CLI text):
 *
 * ```
 *           Mac Address Table
 * ------------------------------------------------------------------
 * Vlan    Mac Address       Type        Ports      Moves   Last Move
 * ----    -----------       ----        -----      -----   ---------
 *  101    001c.8224.36d7    DYNAMIC     Po2        1       9 days, 15:57:28 ago
 *  102    001c.8220.1319    STATIC      Po1
 * Total Mac Addresses for this criterion: 24
 *           Multicast Mac Address Table
 * Vlan    Mac Address       Type        Ports
 *    4    c867.3057.8423    STATIC      Po10 Po123
 * ```
 *
 * Unicast rows name one port and may end with the move count and the time of the last move
 * (ignored); multicast rows list several space-separated ports, one entry each. Totals and titles
 * are skipped; a row whose MAC is not hex (`jenn.3057.8423` in the public sample) is rejected.
 * The type is the Type column lower-cased (`dynamic`, `static`, …).
 */
import type { Parser } from './types.ts';
import { head } from './mac-common.ts';
import { parseRowTable, readLead, type Row } from './mac-rows.ts';

const FORMAT = 'arista-mac';

const HEADER = /^vlan\s+mac\s+address\s+type\s+ports\b/i;

function parseRow(toks: string[], idx: number): Row {
  const lead = readLead(toks, idx);
  if ('reason' in lead) return { ok: false, reason: lead.reason };
  // Ports run until the Moves count (a bare number); what follows is the last-move time.
  const ports: string[] = [];
  for (const t of lead.rest) {
    if (/^\d+$/.test(t)) break;
    ports.push(...t.split(',').filter((p) => p !== ''));
  }
  return { ok: true, mac: lead.mac, vlan: lead.vlan, type: lead.type, ports };
}

function sniff(text: string): number {
  const h = head(text);
  if (/^[ \t]*Vlan[ \t]+Mac[ \t]+Address[ \t]+Type[ \t]+Ports[ \t]+Moves[ \t]+Last[ \t]+Move/im.test(h)) return 0.95;
  if (/^[ \t]*Multicast[ \t]+Mac[ \t]+Address[ \t]+Table/im.test(h)) return 0.6;
  return 0;
}

export const parser: Parser = {
  id: FORMAT,
  description: 'Arista EOS show mac address-table (CLI text, unicast and multicast sections)',
  sniff,
  parse: (text, ctx) =>
    parseRowTable(text, ctx, {
      format: FORMAT,
      isHeader: (line) => HEADER.test(line),
      parseRow,
      unrecognized: 'No Arista MAC address table header (Vlan Mac Address Type Ports) or row was found.',
    }),
};
