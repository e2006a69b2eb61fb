/**
 * Team classification over an OBSERVED inventory: what each team on a host is (inbox LBFO, a vendor
 * team recognised by its adapter description, or SET), which members should be carrying traffic,
 * which member receives inbound traffic, and whether the team rewrites source MACs.
 *
 * Invariants (docs/domain.md §5 item 7):
 * - the team MAC is the primary member's MAC; when that member fails the team keeps its MAC and the
 *   first surviving active member (in the team's member order) takes over as primary;
 * - Switch Independent + address hash (TransportPorts/IPAddresses/MacAddresses) receives inbound
 *   traffic only on the primary; HyperVPort and Dynamic affinitise each vSwitch port to one member;
 * - only Switch Independent address-hash/Dynamic teams rewrite source MACs; switch-dependent modes
 *   (Static, Lacp) never do, and present every active member as one port-channel.
 */
import type { Inventory, LbfoTeamMember, NetAdapter } from '../../model/inventory.ts';
import type { Mac } from '../../model/mac.ts';
import { weight } from '../prng.ts';
import { isTeamNicDescription, vendorTeamKindOf, type VendorTeamKind } from '../vendors.ts';

export type TeamKind = 'lbfo' | 'vendor' | 'set';

export interface ExpectedTeam {
  host: string;
  team: string;
  kind: TeamKind;
  vendor: VendorTeamKind | null;
  mode: string | null;
  algorithm: string | null;
  /** All members in the team's order (empty for vendor teams: Windows does not report them). */
  members: string[];
  expectedStatus: 'Up' | 'Degraded' | 'Down';
  activeMembers: string[];
  failedMembers: string[];
  standbyMembers: string[];
  /** Get-NetAdapter row of the team interface (LBFO tNIC / vendor virtual adapter); null for SET. */
  teamNic: NetAdapter | null;
  teamMac: Mac | null;
  /** The member receiving inbound traffic for address-hash modes and the team MAC's own traffic. */
  primaryMember: string | null;
  switchDependent: boolean;
  rewritesSourceMac: boolean;
  /** vSwitch port MAC → the member its inbound traffic is pinned to (HyperVPort/Dynamic/SET, address hash → primary). */
  affinity: Record<Mac, string>;
  vSwitches: string[];
}

const ADDRESS_HASH = new Set(['transportports', 'ipaddresses', 'macaddresses']);

export function isAddressHash(algorithm: string | null): boolean {
  return !!algorithm && ADDRESS_HASH.has(algorithm.toLowerCase());
}

export function isPerPortAlgorithm(algorithm: string | null): boolean {
  const a = algorithm?.toLowerCase();
  return a === 'hypervport' || a === 'dynamic';
}

export function isSwitchDependent(mode: string | null): boolean {
  const m = mode?.toLowerCase();
  return m === 'static' || m === 'lacp';
}

/**
 * The member a vSwitch port is affinitised to: rendezvous hashing over the active members, so a
 * member failure moves only the ports that were on it, and its recovery moves exactly those back.
 */
export function affinityFor(mac: Mac, activeMembers: readonly string[]): string | null {
  let best: string | null = null;
  let bestW = -1;
  for (const m of activeMembers) {
    const w = weight(`${mac}|${m.toLowerCase()}`);
    if (w > bestW) {
      bestW = w;
      best = m;
    }
  }
  return best;
}

function statusOf(active: number, failed: number): 'Up' | 'Degraded' | 'Down' {
  if (active === 0) return 'Down';
  return failed > 0 ? 'Degraded' : 'Up';
}

function adapterByName(inv: Inventory, name: string): NetAdapter | undefined {
  return inv.netAdapters?.find((a) => a.name.toLowerCase() === name.toLowerCase());
}

/** vSwitch-port MACs (host vNICs and VM vNICs with a MAC) connected to the named vSwitches. */
function portMacs(inv: Inventory, vSwitches: string[]): Mac[] {
  const names = new Set(vSwitches.map((s) => s.toLowerCase()));
  const macs = (inv.vmNetworkAdapters ?? [])
    .filter((n) => n.mac && n.switchName && names.has(n.switchName.toLowerCase()))
    .map((n) => n.mac as Mac);
  return [...new Set(macs)].sort();
}

function switchesBoundTo(inv: Inventory, description: string): string[] {
  const d = description.toLowerCase();
  return (inv.vmSwitches ?? [])
    .filter((s) => s.netAdapterDescriptions.some((x) => x.toLowerCase() === d))
    .map((s) => s.name);
}

