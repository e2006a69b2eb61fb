/**
 * Who a VM is and where it has been seen, for the VM-level patterns (stale-team-mac,
 * post-migration-stale-mac, live-migration-failed, long-migration-blackout, guest-team-*).
 *
 * Identity: a VM is the same VM when both sides carry a VMId and the ids are equal
 * (case-insensitive); when either side lacks the id (events without `VmId`, partial bundles),
 * the VM name decides, case-insensitively as Hyper-V compares names. A vNIC is identified inside
 * its VM by its name plus its ordinal among same-named vNICs, because Hyper-V lets every adapter
 * of a VM be called "Network Adapter".
 *
 * Everything here reads the view only (inventory histories are time-ordered per host), so the
 * answers do not depend on the order in which observations arrived.
 */
import type { EvidenceRef } from '../contract.ts';
import type { FleetView, HostView } from '../engine/view.ts';
import type { Inventory, VmNetworkAdapter } from '../model/inventory.ts';
import type { Mac } from '../model/mac.ts';
import { hostKey } from '../model/observation.ts';

export interface VmKey {
  name: string;
  id: string | null;
}

export function sameVm(a: VmKey, b: { name: string | null; id: string | null }): boolean {
  if (a.id && b.id) return a.id.toLowerCase() === b.id.toLowerCase();
  return !!a.name && !!b.name && a.name.toLowerCase() === b.name.toLowerCase();
}

/** Subject fields of a VM-level alert: the VM name, plus its VMId (lower-case) when known. */
export function vmSubject(vm: VmKey): { vm: string; vmId?: string } {
  return vm.id ? { vm: vm.name, vmId: vm.id.toLowerCase() } : { vm: vm.name };
}

/** A set of VMs under sameVm's identity rule, with constant-time lookups (fleet-wide loops). */
export class VmSet {
  private readonly ids = new Set<string>();
  private readonly names = new Map<string, (string | null)[]>();
  has(vm: VmKey): boolean {
    if (vm.id && this.ids.has(vm.id.toLowerCase())) return true;
    const same = this.names.get(vm.name.toLowerCase());
    if (!same) return false;
    if (!vm.id) return true;
    for (const id of same) if (!id) return true;
    return false;
  }
  add(vm: VmKey): void {
    if (vm.id) this.ids.add(vm.id.toLowerCase());
    const k = vm.name.toLowerCase();
    const list = this.names.get(k);
    if (list) list.push(vm.id?.toLowerCase() ?? null);
    else this.names.set(k, [vm.id?.toLowerCase() ?? null]);
  }
}

const nicsCache = new WeakMap<Inventory, Map<string, VmNetworkAdapter[]>>();

/** The VM's own vNICs in one inventory (host vNICs excluded), in inventory order (memoised). */
export function vmNics(inv: Inventory, vm: VmKey): VmNetworkAdapter[] {
  let byVm = nicsCache.get(inv);
  if (!byVm) nicsCache.set(inv, (byVm = new Map()));
  const k = `${vm.id?.toLowerCase() ?? ''}|${vm.name.toLowerCase()}`;
  let nics = byVm.get(k);
  if (!nics) byVm.set(k, (nics = (inv.vmNetworkAdapters ?? []).filter((n) => !n.isManagementOs && sameVm(vm, { name: n.vmName, id: n.vmId }))));
  return nics;
}

/** `name#ordinal` — the vNIC's identity inside its VM. */
export function nicKey(nics: readonly VmNetworkAdapter[], n: VmNetworkAdapter): string {
  const same = nics.filter((x) => x.name.toLowerCase() === n.name.toLowerCase());
  return `${n.name.toLowerCase()}#${same.indexOf(n)}`;
}

const nicIndexCache = new WeakMap<Inventory, Map<string, VmNetworkAdapter>>();

/** The vNIC `key` (see nicKey) of the VM in one inventory, by a memoised lookup. */
export function findNic(inv: Inventory, vm: VmKey, key: string): VmNetworkAdapter | null {
  let index = nicIndexCache.get(inv);
  if (!index) {
    index = new Map();
    for (const r of nicRows(inv)) {
      if (r.id) index.set(`id:${r.id}|${r.key}`, r.nic);
      if (!index.has(`name:${r.name}|${r.key}`)) index.set(`name:${r.name}|${r.key}`, r.nic);
    }
    nicIndexCache.set(inv, index);
  }
  const byId = vm.id ? index.get(`id:${vm.id.toLowerCase()}|${key}`) : undefined;
  if (byId) return byId;
  const byName = index.get(`name:${vm.name.toLowerCase()}|${key}`);
  return byName && (!vm.id || !byName.vmId) ? byName : null;
}

