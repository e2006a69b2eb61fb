/**
 * The engine of one data context at the I/O edge: feeds accepted batches to the pure step(),
 * persists what changed (alerts, transitions, incidents) in one transaction, publishes to the bus,
 * advances the clock in live mode by elapsed wall time, and applies operator actions (ack,
 * silences). On start it rebuilds its state by replaying stored history (see replay-source.ts).
 */
import type { Db } from '../../db/open.ts';
import type { Stores } from '../stores.ts';
import type { Bus } from '../bus.ts';
import type { EngineHandle } from '../context.ts';
import type { AcceptedObservation } from '../pipeline.ts';
import type { Pattern, EngineSettings } from '../patterns/types.ts';
import type { AlertDto, Matcher } from '../contract.ts';
import { alertStore, type AlertRecord, type AlertStore, type SilenceRecord } from '../../db/alerts.ts';
import { createState, type AlertState, type EngineState } from './state.ts';
import { step, type StepResult } from './step.ts';
import type { Predictor } from './predictor.ts';
import { alertDto, incidentRecord, stateToRecord } from './dto.ts';
import { replayBatches } from './replay-source.ts';
import { hostKey } from '../model/observation.ts';
import { AppError } from '../errors.ts';
import { randomUUID } from 'node:crypto';

export interface EngineDeps {
  name: 'real' | 'demo';
  db: Db;
  stores: Stores;
  bus: Bus;
  patterns: readonly Pattern[];
  predictor: Predictor;
  settings: EngineSettings;
  latenessMs: number;
  /** Wall clock, only for the live tick. */
  wallNow: () => number;
}

export interface Engine extends EngineHandle {
  state: EngineState;
  alerts: AlertStore;
  demo: boolean;
  dto(a: AlertRecord): AlertDto;
  ack(id: number, by: string, comment: string): AlertRecord;
  unack(id: number, by: string, comment: string): AlertRecord;
  addSilence(s: Omit<SilenceRecord, 'id' | 'createdAt' | 'deletedAt'>): SilenceRecord;
  deleteSilence(id: string): boolean;
  activeAlerts(): AlertRecord[];
  hostHealth(key: string): { health: 'ok' | 'warning' | 'critical' | 'unknown'; firing: number };
}

