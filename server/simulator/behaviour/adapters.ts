/**
 * Physical links and adapter administrative state. A member cable pull shows the vendor's driver
 * link-down event, then 16949 for the member, one KB 2920261 16945 on a team with a vSwitch, and —
 * when no member is left — Hyper-V-VmSwitch 22 for the team interface. On link restore: driver
 * link-up, 16948 (connect timer, FailureReason WaitingForStableConnectivity), then 16950 and a 16945
 * when the member is back in use. Disabling every member removes the team interface; enabling the
 * members recreates it *disabled* (the Disable-/Enable-NetAdapter * trap, docs/domain.md F22).
 */
import { driverEvent, lbfoEvent, vmSwitchMediaDisconnected } from '../events.ts';
import type { AdapterState, HostState } from '../fleet.ts';
import { findAdapter, findHost, hostVnicAdapterName } from '../fleet.ts';
import { INTEL_SMARTSPEED, NIC_MODELS } from '../vendors.ts';
import type { PublicAction } from './actions.ts';
import { activeLbfoMembers, kb16945, switchesOnTeam, teamOfMember } from './common.ts';
import type { Ctx } from './context.ts';
import { flushPort } from './upstream.ts';

type A<K extends PublicAction['action']> = Extract<PublicAction, { action: K }>;

function adapter(host: HostState, name: string): AdapterState {
  const a = findAdapter(host, name);
  if (!a) throw new Error(`Host '${host.name}' has no adapter '${name}'`);
  return a;
}

function flushCable(ctx: Ctx, host: HostState, a: AdapterState): void {
  const c = ctx.fleet.cabling.find((x) => x.host === host.name && x.adapter === a.name);
  if (c) flushPort(ctx, c.switch, c.port);
}

/** A vSwitch lost the adapter it is bound to: VmSwitch 22 names that adapter's description. */
function mediaDisconnected(ctx: Ctx, host: HostState, uplinkName: string, guid: string, description: string, delayMs: number): void {
  const bound = host.vSwitches.some((s) => s.uplink && s.uplink.kind !== 'set' && s.uplink.name === uplinkName);
  if (bound) ctx.event(host, vmSwitchMediaDisconnected(guid, description), delayMs);
}

/** Consequences of a member (or standalone adapter) no longer carrying traffic. */
function lostAdapter(ctx: Ctx, host: HostState, a: AdapterState): void {
  const team = teamOfMember(host, a.name);
  const d = ctx.rng.int(20, 200);
  if (team?.kind === 'lbfo') {
    ctx.event(host, lbfoEvent(16949, a.description, a.guid), d);
    kb16945(ctx, host, team, d + ctx.rng.int(100, 600));
    if (activeLbfoMembers(host, team, ctx.t).length === 0 && team.nicState === 'enabled') {
      mediaDisconnected(ctx, host, team.name, team.nicGuid, team.nicDescription, d + ctx.rng.int(300, 900));
    }
  } else if (team?.kind === 'vendor') {
    const anyUp = team.members.some((m) => host.adapters.some((x) => x.name === m && x.link && x.enabled));
    if (!anyUp && team.enabled) mediaDisconnected(ctx, host, team.name, team.guid, team.description, d + 400);
  } else if (!team) {
    mediaDisconnected(ctx, host, a.name, a.guid, a.description, d);
  }
  ctx.fact({ kind: 'member-link', host: host.name, t: ctx.t, member: a.name, team: team?.name ?? null, up: false });
}

/** An adapter carries traffic again: LBFO members go through the connect timer first. */
function regainedAdapter(ctx: Ctx, host: HostState, a: AdapterState): void {
  const team = teamOfMember(host, a.name);
  if (team?.kind === 'lbfo') {
    if (team.nicState === 'absent') team.nicState = 'disabled';
    const wait = ctx.rng.int(3_000, 25_000);
    team.memberState[a.name] = { ...(team.memberState[a.name] ?? { lacpIssue: false }), connectUntil: ctx.t + wait };
    ctx.event(host, lbfoEvent(16948, a.description, a.guid), ctx.rng.int(50, 300));
    ctx.schedule(wait, { action: '_connected', host: host.name, team: team.name, member: a.name });
  } else {
    ctx.fact({ kind: 'member-link', host: host.name, t: ctx.t, member: a.name, team: team?.name ?? null, up: true });
  }
}

