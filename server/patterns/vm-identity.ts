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
    const same = this.names.get(vm.name.toLowerCase()) ?? [];
    return same.some((id) => !vm.id || !id);
  }
  add(vm: VmKey): void {
    if (vm.id) this.ids.add(vm.id.toLowerCase());
    const k = vm.name.toLowerCase();
    this.names.set(k, [...(this.names.get(k) ?? []), vm.id?.toLowerCase() ?? null]);
  }
}

/** The VM's own vNICs in one inventory (host vNICs excluded), in inventory order. */
export function vmNics(inv: Inventory, vm: VmKey): VmNetworkAdapter[] {
  return (inv.vmNetworkAdapters ?? []).filter((n) => !n.isManagementOs && sameVm(vm, { name: n.vmName, id: n.vmId }));
}

/** `name#ordinal` — the vNIC's identity inside its VM. */
export function nicKey(nics: readonly VmNetworkAdapter[], n: VmNetworkAdapter): string {
  const same = nics.filter((x) => x.name.toLowerCase() === n.name.toLowerCase());
  return `${n.name.toLowerCase()}#${same.indexOf(n)}`;
}

export function findNic(inv: Inventory, vm: VmKey, key: string): VmNetworkAdapter | null {
  const nics = vmNics(inv, vm);
  return nics.find((n) => nicKey(nics, n) === key) ?? null;
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

/** Every VM (by Get-VM row, else by vNIC) in one inventory, de-duplicated. */
export function vmsIn(inv: Inventory): VmKey[] {
  const out: VmKey[] = [];
  const add = (k: VmKey) => {
    if (k.name && !out.some((o) => sameVm(o, k))) out.push(k);
  };
  for (const v of inv.vms ?? []) add({ name: v.name, id: v.id });
  for (const n of inv.vmNetworkAdapters ?? []) if (!n.isManagementOs && n.vmName) add({ name: n.vmName, id: n.vmId });
  return out;
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

/**
 * Every inventory (on every host, oldest first) that shows this vNIC, with the MAC it had there.
 * Ties in time are ordered by host key so the result is stable.
 */
export function nicSightings(fleet: FleetView, vm: VmKey, key: string): NicSighting[] {
  const out: NicSighting[] = [];
  for (const h of fleet.hosts.values()) {
    for (const entry of h.inventoryHistory) {
      const nic = findNic(entry.value, vm, key);
      if (nic) out.push({ time: entry.time, host: h, nic, mac: nic.mac, ref: entry.ref });
    }
  }
  return out.sort((a, b) => a.time - b.time || a.host.key.localeCompare(b.host.key));
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

/** Quotes a name for a copyable PowerShell command (single quotes, embedded quotes doubled). */
export function psq(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}
