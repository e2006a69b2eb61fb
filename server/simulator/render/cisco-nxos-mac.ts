/**
 * Cisco NX-OS `show mac address-table` (docs/domain.md §3.9 / ntc-templates
 * `cisco_nxos_show_mac_address-table.raw`): the legend, the header, `G` rows for the gateway MACs on
 * `sup-eth1(R)`, and `*` rows for learned MACs with their age in seconds.
 */
import { macToCisco } from '../../model/mac.ts';
import type { MacRow } from './cisco-ios-mac.ts';

const HEADER = [
  'Legend:',
  '        * - primary entry, G - Gateway MAC, (R) - Routed MAC, O - Overlay MAC',
  '        age - seconds since last seen,+ - primary entry using vPC Peer-Link,',
  '        (T) - True, (F) - False',
  '     VLAN       MAC Address       Type     age    Secure  NTFY     Ports',
  '------------+-----------------+----------+-------+------+------+------------------',
];

function row(flag: string, vlan: number, mac: string, type: string, age: string, port: string): string {
  return `${flag}${String(vlan).padStart(8)}      ${macToCisco(mac)}   ${type.padEnd(9)}${age.padStart(5)}        F      F    ${port}`;
}

export function renderCiscoNxosMac(rows: MacRow[], gateways: { vlan: number; mac: string }[]): string {
  const out = [...HEADER];
  for (const g of [...gateways].sort((a, b) => a.vlan - b.vlan)) out.push(row('G', g.vlan, g.mac, 'static', '-', 'sup-eth1(R)'));
  const sorted = [...rows].sort((a, b) => a.vlan - b.vlan || a.mac.localeCompare(b.mac));
  for (const r of sorted) out.push(row('*', r.vlan, r.mac, 'dynamic', String(r.ageSec), r.port));
  return out.join('\n') + '\n';
}
