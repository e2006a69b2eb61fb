/**
 * Lifecycle facts read from the engine's view: the things that happened on a host which make a
 * MAC-related signal expected (KB 2920261 for 16945; one upstream MAC move per failover or live
 * migration, docs/domain.md F1/F7). This mirrors the simulator's `predict/facts.ts`, but reads the
 * classified signals and the inventory history the engine keeps instead of raw events, and keeps
 * the evidence of each fact.
 *
 * A fact covers an event-time interval [from, to]: a single instant for an event, the span between
 * two inventory snapshots for a change only the inventories show. Inventory-derived facts are
 * dropped when an event already reports the same change (a VM start is one fact, not two), so a
 * fact can be matched one-to-one against the signals it explains (`matchOneToOne`).
 */
import type { EvidenceRef } from '../contract.ts';
import type { Inventory, VmNetworkAdapter } from '../model/inventory.ts';
import type { HostView, SignalRecord } from '../engine/view.ts';
import type { PatternContext } from './types.ts';
import { eventRef, teamOfMember } from './kit.ts';

export type FactKind = 'vswitch-bound' | 'port-change' | 'vm-power' | 'migration' | 'member-link' | 'team-reset';

export interface Fact {
  kind: FactKind;
  /** HostView.key of the host it concerns. */
  host: string;
  from: number;
  to: number;
  /** Teams concerned (lower-case names); null when unknown, which counts for every team. */
  teams: string[] | null;
  vm: string | null;
  vmId: string | null;
  member: string | null;
  label: string;
  ref: EvidenceRef;
}

/** Slack used to decide that an inventory change and an event report the same happening. */
const SAME_CHANGE_MS = 2 * 60_000;

const lc = (s: string | null | undefined) => (s ?? '').toLowerCase();

export function sameVm(a: { vm: string | null; vmId: string | null }, b: { vm: string | null; vmId: string | null }): boolean {
  if (a.vmId && b.vmId) return a.vmId.toLowerCase() === b.vmId.toLowerCase();
  return !!a.vm && !!b.vm && lc(a.vm) === lc(b.vm);
}

function teamNamesOf(ctx: PatternContext, inv: Inventory, switchNames: (string | null)[]): string[] {
  const names = new Set(switchNames.map(lc));
  return ctx.fleet.predictor
    .classifyTeams(inv)
    .filter((t) => t.vSwitches.some((s) => names.has(lc(s))))
    .map((t) => lc(t.team));
}

const vmNics = (inv: Inventory, vm: string | null, vmId: string | null): VmNetworkAdapter[] =>
  (inv.vmNetworkAdapters ?? []).filter((n) => !n.isManagementOs && sameVm({ vm: n.vmName, vmId: n.vmId }, { vm, vmId }));

/** Teams under the VM's vSwitches per the newest inventory that lists the VM; null when none does. */
export function vmTeams(ctx: PatternContext, h: HostView, vm: string | null, vmId: string | null): string[] | null {
  const invs = h.inventoryHistory.map((x) => x.value);
  if (h.inventory && invs[invs.length - 1] !== h.inventory) invs.push(h.inventory);
  for (let i = invs.length - 1; i >= 0; i--) {
    const nics = vmNics(invs[i], vm, vmId);
    if (nics.length) return teamNamesOf(ctx, invs[i], nics.map((n) => n.switchName));
  }
  return null;
}

function signalFact(ctx: PatternContext, h: HostView, s: SignalRecord): Fact | null {
  const base = { host: h.key, from: s.time, to: s.time, vm: null, vmId: null, member: null, ref: eventRef(s) };
  const sig = s.signal;
  switch (sig.kind) {
    case 'vm-started':
    case 'vm-stopped':
    case 'vm-reset':
      return { ...base, kind: 'vm-power', vm: sig.vm, vmId: sig.vmId, teams: vmTeams(ctx, h, sig.vm, sig.vmId), label: `${sig.kind.replace('vm-', 'VM ')} ${sig.vm ?? ''}`.trim() };
    case 'lm-completed':
      return { ...base, kind: 'migration', vm: sig.vm, vmId: sig.vmId, teams: vmTeams(ctx, h, sig.vm, sig.vmId), label: `live migration of ${sig.vm ?? 'a VM'} away from ${h.name}` };
    case 'lbfo-member-disconnected':
    case 'lbfo-member-connected':
    case 'lbfo-connect-timer':
    case 'nic-link-down':
    case 'nic-link-up': {
      const adapter = 'member' in sig ? sig.member : sig.adapter;
      const teams = h.inventory ? ctx.fleet.predictor.classifyTeams(h.inventory) : [];
      const team = teamOfMember(teams, h, adapter);
      const known = !!adapter && !!h.inventory?.netAdapters?.some((a) => lc(a.name) === lc(adapter) || lc(a.description) === lc(adapter));
      return { ...base, kind: 'member-link', member: adapter, teams: team ? [lc(team.team)] : known ? [] : null, label: `link change on ${adapter ?? 'an adapter'}` };
    }
    default:
      return null;
  }
}

