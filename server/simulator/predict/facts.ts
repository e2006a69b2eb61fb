/**
 * Lifecycle facts: the things that happened on a host which make otherwise suspicious signals
 * expected (KB 2920261: one 16945 when a vSwitch is bound to a team, one per VM start/stop/reset on
 * it, one per member link change). The correlation engine derives facts from observations with
 * `factFromEvent` and `factsFromInventoryDiff`, then asks `explains16945` / `explainsMacMove`.
 *
 * Facts found by comparing two inventory snapshots carry `since` (the earlier snapshot's time): the
 * change happened somewhere in [since, t], and explanations accept that whole interval.
 */
import type { EventObservation } from '../../model/observation.ts';
import type { Inventory } from '../../model/inventory.ts';
import type { Mac } from '../../model/mac.ts';
import { classifyTeams } from './teams.ts';

export type LifecycleFact =
  | { kind: 'vswitch-created'; host: string; t: number; since?: number; vSwitch: string; team: string | null }
  | { kind: 'vm-power'; host: string; t: number; vm: string; change: 'start' | 'stop' | 'reset' | 'guest-reset'; teams: string[] | null }
  | { kind: 'member-link'; host: string; t: number; member: string; team: string | null; up: boolean }
  | { kind: 'team-reset'; host: string; t: number; since?: number; team: string }
  | { kind: 'migration'; t: number; since?: number; vm: string; from: string | null; to: string | null; blackoutSec: number | null }
  | { kind: 'mac-change'; host: string; t: number; since?: number; vm: string; nic: string; from: Mac | null; to: Mac | null };

export const MSLBFO_PROVIDERS = ['microsoft-windows-mslbfosysevtprovider', 'mslbfosysevtprovider', 'mslbfosys', 'mslbfoprovider'];

export function isMsLbfoSys(provider: string): boolean {
  return MSLBFO_PROVIDERS.includes(provider.toLowerCase());
}

const eq = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && a.toLowerCase() === b.toLowerCase();

/** NIC driver link events by (provider, id): true = link up, false = link down (docs/domain.md §1.4). */
export function driverLinkState(provider: string, eventId: number): boolean | null {
  const p = provider.toLowerCase();
  if (/^(e1[a-z0-9]*express|e2f[a-z]*express|e1i6\dx64)$/.test(p)) {
    if (eventId === 27) return false;
    if ([31, 32, 33, 34, 35, 36, 57, 62].includes(eventId)) return true;
    return null;
  }
  if (p === 'b57nd60a') return eventId === 4 ? false : eventId === 5 ? true : null;
  if (p === 'evbda' || p === 'qevbda') return eventId === 2 ? false : eventId === 3 ? true : null;
  return null;
}

/** `%2` of an MsLbfoSys or driver event: the second positional value, else parsed from the message. */
export function adapterDescriptionOf(ev: EventObservation): string | null {
  if (ev.params.length >= 2 && ev.params[1]) return ev.params[1].trim();
  const m = ev.message ?? '';
  const lbfo = /(?:Team Nic|Member Nic) (.+?)(?: Disconnected| Connected|\.)?\s*$/.exec(m);
  if (lbfo) return lbfo[1];
  const first = m.split(/\r?\n|:/)[0]?.trim();
  return first || null;
}

function teamOfMember(inv: Inventory | undefined, member: string): string | null {
  return inv?.lbfoTeamMembers?.find((m) => eq(m.name, member))?.team ?? null;
}

function adapterByDescription(inv: Inventory | undefined, description: string): string | null {
  return inv?.netAdapters?.find((a) => eq(a.description, description))?.name ?? null;
}

/** Teams under the vSwitches a VM's vNICs are connected to, per the inventory (null when unknown). */
export function teamsOfVm(inv: Inventory | undefined, vm: string): string[] | null {
  if (!inv?.vmNetworkAdapters) return null;
  const nics = inv.vmNetworkAdapters.filter((n) => eq(n.vmName, vm));
  if (nics.length === 0) return null;
  const teams = classifyTeams(inv);
  const out = new Set<string>();
  for (const n of nics) for (const t of teams) if (t.vSwitches.some((s) => eq(s, n.switchName))) out.add(t.team);
  return [...out];
}

const WORKER_POWER: Record<number, 'start' | 'stop' | 'reset' | 'guest-reset'> = {
  18500: 'start',
  18502: 'stop',
  18504: 'stop',
  18508: 'stop',
  18512: 'reset',
  18514: 'guest-reset',
};

