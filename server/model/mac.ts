/**
 * MAC addresses are normalized once, at parse time, to lower-case colon form (`00:15:5d:01:02:03`).
 * Accepted inputs: `00-15-5D-01-02-03` (Windows), `00155D010203` (Hyper-V cmdlets),
 * `0015.5d01.0203` (Cisco), `00:15:5d:01:02:03` (Linux), `0:15:5d:1:2:3` (BSD/macOS drop leading
 * zeros), and `00155d-010203` (some HP/Aruba tables).
 */
export type Mac = string;

const HEX12 = /^[0-9a-f]{12}$/;

/** Returns the canonical form, or null when the text is not a MAC address. */
export function normalizeMac(input: unknown): Mac | null {
  if (typeof input !== 'string') return null;
  const s = input.trim().toLowerCase();
  if (s.length === 0 || s.length > 17) return null;
  let hex: string;
  if (s.includes(':') || (s.includes('-') && s.split('-').length === 6)) {
    const parts = s.split(/[:-]/);
    if (parts.length !== 6) return null;
    for (const p of parts) if (p.length < 1 || p.length > 2) return null;
    hex = parts.map((p) => p.padStart(2, '0')).join('');
  } else {
    hex = s.replace(/[.-]/g, '');
  }
  if (!HEX12.test(hex)) return null;
  return `${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}:${hex.slice(6, 8)}:${hex.slice(8, 10)}:${hex.slice(10, 12)}`;
}

/** The all-zero MAC (unresolved neighbor, never-started dynamic vNIC). */
export const ZERO_MAC: Mac = '00:00:00:00:00:00';
export const BROADCAST_MAC: Mac = 'ff:ff:ff:ff:ff:ff';

/** True for addresses that never identify one host: zero, broadcast, IPv4/IPv6 multicast, any group bit. */
export function isNonHostMac(mac: Mac): boolean {
  if (mac === ZERO_MAC || mac === BROADCAST_MAC) return true;
  const first = parseInt(mac.slice(0, 2), 16);
  return (first & 1) === 1;
}

/** `00:15:5d:01:02:03` → `00155D010203`, the form Set-VMHost and Set-VMNetworkAdapter take. */
export function macToHyperV(mac: Mac): string {
  return mac.replace(/:/g, '').toUpperCase();
}

/** `00:15:5d:01:02:03` → `00-15-5D-01-02-03`, the form Get-NetAdapter and arp -a print. */
export function macToWindows(mac: Mac): string {
  return mac.replace(/:/g, '-').toUpperCase();
}

/** `00:15:5d:01:02:03` → `0015.5d01.0203`, the Cisco form. */
export function macToCisco(mac: Mac): string {
  const h = mac.replace(/:/g, '');
  return `${h.slice(0, 4)}.${h.slice(4, 8)}.${h.slice(8, 12)}`;
}

/** MAC as a number (48 bits fit a double exactly), for range arithmetic on MAC pools. */
export function macToNumber(mac: Mac): number {
  return parseInt(mac.replace(/:/g, ''), 16);
}

export function numberToMac(n: number): Mac {
  const h = Math.trunc(n).toString(16).padStart(12, '0').slice(-12);
  return `${h.slice(0, 2)}:${h.slice(2, 4)}:${h.slice(4, 6)}:${h.slice(6, 8)}:${h.slice(8, 10)}:${h.slice(10, 12)}`;
}
