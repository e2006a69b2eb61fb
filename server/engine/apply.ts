/**
 * Applies accepted observations to the engine's fleet view and records which scopes changed
 * ("dirty") so step() re-evaluates only those. Windows are kept ordered by event time, whatever
 * the arrival order, so evaluation does not depend on arrival order.
 */
import type { AcceptedObservation } from '../pipeline.ts';
import type { EvidenceRef } from '../contract.ts';
import type { Inventory } from '../model/inventory.ts';
import { INVENTORY_PARTS } from '../model/inventory.ts';
import { hostKey, type EventObservation, type InventoryObservation, type MacTableObservation, type NeighborsObservation, type SwitchLogObservation } from '../model/observation.ts';
import { iso } from '../model/time.ts';
import { classify } from './classify.ts';
import type { HostView, MacLocation, MacMove, NeighborView, SignalRecord, SwitchView, Timed } from './view.ts';
import type { EngineState } from './state.ts';
import type { WakeOn } from '../patterns/types.ts';

export const HOST_WINDOW_MS = 2 * 3_600_000;
export const SWITCH_WINDOW_MS = 3_600_000;

export interface Dirty {
  hosts: Map<string, Set<WakeOn>>;
  switches: Map<string, Set<WakeOn>>;
  fleet: Set<WakeOn>;
  /** Signal kinds of the new events, per host and fleet-wide (for Pattern.wakeOnSignals). */
  hostSignals: Map<string, Set<string>>;
  fleetSignals: Set<string>;
}

export function emptyDirty(): Dirty {
  return { hosts: new Map(), switches: new Map(), fleet: new Set(), hostSignals: new Map(), fleetSignals: new Set() };
}

function mark(map: Map<string, Set<WakeOn>>, key: string, what: WakeOn): void {
  let s = map.get(key);
  if (!s) map.set(key, (s = new Set()));
  s.add(what);
}

/** Inserts keeping the array sorted by `time` (stable for equal times: new items go after). */
export function insertByTime<T extends { time: number }>(arr: T[], item: T): void {
  let i = arr.length;
  if (i === 0 || arr[i - 1].time <= item.time) {
    arr.push(item);
    return;
  }
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid].time <= item.time) lo = mid + 1;
    else hi = mid;
  }
  i = lo;
  arr.splice(i, 0, item);
}

export function pruneBefore<T extends { time: number }>(arr: T[], cutoff: number): void {
  let n = 0;
  while (n < arr.length && arr[n].time < cutoff) n++;
  if (n > 0) arr.splice(0, n);
}

function host(state: EngineState, name: string): HostView {
  const key = hostKey(name);
  let h = state.fleet.hosts.get(key);
  if (!h) {
    h = { key, name, cluster: null, inventory: null, inventoryAt: null, inventoryRef: null, inventoryHistory: [], signals: [], reports: [], lastSeen: 0 };
    state.fleet.hosts.set(key, h);
  }
  return h;
}

function ref(kind: EvidenceRef['kind'], id: number, time: number, label: string): EvidenceRef {
  return { kind, id, time: iso(time), label };
}

function applyEvent(state: EngineState, e: EventObservation, rowId: number, dirty: Dirty): void {
  const h = host(state, e.host);
  h.lastSeen = Math.max(h.lastSeen, e.time);
  const signal = classify(e);
  if (!signal) return;
  const rec: SignalRecord = { time: e.time, rowId, windowsEventId: e.eventId, provider: e.provider, signal };
  insertByTime(h.signals, rec);
  mark(dirty.hosts, h.key, 'events');
  dirty.fleet.add('events');
  let kinds = dirty.hostSignals.get(h.key);
  if (!kinds) dirty.hostSignals.set(h.key, (kinds = new Set()));
  kinds.add(signal.kind);
  dirty.fleetSignals.add(signal.kind);
}

function mergeInventory(base: Inventory | null, next: Inventory): Inventory {
  const out: Record<string, unknown> = { ...(base ?? {}) };
  for (const part of INVENTORY_PARTS) if (next[part] !== undefined) out[part] = next[part];
  return out as Inventory;
}

function applyInventory(state: EngineState, o: InventoryObservation, id: number, changed: boolean, dirty: Dirty): void {
  const h = host(state, o.host);
  // The collector's spelling of its own name wins over names derived from events.
  h.name = o.host;
  h.lastSeen = Math.max(h.lastSeen, o.time);
  const rs = h.reports;
  let i = rs.length;
  while (i > 0 && rs[i - 1] > o.time) i--;
  rs.splice(i, 0, o.time);
  if (rs.length > 20) rs.splice(0, rs.length - 20);
  mark(dirty.hosts, h.key, 'report');
  dirty.fleet.add('report');
  if (h.inventoryAt !== null && o.time < h.inventoryAt) return; // older than what we hold: history only via replay
  const r = ref('snapshot', id, o.time, `inventory of ${o.host}`);
  if (o.inventory.cluster !== undefined) h.cluster = o.inventory.cluster ?? null;
  const first = h.inventory === null;
  h.inventoryAt = o.time;
  // An unchanged snapshot keeps the same inventory object, so caches keyed on it stay valid.
  if (!changed && !first) return;
  const merged = mergeInventory(h.inventory, o.inventory);
  h.inventory = merged;
  state.fleet.inventoryVersion++;
  {
    h.inventoryRef = r;
    h.inventoryHistory.push({ time: o.time, value: merged, ref: r });
    mark(dirty.hosts, h.key, 'inventory');
    dirty.fleet.add('inventory');
  }
}

