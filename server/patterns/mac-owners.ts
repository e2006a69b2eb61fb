/**
 * Who owns a MAC, per the latest inventory of every host: VM vNICs, host (management OS) vNICs,
 * team interfaces and physical adapters. Shared by the MAC patterns to name owners in alerts and
 * to map a MAC (or a switch port) back to a host. Zero, broadcast and multicast addresses own
 * nothing (docs/domain.md §5.4). A host vNIC also appears in Get-NetAdapter as `vEthernet (…)`;
 * only its Get-VMNetworkAdapter row is kept, so one port is one owner.
 */
import type { EvidenceRef } from '../contract.ts';
import type { Mac } from '../model/mac.ts';
import { isNonHostMac } from '../model/mac.ts';
import type { HostView } from '../engine/view.ts';
import { isHostVnicDescription } from '../simulator/vendors.ts';
import type { PatternContext } from './types.ts';

export type OwnerKind = 'vm' | 'host-vnic' | 'team-nic' | 'adapter';

export interface MacOwner {
  /** HostView.name (the collector's spelling) and key. */
  host: string;
  hostKey: string;
  kind: OwnerKind;
  /** vNIC or adapter name. */
  name: string;
  vm: string | null;
  vmId: string | null;
  vmState: string | null;
  switchName: string | null;
  dynamic: boolean | null;
  ref: EvidenceRef | null;
}

/** Stable identity of the thing holding the MAC: one VM (wherever it runs), one host vNIC, one adapter. */
export function ownerIdentity(o: MacOwner): string {
  if (o.kind === 'vm') return `vm:${(o.vmId ?? o.vm ?? '').toLowerCase()}|${o.name.toLowerCase()}`;
  return `${o.kind}:${o.hostKey}|${o.name.toLowerCase()}`;
}

export function describeOwner(o: MacOwner): string {
  switch (o.kind) {
    case 'vm':
      return `VM ${o.vm} (${o.name}) on ${o.host}`;
    case 'host-vnic':
      return `host vNIC ${o.name} on ${o.host}`;
    case 'team-nic':
      return `team interface ${o.name} on ${o.host}`;
    default:
      return `adapter ${o.name} on ${o.host}`;
  }
}

/** Owners of every MAC on one host, from its latest inventory; duplicate rows of one vNIC count once. */
// Inventories are immutable once applied (an unchanged snapshot keeps the same object), so the
// owners of one host are computed once per inventory, not once per evaluation.
const ownersCache = new WeakMap<object, { name: string; owners: Map<Mac, MacOwner[]> }>();

export function hostMacOwners(ctx: PatternContext, h: HostView): Map<Mac, MacOwner[]> {
  const inv = h.inventory;
  if (!inv) return new Map();
  const cached = ownersCache.get(inv);
  if (cached && cached.name === h.name) return cached.owners;
  const owners = computeHostMacOwners(ctx, h);
  ownersCache.set(inv, { name: h.name, owners });
  return owners;
}

function computeHostMacOwners(ctx: PatternContext, h: HostView): Map<Mac, MacOwner[]> {
  const out = new Map<Mac, MacOwner[]>();
  const inv = h.inventory;
  if (!inv) return out;
  const seen = new Set<string>();
  const add = (mac: Mac | null, o: Omit<MacOwner, 'host' | 'hostKey' | 'ref'>) => {
    if (!mac || isNonHostMac(mac)) return;
    const owner: MacOwner = { ...o, host: h.name, hostKey: h.key, ref: h.inventoryRef };
    const id = `${mac}|${ownerIdentity(owner)}`;
    if (seen.has(id)) return;
    seen.add(id);
    const list = out.get(mac);
    if (list) list.push(owner);
    else out.set(mac, [owner]);
  };
  const states = new Map((inv.vms ?? []).map((v) => [(v.id ?? v.name).toLowerCase(), v.state]));
  const byName = new Map((inv.vms ?? []).map((v) => [v.name.toLowerCase(), v.state]));
  for (const n of inv.vmNetworkAdapters ?? []) {
    const vmState = n.isManagementOs ? null : (states.get((n.vmId ?? '').toLowerCase()) ?? byName.get((n.vmName ?? '').toLowerCase()) ?? null);
    add(n.mac, {
      kind: n.isManagementOs ? 'host-vnic' : 'vm',
      name: n.name,
      vm: n.isManagementOs ? null : n.vmName,
      vmId: n.isManagementOs ? null : n.vmId,
      vmState,
      switchName: n.switchName,
      dynamic: n.dynamicMacAddressEnabled,
    });
  }
  const teamNics = new Set(ctx.fleet.predictor.classifyTeams(inv).flatMap((t) => (t.teamNic ? [t.teamNic.name.toLowerCase()] : [])));
  for (const a of inv.netAdapters ?? []) {
    if (isHostVnicDescription(a.description)) continue;
    add(a.mac, { kind: teamNics.has(a.name.toLowerCase()) ? 'team-nic' : 'adapter', name: a.name, vm: null, vmId: null, vmState: null, switchName: null, dynamic: null });
  }
  return out;
}

const fleetCache = new WeakMap<object, { version: number; owners: Map<Mac, MacOwner[]> }>();

/** Owners of every MAC across the fleet (latest inventories), hosts in key order. Cached per inventory version. */
export function fleetMacOwners(ctx: PatternContext): Map<Mac, MacOwner[]> {
  const cached = fleetCache.get(ctx.fleet.hosts);
  if (cached && cached.version === ctx.fleet.inventoryVersion) return cached.owners;
  const owners = computeFleetMacOwners(ctx);
  fleetCache.set(ctx.fleet.hosts, { version: ctx.fleet.inventoryVersion, owners });
  return owners;
}

function computeFleetMacOwners(ctx: PatternContext): Map<Mac, MacOwner[]> {
  const out = new Map<Mac, MacOwner[]>();
  const hosts = [...ctx.fleet.hosts.values()].sort((a, b) => a.key.localeCompare(b.key));
  for (const h of hosts) {
    for (const [mac, owners] of hostMacOwners(ctx, h)) {
      const list = out.get(mac);
      if (list) list.push(...owners);
      else out.set(mac, [...owners]);
    }
  }
  return out;
}
