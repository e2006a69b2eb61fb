/**
 * Upstream MAC moves judged against the expected state: which moves the simulator explains (one
 * move per failover, team reset, VM start or live migration of the MAC's owner — docs/domain.md F7,
 * as `explainsMacMove` in simulator/predict/facts.ts, with a tighter ±60 s window), and when a
 * move may be judged at all.
 *
 * Moves come from two views of the same happening: MAC-table diffs and switch syslog lines. They
 * are kept apart (`points` per source) so a caller can count each source and take the larger count
 * rather than add them. A flap line ("is flapping between port A and port B", Cisco
 * MACFLAP_NOTIF and its kin) is logged only once the switch has seen the MAC go back and forth, so
 * the first flap line of a run stands for two moves: it gets an implied companion point.
 *
 * A move is judged once the owners' hosts have reported something at least the explanation window
 * later (their lifecycle events travel in collector bundles, switch logs arrive at once), or the
 * engine clock is `SETTLE_FALLBACK_MS` past it; a MAC no inventory knows has nothing to wait for.
 */
import type { MacMove, SwitchView } from '../engine/view.ts';
import type { Mac } from '../model/mac.ts';
import type { PatternContext } from './types.ts';
import { fleetMigrations, hostFacts, matchOneToOne, sameVm, type Fact } from './mac-facts.ts';
import type { MacOwner } from './mac-owners.ts';

/** Switches relearn a MAC within seconds of a failover or migration; a minute covers clock skew. */
export const MOVE_EXPLAIN_MS = 60_000;
export const SETTLE_FALLBACK_MS = 3 * 60_000;
/** How often unsettled moves are looked at again while their owners have not reported. */
export const RECHECK_MS = 30_000;
/** A flap line with no other flap line of the same MAC this long before starts a run. */
export const FLAP_RUN_MS = 5 * 60_000;

const FLAP_MNEMONIC = /MACFLAP|HOSTFLAPPING|HOST_FLAPPING|FWM-\d-MAC_MOVE_NOTIFICATION|MAC_MOVE-SP-\d-NOTIF|^flap on /i;

/**
 * True for a syslog line of the "flapping between" family. The view's MacMove keeps the line's
 * mnemonic only in its evidence label (`<mnemonic|logKind> on <device>`), so that is read here.
 */
export function isFlapLine(m: MacMove): boolean {
  return m.source === 'syslog' && FLAP_MNEMONIC.test(m.ref.label);
}

export interface MovePoint {
  time: number;
  move: MacMove;
  /** The earlier move a first flap line stands for. */
  implied: boolean;
}

/** Table and syslog points of one MAC's moves (sorted, time-ordered input). */
export function movePoints(moves: readonly MacMove[]): { table: MovePoint[]; syslog: MovePoint[] } {
  const table: MovePoint[] = [];
  const syslog: MovePoint[] = [];
  let lastFlap = -Infinity;
  for (const m of moves) {
    if (m.source === 'table') {
      table.push({ time: m.time, move: m, implied: false });
      continue;
    }
    if (isFlapLine(m)) {
      if (m.time - lastFlap > FLAP_RUN_MS) syslog.push({ time: m.time, move: m, implied: true });
      lastFlap = m.time;
    }
    syslog.push({ time: m.time, move: m, implied: false });
  }
  return { table, syslog };
}

const lc = (s: string | null | undefined) => (s ?? '').toLowerCase();

/** Teams (lower-case) that carry an owner's traffic: the team under its vSwitch, or the team it belongs to. */
function ownerTeams(ctx: PatternContext, o: MacOwner): string[] {
  const inv = ctx.fleet.hosts.get(o.hostKey)?.inventory;
  if (!inv) return [];
  const teams = ctx.fleet.predictor.classifyTeams(inv);
  if (o.kind === 'vm' || o.kind === 'host-vnic') return teams.filter((t) => t.vSwitches.some((s) => lc(s) === lc(o.switchName))).map((t) => lc(t.team));
  if (o.kind === 'team-nic') return teams.filter((t) => lc(t.teamNic?.name) === lc(o.name)).map((t) => lc(t.team));
  return teams.filter((t) => t.members.some((m) => lc(m) === lc(o.name))).map((t) => lc(t.team));
}

/** Facts that explain one move of a MAC held by `owners`; `cache` keeps host facts across MACs of one evaluation. */
export function moveFacts(ctx: PatternContext, owners: readonly MacOwner[], migrations: Fact[] = fleetMigrations(ctx), cache = new Map<string, Fact[]>()): Fact[] {
  const out: Fact[] = [];
  const hosts = [...new Set(owners.map((o) => o.hostKey))];
  for (const key of hosts) {
    const h = ctx.fleet.hosts.get(key);
    if (!h) continue;
    const here = owners.filter((o) => o.hostKey === key);
    const teams = new Set(here.flatMap((o) => ownerTeams(ctx, o)));
    let facts = cache.get(key);
    if (!facts) cache.set(key, (facts = hostFacts(ctx, h, migrations)));
    for (const f of facts) {
      const vmMatch = here.some((o) => o.kind === 'vm' && sameVm(f, { vm: o.vm, vmId: o.vmId }));
      if ((f.kind === 'migration' || f.kind === 'vm-power') && vmMatch) out.push(f);
      else if ((f.kind === 'member-link' || f.kind === 'team-reset') && (f.teams === null || f.teams.some((t) => teams.has(t)))) out.push(f);
    }
  }
  return out;
}

export interface Judged {
  point: MovePoint;
  explainedBy: Fact | null;
  settled: boolean;
}

/**
 * Judges points of one MAC: one-to-one explanation by `facts` (within MOVE_EXPLAIN_MS) and whether
 * each point may be judged yet. `nextCheck` is when an unsettled point should be looked at again.
 */
export function judge(ctx: PatternContext, points: MovePoint[], facts: Fact[], owners: readonly MacOwner[]): { judged: Judged[]; nextCheck?: number } {
  const explained = matchOneToOne(points.map((p) => p.time), facts, MOVE_EXPLAIN_MS);
  const ownerHosts = [...new Set(owners.map((o) => o.hostKey))].map((k) => ctx.fleet.hosts.get(k)).filter((h) => !!h);
  let nextCheck: number | undefined;
  const judged = points.map((point, i) => {
    const settled = ownerHosts.every((h) => h.lastSeen >= point.time + MOVE_EXPLAIN_MS) || ctx.clock >= point.time + SETTLE_FALLBACK_MS;
    if (!settled) {
      // Host data does not wake switch scopes: look again soon once the owners could have reported.
      const at = ctx.clock < point.time + MOVE_EXPLAIN_MS ? point.time + MOVE_EXPLAIN_MS : Math.min(point.time + SETTLE_FALLBACK_MS, ctx.clock + RECHECK_MS);
      if (nextCheck === undefined || at < nextCheck) nextCheck = at;
    }
    return { point, explainedBy: explained[i], settled };
  });
  return { judged, nextCheck };
}

/** Moves of each `vlan|mac` on a switch (time-ordered), restricted to those at or after `from`. */
export function movesByMac(s: SwitchView, from: number): Map<string, { vlan: number | null; mac: Mac; moves: MacMove[] }> {
  const out = new Map<string, { vlan: number | null; mac: Mac; moves: MacMove[] }>();
  for (const m of s.moves) {
    if (m.time < from) continue;
    const k = `${m.vlan ?? ''}|${m.mac}`;
    const g = out.get(k) ?? { vlan: m.vlan, mac: m.mac, moves: [] };
    g.moves.push(m);
    out.set(k, g);
  }
  return out;
}
