/**
 * The engine state of one data context. Owned and mutated only by step() (and the handful of
 * operator actions in actions.ts); everything in it is derived from observations, silences and
 * acks, so replaying the same inputs rebuilds the same state.
 */
import type { AlertStatus, AlertSubject, Severity, SuppressedBy } from '../contract.ts';
import type { EngineSettings, Finding } from '../patterns/types.ts';
import type { FleetView, HostView, NeighborView, SwitchView } from './view.ts';
import type { Predictor } from './predictor.ts';
import type { Silence } from './silences.ts';

export interface AlertState {
  id: number;
  fingerprint: string;
  pattern: string;
  severity: Severity;
  /** `host:<key>`, `switch:<key>` or `fleet`: the evaluation scope that owns this alert. */
  scope: string;
  status: AlertStatus;
  subject: AlertSubject;
  startsAt: number;
  endsAt: number | null;
  updatedAt: number;
  finding: Finding;
  /** Event time the alert first reached firing (null while pending / if it never fired). */
  firedAt: number | null;
  ack: { by: string; comment: string; at: number } | null;
  suppressedBy: SuppressedBy | null;
  incidentId: number | null;
}

export interface Transition {
  alertId: number;
  time: number;
  from: AlertStatus | null;
  to: AlertStatus | 'acknowledged' | 'unacknowledged' | 'suppressed' | 'unsuppressed';
  note: string | null;
}

export interface IncidentState {
  id: number;
  hosts: Set<string>;
  cluster: string | null;
  alertIds: Set<number>;
  startsAt: number;
  endsAt: number | null;
  status: 'open' | 'resolved';
  title: string;
}

export interface EngineState {
  clock: number | null;
  fleet: FleetView & {
    hosts: Map<string, HostView>;
    switches: Map<string, SwitchView>;
    neighbors: Map<string, NeighborView>;
  };
  /** Active (pending/firing) alerts by fingerprint. */
  active: Map<string, AlertState>;
  /** Every alert by id (active and resolved) kept for the current run; resolved ones are pruned after a day. */
  byId: Map<number, AlertState>;
  /** Fingerprints each (pattern|scope) produced at its last evaluation. */
  scopeFindings: Map<string, Set<string>>;
  /** (pattern|scope) → event time of the next re-evaluation. */
  recheck: Map<string, number>;
  /** A lower bound of the earliest recheck time (exact after each scan), so most steps skip the scan. */
  recheckMin: number;
  silences: Map<string, Silence>;
  incidents: Map<number, IncidentState>;
  nextAlertId: number;
  nextIncidentId: number;
  settings: EngineSettings;
  /** Changes seen since fleet-scope patterns were last evaluated, and the window they ran in. */
  fleetPending: Set<string>;
  fleetPendingSignals: Set<string>;
  fleetWindow: number;
}

export function createState(predictor: Predictor, settings: EngineSettings, ids: { alert: number; incident: number } = { alert: 1, incident: 1 }): EngineState {
  return {
    clock: null,
    fleet: { inventoryVersion: 0, hosts: new Map(), switches: new Map(), neighbors: new Map(), predictor },
    active: new Map(),
    byId: new Map(),
    scopeFindings: new Map(),
    recheck: new Map(),
    recheckMin: Infinity,
    silences: new Map(),
    incidents: new Map(),
    nextAlertId: ids.alert,
    nextIncidentId: ids.incident,
    settings,
    fleetPending: new Set(),
    fleetPendingSignals: new Set(),
    fleetWindow: -Infinity,
  };
}
