/**
 * Where each MAC of a host must appear upstream, predicted from the host's OBSERVED inventory and
 * the cabling of its adapters to switch ports:
 * - a vSwitch port (host or VM vNIC) behind a Switch Independent team appears behind the member it
 *   is affinitised to (HyperVPort/Dynamic/SET) or behind the primary member (address hash);
 * - behind a switch-dependent team it appears on the port-channel (every active member);
 * - a team that rewrites source MACs also shows each non-primary active member's own MAC;
 * - a standalone adapter that is up shows its own MAC (and the vSwitch ports bound to it).
 * MACs that cannot reach the wire now (VM off, path down, Internal/Private switch) are absent.
 */
import type { Inventory, VmNetworkAdapter } from '../../model/inventory.ts';
import type { Mac } from '../../model/mac.ts';
import { isHostVnicDescription } from '../vendors.ts';
import { affinityFor, classifyTeams, isPerPortAlgorithm, type ClassifyOptions, type ExpectedTeam } from './teams.ts';

export interface CablingEntry {
  host: string;
  adapter: string;
  switch: string;
  port: string;
  portChannel?: string | null;
}

export type MacOwner =
  | { kind: 'vm'; vm: string; nic: string }
  | { kind: 'host-vnic'; name: string }
  | { kind: 'member'; member: string }
  | { kind: 'adapter'; name: string };

export interface ExpectedMacLocation {
  host: string;
  mac: Mac;
  owner: MacOwner;
  /** vSwitch the MAC's port is on, when it is a vSwitch port. */
  vSwitch: string | null;
  /** Team (LBFO name, vendor adapter name, or SET switch name) carrying it, when any. */
  team: string | null;
  /** Adapters whose switch ports must carry the MAC. */
  members: string[];
  /** Resolved through the cabling; a port-channel replaces its member ports. Empty without cabling. */
  ports: { switch: string; port: string }[];
}

export interface LocationOptions extends ClassifyOptions {
  cabling?: CablingEntry[];
}

function resolvePorts(host: string, members: string[], cabling: CablingEntry[] | undefined): { switch: string; port: string }[] {
  if (!cabling) return [];
  const out: { switch: string; port: string }[] = [];
  for (const m of members) {
    const c = cabling.find((x) => x.host.toLowerCase() === host.toLowerCase() && x.adapter.toLowerCase() === m.toLowerCase());
    if (!c) continue;
    const port = c.portChannel || c.port;
    if (!out.some((p) => p.switch === c.switch && p.port === port)) out.push({ switch: c.switch, port });
  }
  return out;
}

/** Members carrying a vSwitch port MAC through a team, or null when the team cannot pass it. */
function teamMembersFor(team: ExpectedTeam, mac: Mac): string[] | null {
  if (team.kind === 'lbfo' && team.teamNic && team.teamNic.status === 'Disabled') return null;
  if (team.kind === 'lbfo' && !team.teamNic) return null;
  if (team.activeMembers.length === 0 && team.kind !== 'vendor') return null;
  if (team.kind === 'vendor') {
    if (team.teamNic?.status !== 'Up') return null;
    return team.primaryMember ? [team.primaryMember] : [];
  }
  if (team.switchDependent) return [...team.activeMembers];
  if (team.kind === 'set' || isPerPortAlgorithm(team.algorithm)) {
    const m = team.affinity[mac] ?? affinityFor(mac, team.activeMembers);
    return m ? [m] : null;
  }
  return team.primaryMember ? [team.primaryMember] : null;
}

function ownerOf(n: VmNetworkAdapter): MacOwner {
  return n.isManagementOs ? { kind: 'host-vnic', name: n.name } : { kind: 'vm', vm: n.vmName ?? '', nic: n.name };
}

export function expectedMacLocations(inv: Inventory, opts: LocationOptions = {}): ExpectedMacLocation[] {
  const host = opts.host ?? '';
  const teams = classifyTeams(inv, opts);
  const out: ExpectedMacLocation[] = [];
  const running = new Set((inv.vms ?? []).filter((v) => v.state === 'Running').map((v) => v.name.toLowerCase()));
  const adapters = inv.netAdapters ?? [];
  const memberNames = new Set(teams.flatMap((t) => t.members.map((m) => m.toLowerCase())));
  const push = (loc: Omit<ExpectedMacLocation, 'ports' | 'host'>) => {
    out.push({ ...loc, host, ports: resolvePorts(host, loc.members, opts.cabling) });
  };

  for (const sw of inv.vmSwitches ?? []) {
    if (sw.switchType !== 'External') continue;
    const team = teams.find((t) => t.vSwitches.some((s) => s.toLowerCase() === sw.name.toLowerCase()));
    const single = !team && sw.netAdapterDescriptions.length === 1
      ? adapters.find((a) => a.description.toLowerCase() === sw.netAdapterDescriptions[0].toLowerCase())
      : undefined;
    for (const n of inv.vmNetworkAdapters ?? []) {
      if (!n.mac || n.switchName?.toLowerCase() !== sw.name.toLowerCase()) continue;
      if (!n.isManagementOs && !running.has((n.vmName ?? '').toLowerCase())) continue;
      if (n.isManagementOs && adapters.find((a) => a.name === `vEthernet (${n.name})`)?.status === 'Disabled') continue;
      let members: string[] | null = null;
      if (team) members = teamMembersFor(team, n.mac);
      else if (single && single.status === 'Up') members = [single.name];
      if (!members) continue;
      push({ mac: n.mac, owner: ownerOf(n), vSwitch: sw.name, team: team?.team ?? null, members });
    }
  }

  for (const team of teams) {
    if (team.kind !== 'lbfo' || !team.teamNic || team.teamNic.status !== 'Up') continue;
    // A team interface used directly (no vSwitch on it) sends with the team MAC via the primary.
    if (team.vSwitches.length === 0 && team.teamMac && team.primaryMember) {
      const members = team.switchDependent ? [...team.activeMembers] : [team.primaryMember];
      push({ mac: team.teamMac, owner: { kind: 'adapter', name: team.team }, vSwitch: null, team: team.team, members });
    }
    if (!team.rewritesSourceMac) continue;
    for (const m of team.activeMembers) {
      if (m === team.primaryMember) continue;
      const mac = adapters.find((a) => a.name.toLowerCase() === m.toLowerCase())?.mac;
      if (mac) push({ mac, owner: { kind: 'member', member: m }, vSwitch: null, team: team.team, members: [m] });
    }
  }

  const boundDescriptions = new Set((inv.vmSwitches ?? []).flatMap((s) => s.netAdapterDescriptions.map((d) => d.toLowerCase())));
  for (const a of adapters) {
    if (a.status !== 'Up' || !a.mac || memberNames.has(a.name.toLowerCase())) continue;
    if (boundDescriptions.has(a.description.toLowerCase()) || isHostVnicDescription(a.description)) continue;
    if (teams.some((t) => t.teamNic?.name === a.name)) continue;
    push({ mac: a.mac, owner: { kind: 'adapter', name: a.name }, vSwitch: null, team: null, members: [a.name] });
  }
  return out;
}