/** Facts only visible as the difference between two consecutive inventories of one host. */
function diffFacts(ctx: PatternContext, h: HostView, prev: Inventory, next: Inventory, from: number, to: number, ref: EvidenceRef): Fact[] {
  const out: Fact[] = [];
  const base = { host: h.key, from, to, vm: null, vmId: null, member: null, ref };
  const prevTeams = ctx.fleet.predictor.classifyTeams(prev);
  const nextTeams = ctx.fleet.predictor.classifyTeams(next);
  for (const t of nextTeams) {
    const team = lc(t.team);
    const before = prevTeams.find((p) => lc(p.team) === team);
    for (const s of t.vSwitches) {
      if (!before?.vSwitches.some((x) => lc(x) === lc(s))) out.push({ ...base, kind: 'vswitch-bound', teams: [team], label: `vSwitch ${s} bound to ${t.team}` });
    }
    if (before?.teamNic && /^(disabled|not present)$/i.test(before.teamNic.status) && t.teamNic && !/^(disabled|not present)$/i.test(t.teamNic.status)) {
      out.push({ ...base, kind: 'team-reset', teams: [team], label: `team interface of ${t.team} re-enabled` });
    }
    for (const m of t.members) {
      const now = next.lbfoTeamMembers?.find((x) => lc(x.name) === lc(m))?.operationalStatus ?? next.netAdapters?.find((a) => lc(a.name) === lc(m))?.status;
      const was = prev.lbfoTeamMembers?.find((x) => lc(x.name) === lc(m))?.operationalStatus ?? prev.netAdapters?.find((a) => lc(a.name) === lc(m))?.status;
      if (was !== undefined && now !== undefined && was !== now) out.push({ ...base, kind: 'member-link', member: m, teams: [team], label: `member ${m} of ${t.team}: ${was} → ${now}` });
    }
    // Host vNICs added to, removed from or re-addressed on the team's vSwitches change its port set.
    const hostPorts = (inv: Inventory) =>
      new Map((inv.vmNetworkAdapters ?? []).filter((n) => n.isManagementOs && t.vSwitches.some((s) => lc(s) === lc(n.switchName))).map((n) => [lc(n.name), n.mac]));
    const a = hostPorts(prev);
    const b = hostPorts(next);
    for (const [name, mac] of b) if (!a.has(name) || a.get(name) !== mac) out.push({ ...base, kind: 'port-change', teams: [team], label: `host vNIC ${name} added or re-addressed on ${t.team}` });
    for (const name of a.keys()) if (!b.has(name)) out.push({ ...base, kind: 'port-change', teams: [team], label: `host vNIC ${name} removed from ${t.team}` });
  }
  const key = (v: { name: string; id: string | null }) => lc(v.id ?? v.name);
  const prevVms = new Map((prev.vms ?? []).map((v) => [key(v), v]));
  const nextVms = new Map((next.vms ?? []).map((v) => [key(v), v]));
  const vmFact = (kind: 'vm-power' | 'migration', v: { name: string; id: string | null }, inv: Inventory, label: string): Fact => ({
    ...base,
    kind,
    vm: v.name,
    vmId: v.id,
    teams: (() => {
      const nics = vmNics(inv, v.name, v.id);
      return nics.length ? teamNamesOf(ctx, inv, nics.map((n) => n.switchName)) : null;
    })(),
    label,
  });
  if (prev.vms && next.vms) {
    for (const [k, v] of nextVms) {
      const p = prevVms.get(k);
      if (!p) out.push(vmFact('migration', v, next, `VM ${v.name} appeared on ${h.name}`));
      else if ((p.state === 'Running') !== (v.state === 'Running')) out.push(vmFact('vm-power', v, next, `VM ${v.name}: ${p.state} → ${v.state}`));
    }
    for (const [k, v] of prevVms) if (!nextVms.has(k)) out.push(vmFact('migration', v, prev, `VM ${v.name} left ${h.name}`));
  }
  return out;
}

