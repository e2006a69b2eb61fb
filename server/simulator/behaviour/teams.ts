/**
 * Teams and vSwitches: team creation (members on the connect timer, so a new team is Degraded for a
 * short while with WaitingForStableConnectivity and logs 16948 per member), team reset, LACP
 * misconfiguration, vSwitch creation (one KB 2920261 16945 when bound to an LBFO team; the first
 * management vNIC inherits the uplink's MAC), and the SCVMM logical-switch deployment that clones
 * the team MAC onto the management vNIC (docs/domain.md F2).
 */
import { lbfoEvent } from '../events.ts';
import type { HostState, HostVnicState, LbfoTeamState, VSwitchState } from '../fleet.ts';
import { findAdapter, findHost, findTeam, findVSwitch, hostVnicAdapterName } from '../fleet.ts';
import { HOST_VNIC_DESCRIPTION, TEAM_NIC_DESCRIPTION, numberedDescription } from '../vendors.ts';
import type { PublicAction } from './actions.ts';
import { disable, enable } from './adapters.ts';
import { kb16945, takeDynamicMac, teamOfMember } from './common.ts';
import type { Ctx } from './context.ts';

type A<K extends PublicAction['action']> = Extract<PublicAction, { action: K }>;

export function nextIfIndex(host: HostState): number {
  const all = [...host.adapters.map((a) => a.ifIndex), ...host.hostVnics.map((v) => v.ifIndex)];
  for (const t of host.teams) all.push(t.kind === 'lbfo' ? t.nicIfIndex : t.ifIndex);
  return Math.max(10, ...all) + 1;
}

export function addHostVnic(ctx: Ctx, host: HostState, name: string, sw: string, mac: string | null, scvmmClone = false): HostVnicState {
  const ordinal = host.hostVnics.length + 1;
  const v: HostVnicState = {
    name,
    switch: sw,
    mac: mac ?? takeDynamicMac(ctx.fleet, host),
    vlan: host.mgmtVlan,
    ips: [],
    description: numberedDescription(HOST_VNIC_DESCRIPTION, ordinal),
    ifIndex: nextIfIndex(host),
    enabled: true,
    scvmmClone,
    portId: ctx.rng.guid(),
  };
  host.hostVnics.push(v);
  const team = host.teams.find((t) => t.kind === 'vendor' && findVSwitch(host, sw)?.uplink?.kind === 'team' && t.name === (findVSwitch(host, sw)!.uplink as { name: string }).name);
  if (team?.kind === 'vendor') team.learned[v.portId] = v.mac;
  return v;
}

/** The MAC a first management vNIC inherits from the switch's uplink. */
function uplinkMac(host: HostState, sw: VSwitchState): string | null {
  const u = sw.uplink;
  if (!u) return null;
  if (u.kind === 'adapter') return findAdapter(host, u.name)?.mac ?? null;
  if (u.kind === 'team') return findTeam(host, u.name)?.mac ?? null;
  return findAdapter(host, u.members[0])?.mac ?? null;
}

export function createVSwitch(ctx: Ctx, host: HostState, a: A<'vswitch-create'>): VSwitchState {
  if (findVSwitch(host, a.name)) throw new Error(`Host '${host.name}' already has a vSwitch '${a.name}'`);
  const type = a.type ?? 'External';
  let uplink: VSwitchState['uplink'] = null;
  if (type === 'External') {
    if (a.setMembers?.length) uplink = { kind: 'set', members: [...a.setMembers], algorithm: a.setAlgorithm ?? 'Dynamic' };
    else if (a.uplink && findTeam(host, a.uplink)) uplink = { kind: 'team', name: findTeam(host, a.uplink)!.name };
    else if (a.uplink && findAdapter(host, a.uplink)) uplink = { kind: 'adapter', name: findAdapter(host, a.uplink)!.name };
    else throw new Error(`vSwitch '${a.name}': uplink '${a.uplink ?? ''}' is neither a team nor an adapter of '${host.name}'`);
  }
  const sw: VSwitchState = {
    name: a.name,
    id: ctx.rng.guid().toLowerCase(),
    type,
    uplink,
    allowManagementOS: a.allowManagementOS ?? type !== 'Private',
    iovEnabled: a.iov ?? false,
    createdAt: ctx.t,
  };
  host.vSwitches.push(sw);
  if (sw.allowManagementOS && type !== 'Private') {
    const first = !host.hostVnics.some((v) => v.switch === sw.name);
    const v = addHostVnic(ctx, host, a.managementVnic ?? sw.name, sw.name, type === 'External' && first ? uplinkMac(host, sw) : null);
    const mgmtOnUplink = uplink && uplink.kind !== 'set' && host.mgmt.kind !== 'vnic' && host.mgmt.name === uplink.name;
    if (mgmtOnUplink || (uplink?.kind === 'set' && host.mgmt.kind === 'adapter' && uplink.members.includes(host.mgmt.name))) {
      host.mgmt = { kind: 'vnic', name: v.name };
      v.ips = [host.ip];
    }
  }
  const team = uplink?.kind === 'team' ? findTeam(host, uplink.name) : null;
  if (team?.kind === 'lbfo') kb16945(ctx, host, team, ctx.rng.int(500, 2_500));
  ctx.fact({ kind: 'vswitch-created', host: host.name, t: ctx.t, vSwitch: sw.name, team: team?.name ?? null });
  ctx.inventory(host.name, `vSwitch ${sw.name} created`);
  return sw;
}

