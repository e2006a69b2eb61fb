/**
 * The normalized record every input becomes. Parsers produce these; the pipeline stores them and
 * hands them to the engine. Times are event time (when the source says it happened), epoch ms UTC.
 * MACs are canonical (see mac.ts). Host names keep the spelling the source used; `hostKey()` gives
 * the identity used for joins.
 */
import type { Inventory } from './inventory.ts';
import type { Mac } from './mac.ts';

export interface EventObservation {
  kind: 'event';
  /** Host the event belongs to: the bundle's host, else the first label of `computer`. */
  host: string;
  time: number;
  /** 100-ns units inside `time`'s millisecond (0–9999). */
  ticks: number;
  provider: string;
  providerGuid: string | null;
  eventId: number;
  qualifiers: number | null;
  version: number | null;
  /** 0 LogAlways, 1 Critical, 2 Error, 3 Warning, 4 Information, 5 Verbose. */
  level: number;
  task: number | null;
  opcode: number | null;
  /** Hex string as in the XML (`0x8000000000000000`), whatever the source's notation. */
  keywords: string | null;
  channel: string;
  recordId: number | null;
  computer: string;
  /** Rendered message when the source carried one (RenderingInfo, PowerShell Message, ECS message). */
  message: string | null;
  /**
   * Payload values. Named `<Data Name='x'>` and UserData children by name; unnamed `<Data>` as
   * `param1`, `param2`, … (Winlogbeat's convention), so every value is reachable by one key.
   */
  data: Record<string, string>;
  /** All EventData/UserData values in document order (the positional view). */
  params: string[];
  /** UserData's element name (e.g. `VmlEventLog`) when the payload was UserData. */
  userDataName: string | null;
  /** `<Binary>` hex, when present. */
  binary: string | null;
  /** The record as received (XML string, or the JSON document), for evidence and re-parsing. */
  raw: string;
}

export type NeighborState =
  | 'reachable'
  | 'stale'
  | 'delay'
  | 'probe'
  | 'incomplete'
  | 'unreachable'
  | 'permanent'
  | 'failed'
  | 'noarp'
  | 'none'
  | 'dynamic'
  | 'static'
  | 'unknown';

export interface NeighborEntry {
  ip: string;
  /** null when unresolved (incomplete / failed / zero MAC). */
  mac: Mac | null;
  state: NeighborState;
  /** Interface as the source names it: Windows `0x7`/alias, Linux `eth0`, switch `Vlan10`/`Eth1/1`. */
  iface: string | null;
  vlan: number | null;
  /** Age in seconds when the source prints one. */
  ageSec: number | null;
}

export interface NeighborsObservation {
  kind: 'neighbors';
  /** Host or switch whose table this is. */
  observer: string;
  time: number;
  /** Which format it came from, e.g. `windows-arp`, `get-netneighbor`, `ip-neigh`, `cisco-ios-arp`. */
  format: string;
  entries: NeighborEntry[];
}

export interface MacTableEntry {
  mac: Mac;
  /** null when the table has no VLAN column or shows `All`/`---`. */
  vlan: number | null;
  port: string;
  /** `dynamic`, `static`, `secure`, `system`, … lower-case. */
  type: string;
}

export interface MacTableObservation {
  kind: 'macTable';
  device: string;
  time: number;
  format: string;
  entries: MacTableEntry[];
}

export type SwitchLogKind = 'flap' | 'move' | 'learn-disabled' | 'unclassified';

export interface SwitchLogObservation {
  kind: 'switchLog';
  /** Device from the syslog header (hostname/IP), or the `?device=` given at ingest. */
  device: string;
  time: number;
  logKind: SwitchLogKind;
  /** Vendor mnemonic, e.g. `SW_MATM-4-MACFLAP_NOTIF`, `L2FM-4-L2FM_MAC_MOVE2`. */
  mnemonic: string | null;
  severity: number | null;
  mac: Mac | null;
  vlan: number | null;
  fromPort: string | null;
  toPort: string | null;
  message: string;
  raw: string;
}

export interface InventoryObservation {
  kind: 'inventory';
  host: string;
  time: number;
  collector: { version: string | null; osName: string | null; osBuild: number | null } | null;
  inventory: Inventory;
}

/**
 * Advances the engine clock in live mode when nothing else arrives. Produced by the server's
 * ticker, never by parsers; carries the engine time it advances to.
 */
export interface TickObservation {
  kind: 'tick';
  time: number;
}

export type Observation =
  | EventObservation
  | NeighborsObservation
  | MacTableObservation
  | SwitchLogObservation
  | InventoryObservation;

export type ObservationKind = Observation['kind'];

/** Identity of a host for joins: first DNS label, lower-case (`HV-07.corp.local` → `hv-07`). */
export function hostKey(name: string): string {
  const trimmed = name.trim();
  // An IP address is its own identity; only names are cut at the first dot.
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(trimmed) || trimmed.includes(':')) return trimmed.toLowerCase();
  const dot = trimmed.indexOf('.');
  return (dot > 0 ? trimmed.slice(0, dot) : trimmed).toLowerCase();
}
