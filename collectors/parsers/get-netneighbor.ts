/**
 * `Get-NetNeighbor | ConvertTo-Json` (docs/domain.md §3.2): one object, an array, PowerShell 5.1's
 * `{"value": [...], "Count": n}` wrapper, or the collector's `-Compress` projection with `State`
 * and `AddressFamily` as names. `State` may be the NL number (0–6) or its name; both are read.
 * The host-bundle parser reuses `neighborsFromGetNetNeighbor` for its `neighbors` array.
 */
import type { NeighborEntry } from '../../server/model/observation.ts';
import type { Parser, ParseContext, ParseResult, Reject } from './types.ts';
import { ParseError } from './types.ts';
import { neighborsResult, quote, readMac, RejectList } from './neigh-common.ts';
import { canonicalIp, isIPv4 } from './neigh-ip.ts';
import { netNeighborState } from './neigh-state.ts';
import { SNIFF_BYTES } from './neigh-lines.ts';

const ID = 'get-netneighbor';

const FAMILY: Record<string, 4 | 6> = { '2': 4, '23': 6, ipv4: 4, ipv6: 6, internetwork: 4, internetworkv6: 6 };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  return Array.isArray(v) ? 'an array' : `a ${typeof v}`;
}

function own(o: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

/** One MSFT_NetNeighbor object → an entry, or the reason it was refused. */
function readItem(item: unknown): NeighborEntry | string {
  if (!isRecord(item)) return `item is ${describe(item)}, not a neighbor object`;
  const rawIp = own(item, 'IPAddress');
  if (typeof rawIp !== 'string') return rawIp === undefined ? 'IPAddress is missing' : `IPAddress is ${quote(rawIp)}, not a string`;
  const ip = canonicalIp(rawIp.trim());
  if (ip === null) return `IPAddress ${quote(rawIp)} is not an IPv4 or IPv6 address`;

  const family = own(item, 'AddressFamily');
  if (typeof family === 'number' || typeof family === 'string') {
    const said = FAMILY[String(family).trim().toLowerCase()];
    const is = isIPv4(ip) ? 4 : 6;
    if (said !== undefined && said !== is) return `AddressFamily ${quote(family)} says IPv${said} but IPAddress ${quote(rawIp)} is IPv${is}`;
  }

  let mac: string | null = null;
  const lla = own(item, 'LinkLayerAddress');
  if (typeof lla === 'string') {
    if (lla.trim() !== '') {
      const read = readMac(lla.trim(), 'LinkLayerAddress');
      if ('error' in read) return read.error;
      mac = read.mac;
    }
  } else if (lla !== undefined && lla !== null) {
    return `LinkLayerAddress is ${quote(lla)}, not a string`;
  }

  const rawState = own(item, 'State');
  let state: NeighborEntry['state'] = 'unknown';
  if (typeof rawState === 'number' || typeof rawState === 'string') {
    const read = netNeighborState(rawState);
    if (read === null) return `State ${quote(rawState)} is not a neighbor state (0–6 or a name such as Reachable)`;
    state = read;
  } else if (rawState !== undefined && rawState !== null) {
    return `State is ${quote(rawState)}, not a number or name`;
  }

  return { ip, mac, state, iface: ifaceOf(item), vlan: null, ageSec: null };
}

/** InterfaceAlias when present, else the interface index (`InterfaceIndex` or CIM's `ifIndex`). */
function ifaceOf(item: Record<string, unknown>): string | null {
  const alias = own(item, 'InterfaceAlias');
  if (typeof alias === 'string' && alias.trim() !== '') return alias.trim();
  for (const key of ['InterfaceIndex', 'ifIndex']) {
    const v = own(item, key);
    if ((typeof v === 'number' && Number.isInteger(v) && v >= 0) || (typeof v === 'string' && /^\d{1,10}$/.test(v.trim()))) {
      return String(v).trim();
    }
  }
  return null;
}

/**
 * Reads Get-NetNeighbor objects as they come out of ConvertTo-Json. Each bad item becomes a
 * reject carrying its `index`; the good ones are kept. `observer` and `time` are the caller's
 * (the bundle's host and time); they are part of the signature so callers that build the
 * observation themselves pass everything in one place, and are not needed to read entries.
 */
export function neighborsFromGetNetNeighbor(
  items: unknown[],
  _observer: string,
  _time: number,
): { entries: NeighborEntry[]; rejects: Reject[] } {
  const { entries, rejects } = readItems(items);
  return { entries, rejects: rejects.list() };
}

function readItems(items: unknown[]): { entries: NeighborEntry[]; rejects: RejectList } {
  const entries: NeighborEntry[] = [];
  const rejects = new RejectList();
  items.forEach((item, index) => {
    const read = readItem(item);
    if (typeof read === 'string') rejects.add({ index, reason: read });
    else entries.push(read);
  });
  return { entries, rejects };
}

/** The objects of a parsed body, or null when its shape is not Get-NetNeighbor's. */
function itemsOf(doc: unknown): unknown[] | null {
  if (Array.isArray(doc)) return doc;
  if (!isRecord(doc)) return null;
  const value = own(doc, 'value');
  if (Array.isArray(value) && own(doc, 'Count') !== undefined) return value;
  if (own(doc, 'IPAddress') !== undefined) return [doc];
  return null;
}

/** A computer name the objects carry themselves (CIM `SystemName`, remoting's `PSComputerName`). */
function nameIn(items: unknown[]): string | null {
  for (const item of items.slice(0, 50)) {
    if (!isRecord(item)) continue;
    for (const key of ['PSComputerName', 'SystemName']) {
      const v = own(item, key);
      if (typeof v === 'string' && /^[A-Za-z0-9][\w.-]{0,254}$/.test(v.trim())) return v.trim();
    }
  }
  return null;
}

function parse(text: string, ctx: ParseContext): ParseResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ParseError('not_get_netneighbor', `The body is not JSON (${err instanceof Error ? err.message.slice(0, 120) : 'parse failed'}).`);
  }
  const items = itemsOf(doc);
  if (items === null) {
    throw new ParseError('not_get_netneighbor', 'The JSON is neither a Get-NetNeighbor object (with IPAddress) nor an array of them.');
  }
  const { entries, rejects } = readItems(items);
  return neighborsResult(ID, ctx, nameIn(items), entries, rejects);
}

const KEY_HINTS = ['"LinkLayerAddress"', '"InterfaceAlias"', '"InterfaceIndex"', '"ifIndex"'];

function sniff(text: string): number {
  const head = text.slice(0, SNIFF_BYTES).replace(/^\uFEFF/, '').trimStart();
  if (head[0] !== '[' && head[0] !== '{') return 0;
  if (head.includes('teamwatch.bundle')) return 0;
  if (!head.includes('"IPAddress"')) return 0;
  const hints = KEY_HINTS.filter((k) => head.includes(k)).length;
  if (hints >= 2 || (hints === 1 && head.includes('"LinkLayerAddress"'))) return 0.95;
  return hints === 1 ? 0.6 : 0.3;
}

export const parser: Parser = {
  id: ID,
  description: 'Get-NetNeighbor | ConvertTo-Json (object or array; State as number or name)',
  sniff,
  parse,
};