/** Whether an inventory lists the VM at all (Get-VM row or a vNIC); null when it sent neither part. */
export function listsVm(inv: Inventory, vm: VmKey): boolean | null {
  if (inv.vms === undefined && inv.vmNetworkAdapters === undefined) return null;
  return (inv.vms ?? []).some((v) => sameVm(vm, v)) || vmNics(inv, vm).length > 0;
}

/** Get-VM state of the VM in this inventory (`Running`, `Off`, …), or null when not reported. */
export function vmStateIn(inv: Inventory, vm: VmKey): string | null {
  return inv.vms?.find((v) => sameVm(vm, v))?.state ?? null;
}

/*
 * Per-inventory indexes are memoised by object identity: an Inventory is never mutated once the
 * engine holds it (apply.ts builds a new merged object per snapshot; the predictor caches the same
 * way), so the cache only saves work and never changes an answer.
 */
const vmsCache = new WeakMap<Inventory, VmKey[]>();
const vmSetCache = new WeakMap<Inventory, VmSet>();

/** Every VM (by Get-VM row, else by vNIC) in one inventory, de-duplicated. */
export function vmsIn(inv: Inventory): VmKey[] {
  const hit = vmsCache.get(inv);
  if (hit) return hit;
  const out: VmKey[] = [];
  const seen = new VmSet();
  const add = (k: VmKey) => {
    if (!k.name || seen.has(k)) return;
    seen.add(k);
    out.push(k);
  };
  for (const v of inv.vms ?? []) add({ name: v.name, id: v.id });
  for (const n of inv.vmNetworkAdapters ?? []) if (!n.isManagementOs && n.vmName) add({ name: n.vmName, id: n.vmId });
  vmsCache.set(inv, out);
  vmSetCache.set(inv, seen);
  return out;
}

const teamingCache = new WeakMap<Inventory, VmSet>();

/** VMs of one inventory with AllowTeaming On on at least one vNIC (memoised). */
export function teamingVms(inv: Inventory): VmSet {
  let set = teamingCache.get(inv);
  if (!set) {
    set = new VmSet();
    for (const n of inv.vmNetworkAdapters ?? []) if (!n.isManagementOs && n.vmName && n.allowTeaming === true) set.add({ name: n.vmName, id: n.vmId });
    teamingCache.set(inv, set);
  }
  return set;
}

/** The VMs of one inventory as a VmSet (memoised with vmsIn). */
export function vmSetOf(inv: Inventory): VmSet {
  if (!vmSetCache.has(inv)) vmsIn(inv);
  return vmSetCache.get(inv)!;
}

/**
 * Whether the VM runs on `h` now: the latest Get-VM state, overridden by Hyper-V-Worker start /
 * stop / reset events newer than that inventory (newest wins). Without a Get-VM row, a vNIC whose
 * Status is reported (`{Ok}`) counts as running — Hyper-V reports no status for a stopped VM.
 */
export function isRunning(h: HostView, vm: VmKey): boolean {
  const inv = h.inventory;
  if (!inv) return false;
  let running: boolean;
  const state = vmStateIn(inv, vm);
  if (state !== null) running = state.toLowerCase() === 'running';
  else running = vmNics(inv, vm).some((n) => n.status.length > 0);
  const after = h.inventoryAt ?? -Infinity;
  for (const s of h.signals) {
    if (s.time <= after) continue;
    const sig = s.signal;
    if ((sig.kind === 'vm-started' || sig.kind === 'vm-reset') && sameVm(vm, { name: sig.vm, id: sig.vmId })) running = true;
    else if (sig.kind === 'vm-stopped' && sameVm(vm, { name: sig.vm, id: sig.vmId })) running = false;
  }
  return running;
}

export interface NicSighting {
  time: number;
  host: HostView;
  nic: VmNetworkAdapter;
  mac: Mac | null;
  ref: EvidenceRef;
}

interface NicRow {
  id: string | null;
  name: string;
  key: string;
  nic: VmNetworkAdapter;
}
const rowsCache = new WeakMap<Inventory, NicRow[]>();

/** Every VM vNIC of one inventory with its VM identity and nicKey (memoised). */
function nicRows(inv: Inventory): NicRow[] {
  const hit = rowsCache.get(inv);
  if (hit) return hit;
  const rows: NicRow[] = [];
  const ordinals = new Map<string, number>();
  for (const n of inv.vmNetworkAdapters ?? []) {
    if (n.isManagementOs || !n.vmName) continue;
    const id = n.vmId?.toLowerCase() ?? null;
    const name = n.vmName.toLowerCase();
    const ord = `${id ?? name}|${n.name.toLowerCase()}`;
    const i = ordinals.get(ord) ?? 0;
    ordinals.set(ord, i + 1);
    rows.push({ id, name, key: `${n.name.toLowerCase()}#${i}`, nic: n });
  }
  rowsCache.set(inv, rows);
  return rows;
}

