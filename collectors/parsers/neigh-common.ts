/**
 * Shared pieces of the ARP / neighbor-table parsers: the observation they all build, who observed
 * it, a bounded reject list, and the field readers every format needs (MAC, VLAN, ages).
 */
import type { NeighborEntry, NeighborsObservation } from '../../server/model/observation.ts';
import { normalizeMac, ZERO_MAC, type Mac } from '../../server/model/mac.ts';
import type { ParseContext, ParseResult, Reject } from './types.ts';
import { ParseError } from './types.ts';
import { isIPv4 } from './neigh-ip.ts';

/** Rejects kept per input; past this one summary reject says how many more there were. */
export const MAX_REJECTS = 1000;

/** Collects rejects up to MAX_REJECTS so a hostile body cannot make the reply unbounded. */
export class RejectList {
  readonly items: Reject[] = [];
  private dropped = 0;

  add(reject: Reject): void {
    if (this.items.length < MAX_REJECTS) this.items.push(reject);
    else this.dropped++;
  }

  line(line: number, reason: string): void {
    this.add({ line, reason });
  }

  /** The rejects, with a last entry counting the ones that were not kept. */
  list(): Reject[] {
    if (this.dropped === 0) return this.items;
    return [...this.items, { reason: `${this.dropped} further rejects were not listed (limit ${MAX_REJECTS}).` }];
  }
}

/** A value for a reject reason: quoted, control characters escaped, cut to 64 characters. */
export function quote(value: unknown): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  const cut = s.length > 64 ? `${s.slice(0, 64)}…` : s;
  return JSON.stringify(cut);
}

/**
 * The observer of a snapshot: the ingest's `?host=`, else `?device=`, else a name the text gave
 * (a CLI prompt, a CIM SystemName). Tables themselves never say whose they are, so without any of
 * these the input cannot be used.
 */
export function resolveObserver(ctx: ParseContext, found: string | null | undefined): string {
  const observer = ctx.host ?? ctx.device ?? found ?? null;
  if (observer === null || observer.trim() === '') {
    throw new ParseError('missing_source', 'This format does not name its source; pass ?host= or ?device=.');
  }
  return observer;
}

/** Snapshots carry no timestamp of their own: `?at=` when given, else the receive time. */
export function snapshotTime(ctx: ParseContext): number {
  return ctx.at ?? ctx.receivedAt;
}

/** The one observation a neighbor parser returns, with its rejects. */
export function neighborsResult(
  format: string,
  ctx: ParseContext,
  found: string | null,
  entries: NeighborEntry[],
  rejects: RejectList,
): ParseResult {
  const observation: NeighborsObservation = {
    kind: 'neighbors',
    observer: resolveObserver(ctx, found),
    time: snapshotTime(ctx),
    format,
    entries,
  };
  return { observations: [observation], rejects: rejects.list() };
}

export type MacField = { mac: Mac | null } | { error: string };

/**
 * Reads a link-layer address column. The all-zero MAC means "not resolved" and becomes null.
 * Tunnel interfaces (ISATAP, 6to4, GRE) print an IPv4 address as their link-layer address; that
 * is a real neighbor without a MAC, so it also becomes null rather than a reject.
 */
export function readMac(token: string, column: string): MacField {
  if (isIPv4(token) || isIPv4(token.replace(/:\d{1,5}$/, ''))) return { mac: null };
  const mac = normalizeMac(token);
  if (mac === null) return { error: `${column} ${quote(token)} is not a MAC address` };
  return { mac: mac === ZERO_MAC ? null : mac };
}

const VLAN_IFACE = /^(?:vlan|vl)\s?(\d{1,4})$/i;

/**
 * VLAN of a `Vlan10`-style interface (switch SVIs). Other names (`eth1.100`, `vlan.20`, `irb.5`)
 * carry no dependable VLAN id and give null. Arista lists `Vlan101, Port-Channel2`: the SVI comes first.
 */
export function vlanFromIface(iface: string | null): number | null {
  if (iface === null) return null;
  const first = iface.split(',')[0].trim();
  const m = VLAN_IFACE.exec(first);
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1 && n <= 4094 ? n : null;
}

const HMS = /^(\d{1,6}):(\d{1,2}):(\d{1,2})$/;
const UNITS = /^(?:(\d{1,5})w)?(?:(\d{1,5})d)?(?:(\d{1,5})h)?(?:(\d{1,5})m)?(?:(\d{1,7})s)?$/;
const SECONDS = /^\d{1,9}(?:\.\d{1,9})?$/;

/**
 * Reads an age printed as `hh:mm:ss` / `h:mm:ss` (NX-OS, IOS-XR, EOS), as unit groups such as
 * `1d02h`, `3w2d`, `2m53s`, or as plain (possibly fractional) seconds. Returns null for the
 * "no age" markers `-` and `N/A`, undefined when the text is not a duration.
 */
export function parseDuration(text: string): number | null | undefined {
  const s = text.trim();
  if (s === '-' || s.toUpperCase() === 'N/A') return null;
  if (SECONDS.test(s)) return Number(s);
  const hms = HMS.exec(s);
  if (hms) {
    if (Number(hms[2]) > 59 || Number(hms[3]) > 59) return undefined;
    return Number(hms[1]) * 3600 + Number(hms[2]) * 60 + Number(hms[3]);
  }
  if (s.length === 0 || s.length > 32) return undefined;
  const u = UNITS.exec(s);
  if (!u || !u.slice(1).some((g) => g !== undefined)) return undefined;
  const [w, d, h, m, sec] = u.slice(1).map((g) => (g === undefined ? 0 : Number(g)));
  return (((w * 7 + d) * 24 + h) * 60 + m) * 60 + sec;
}