/** The fact an event establishes, read against the host's latest inventory; null for other events. */
export function factFromEvent(ev: EventObservation, inv?: Inventory): LifecycleFact | null {
  const provider = ev.provider.toLowerCase();
  if (provider === 'microsoft-windows-hyper-v-worker' && WORKER_POWER[ev.eventId]) {
    const vm = ev.data.VmName ?? ev.params[0] ?? '';
    return { kind: 'vm-power', host: ev.host, t: ev.time, vm, change: WORKER_POWER[ev.eventId], teams: teamsOfVm(inv, vm) };
  }
  if (provider === 'microsoft-windows-hyper-v-vmms' && (ev.eventId === 20415 || ev.eventId === 20417)) {
    const blackout = Number(ev.data.Parameter2 ?? /blackout time of ([\d.]+)/.exec(ev.message ?? '')?.[1]);
    return { kind: 'migration', t: ev.time, vm: ev.data.Parameter0 ?? ev.params[0] ?? '', from: ev.host, to: null, blackoutSec: Number.isFinite(blackout) ? blackout : null };
  }
  let up: boolean | null = null;
  if (isMsLbfoSys(provider) && (ev.eventId === 16949 || ev.eventId === 16950)) up = ev.eventId === 16950;
  else up = driverLinkState(provider, ev.eventId);
  if (up === null) return null;
  const desc = adapterDescriptionOf(ev);
  if (!desc) return null;
  const member = adapterByDescription(inv, desc) ?? desc;
  return { kind: 'member-link', host: ev.host, t: ev.time, member, team: teamOfMember(inv, member), up };
}

/** Facts visible only as differences between two inventory snapshots of one host. */
export function factsFromInventoryDiff(host: string, prev: { t: number; inv: Inventory } | null, next: { t: number; inv: Inventory }): LifecycleFact[] {
  if (!prev) return [];
  const out: LifecycleFact[] = [];
  const since = prev.t;
  const t = next.t;
  const nextTeams = classifyTeams(next.inv);
  for (const s of next.inv.vmSwitches ?? []) {
    if (prev.inv.vmSwitches?.some((p) => eq(p.name, s.name))) continue;
    const team = nextTeams.find((x) => x.kind !== 'set' && x.vSwitches.some((v) => eq(v, s.name)));
    out.push({ kind: 'vswitch-created', host, t, since, vSwitch: s.name, team: team?.team ?? null });
  }
  for (const team of nextTeams) {
    if (!team.teamNic) continue;
    const before = prev.inv.netAdapters?.find((a) => eq(a.name, team.teamNic!.name));
    if (before && (before.status === 'Disabled' || before.status === 'Not Present') && team.teamNic.status !== 'Disabled') {
      out.push({ kind: 'team-reset', host, t, since, team: team.team });
    }
  }
  const prevVms = new Set((prev.inv.vms ?? []).map((v) => v.name.toLowerCase()));
  const nextVms = new Set((next.inv.vms ?? []).map((v) => v.name.toLowerCase()));
  for (const v of next.inv.vms ?? []) if (!prevVms.has(v.name.toLowerCase())) out.push({ kind: 'migration', t, since, vm: v.name, from: null, to: host, blackoutSec: null });
  for (const v of prev.inv.vms ?? []) if (!nextVms.has(v.name.toLowerCase())) out.push({ kind: 'migration', t, since, vm: v.name, from: host, to: null, blackoutSec: null });
  for (const n of next.inv.vmNetworkAdapters ?? []) {
    if (n.isManagementOs || !n.vmName) continue;
    const p = prev.inv.vmNetworkAdapters?.find((x) => eq(x.vmName, n.vmName) && eq(x.name, n.name));
    if (p && p.mac !== n.mac) out.push({ kind: 'mac-change', host, t, since, vm: n.vmName, nic: n.name, from: p.mac, to: n.mac });
  }
  return out;
}

function within(f: LifecycleFact, t: number, windowMs: number): boolean {
  const from = ('since' in f && f.since !== undefined ? f.since : f.t) - windowMs;
  return t >= from && t <= f.t + windowMs;
}

/**
 * The fact that explains a 16945 on `team` of `host` at `t`, or null: within ±window, a vSwitch was
 * bound to the team, a VM on a vSwitch of the team started/stopped/reset (a VM whose switches are
 * unknown counts for every team of its host), or a member of the team changed link state.
 */
export function explains16945(facts: readonly LifecycleFact[], host: string, team: string, t: number, windowMs = 60_000): LifecycleFact | null {
  let best: LifecycleFact | null = null;
  for (const f of facts) {
    if (!('host' in f) || !eq(f.host, host) || !within(f, t, windowMs)) continue;
    const ok =
      (f.kind === 'vswitch-created' && (f.team === null || eq(f.team, team))) ||
      (f.kind === 'vm-power' && f.change !== 'guest-reset' && (f.teams === null || f.teams.some((x) => eq(x, team)))) ||
      (f.kind === 'member-link' && (f.team === null || eq(f.team, team)));
    if (ok && (!best || Math.abs(f.t - t) < Math.abs(best.t - t))) best = f;
  }
  return best;
}

/**
 * The fact that explains ONE upstream move of a MAC at `t`: a live migration of its VM, a member
 * link change or reset of its team, or its VM starting (a restarted VM may land on another member).
 */
export function explainsMacMove(
  facts: readonly LifecycleFact[],
  owner: { host: string | null; vm: string | null; team: string | null },
  t: number,
  windowMs = 120_000,
): LifecycleFact | null {
  for (const f of facts) {
    if (!within(f, t, windowMs)) continue;
    if (f.kind === 'migration' && eq(f.vm, owner.vm)) return f;
    if (f.kind === 'vm-power' && eq(f.vm, owner.vm) && f.change === 'start') return f;
    if ((f.kind === 'member-link' || f.kind === 'team-reset') && eq(f.host, owner.host) && (f.team === null || eq(f.team, owner.team))) return f;
  }
  return null;
}
