/**
 * Row readers for the Unix `arp` layouts (used by unix-arp.ts). Each takes a row's tokens and
 * returns an entry or the reason the row was refused. Expiry countdowns (BSD `expires in 942
 * seconds`, OpenBSD `2m53s`) are not ages and are not reported as `ageSec`.
 */
import type { NeighborEntry, NeighborState } from '../../server/model/observation.ts';
import { quote, readMac } from './neigh-common.ts';
import { canonicalIp } from './neigh-ip.ts';

export type RowResult = NeighborEntry | string;

const UNRESOLVED = new Set(['<incomplete>', '(incomplete)', 'incomplete', '<from_interface>']);

function entry(ip: string, mac: string | null, state: NeighborState, iface: string | null): NeighborEntry {
  return { ip, mac, state, iface, vlan: null, ageSec: null };
}

/** The address column: an IP, or a reason (a resolved host name is not an address we can join on). */
function address(token: string, column: string): string | { error: string } {
  const ip = canonicalIp(token);
  if (ip !== null) return ip;
  if (/^[A-Za-z_][\w.-]{0,253}$/.test(token)) {
    return { error: `${column} column holds the host name ${quote(token)}, not an IP address (run arp with -n)` };
  }
  return { error: `${column} ${quote(token)} is not a valid IPv4 or IPv6 address` };
}

/** A hardware-address cell: unresolved markers give null MAC, anything else must be a MAC. */
function hardware(token: string | undefined, column: string): { mac: string | null; unresolved: boolean } | { error: string } {
  if (token === undefined) return { error: `${column} is missing` };
  if (UNRESOLVED.has(token.toLowerCase())) return { mac: null, unresolved: true };
  const read = readMac(token, column);
  return 'error' in read ? read : { mac: read.mac, unresolved: read.mac === null };
}

/**
 * `name (ip) at <hw> …` — Linux `arp -a`/`-an`, BSD, macOS and AIX. After the hardware address
 * come keywords in any order: `on <if>`, `[ether]`, `ifscope`, `permanent`/`PERM`, `published`,
 * `expires in N seconds`, `stored in bucket N`.
 */
export function readAtRow(t: string[]): RowResult {
  const ip = canonicalIp(t[1].slice(1, -1));
  if (ip === null) return `address ${quote(t[1])} is not a valid IPv4 or IPv6 address`;
  const hw = hardware(t[3], 'hardware address');
  if ('error' in hw) return hw.error;
  let iface: string | null = null;
  let permanent = false;
  let expired = false;
  for (let i = 4; i < t.length; i++) {
    const w = t[i].toLowerCase();
    if (w === 'on' && i + 1 < t.length) iface = t[++i];
    else if (w === 'permanent' || w === 'perm') permanent = true;
    else if (w === 'expired') expired = true;
  }
  const state: NeighborState = hw.unresolved ? 'incomplete' : permanent ? 'permanent' : expired ? 'stale' : 'dynamic';
  return entry(ip, hw.mac, state, iface);
}

/**
 * Linux net-tools `arp`, `arp -n`, `arp -v`: `Address HWtype HWaddress Flags Mask Iface`, or
 * `Address (incomplete) Iface`. Flags: C complete, M permanent, P published.
 */
export function readLinuxTableRow(t: string[]): RowResult {
  const ip = address(t[0], 'Address');
  if (typeof ip !== 'string') return ip.error;
  if (t[1]?.toLowerCase() === '(incomplete)') return entry(ip, null, 'incomplete', t.length >= 3 ? t[t.length - 1] : null);
  if (t.length < 4) return `row for ${t[0]} has ${t.length} columns; expected Address, HWtype, HWaddress, Flags, Iface`;
  const hw = hardware(t[2], 'HWaddress');
  if ('error' in hw) return hw.error;
  const flags = t.length >= 5 ? t[3] : '';
  const state: NeighborState = hw.unresolved ? 'incomplete' : flags.includes('M') ? 'permanent' : flags.includes('C') ? 'dynamic' : 'unknown';
  return entry(ip, hw.mac, state, t[t.length - 1]);
}

/** `/proc/net/arp`: `IP address  HW type  Flags  HW address  Mask  Device`, flags 0x2 complete, 0x4 permanent. */
export function readProcRow(t: string[]): RowResult {
  const ip = address(t[0], 'IP address');
  if (typeof ip !== 'string') return ip.error;
  if (t.length !== 6) return `row for ${t[0]} has ${t.length} columns; /proc/net/arp rows have 6`;
  if (!/^0x[0-9a-fA-F]{1,4}$/.test(t[2])) return `Flags ${quote(t[2])} is not a hex number`;
  const flags = parseInt(t[2], 16);
  const hw = hardware(t[3], 'HW address');
  if ('error' in hw) return hw.error;
  const state: NeighborState = flags & 0x4 ? 'permanent' : flags & 0x2 && !hw.unresolved ? 'dynamic' : 'incomplete';
  return entry(ip, hw.mac, state, t[5]);
}

/** OpenBSD `arp -an`: `Host  Ethernet Address  Netif  Expire  Flags`; Expire is `2m53s`, `expired` or `permanent`. */
export function readOpenBsdRow(t: string[]): RowResult {
  const ip = address(t[0], 'Host');
  if (typeof ip !== 'string') return ip.error;
  if (t.length < 3) return `row for ${t[0]} has ${t.length} columns; expected Host, Ethernet Address, Netif, Expire`;
  const hw = hardware(t[1], 'Ethernet Address');
  if ('error' in hw) return hw.error;
  const expire = (t[3] ?? '').toLowerCase();
  const state: NeighborState = hw.unresolved ? 'incomplete' : expire === 'permanent' ? 'permanent' : expire === 'expired' ? 'stale' : 'dynamic';
  return entry(ip, hw.mac, state, t[2]);
}

/**
 * Solaris `arp -a` "Net to Media Table": `Device  IP Address  Mask  Flags  Phys Addr`. Flags may
 * be empty; S static, U unresolved, M multicast mapping.
 */
export function readSolarisRow(t: string[]): RowResult {
  if (t.length < 4) return `row has ${t.length} columns; expected Device, IP Address, Mask, Flags, Phys Addr`;
  const ip = address(t[1], 'IP Address');
  if (typeof ip !== 'string') return ip.error;
  const rest = t.slice(3);
  const last = rest[rest.length - 1];
  const hasHw = last.includes(':') || last.includes('-');
  const flags = (hasHw ? rest.slice(0, -1) : rest).join('');
  let mac: string | null = null;
  if (hasHw) {
    const hw = hardware(last, 'Phys Addr');
    if ('error' in hw) return hw.error;
    mac = hw.mac;
  }
  const state: NeighborState = mac === null || flags.includes('U') ? 'incomplete' : flags.includes('S') ? 'permanent' : 'dynamic';
  return entry(ip, mac, state, t[0]);
}