function tableOf(o: MacTableObservation): Map<string, MacLocation[]> {
  const t = new Map<string, MacLocation[]>();
  for (const e of o.entries) {
    const list = t.get(e.mac);
    const loc = { port: e.port, vlan: e.vlan, type: e.type };
    if (list) list.push(loc);
    else t.set(e.mac, [loc]);
  }
  return t;
}

function sw(state: EngineState, name: string): SwitchView {
  const key = hostKey(name);
  let s = state.fleet.switches.get(key);
  if (!s) {
    s = { key, name, table: new Map(), tableAt: null, tableRef: null, tableHistory: [], moves: [] };
    state.fleet.switches.set(key, s);
  }
  return s;
}

function applyMacTable(state: EngineState, o: MacTableObservation, id: number, dirty: Dirty): void {
  const s = sw(state, o.device);
  if (s.tableAt !== null && o.time < s.tableAt) return;
  const r = ref('snapshot', id, o.time, `MAC table of ${o.device}`);
  const next = tableOf(o);
  if (s.tableAt !== null) {
    for (const [mac, locs] of next) {
      const prev = s.table.get(mac);
      if (!prev) continue;
      for (const loc of locs) {
        const before = prev.find((p) => p.vlan === loc.vlan);
        if (before && before.port !== loc.port && loc.type !== 'static') {
          const move: MacMove = { time: o.time, device: s.name, mac, vlan: loc.vlan, from: before.port, to: loc.port, source: 'table', ref: r };
          insertByTime(s.moves, move);
        }
      }
    }
  }
  s.table = next;
  s.tableAt = o.time;
  s.tableRef = r;
  s.tableHistory.push({ time: o.time, value: next, ref: r });
  mark(dirty.switches, s.key, 'macTable');
  dirty.fleet.add('macTable');
}

function applySwitchLog(state: EngineState, o: SwitchLogObservation, id: number, dirty: Dirty): void {
  if ((o.logKind !== 'flap' && o.logKind !== 'move') || !o.mac) return;
  const s = sw(state, o.device);
  const r = ref('switchLog', id, o.time, `${o.mnemonic ?? o.logKind} on ${o.device}`);
  insertByTime(s.moves, { time: o.time, device: s.name, mac: o.mac, vlan: o.vlan, from: o.fromPort, to: o.toPort, source: 'syslog', ref: r });
  mark(dirty.switches, s.key, 'switchLog');
  dirty.fleet.add('switchLog');
}

function applyNeighbors(state: EngineState, o: NeighborsObservation, id: number, changed: boolean, dirty: Dirty): void {
  const key = hostKey(o.observer);
  const prev = state.fleet.neighbors.get(key);
  if (prev && o.time < prev.at) return;
  const r = ref('snapshot', id, o.time, `neighbor table of ${o.observer}`);
  const history: Timed<typeof o.entries>[] = prev?.history ?? [];
  // An unchanged table keeps the previous entries array, so patterns can skip tables they have seen.
  const entries = !changed && prev ? prev.entries : o.entries;
  history.push({ time: o.time, value: entries, ref: r });
  const v: NeighborView = { key, name: o.observer, at: o.time, entries, ref: r, history };
  state.fleet.neighbors.set(key, v);
  mark(dirty.hosts, key, 'neighbors');
  dirty.fleet.add('neighbors');
}

export function applyBatch(state: EngineState, batch: AcceptedObservation[], dirty: Dirty): void {
  for (const { obs, ref: r } of batch) {
    switch (obs.kind) {
      case 'event':
        applyEvent(state, obs, r.id, dirty);
        break;
      case 'inventory':
        applyInventory(state, obs, r.id, r.changed !== false, dirty);
        break;
      case 'macTable':
        applyMacTable(state, obs, r.id, dirty);
        break;
      case 'switchLog':
        applySwitchLog(state, obs, r.id, dirty);
        break;
      case 'neighbors':
        applyNeighbors(state, obs, r.id, r.changed !== false, dirty);
        break;
    }
  }
}

/** Drops history older than the windows patterns look at (relative to the engine clock). */
export function pruneWindows(state: EngineState, clock: number): void {
  for (const h of state.fleet.hosts.values()) {
    if (h.signals.length && h.signals[0].time < clock - HOST_WINDOW_MS) pruneBefore(h.signals, clock - HOST_WINDOW_MS);
    if (h.inventoryHistory.length > 1 && h.inventoryHistory[0].time < clock - HOST_WINDOW_MS) {
      const keepLast = h.inventoryHistory[h.inventoryHistory.length - 1];
      pruneBefore(h.inventoryHistory, clock - HOST_WINDOW_MS);
      if (h.inventoryHistory.length === 0) h.inventoryHistory.push(keepLast);
    }
  }
  for (const s of state.fleet.switches.values()) {
    if (s.moves.length && s.moves[0].time < clock - SWITCH_WINDOW_MS) pruneBefore(s.moves, clock - SWITCH_WINDOW_MS);
    if (s.tableHistory.length > 2 && s.tableHistory[0].time < clock - SWITCH_WINDOW_MS) {
      const last = s.tableHistory.slice(-1);
      pruneBefore(s.tableHistory, clock - SWITCH_WINDOW_MS);
      if (s.tableHistory.length === 0) s.tableHistory.push(...last);
    }
  }
  for (const n of state.fleet.neighbors.values()) {
    if (n.history.length > 2 && n.history[0].time < clock - HOST_WINDOW_MS) {
      const last = n.history.slice(-1);
      pruneBefore(n.history, clock - HOST_WINDOW_MS);
      if (n.history.length === 0) n.history.push(...last);
    }
  }
}
