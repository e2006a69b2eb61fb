/**
 * Cisco IOS (Catalyst) `show mac address-table`, the modern layout of docs/domain.md §3.9 /
 * ntc-templates `cisco_ios_show_mac-address-table4.raw`: the CPU static entries, then one DYNAMIC
 * row per learned MAC, and the total line IOS prints.
 */
import { macToCisco } from '../../model/mac.ts';

export interface MacRow {
  vlan: number;
  mac: string;
  port: string;
  /** Seconds since last seen (NX-OS column). */
  ageSec: number;
}

const CPU = ['0100.0ccc.cccc', '0100.0ccc.cccd', '0180.c200.0000', '0180.c200.0001', '0180.c200.0002'];

export function renderCiscoIosMac(rows: MacRow[]): string {
  const out = ['          Mac Address Table', '-------------------------------------------', '', 'Vlan    Mac Address       Type        Ports', '----    -----------       --------    -----'];
  for (const m of CPU) out.push(` All    ${m}    ${'STATIC'.padEnd(12)}CPU`);
  const sorted = [...rows].sort((a, b) => a.vlan - b.vlan || a.mac.localeCompare(b.mac));
  for (const r of sorted) out.push(`${String(r.vlan).padStart(4)}    ${macToCisco(r.mac)}    ${'DYNAMIC'.padEnd(12)}${r.port}`);
  out.push(`Total Mac Addresses for this criterion: ${sorted.length + CPU.length}`);
  return out.join('\n') + '\n';
}