function linkDown(ctx: Ctx, host: HostState, a: AdapterState): void {
  if (!a.link) return;
  a.link = false;
  if (!a.enabled) return;
  const def = NIC_MODELS[a.vendor].linkDown;
  if (def) ctx.event(host, driverEvent(def, a.description, a.ifIndex));
  lostAdapter(ctx, host, a);
  flushCable(ctx, host, a);
}

function linkUp(ctx: Ctx, host: HostState, a: AdapterState, speedBps?: number): void {
  if (a.link) return;
  a.link = true;
  if (speedBps) a.speedBps = speedBps;
  if (!a.enabled) return;
  const model = NIC_MODELS[a.vendor];
  const d = ctx.rng.int(1_000, 4_000);
  if (a.vendor === 'intel' && a.speedBps < model.speedBps) ctx.event(host, driverEvent(INTEL_SMARTSPEED, a.description, a.ifIndex), d - 200);
  if (model.linkUp) ctx.event(host, driverEvent(model.linkUp(a.speedBps), a.description, a.ifIndex), d);
  regainedAdapter(ctx, host, a);
}

export function disable(ctx: Ctx, host: HostState, name: string): void {
  const a = findAdapter(host, name);
  if (a) {
    if (!a.enabled) return;
    a.enabled = false;
    if (a.link) {
      lostAdapter(ctx, host, a);
      flushCable(ctx, host, a);
    }
    const team = teamOfMember(host, a.name);
    if (team?.kind === 'lbfo' && team.members.every((m) => !host.adapters.find((x) => x.name === m)?.enabled)) team.nicState = 'absent';
    return;
  }
  const team = host.teams.find((t) => t.name.toLowerCase() === name.toLowerCase());
  if (team?.kind === 'lbfo') {
    if (team.nicState !== 'enabled') return;
    team.nicState = 'disabled';
    mediaDisconnected(ctx, host, team.name, team.nicGuid, team.nicDescription, ctx.rng.int(100, 600));
    return;
  }
  if (team?.kind === 'vendor') {
    if (!team.enabled) return;
    team.enabled = false;
    mediaDisconnected(ctx, host, team.name, team.guid, team.description, ctx.rng.int(100, 600));
    return;
  }
  const vnic = host.hostVnics.find((v) => hostVnicAdapterName(v.name).toLowerCase() === name.toLowerCase());
  if (!vnic) throw new Error(`Host '${host.name}' has no adapter '${name}'`);
  vnic.enabled = false;
}

export function enable(ctx: Ctx, host: HostState, name: string): void {
  const a = findAdapter(host, name);
  if (a) {
    if (a.enabled) return;
    a.enabled = true;
    if (a.link) regainedAdapter(ctx, host, a);
    return;
  }
  const team = host.teams.find((t) => t.name.toLowerCase() === name.toLowerCase());
  if (team?.kind === 'lbfo') {
    if (team.nicState === 'disabled') team.nicState = 'enabled';
    return;
  }
  if (team?.kind === 'vendor') {
    if (team.enabled) return;
    team.enabled = true;
    // Team initialisation: the driver learns the MAC of every port behind it afresh.
    team.learned = {};
    for (const sw of switchesOnTeam(host, team.name)) {
      for (const v of host.hostVnics) if (v.switch === sw) team.learned[v.portId] = v.mac;
      for (const vm of ctx.fleet.vms) if (vm.host === host.name) for (const n of vm.nics) if (n.switch === sw && n.mac) team.learned[n.portId] = n.mac;
    }
    ctx.fact({ kind: 'team-reset', host: host.name, t: ctx.t, team: team.name });
    return;
  }
  const vnic = host.hostVnics.find((v) => hostVnicAdapterName(v.name).toLowerCase() === name.toLowerCase());
  if (!vnic) throw new Error(`Host '${host.name}' has no adapter '${name}'`);
  vnic.enabled = true;
}

