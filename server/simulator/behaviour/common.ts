/** Lookups and event helpers shared by the behaviour handlers. */
import type { Mac } from '../../model/mac.ts';
import { lbfoEvent } from '../events.ts';
import type { Fleet, HostState, LbfoTeamState, TeamState, VendorTeamState, VmState } from '../fleet.ts';
import { findVSwitch } from '../fleet.ts';
import { lbfoMemberView } from '../inventory-view.ts';
import { nextDynamicMac } from '../macpool.ts';
import type { Ctx } from './context.ts';

export function teamOfSwitch(host: HostState, vSwitch: string | null): TeamState | null {
  if (!vSwitch) return null;
  const sw = findVSwitch(host, vSwitch);
  if (sw?.uplink?.kind !== 'team') return null;
  const name = sw.uplink.name;
  return host.teams.find((t) => t.name === name) ?? null;
}

export function lbfoOfSwitch(host: HostState, vSwitch: string | null): LbfoTeamState | null {
  const t = teamOfSwitch(host, vSwitch);
  return t?.kind === 'lbfo' ? t : null;
}

export function vendorOfSwitch(host: HostState, vSwitch: string | null): VendorTeamState | null {
  const t = teamOfSwitch(host, vSwitch);
  return t?.kind === 'vendor' ? t : null;
}

/** vSwitches bound to the named team. */
export function switchesOnTeam(host: HostState, team: string): string[] {
  return host.vSwitches.filter((s) => s.uplink?.kind === 'team' && s.uplink.name === team).map((s) => s.name);
}

export function teamOfMember(host: HostState, adapter: string): TeamState | null {
  return host.teams.find((t) => t.members.includes(adapter)) ?? null;
}

/** Distinct LBFO teams under the vSwitches a VM's vNICs use. */
export function lbfoTeamsOfVm(host: HostState, vm: VmState): LbfoTeamState[] {
  const out: LbfoTeamState[] = [];
  for (const n of vm.nics) {
    const t = lbfoOfSwitch(host, n.switch);
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}

export function activeLbfoMembers(host: HostState, team: LbfoTeamState, t: number): string[] {
  return lbfoMemberView(host, team, t).filter((m) => m.operationalStatus === 'Active').map((m) => m.name);
}

/**
 * KB 2920261: a vSwitch port carrying a member's MAC makes the LBFO driver log one 16945 on the
 * team when the port set changes (vSwitch bound, VM start/stop/reset, member link change).
 */
export function kb16945(ctx: Ctx, host: HostState, team: LbfoTeamState, delayMs: number): void {
  if (team.nicState !== 'enabled' || switchesOnTeam(host, team.name).length === 0) return;
  ctx.event(host, lbfoEvent(16945, team.nicDescription, team.nicGuid), delayMs);
}

/** MACs registered on a host (VM vNICs of VMs on it and host vNICs): Hyper-V dedups only against these. */
export function macsInUseOnHost(fleet: Fleet, host: HostState): Mac[] {
  const out: Mac[] = host.hostVnics.map((v) => v.mac);
  for (const vm of fleet.vms) if (vm.host === host.name) for (const n of vm.nics) if (n.mac) out.push(n.mac);
  return out;
}

/** Hands out the host's next dynamic MAC and advances its pool cursor. */
export function takeDynamicMac(fleet: Fleet, host: HostState): Mac {
  const r = nextDynamicMac(host.pool, host.poolCursor, macsInUseOnHost(fleet, host));
  if (!r) throw new Error(`Host '${host.name}' has exhausted its dynamic MAC pool`);
  host.poolCursor = r.cursor;
  return r.mac;
}

export function nicOf(vm: VmState, name?: string) {
  const nic = name ? vm.nics.find((n) => n.name.toLowerCase() === name.toLowerCase()) : vm.nics[0];
  if (!nic) throw new Error(`VM '${vm.name}' has no network adapter${name ? ` '${name}'` : ''}`);
  return nic;
}

/** The NDIS device index the driver events name (`\Device\NDMPn`): the adapter's ifIndex. */
export function deviceIndex(host: HostState, adapter: string): number {
  return host.adapters.find((a) => a.name === adapter)?.ifIndex ?? 0;
}

export function isLegacyVmsmpHost(host: HostState): boolean {
  // Windows Server 2008 R2 (build 7601) and older still run the VMSMP vSwitch driver.
  return host.build < 9200;
}