function pushTo(m: Map<string, NicSighting[]>, k: string, s: NicSighting): void {
  const list = m.get(k);
  if (list) list.push(s);
  else m.set(k, [s]);
}

function byTimeThenHost(a: NicSighting, b: NicSighting): number {
  return a.time - b.time || (a.host.key < b.host.key ? -1 : a.host.key > b.host.key ? 1 : 0);
}

/**
 * Every inventory (on every host, oldest first) that shows a given vNIC of one of the `wanted`
 * VMs, with the MAC it had there: one pass over all hosts' histories per evaluation, then answered
 * per vNIC. Ties in time are ordered by host key so the result is stable.
 */
export class SightingIndex {
  private readonly byId = new Map<string, NicSighting[]>();
  private readonly byName = new Map<string, NicSighting[]>();

  constructor(fleet: FleetView, wanted: readonly VmKey[]) {
    const ids = new Set(wanted.filter((v) => v.id).map((v) => v.id!.toLowerCase()));
    const names = new Set(wanted.map((v) => v.name.toLowerCase()));
    for (const h of fleet.hosts.values()) {
      for (const entry of h.inventoryHistory) {
        for (const r of nicRows(entry.value)) {
          if (!names.has(r.name) && !(r.id && ids.has(r.id))) continue;
          const s: NicSighting = { time: entry.time, host: h, nic: r.nic, mac: r.nic.mac, ref: entry.ref };
          if (r.id) pushTo(this.byId, `${r.id}|${r.key}`, s);
          pushTo(this.byName, `${r.name}|${r.key}`, s);
        }
      }
    }
  }

  /** The sightings of one vNIC (`nicKey`) of a wanted VM, oldest first. */
  get(vm: VmKey, key: string): NicSighting[] {
    const byName = this.byName.get(`${vm.name.toLowerCase()}|${key}`) ?? [];
    const list = vm.id ? [...(this.byId.get(`${vm.id.toLowerCase()}|${key}`) ?? []), ...byName.filter((s) => !s.nic.vmId)] : [...byName];
    return list.sort(byTimeThenHost);
  }
}

/** The host a name from an event or another host's data refers to (by hostKey), if we know it. */
export function hostNamed(fleet: FleetView, name: string | null | undefined): HostView | undefined {
  return name ? fleet.hosts.get(hostKey(name)) : undefined;
}

/** Hosts whose latest inventory lists the VM, most recently reported first. */
export function hostsListing(fleet: FleetView, vm: VmKey): HostView[] {
  return [...fleet.hosts.values()]
    .filter((h) => h.inventory && listsVm(h.inventory, vm))
    .sort((a, b) => (b.inventoryAt ?? 0) - (a.inventoryAt ?? 0) || a.key.localeCompare(b.key));
}

/** The VM's IP addresses as last reported by integration services on any host (newest first wins). */
export function vmIps(fleet: FleetView, vm: VmKey): string[] {
  const ips = new Set<string>();
  for (const h of hostsListing(fleet, vm)) for (const n of vmNics(h.inventory!, vm)) for (const ip of n.ipAddresses) ips.add(ip);
  if (ips.size === 0) {
    for (const h of fleet.hosts.values()) {
      for (let i = h.inventoryHistory.length - 1; i >= 0 && ips.size === 0; i--) {
        for (const n of vmNics(h.inventoryHistory[i].value, vm)) for (const ip of n.ipAddresses) ips.add(ip);
      }
    }
  }
  return [...ips].sort();
}

/**
 * A VM name as the failover-cluster resource events write it: `%1` is the cluster resource,
 * `Virtual Machine <name>` by default, so the prefix is dropped when what remains is a VM we know.
 */
export function vmFromResourceName(fleet: FleetView, raw: string | null): VmKey | null {
  if (!raw) return null;
  const trimmed = raw.trim();
  const stripped = trimmed.replace(/^virtual machine\s+/i, '');
  for (const candidate of [trimmed, stripped]) {
    for (const h of fleet.hosts.values()) {
      const known = h.inventory ? vmsIn(h.inventory).find((v) => v.name.toLowerCase() === candidate.toLowerCase()) : undefined;
      if (known) return known;
    }
  }
  return { name: stripped || trimmed, id: null };
}