export const teamHandlers = {
  'team-create': (ctx: Ctx, a: A<'team-create'>) => {
    const host = findHost(ctx.fleet, a.host);
    if (findTeam(host, a.name)) throw new Error(`Host '${host.name}' already has a team '${a.name}'`);
    const macs = a.members.map((m) => {
      if (teamOfMember(host, m)) throw new Error(`'${m}' is already a team member on '${host.name}'`);
      const mac = findAdapter(host, m)?.mac ?? host.hostVnics.find((v) => hostVnicAdapterName(v.name) === m)?.mac;
      if (!mac) throw new Error(`Host '${host.name}' has no adapter '${m}'`);
      return mac;
    });
    const ordinal = host.teams.filter((t) => t.kind === 'lbfo').length + 1;
    const team: LbfoTeamState = {
      kind: 'lbfo',
      name: a.name,
      members: [...a.members],
      mode: a.mode ?? 'SwitchIndependent',
      algorithm: a.algorithm ?? 'Dynamic',
      standby: a.standby ?? null,
      nicDescription: numberedDescription(TEAM_NIC_DESCRIPTION, ordinal),
      nicIfIndex: nextIfIndex(host),
      nicGuid: ctx.rng.guid(),
      nicState: 'enabled',
      mac: macs[0],
      memberState: {},
      createdAt: ctx.t,
    };
    host.teams.push(team);
    a.members.forEach((m, i) => {
      // The first member connects almost at once; the others wait on the connect timer, so the new
      // team reports Degraded with WaitingForStableConnectivity for up to about a minute.
      const wait = i === 0 ? ctx.rng.int(500, 1_500) : ctx.rng.int(15_000, 75_000);
      team.memberState[m] = { connectUntil: ctx.t + wait, lacpIssue: false };
      const desc = findAdapter(host, m)?.description ?? host.hostVnics.find((v) => hostVnicAdapterName(v.name) === m)?.description ?? m;
      ctx.event(host, lbfoEvent(16948, desc, ctx.rng.guid()), ctx.rng.int(100, 400));
      ctx.schedule(wait, { action: '_connected', host: host.name, team: team.name, member: m });
    });
    ctx.inventory(host.name, `team ${team.name} created`);
  },
  'team-reset': (ctx: Ctx, a: A<'team-reset'>) => {
    const host = findHost(ctx.fleet, a.host);
    const team = findTeam(host, a.team);
    if (!team) throw new Error(`Host '${host.name}' has no team '${a.team}'`);
    disable(ctx, host, team.name);
    ctx.schedule((a.downSec ?? 90) * 1000, { action: '_team-enable', host: host.name, team: team.name });
  },
  '_team-enable': (ctx: Ctx, a: { host: string; team: string }) => {
    const host = findHost(ctx.fleet, a.host);
    enable(ctx, host, a.team);
    const team = findTeam(host, a.team);
    if (team?.kind === 'lbfo') ctx.fact({ kind: 'team-reset', host: host.name, t: ctx.t, team: team.name });
  },
  'team-set-mode': (ctx: Ctx, a: A<'team-set-mode'>) => {
    // Set-NetLbfoTeam re-initialises the members: each goes through the connect timer again.
    const host = findHost(ctx.fleet, a.host);
    const team = findTeam(host, a.team);
    if (team?.kind !== 'lbfo') throw new Error(`'${a.team}' on '${a.host}' is not an LBFO team`);
    if (a.mode) team.mode = a.mode;
    if (a.algorithm) team.algorithm = a.algorithm;
    team.members.forEach((m, i) => {
      const wait = i === 0 ? ctx.rng.int(500, 1_500) : ctx.rng.int(5_000, 30_000);
      team.memberState[m] = { lacpIssue: team.memberState[m]?.lacpIssue ?? false, connectUntil: ctx.t + wait };
      const desc = findAdapter(host, m)?.description ?? m;
      ctx.event(host, lbfoEvent(16948, desc, findAdapter(host, m)?.guid ?? ctx.rng.guid()), ctx.rng.int(100, 400));
      ctx.schedule(wait, { action: '_connected', host: host.name, team: team.name, member: m });
    });
    ctx.inventory(host.name, `team ${team.name} set to ${team.mode}/${team.algorithm}`);
  },
  'lacp-misconfig': (ctx: Ctx, a: A<'lacp-misconfig'>) => {
    const team = findTeam(findHost(ctx.fleet, a.host), a.team);
    if (team?.kind !== 'lbfo' || team.mode !== 'Lacp') throw new Error(`'${a.team}' on '${a.host}' is not an LACP team`);
    team.memberState[a.member] = { connectUntil: team.memberState[a.member]?.connectUntil ?? null, lacpIssue: true };
  },
  'lacp-fix': (ctx: Ctx, a: A<'lacp-fix'>) => {
    const host = findHost(ctx.fleet, a.host);
    const team = findTeam(host, a.team);
    if (team?.kind !== 'lbfo') return;
    const wait = ctx.rng.int(3_000, 10_000);
    team.memberState[a.member] = { lacpIssue: false, connectUntil: ctx.t + wait };
    ctx.schedule(wait, { action: '_connected', host: host.name, team: team.name, member: a.member });
  },
  'vswitch-create': (ctx: Ctx, a: A<'vswitch-create'>) => void createVSwitch(ctx, findHost(ctx.fleet, a.host), a),
  'vswitch-remove': (ctx: Ctx, a: A<'vswitch-remove'>) => {
    const host = findHost(ctx.fleet, a.host);
    const sw = findVSwitch(host, a.name);
    if (!sw) throw new Error(`Host '${host.name}' has no vSwitch '${a.name}'`);
    host.vSwitches = host.vSwitches.filter((s) => s !== sw);
    const removed = host.hostVnics.filter((v) => v.switch === sw.name);
    host.hostVnics = host.hostVnics.filter((v) => v.switch !== sw.name);
    if (host.mgmt.kind === 'vnic' && removed.some((v) => v.name === host.mgmt.name) && sw.uplink && sw.uplink.kind !== 'set') {
      host.mgmt = { kind: sw.uplink.kind, name: sw.uplink.name };
    }
    for (const vm of ctx.fleet.vms) if (vm.host === host.name) for (const n of vm.nics) if (n.switch === sw.name) n.switch = null;
    ctx.inventory(host.name, `vSwitch ${sw.name} removed`);
  },
  'scvmm-mac-clone': (ctx: Ctx, a: A<'scvmm-mac-clone'>) => {
    const host = findHost(ctx.fleet, a.host);
    let sw = a.vSwitch ? findVSwitch(host, a.vSwitch) : host.vSwitches.find((s) => s.uplink?.kind === 'team' && findTeam(host, s.uplink.name)?.kind === 'lbfo');
    if (!sw) {
      const team = host.teams.find((t) => t.kind === 'lbfo');
      if (!team) throw new Error(`Host '${host.name}' has no LBFO team for SCVMM to deploy a logical switch on`);
      sw = createVSwitch(ctx, host, { action: 'vswitch-create', host: host.name, name: 'LogicalSwitch', uplink: team.name, allowManagementOS: false });
    }
    const team = sw.uplink?.kind === 'team' ? findTeam(host, sw.uplink.name) : undefined;
    if (!team) throw new Error(`vSwitch '${sw.name}' is not bound to a team`);
    let v = host.hostVnics.find((x) => x.switch === sw!.name && (!a.vnic || x.name === a.vnic));
    if (!v) v = addHostVnic(ctx, host, a.vnic ?? 'Management', sw.name, team.mac, true);
    v.mac = team.mac;
    v.scvmmClone = true;
    if (host.mgmt.kind !== 'vnic' && host.mgmt.name === team.name) {
      host.mgmt = { kind: 'vnic', name: v.name };
      v.ips = [host.ip];
    }
    ctx.inventory(host.name, `SCVMM cloned the team MAC onto vNIC ${v.name}`);
  },
  'scvmm-mac-fix': (ctx: Ctx, a: A<'scvmm-mac-fix'>) => {
    const host = findHost(ctx.fleet, a.host);
    const v = host.hostVnics.find((x) => x.scvmmClone && (!a.vnic || x.name === a.vnic));
    if (!v) return;
    v.mac = takeDynamicMac(ctx.fleet, host);
    v.scvmmClone = false;
  },
  'team-remove': (ctx: Ctx, a: A<'team-remove'>) => {
    const host = findHost(ctx.fleet, a.host);
    const team = findTeam(host, a.team);
    if (!team) throw new Error(`Host '${host.name}' has no team '${a.team}'`);
    if (host.vSwitches.some((s) => s.uplink?.kind === 'team' && s.uplink.name === team.name)) {
      throw new Error(`Team '${team.name}' on '${host.name}' is still bound to a vSwitch`);
    }
    host.teams = host.teams.filter((t) => t !== team);
    if (host.mgmt.kind === 'team' && host.mgmt.name === team.name) host.mgmt = { kind: 'adapter', name: team.members[0] };
    ctx.inventory(host.name, `team ${team.name} removed`);
  },
};
