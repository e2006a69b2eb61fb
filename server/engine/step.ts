/**
 * engine.step(state, batch): the pure core. No clock reads, no I/O, no randomness: time is the
 * newest observation time accepted (or the tick's time), and the result depends only on the
 * inputs. Stages, in order:
 *
 *   advance clock ─► apply observations (dirty scopes) ─► evaluate woken patterns (+ due rechecks)
 *     ─► findings → alert lifecycle ─► suppression (inhibition, silences) ─► incidents ─► prune
 */
import type { AcceptedObservation } from '../pipeline.ts';
import type { Pattern, ScopeKind } from '../patterns/types.ts';
import type { AlertState, EngineState, IncidentState, Transition } from './state.ts';
import { applyBatch, emptyDirty, pruneWindows, type Dirty } from './apply.ts';
import { applyFindings, newChanges } from './lifecycle.ts';
import { applySuppression } from './suppress.ts';
import { updateIncidents } from './incidents.ts';

export interface StepResult {
  alerts: AlertState[];
  transitions: Transition[];
  incidents: IncidentState[];
  /** How many (pattern, scope) evaluations ran: a tick that evaluated anything is recorded for replay. */
  evaluations: number;
}

const DEFAULT_FLEET_EVERY_MS = 15_000;

function scopeId(kind: ScopeKind, key: string): string {
  return kind === 'fleet' ? 'fleet' : `${kind}:${key}`;
}

function wokenScopes(p: Pattern, dirty: Dirty, fleetDue: { kinds: Set<string>; signals: Set<string> } | null): string[] {
  const wakes = (s: Set<string> | undefined, signals: Set<string> | undefined) =>
    s !== undefined &&
    p.wakeOn.some((w) => s.has(w) && (w !== 'events' || !p.wakeOnSignals || p.wakeOnSignals.some((k) => signals?.has(k))));
  if (p.scope === 'fleet') return fleetDue && wakes(fleetDue.kinds, fleetDue.signals) ? ['fleet'] : [];
  const map = p.scope === 'host' ? dirty.hosts : dirty.switches;
  const out: string[] = [];
  for (const [key, kinds] of map) if (wakes(kinds, dirty.hostSignals.get(key))) out.push(key);
  return out;
}

/**
 * Runs one step. `batch` may be empty with `tickTime` set to advance the clock (live mode, when
 * nothing arrives). Mutates `state`; returns what changed.
 */
export function step(state: EngineState, batch: AcceptedObservation[], patterns: readonly Pattern[], tickTime?: number): StepResult {
  let newest = state.clock ?? -Infinity;
  for (const { obs } of batch) if (obs.time > newest) newest = obs.time;
  if (tickTime !== undefined && tickTime > newest) newest = tickTime;
  if (newest === -Infinity) return { alerts: [], transitions: [], incidents: [], evaluations: 0 };
  const prevMinute = state.clock === null ? null : Math.floor(state.clock / 60_000);
  state.clock = newest;

  const dirty = emptyDirty();
  applyBatch(state, batch, dirty);

  const ch = newChanges();
  const ctx = { clock: state.clock, fleet: state.fleet, settings: state.settings };
  const evaluated = new Set<string>();
  const run = (p: Pattern, key: string) => {
    const scope = scopeId(p.scope, key);
    const rk = `${p.id}|${scope}`;
    if (evaluated.has(rk)) return;
    evaluated.add(rk);
    const result = p.evaluate(ctx, key);
    const due = applyFindings(state, p, scope, result.findings, ch);
    const next = [result.recheckAt, due].filter((t): t is number => t !== undefined && t > state.clock!);
    if (next.length) {
      const at = Math.min(...next);
      state.recheck.set(rk, at);
      if (at < state.recheckMin) state.recheckMin = at;
    } else state.recheck.delete(rk);
  };

  // Fleet-scope patterns run once per event-time window in which something relevant changed.
  for (const k of dirty.fleet) state.fleetPending.add(k);
  for (const k of dirty.fleetSignals) state.fleetPendingSignals.add(k);
  const every = state.settings.fleetEvalEveryMs ?? DEFAULT_FLEET_EVERY_MS;
  const window = every > 0 ? Math.floor(state.clock / every) : state.clock;
  let fleetDue: { kinds: Set<string>; signals: Set<string> } | null = null;
  if (state.fleetPending.size && (every === 0 || window !== state.fleetWindow)) {
    fleetDue = { kinds: state.fleetPending, signals: state.fleetPendingSignals };
    state.fleetPending = new Set();
    state.fleetPendingSignals = new Set();
    state.fleetWindow = window;
  }

  for (const p of patterns) for (const key of wokenScopes(p, dirty, fleetDue)) run(p, key);

  // Time-driven re-evaluations whose moment has come.
  if (state.recheck.size && state.recheckMin <= state.clock) {
    const byId = new Map(patterns.map((p) => [p.id, p]));
    for (const [rk, at] of [...state.recheck]) {
      if (at > state.clock) continue;
      const sep = rk.indexOf('|');
      const p = byId.get(rk.slice(0, sep));
      const scope = rk.slice(sep + 1);
      if (!p) {
        state.recheck.delete(rk);
        continue;
      }
      run(p, scope === 'fleet' ? 'fleet' : scope.slice(scope.indexOf(':') + 1));
    }
    let min = Infinity;
    for (const at of state.recheck.values()) if (at < min) min = at;
    state.recheckMin = min;
  }

  // Alerts held while a host's collector was silent are re-judged as soon as it reports again,
  // not only when their own inputs next change.
  const resumed = new Set<string>();
  for (const t of ch.transitions) {
    const a = state.byId.get(t.alertId);
    if (a?.pattern === 'collector-silent' && t.to === 'resolved' && a.scope.startsWith('host:')) resumed.add(a.scope.slice(5));
  }
  if (resumed.size) {
    for (const p of patterns) {
      if (p.scope !== 'host' || p.id === 'collector-silent') continue;
      for (const key of resumed) {
        evaluated.delete(`${p.id}|host:${key}`);
        run(p, key);
      }
    }
  }

  applySuppression(state, ch);
  const incidents = new Map<number, IncidentState>();
  updateIncidents(state, ch, incidents);

  if (prevMinute !== Math.floor(state.clock / 60_000)) {
    pruneWindows(state, state.clock);
    pruneResolved(state);
  }
  return { alerts: [...ch.alerts.values()], transitions: ch.transitions, incidents: [...incidents.values()], evaluations: evaluated.size };
}

/** Resolved alerts leave memory a day after they ended (they stay in the database). */
function pruneResolved(state: EngineState): void {
  const cutoff = state.clock! - 86_400_000;
  for (const [id, a] of state.byId) if (a.status === 'resolved' && a.endsAt !== null && a.endsAt < cutoff) state.byId.delete(id);
  for (const [id, i] of state.incidents) if (i.status === 'resolved' && i.endsAt !== null && i.endsAt < cutoff) state.incidents.delete(id);
}
