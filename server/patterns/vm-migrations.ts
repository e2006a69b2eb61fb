/**
 * Completed live migrations, as the observations show them: VMMS 20415/20417 (logged by the
 * source node's VMMS, docs/domain.md §1.3) and/or the VM appearing in a host's inventory that did
 * not list it before while another host listed it earlier. Used by post-migration-stale-mac.
 *
 * - An event and an inventory arrival of the same VM within [event − 2 min, event + 10 min] are
 *   one migration: the event dates it, the inventories name source and destination.
 * - An event alone: its host is the destination when an inventory taken after the event lists
 *   the VM there, else the source (the documented side); the other end comes from inventories.
 * - An arrival alone is dated by the first inventory that lists the VM on its new host (the
 *   latest moment the move can have completed, so windows counted from it are conservative).
 * Only the newest migration of each VM is returned.
 */
import type { EvidenceRef } from '../contract.ts';
import type { FleetView, HostView } from '../engine/view.ts';
import { eventRef, signalsOf } from './kit.ts';
import { listsVm, sameVm, vmFromResourceName, vmSetOf, vmsIn, type VmKey } from './vm-identity.ts';

export interface Migration {
  vm: VmKey;
  completedAt: number;
  /** A VMMS 20415/20417 dates the completion (else the destination's inventory does). */
  fromEvent: boolean;
  source: HostView | null;
  destination: HostView | null;
  evidence: EvidenceRef[];
}

interface Arrival {
  vm: VmKey;
  host: HostView;
  time: number;
  ref: EvidenceRef;
  source: HostView;
}

/** The other host whose latest inventory at or before `t` that lists the VM is the newest. */
function lastListedBefore(fleet: FleetView, vm: VmKey, t: number, not: HostView): HostView | null {
  let best: { h: HostView; time: number } | null = null;
  for (const h of fleet.hosts.values()) {
    if (h === not) continue;
    for (let i = h.inventoryHistory.length - 1; i >= 0; i--) {
      const e = h.inventoryHistory[i];
      if (e.time > t) continue;
      if (listsVm(e.value, vm)) {
        if (!best || e.time > best.time || (e.time === best.time && h.key < best.h.key)) best = { h, time: e.time };
        break;
      }
    }
  }
  return best?.h ?? null;
}

interface Appearance {
  vm: VmKey;
  time: number;
  ref: EvidenceRef;
}

/*
 * The VMs each inventory of a host lists that the one before did not, memoised per host history
 * ((first entry, last entry, length) identifies an append-only, front-pruned history's content).
 */
const appearanceCache = new WeakMap<object, { first: object; length: number; list: Appearance[] }>();

function appearances(h: HostView): Appearance[] {
  const hist = h.inventoryHistory;
  const last = hist[hist.length - 1];
  if (!last) return [];
  const c = appearanceCache.get(last);
  if (c && c.first === hist[0] && c.length === hist.length) return c.list;
  const list: Appearance[] = [];
  for (let i = 1; i < hist.length; i++) {
    const before = vmSetOf(hist[i - 1].value);
    for (const vm of vmsIn(hist[i].value)) if (!before.has(vm)) list.push({ vm, time: hist[i].time, ref: hist[i].ref });
  }
  appearanceCache.set(last, { first: hist[0], length: hist.length, list });
  return list;
}

function arrivals(fleet: FleetView, from: number): Arrival[] {
  const out: Arrival[] = [];
  for (const h of fleet.hosts.values()) {
    for (const a of appearances(h)) {
      if (a.time < from) continue;
      const source = lastListedBefore(fleet, a.vm, a.time, h);
      if (source) out.push({ ...a, host: h, source });
    }
  }
  return out;
}

export function recentMigrations(fleet: FleetView, from: number): Migration[] {
  const found: Migration[] = [];
  const arr = arrivals(fleet, from - 10 * 60_000);
  const used = new Set<Arrival>();
  for (const h of fleet.hosts.values()) {
    for (const s of signalsOf(h, 'lm-completed', from)) {
      if (!s.signal.vm) continue;
      const known = vmFromResourceName(fleet, s.signal.vm)!;
      const vm: VmKey = { name: known.name, id: s.signal.vmId ?? known.id };
      const match = arr
        .filter((a) => sameVm(a.vm, vm) && a.time >= s.time - 2 * 60_000 && a.time <= s.time + 10 * 60_000)
        .sort((a, b) => Math.abs(a.time - s.time) - Math.abs(b.time - s.time) || a.host.key.localeCompare(b.host.key))[0];
      if (match) {
        used.add(match);
        found.push({ vm: { name: vm.name, id: vm.id ?? match.vm.id }, completedAt: s.time, fromEvent: true, source: match.source, destination: match.host, evidence: [eventRef(s), match.ref] });
        continue;
      }
      const here = h.inventory && (h.inventoryAt ?? 0) > s.time && listsVm(h.inventory, vm);
      const other = [...fleet.hosts.values()].filter((x) => x !== h && x.inventory && (x.inventoryAt ?? 0) >= s.time && listsVm(x.inventory, vm)).sort((a, b) => a.key.localeCompare(b.key))[0] ?? null;
      const source = here ? lastListedBefore(fleet, vm, s.time, h) : h;
      const destination = here ? h : other;
      found.push({ vm, completedAt: s.time, fromEvent: true, source, destination, evidence: [eventRef(s)] });
    }
  }
  for (const a of arr) {
    if (used.has(a) || a.time < from) continue;
    found.push({ vm: a.vm, completedAt: a.time, fromEvent: false, source: a.source, destination: a.host, evidence: [a.ref] });
  }
  const latest: Migration[] = [];
  for (const m of found.sort((a, b) => b.completedAt - a.completedAt || Number(b.fromEvent) - Number(a.fromEvent) || (a.destination?.key ?? '').localeCompare(b.destination?.key ?? ''))) {
    if (!latest.some((l) => sameVm(l.vm, m.vm))) latest.push(m);
  }
  return latest;
}
