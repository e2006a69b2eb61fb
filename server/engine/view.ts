/**
 * The engine's picture of the fleet, read by patterns: per host the latest observed inventory and
 * its recent history, the classified event signals in a time window, collector report times; per
 * switch the latest MAC table and the MAC moves seen (table diffs and syslog); per observer the
 * latest neighbor table. Plus the simulator's predictor for expected state.
 */
import type { EvidenceRef } from '../contract.ts';
import type { Inventory } from '../model/inventory.ts';
import type { Mac } from '../model/mac.ts';
import type { NeighborEntry } from '../model/observation.ts';
import type { Signal } from './classify.ts';
import type { Predictor } from './predictor.ts';

export interface SignalRecord {
  time: number;
  /** Stored event row id (evidence). */
  rowId: number;
  windowsEventId: number;
  provider: string;
  signal: Signal;
}

export interface Timed<T> {
  time: number;
  value: T;
  ref: EvidenceRef;
}

export interface HostView {
  key: string;
  name: string;
  cluster: string | null;
  /** Latest inventory, parts merged across partial bundles. */
  inventory: Inventory | null;
  inventoryAt: number | null;
  inventoryRef: EvidenceRef | null;
  /** Recent inventories (time-ordered, last ~2 h), for "what changed" questions. */
  inventoryHistory: Timed<Inventory>[];
  /** Classified events, time-ordered, last ~2 h. */
  signals: SignalRecord[];
  /** Times of collector reports (bundles), time-ordered, last 20. */
  reports: number[];
  /** Last time anything at all arrived for this host. */
  lastSeen: number;
}

export interface MacLocation {
  port: string;
  vlan: number | null;
  type: string;
}

export interface MacMove {
  time: number;
  device: string;
  mac: Mac;
  vlan: number | null;
  from: string | null;
  to: string | null;
  source: 'table' | 'syslog';
  ref: EvidenceRef;
}

export interface SwitchView {
  key: string;
  name: string;
  /** Latest table: MAC → where it is. */
  table: Map<Mac, MacLocation[]>;
  tableAt: number | null;
  tableRef: EvidenceRef | null;
  /** Recent tables (time-ordered, last ~1 h) for "when did the MAC appear where". */
  tableHistory: Timed<Map<Mac, MacLocation[]>>[];
  /** MAC moves, time-ordered, last ~1 h. */
  moves: MacMove[];
}

export interface NeighborView {
  key: string;
  name: string;
  at: number;
  entries: NeighborEntry[];
  ref: EvidenceRef;
  history: Timed<NeighborEntry[]>[];
}

export interface FleetView {
  /** Bumped whenever any host's inventory changes: fleet-wide derived indexes are cached per version. */
  inventoryVersion: number;
  hosts: ReadonlyMap<string, HostView>;
  switches: ReadonlyMap<string, SwitchView>;
  neighbors: ReadonlyMap<string, NeighborView>;
  predictor: Predictor;
}
