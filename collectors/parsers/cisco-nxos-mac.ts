/**
 * Cisco NX-OS `show mac address-table`:
 *
 * ```
 * Legend:
 *         * - primary entry, G - Gateway MAC, (R) - Routed MAC, O - Overlay MAC
 *         age - seconds since last seen,+ - primary entry using vPC Peer-Link,
 *    VLAN     MAC Address      Type      age     Secure NTFY   Ports/SWID.SSID.LID
 * ---------+-----------------+--------+---------+------+----+------------------
 * G    100      5087.89a1.de75     static     -        F      F    sup-eth1(R)
 * * 3        f60c.be90.7a07    dynamic   10         F    F  Po2 Eth1/1
 *   110      0100.5e00.0118    igmp      0          F    F  Po1 Po2
 *                                                           Eth142/1/1 Eth112/1/6
 * * 17       0026.980a.df44    dynamic      -       F    F    vPC Peer-Link
 * ```
 *
 * Flags before the VLAN are skipped; `-` (a gateway MAC of no VLAN) gives a null VLAN; the age,
 * Secure and NTFY columns are read past (age may be a number, `-`, `NA` or `~~~`). Ports are
 * space-separated and may continue on indented lines; each becomes one entry. `vPC Peer-Link` is
 * one port. Legend blocks may repeat between rows (paged output) and are skipped. The type is the
 * Type column lower-cased (`dynamic`, `static`, `igmp`, …); the Secure flag is not folded into it.
 */
import type { Parser } from './types.ts';
import { head, splitPorts } from './mac-common.ts';
import { parseRowTable, readLead, type Row } from './mac-rows.ts';

const FORMAT = 'cisco-nxos-mac';

const HEADER = /^vlan(?:\/bd)?\s+mac\s+address\s+type\s+age\s+secure\s+ntfy\s+ports/i;
const AGE = /^(?:\d+|-|~~~|NA|n\/a)$/i;

/** Rejoins the two-word port `vPC Peer-Link` that whitespace splitting cut in half. */
function nxosPorts(parts: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] === 'vPC' && parts[i + 1] === 'Peer-Link') {
      out.push('vPC Peer-Link');
      i++;
    } else {
      out.push(parts[i]);
    }
  }
  return out;
}

function parseRow(toks: string[], idx: number): Row {
  const lead = readLead(toks, idx);
  if ('reason' in lead) return { ok: false, reason: lead.reason };
  const { rest } = lead;
  let j = 0;
  if (j < rest.length && AGE.test(rest[j])) j++;
  for (let k = 0; k < 2 && j < rest.length && /^[TF]$/.test(rest[j]); k++) j++;
  return { ok: true, mac: lead.mac, vlan: lead.vlan, type: lead.type, ports: nxosPorts(splitPorts(rest.slice(j).join(' '))) };
}

function sniff(text: string): number {
  const h = head(text);
  if (/^[ \t]*VLAN(?:\/BD)?[ \t]+MAC[ \t]+Address[ \t]+Type[ \t]+age[ \t]+Secure[ \t]+NTFY/im.test(h)) return 0.95;
  if (/primary entry using vPC Peer-Link|G - Gateway MAC/.test(h)) return 0.8;
  return 0;
}

export const parser: Parser = {
  id: FORMAT,
  description: 'Cisco NX-OS show mac address-table',
  sniff,
  parse: (text, ctx) =>
    parseRowTable(text, ctx, {
      format: FORMAT,
      isHeader: (line) => HEADER.test(line),
      parseRow,
      ports: nxosPorts,
      unrecognized: 'No NX-OS MAC address table header (VLAN … Secure NTFY Ports) or row was found.',
    }),
};