export const adapterHandlers = {
  'link-down': (ctx: Ctx, a: A<'link-down'>) => {
    const host = findHost(ctx.fleet, a.host);
    linkDown(ctx, host, adapter(host, a.adapter));
  },
  'link-up': (ctx: Ctx, a: A<'link-up'>) => {
    const host = findHost(ctx.fleet, a.host);
    linkUp(ctx, host, adapter(host, a.adapter), a.speedBps);
  },
  'link-speed': (ctx: Ctx, a: A<'link-speed'>) => {
    // A renegotiation is a short link drop followed by a link at the new speed.
    const host = findHost(ctx.fleet, a.host);
    linkDown(ctx, host, adapter(host, a.adapter));
    ctx.schedule(ctx.rng.int(2_000, 5_000), { action: 'link-up', host: a.host, adapter: a.adapter, speedBps: a.speedBps });
  },
  'adapter-disable': (ctx: Ctx, a: A<'adapter-disable'>) => disable(ctx, findHost(ctx.fleet, a.host), a.adapter),
  'adapter-enable': (ctx: Ctx, a: A<'adapter-enable'>) => enable(ctx, findHost(ctx.fleet, a.host), a.adapter),
  'disable-all-adapters': (ctx: Ctx, a: A<'disable-all-adapters'>) => {
    const host = findHost(ctx.fleet, a.host);
    for (const x of host.adapters) disable(ctx, host, x.name);
    for (const t of host.teams) disable(ctx, host, t.name);
    for (const v of host.hostVnics) disable(ctx, host, hostVnicAdapterName(v.name));
  },
  'enable-all-adapters': (ctx: Ctx, a: A<'enable-all-adapters'>) => {
    // Enable-NetAdapter * enumerates the adapters that exist NOW: a team interface removed by the
    // earlier Disable-NetAdapter * is recreated by its members afterwards and stays disabled.
    const host = findHost(ctx.fleet, a.host);
    const names = [
      ...host.adapters.map((x) => x.name),
      ...host.teams.filter((t) => t.kind === 'vendor' || t.nicState !== 'absent').map((t) => t.name),
      ...host.hostVnics.map((v) => hostVnicAdapterName(v.name)),
    ];
    for (const n of names) enable(ctx, host, n);
  },
  'set-rdma': (ctx: Ctx, a: A<'set-rdma'>) => {
    adapter(findHost(ctx.fleet, a.host), a.adapter).rdma = a.enabled;
  },
  _connected: (ctx: Ctx, a: { host: string; team: string; member: string }) => {
    const host = findHost(ctx.fleet, a.host);
    const team = host.teams.find((t) => t.name === a.team);
    // Members are physical adapters, or host vNICs in the unsupported team of vNICs.
    const m = findAdapter(host, a.member) ?? host.hostVnics.map((v) => ({ ...v, name: hostVnicAdapterName(v.name), link: true, guid: v.portId })).find((v) => v.name === a.member);
    if (team?.kind !== 'lbfo' || !m || !m.link || !m.enabled) return;
    const st = team.memberState[a.member];
    if (!st || st.connectUntil === null || st.connectUntil > ctx.t) return;
    st.connectUntil = null;
    ctx.event(host, lbfoEvent(16950, m.description, m.guid), ctx.rng.int(10, 120));
    kb16945(ctx, host, team, ctx.rng.int(200, 700));
    ctx.fact({ kind: 'member-link', host: host.name, t: ctx.t, member: m.name, team: team.name, up: true });
  },
};
