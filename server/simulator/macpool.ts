/**
 * Hyper-V dynamic MAC pools (docs/domain.md §3.6, KB 2804678): the default pool is the Microsoft
 * OUI 00-15-5D, then the last two octets of the IPv4 address the host had when the Hyper-V role was
 * installed, then 00–FF. Hyper-V deduplicates only against adapters registered on the same host,
 * which is why two hosts with identical pools hand out identical addresses.
 */
import { macToNumber, numberToMac, type Mac } from '../model/mac.ts';
import type { MacPool } from '../model/inventory.ts';

const hex2 = (n: number) => n.toString(16).padStart(2, '0');

/** The default pool for a host whose role was installed while it had `ipv4`. */
export function defaultMacPool(ipv4: string): { min: Mac; max: Mac } {
  const parts = ipv4.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    throw new Error(`Not an IPv4 address: '${ipv4}'`);
  }
  const base = `00:15:5d:${hex2(parts[2])}:${hex2(parts[3])}`;
  return { min: `${base}:00`, max: `${base}:ff` };
}

export function inPool(mac: Mac, pool: MacPool): boolean {
  const n = macToNumber(mac);
  return n >= macToNumber(pool.min) && n <= macToNumber(pool.max);
}

/** Number of addresses two pools share (0 when they do not overlap). */
export function poolOverlap(a: MacPool, b: MacPool): number {
  const lo = Math.max(macToNumber(a.min), macToNumber(b.min));
  const hi = Math.min(macToNumber(a.max), macToNumber(b.max));
  return hi >= lo ? hi - lo + 1 : 0;
}

/**
 * The lowest address of a pool that none of `inUseOnHost` uses, or null when the pool is exhausted
 * (docs/domain.md F6). Used for remediation suggestions; a host's own allocation order is
 * `nextDynamicMac`.
 */
export function allocateDynamicMac(pool: MacPool, inUseOnHost: Iterable<Mac>): Mac | null {
  const used = new Set<number>();
  for (const m of inUseOnHost) used.add(macToNumber(m));
  const lo = macToNumber(pool.min);
  const hi = macToNumber(pool.max);
  for (let n = lo; n <= hi; n++) if (!used.has(n)) return numberToMac(n);
  return null;
}

/**
 * What a Hyper-V host hands out next: it walks its pool in order from where it stopped last time
 * (`cursor`, an offset into the pool), wrapping at the end, and skips only addresses used by
 * adapters registered on this host. Two hosts with identical pools therefore hand out the same
 * sequence, and a host that wrapped around can re-issue the MAC of a VM that migrated away.
 */
export function nextDynamicMac(pool: MacPool, cursor: number, inUseOnHost: Iterable<Mac>): { mac: Mac; cursor: number } | null {
  const used = new Set<number>();
  for (const m of inUseOnHost) used.add(macToNumber(m));
  const lo = macToNumber(pool.min);
  const size = macToNumber(pool.max) - lo + 1;
  if (size <= 0) return null;
  for (let i = 0; i < size; i++) {
    const offset = (((cursor + i) % size) + size) % size;
    if (!used.has(lo + offset)) return { mac: numberToMac(lo + offset), cursor: offset + 1 };
  }
  return null;
}

/**
 * A 256-address pool that overlaps none of `taken`, for the mac-pool-overlap remediation: the first
 * free `00-15-5D-xx-yy-00..FF` block scanning upwards from `near` (default 00-15-5D-F0-00-00).
 */
/**
 * Hands out successive free 256-address ranges that overlap none of `taken` (nor each other),
 * starting at `near`. The taken ranges are converted and sorted once, and a cursor moves forward,
 * so planning k new ranges against n taken ones costs O(n log n + k + ranges skipped), not O(k·n·blocks).
 */
export function freePoolAllocator(taken: MacPool[], near: Mac = '00:15:5d:f0:00:00'): { next(): MacPool | null } {
  const intervals = taken.map((p) => [macToNumber(p.min), macToNumber(p.max)] as const).sort((a, b) => a[0] - b[0]);
  const end = macToNumber('00:15:5d:ff:ff:00');
  let cursor = Math.floor(macToNumber(near) / 256) * 256;
  let i = 0;
  return {
    next() {
      while (cursor <= end) {
        const hi = cursor + 255;
        // Skip taken ranges that end before this block; the first one that does not decides.
        while (i < intervals.length && intervals[i][1] < cursor) i++;
        let clash = -1;
        for (let j = i; j < intervals.length && intervals[j][0] <= hi; j++) if (intervals[j][1] >= cursor) clash = Math.max(clash, intervals[j][1]);
        if (clash < 0) {
          const pool = { min: numberToMac(cursor), max: numberToMac(hi) };
          cursor += 256;
          return pool;
        }
        cursor = Math.floor(clash / 256) * 256 + 256;
      }
      return null;
    },
  };
}

export function suggestFreePool(taken: MacPool[], near: Mac = '00:15:5d:f0:00:00'): MacPool | null {
  const start = Math.floor(macToNumber(near) / 256) * 256;
  const end = macToNumber('00:15:5d:ff:ff:00');
  for (let base = start; base <= end; base += 256) {
    const candidate = { min: numberToMac(base), max: numberToMac(base + 255) };
    if (taken.every((p) => poolOverlap(p, candidate) === 0)) return candidate;
  }
  return null;
}