function lbfoTeams(inv: Inventory, host: string): ExpectedTeam[] {
  return (inv.lbfoTeams ?? []).map((team) => {
    const rows: LbfoTeamMember[] = (inv.lbfoTeamMembers ?? []).filter((m) => m.team.toLowerCase() === team.name.toLowerCase());
    const order = team.members.length ? team.members : rows.map((r) => r.name);
    const byName = (n: string) => rows.find((r) => r.name.toLowerCase() === n.toLowerCase());
    const active = order.filter((n) => byName(n)?.operationalStatus === 'Active');
    const failed = order.filter((n) => byName(n)?.operationalStatus === 'Failed');
    const standby = order.filter((n) => byName(n)?.operationalStatus === 'Standby');
    const teamNic = team.teamNics.length ? (adapterByName(inv, team.teamNics[0]) ?? null) : null;
    const teamMac = teamNic?.mac ?? null;
    const donor = order.find((n) => teamMac && adapterByName(inv, n)?.mac === teamMac) ?? null;
    const primary = donor && active.includes(donor) ? donor : (active[0] ?? null);
    const switchDependent = isSwitchDependent(team.teamingMode);
    const rewrites = !switchDependent && (isAddressHash(team.loadBalancingAlgorithm) || team.loadBalancingAlgorithm.toLowerCase() === 'dynamic');
    const vSwitches = teamNic ? switchesBoundTo(inv, teamNic.description) : [];
    const affinity: Record<Mac, string> = {};
    if (!switchDependent) {
      for (const mac of portMacs(inv, vSwitches)) {
        const m = isPerPortAlgorithm(team.loadBalancingAlgorithm) ? affinityFor(mac, active) : primary;
        if (m) affinity[mac] = m;
      }
    }
    return {
      host,
      team: team.name,
      kind: 'lbfo' as const,
      vendor: null,
      mode: team.teamingMode,
      algorithm: team.loadBalancingAlgorithm,
      members: [...order],
      expectedStatus: statusOf(active.length, failed.length),
      activeMembers: active,
      failedMembers: failed,
      standbyMembers: standby,
      teamNic,
      teamMac,
      primaryMember: primary,
      switchDependent,
      rewritesSourceMac: rewrites,
      affinity,
      vSwitches,
    };
  });
}

function vendorTeams(inv: Inventory, host: string, vendorMembers: Record<string, string[]>): ExpectedTeam[] {
  return (inv.netAdapters ?? [])
    .filter((a) => vendorTeamKindOf(a.description) !== null)
    .map((a) => {
      const members = vendorMembers[a.name] ?? [];
      const up = members.filter((n) => adapterByName(inv, n)?.status === 'Up');
      const teamUp = a.status === 'Up';
      const active = teamUp ? up : [];
      const vSwitches = switchesBoundTo(inv, a.description);
      const primary = active[0] ?? null;
      const affinity: Record<Mac, string> = {};
      if (primary) for (const mac of portMacs(inv, vSwitches)) affinity[mac] = primary;
      return {
        host,
        team: a.name,
        kind: 'vendor' as const,
        vendor: vendorTeamKindOf(a.description),
        mode: null,
        algorithm: null,
        members,
        expectedStatus: teamUp ? (members.length && up.length < members.length ? ('Degraded' as const) : ('Up' as const)) : ('Down' as const),
        activeMembers: active,
        failedMembers: members.filter((n) => !up.includes(n)),
        standbyMembers: [],
        teamNic: a,
        teamMac: a.mac,
        primaryMember: primary,
        switchDependent: false,
        rewritesSourceMac: false,
        affinity,
        vSwitches,
      };
    });
}

function setTeams(inv: Inventory, host: string): ExpectedTeam[] {
  return (inv.vmSwitches ?? [])
    .filter((s) => s.embeddedTeamingEnabled)
    .map((s) => {
      const members = s.netAdapterDescriptions
        .map((d) => inv.netAdapters?.find((a) => a.description.toLowerCase() === d.toLowerCase())?.name)
        .filter((n): n is string => !!n);
      const active = members.filter((n) => adapterByName(inv, n)?.status === 'Up');
      const affinity: Record<Mac, string> = {};
      for (const mac of portMacs(inv, [s.name])) {
        const m = affinityFor(mac, active);
        if (m) affinity[mac] = m;
      }
      return {
        host,
        team: s.name,
        kind: 'set' as const,
        vendor: null,
        mode: 'SwitchIndependent',
        algorithm: null,
        members,
        expectedStatus: statusOf(active.length, members.length - active.length),
        activeMembers: active,
        failedMembers: members.filter((n) => !active.includes(n)),
        standbyMembers: [],
        teamNic: null,
        teamMac: null,
        primaryMember: null,
        switchDependent: false,
        rewritesSourceMac: false,
        affinity,
        vSwitches: [s.name],
      };
    });
}

export interface ClassifyOptions {
  /** Host name to stamp on results (Inventory does not carry it). */
  host?: string;
  /** Members of vendor teams by team adapter name; Windows does not report them (configuration or cabling). */
  vendorTeamMembers?: Record<string, string[]>;
}

/** Every team on one host: LBFO from lbfoTeams/members, vendor teams from adapter descriptions, SET from vmSwitches. */
export function classifyTeams(inv: Inventory, opts: ClassifyOptions = {}): ExpectedTeam[] {
  const host = opts.host ?? '';
  return [...lbfoTeams(inv, host), ...vendorTeams(inv, host, opts.vendorTeamMembers ?? {}), ...setTeams(inv, host)];
}

/** The team whose interface has this description (16945's `%2`), or null. */
export function teamForNicDescription(inv: Inventory, description: string): ExpectedTeam | null {
  const d = description.trim().toLowerCase();
  return classifyTeams(inv).find((t) => t.teamNic?.description.toLowerCase() === d) ?? null;
}

/** True when the adapter description is an LBFO team interface (Multiplexor Driver). */
export { isTeamNicDescription };
