/**
 * `arp -a` as Windows prints it (docs/domain.md §3.1), with CR LF line ends: one block per
 * interface headed `Interface: <ip> --- 0x<ifIndex>`, MACs lower-case with dashes, types `dynamic`
 * and `static`, and unresolved entries as `00-00-00-00-00-00     invalid`.
 */
export interface ArpInterface {
  ip: string;
  ifIndex: number;
  entries: { ip: string; mac: string | null; type: 'dynamic' | 'static' | 'invalid' }[];
}

export function renderWindowsArp(interfaces: ArpInterface[]): string {
  const lines: string[] = [''];
  for (const i of interfaces) {
    lines.push(`Interface: ${i.ip} --- 0x${i.ifIndex.toString(16)}`);
    lines.push('  Internet Address      Physical Address      Type');
    for (const e of i.entries) {
      const mac = (e.mac ?? '00:00:00:00:00:00').replace(/:/g, '-').toLowerCase();
      lines.push(`  ${e.ip.padEnd(22)}${mac.padEnd(22)}${e.type}`);
    }
    lines.push('');
  }
  return lines.join('\r\n');
}