/** True when inventory-derived `d` and event-derived `e` report the same happening. */
function reportsSame(d: Fact, e: Fact): boolean {
  if (d.kind !== e.kind || e.to < d.from - SAME_CHANGE_MS || e.from > d.to + SAME_CHANGE_MS) return false;
  if (d.kind === 'vm-power' || d.kind === 'migration') return sameVm(d, e);
  // Events name a member by description, inventories by name: the team is the common ground.
  if (d.kind === 'member-link') return d.teams === null || e.teams === null || d.teams.some((t) => e.teams!.includes(t));
  return false;
}

/** Live migrations completed anywhere in the fleet (VMMS 20415/20417), as facts on the host that logged them. */
export function fleetMigrations(ctx: PatternContext): Fact[] {
  const out: Fact[] = [];
  for (const h of ctx.fleet.hosts.values()) {
    for (const s of h.signals) {
      if (s.signal.kind !== 'lm-completed') continue;
      const f = signalFact(ctx, h, s);
      if (f) out.push(f);
    }
  }
  return out;
}

/**
 * Every fact about host `h` in its kept window: its own lifecycle events, the changes its
 * inventory history shows, and live migrations logged elsewhere of VMs it now runs (arrivals).
 */
export function hostFacts(ctx: PatternContext, h: HostView, migrations: Fact[] = fleetMigrations(ctx)): Fact[] {
  const events: Fact[] = [];
  for (const s of h.signals) {
    const f = signalFact(ctx, h, s);
    if (f && f.kind !== 'migration') events.push(f);
  }
  for (const m of migrations) {
    if (m.host === h.key) {
      events.push(m);
      continue;
    }
    const here = (h.inventory?.vms ?? []).some((v) => sameVm({ vm: v.name, vmId: v.id }, m));
    if (here) events.push({ ...m, host: h.key, teams: vmTeams(ctx, h, m.vm, m.vmId), label: `live migration of ${m.vm ?? 'a VM'} to ${h.name}` });
  }
  const diffs: Fact[] = [];
  const hist = h.inventoryHistory;
  for (let i = 1; i < hist.length; i++) diffs.push(...diffFacts(ctx, h, hist[i - 1].value, hist[i].value, hist[i - 1].time, hist[i].time, hist[i].ref));
  const kept = diffs.filter((d) => !events.some((e) => reportsSame(d, e)));
  return [...events, ...kept].sort((a, b) => a.to - b.to || a.from - b.from || a.ref.id - b.ref.id);
}

/** True when the fact concerns `team` (lower-case), or its teams are unknown. */
export function concernsTeam(f: Fact, team: string): boolean {
  return f.teams === null || f.teams.includes(team);
}

/**
 * Matches signals at `times` to the facts that explain them, each fact explaining at most one
 * signal: a fact covers t when from − window ≤ t ≤ to + window. Points are taken in time order and
 * each gets the covering unused fact whose coverage ends first — the classic greedy that explains
 * as many points as possible — so the result depends only on the inputs, not on arrival order.
 * Returns, per point (in the given order), the explaining fact or null.
 */
export function matchOneToOne(times: number[], facts: Fact[], windowMs: number, applies: (f: Fact) => boolean = () => true): (Fact | null)[] {
  const usable = facts.filter(applies).sort((a, b) => a.to - b.to || a.from - b.from || a.ref.id - b.ref.id);
  const used = new Set<number>();
  const order = times.map((t, i) => ({ t, i })).sort((a, b) => a.t - b.t || a.i - b.i);
  const out: (Fact | null)[] = times.map(() => null);
  for (const { t, i } of order) {
    for (let k = 0; k < usable.length; k++) {
      if (used.has(k)) continue;
      const f = usable[k];
      if (t < f.from - windowMs || t > f.to + windowMs) continue;
      used.add(k);
      out[i] = f;
      break;
    }
  }
  return out;
}
