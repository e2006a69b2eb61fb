/**
 * Cisco IOS / IOS-XE `show mac address-table` and the old `show mac-address-table`, in every
 * layout the public samples show:
 *
 * - modern Catalyst (2960/3560/3750/9k): `Vlan  Mac Address  Type  Ports`, `All … STATIC CPU` rows;
 * - Catalyst 6500/6800/VSS: `vlan  mac address  type  learn  age  ports` with `*`/`R`/`#`/`D`/`S`
 *   flags before the VLAN, `---`/`N/A` VLANs, `Router`/`Switch` ports, per-linecard (DFC/Earl)
 *   sections, port lists continued on indented lines;
 * - Catalyst 4500/4948: `vlan  mac address  type  protocols  port` unicast rows, then multicast
 *   rows `vlan mac type ports` whose comma-separated port lists continue on indented lines, and
 *   routed ports printed in the VLAN column (`Te5/1  0078.88e7.5a3f  static … Switch`);
 * - old IOS / ISR EHWIC: `Destination Address  Address Type  VLAN  Destination Port`, tab- or
 *   space-separated, repeated per EHWIC module.
 *
 * Each printed port becomes one entry (a `Gi1/1,Gi1/2` list gives two). The VLAN is null for
 * `All`, `---`, `N/A` and for routed-port rows; the type is the Type column lower-cased
 * (`dynamic`, `static`, `system`, `self`, `igmp`, `secure`, …). Duplicate rows (the same MAC in
 * every linecard section) are kept as printed.
 */
import type { Parser } from './types.ts';
import { head, quote, readMac, readVlan, splitPorts } from './mac-common.ts';
import { parseRowTable, readLead, type Row } from './mac-rows.ts';

const FORMAT = 'cisco-ios-mac';

const HEADERS = [
  /^vlan\s+mac\s+address\s+type\s+(?:ports?|learn|protocols)\b/i,
  /^destination\s+address\s+address\s+type\s+vlan\s+destination\s+port/i,
];

const PROTOCOLS = /^(?:ip|ipx|assigned|other)(?:,(?:ip|ipx|assigned|other))*,?$/i;
const TYPE = /^[A-Za-z][\w\-]{0,31}$/;

/** Old layout: MAC, type, VLAN, port. */
function parseOldRow(toks: string[]): Row {
  const [macTok, typeTok, vlanTok, ...rest] = toks;
  const mac = readMac(macTok);
  if (!mac.ok) return mac;
  if (typeTok === undefined || !TYPE.test(typeTok)) return { ok: false, reason: `type ${quote(typeTok ?? '')} is not an address type` };
  const vlan = vlanTok === undefined ? undefined : readVlan(vlanTok);
  if (vlan === undefined) return { ok: false, reason: `vlan ${quote(vlanTok ?? '')} is not a VLAN number` };
  return { ok: true, mac: mac.value, vlan, type: typeTok.toLowerCase(), ports: splitPorts(rest.join(' ')) };
}

function parseRow(toks: string[], idx: number): Row {
  if (idx === 0) return parseOldRow(toks);
  const lead = readLead(toks, idx, true);
  if ('reason' in lead) return { ok: false, reason: lead.reason };
  const { rest } = lead;
  let ports: string[];
  if (rest.length > 0 && /^(?:yes|no)$/i.test(rest[0])) ports = rest.slice(2); // learn, age, ports
  else if (rest.length > 0 && PROTOCOLS.test(rest[0])) ports = rest.slice(1); // protocols, port
  else ports = rest;
  return { ok: true, mac: lead.mac, vlan: lead.vlan, type: lead.type, ports: splitPorts(ports.join(' ')) };
}

function sniff(text: string): number {
  const h = head(text);
  if (/\bSecure\s+NTFY\b/i.test(h)) return 0; // NX-OS
  if (/\bMoves\s+Last\s+Move\b/i.test(h)) return 0; // Arista
  if (/^[ \t]*vlan[ \t]+mac[ \t]+address[ \t]+type[ \t]+(?:learn|protocols)\b/im.test(h)) return 0.9;
  if (/^[ \t]*Destination[ \t]+Address[ \t]+Address[ \t]+Type[ \t]+VLAN[ \t]+Destination[ \t]+Port/im.test(h)) return 0.9;
  if (/^[ \t]*vlan[ \t]+mac[ \t]+address[ \t]+type[ \t]+ports?[ \t]*$/im.test(h)) return 0.8;
  return 0;
}

export const parser: Parser = {
  id: FORMAT,
  description: 'Cisco IOS show mac address-table (modern, 6500-style, 4500-style, old show mac-address-table)',
  sniff,
  parse: (text, ctx) =>
    parseRowTable(text, ctx, {
      format: FORMAT,
      isHeader: (line) => HEADERS.some((h) => h.test(line)),
      parseRow,
      unrecognized: 'No Cisco IOS MAC address table header or row was found.',
    }),
};