export function createEngine(deps: EngineDeps): Engine {
  const alerts = alertStore(deps.db);
  const demo = deps.name === 'demo';
  let state = createState(deps.predictor, deps.settings);
  let lastIngestId = 0;
  let lastAcceptWall: number | null = null;
  let clockAtAccept: number | null = null;
  let pendingTick: number | null = null;

  const loadSilences = () => {
    state.silences.clear();
    for (const s of alerts.silences()) {
      if (s.deletedAt !== null) continue;
      state.silences.set(s.id, { id: s.id, matchers: s.matchers, startsAt: s.startsAt, endsAt: s.endsAt, createdBy: s.createdBy, comment: s.comment, kind: s.kind, createdAt: s.createdAt });
    }
  };

  const persist = (r: StepResult) => {
    if (r.alerts.length === 0 && r.transitions.length === 0 && r.incidents.length === 0) return;
    deps.db.transaction(() => {
      for (const a of r.alerts) alerts.saveAlert(stateToRecord(a));
      for (const t of r.transitions) alerts.saveTransition(t);
      for (const i of r.incidents) alerts.saveIncident(incidentRecord(i, (id) => state.byId.get(id) ?? alerts.get(id) ?? undefined));
    })();
    publish(r.alerts);
  };

  const publish = (changed: AlertState[]) => {
    if (changed.length === 0) return;
    deps.bus.emit('alerts', changed.map((a) => alertDto(stateToRecord(a), demo)));
  };

  // Warm-up: rebuild the in-memory state from stored history without re-writing it, then adopt
  // the persisted alert ids (replay is deterministic, so they match what live processing wrote).
  function warmUp(): void {
    loadSilences();
    const persisted = alerts.maxIds();
    for (const b of replayBatches(deps.db, deps.stores)) {
      if (b.batch.length) step(state, b.batch, deps.patterns);
      for (const t of b.ticks) step(state, [], deps.patterns, t);
      lastIngestId = b.ingestId;
    }
    // Anything persisted as active that the rebuilt state does not hold is closed honestly.
    const rebuilt = new Set([...state.active.values()].map((a) => a.id));
    const stale = alerts.list({ status: 'active', limit: 10_000 }).filter((a) => !rebuilt.has(a.id));
    if (stale.length && state.clock !== null) {
      deps.db.transaction(() => {
        for (const a of stale) {
          alerts.saveAlert({ ...a, status: 'resolved', endsAt: state.clock!, updatedAt: state.clock! });
          alerts.saveTransition({ alertId: a.id, time: state.clock!, from: a.status, to: 'resolved', note: 'not confirmed when the engine rebuilt its state after a restart' });
        }
      })();
    }
    for (const a of state.active.values()) a.ack = alerts.get(a.id)?.ack ?? null;
    state.nextAlertId = Math.max(state.nextAlertId, persisted.alert + 1);
    state.nextIncidentId = Math.max(state.nextIncidentId, persisted.incident + 1);
    clockAtAccept = state.clock;
  }
  warmUp();

  const find = (id: number): AlertRecord => {
    const a = alerts.get(id);
    if (!a) throw new AppError('not_found', `No alert with id ${id}.`);
    return a;
  };

  const setAck = (id: number, ack: AlertRecord['ack'], note: string) => {
    const rec = find(id);
    const live = state.byId.get(id);
    if (live) live.ack = ack;
    const at = ack?.at ?? state.clock ?? deps.wallNow();
    const next: AlertRecord = { ...rec, ack, updatedAt: Math.max(rec.updatedAt, at) };
    deps.db.transaction(() => {
      alerts.saveAlert(next);
      alerts.saveTransition({ alertId: id, time: at, from: rec.status, to: ack ? 'acknowledged' : 'unacknowledged', note });
    })();
    deps.bus.emit('alerts', [alertDto(next, demo)]);
    return next;
  };

  const engine: Engine = {
    get state() {
      return state;
    },
    alerts,
    demo,
    latenessMs: deps.latenessMs,
    clock: () => state.clock,
    accept(batch: AcceptedObservation[], ingestId: number) {
      if (pendingTick !== null) {
        alerts.saveTick(lastIngestId, pendingTick);
        pendingTick = null;
      }
      const r = step(state, batch, deps.patterns);
      persist(r);
      lastIngestId = ingestId;
      lastAcceptWall = deps.wallNow();
      clockAtAccept = state.clock;
    },
    tick(wallNow: number) {
      if (state.clock === null || clockAtAccept === null || lastAcceptWall === null) return;
      const target = clockAtAccept + (wallNow - lastAcceptWall);
      if (target <= state.clock) return;
      const r = step(state, [], deps.patterns, target);
      pendingTick = target;
      // A tick that evaluated anything is recorded, so replay re-runs it at the same event time.
      if (r.alerts.length || r.transitions.length || r.evaluations > 0) {
        alerts.saveTick(lastIngestId, target);
        pendingTick = null;
        persist(r);
      }
    },
    stop() {
      if (pendingTick !== null) alerts.saveTick(lastIngestId, pendingTick);
      pendingTick = null;
    },
    dto: (a) => alertDto(a, demo),
    ack: (id, by, comment) => setAck(id, { by, comment, at: deps.wallNow() }, comment),
    unack: (id, by, comment) => setAck(id, null, `${by}: ${comment}`),
    addSilence(s) {
      if (s.matchers.length === 0) throw new AppError('invalid_body', 'A silence needs at least one matcher.');
      if (!(s.endsAt > s.startsAt)) throw new AppError('invalid_body', 'endsAt must be after startsAt.');
      const rec: SilenceRecord = { ...s, id: randomUUID(), createdAt: deps.wallNow(), deletedAt: null };
      alerts.addSilence(rec);
      state.silences.set(rec.id, { id: rec.id, matchers: rec.matchers, startsAt: rec.startsAt, endsAt: rec.endsAt, createdBy: rec.createdBy, comment: rec.comment, kind: rec.kind, createdAt: rec.createdAt });
      if (state.clock !== null) persist(step(state, [], deps.patterns, state.clock));
      return rec;
    },
    deleteSilence(id) {
      const ok = alerts.deleteSilence(id, deps.wallNow());
      if (ok) {
        state.silences.delete(id);
        if (state.clock !== null) persist(step(state, [], deps.patterns, state.clock));
      }
      return ok;
    },
    activeAlerts: () => [...state.active.values()].map(stateToRecord),
    hostHealth(key) {
      let firing = 0;
      let worst: 'ok' | 'warning' | 'critical' = 'ok';
      for (const a of state.active.values()) {
        if (a.status !== 'firing' || a.suppressedBy) continue;
        const hosts = a.subject.hosts ?? (a.subject.host ? [a.subject.host] : []);
        if (!hosts.some((h) => hostKey(h) === key)) continue;
        firing++;
        if (a.severity === 'critical') worst = 'critical';
        else if (a.severity === 'warning' && worst === 'ok') worst = 'warning';
      }
      const known = state.fleet.hosts.get(key)?.inventory;
      return { health: known || firing ? worst : 'unknown', firing };
    },
  };
  return engine;
}

/** Rebuilds a context's alerts from stored observations: the `teamwatch replay` path. */
export function replayInto(deps: Omit<EngineDeps, 'wallNow' | 'bus'> & { from?: number; to?: number }): { alerts: number; transitions: number } {
  const alerts = alertStore(deps.db);
  const state = createState(deps.predictor, deps.settings);
  for (const s of alerts.silences()) {
    if (s.deletedAt === null) state.silences.set(s.id, { id: s.id, matchers: s.matchers as Matcher[], startsAt: s.startsAt, endsAt: s.endsAt, createdBy: s.createdBy, comment: s.comment, kind: s.kind, createdAt: s.createdAt });
  }
  let nAlerts = 0;
  let nTransitions = 0;
  deps.db.transaction(() => {
    alerts.clearDerived();
    const save = (r: StepResult) => {
      for (const a of r.alerts) alerts.saveAlert(stateToRecord(a));
      for (const t of r.transitions) alerts.saveTransition(t);
      for (const i of r.incidents) alerts.saveIncident(incidentRecord(i, (id) => state.byId.get(id)));
      nTransitions += r.transitions.length;
    };
    for (const b of replayBatches(deps.db, deps.stores, { from: deps.from, to: deps.to })) {
      if (b.batch.length) save(step(state, b.batch, deps.patterns));
      for (const t of b.ticks) save(step(state, [], deps.patterns, t));
    }
    nAlerts = state.nextAlertId - 1;
  })();
  return { alerts: nAlerts, transitions: nTransitions };
}
