/**
 * The pattern contract. A pattern is one file: its documentation and a pure `evaluate` that looks
 * at the engine's view of the fleet (observed state + the simulator's expectation) for one scope
 * and returns the findings that hold *now* (at `ctx.clock`, event time). The engine turns findings
 * into alerts (dedup by pattern + subject, pending → firing → resolved, suppression); a pattern
 * never tracks alert state itself.
 *
 * Determinism: `evaluate` must depend only on the view and the clock, never on the order in which
 * observations arrived, so replaying stored history (or out-of-order input inside the lateness
 * window) produces the same findings.
 */
import type { AlertSubject, EvidenceRef, Remediation, Severity, StateSide } from '../contract.ts';
import type { FleetView } from '../engine/view.ts';

export type ScopeKind = 'host' | 'switch' | 'fleet';

/** Which changes make a scope worth re-evaluating. `tick` = clock advanced (time-window patterns). */
export type WakeOn = 'inventory' | 'events' | 'neighbors' | 'macTable' | 'switchLog' | 'report';

export interface PatternDoc {
  title: string;
  /** What the alert means, in plain words. */
  meaning: string;
  /** The signals the detector reads. */
  signals: string[];
  /** Look-alikes it stays silent on. */
  benign: string[];
  /** What to do; commands are in findings' remediation. */
  remediation: string;
  /** Source keys from docs/domain.md (e.g. KB2920261, MS-NICT-MAC). */
  sources: string[];
}

export interface Finding {
  subject: AlertSubject;
  /** Event time the condition started (drives startsAt and the pending → firing hold). */
  since: number;
  summary: string;
  expected: StateSide;
  observed: StateSide;
  evidence: EvidenceRef[];
  explanation: string;
  remediation: Remediation;
}

export interface EvalResult {
  findings: Finding[];
  /** Event time at which the result may change without new input (window expiry); engine re-evaluates then. */
  recheckAt?: number;
}

export interface PatternContext {
  clock: number;
  fleet: FleetView;
  settings: EngineSettings;
}

export interface EngineSettings {
  /** Operator-declared separate L2 domains (lists of host names) for mac-pool-overlap. */
  l2Domains: string[][];
  /**
   * Fleet-scope patterns look at every host; they are evaluated at most once per this much event
   * time (aligned to multiples of it, so the schedule depends only on event time). 0 = every step.
   * Default 15 s: collectors report every 60 s, so this costs no detection that matters.
   */
  fleetEvalEveryMs?: number;
}

export interface Pattern {
  id: string;
  severity: Severity;
  scope: ScopeKind;
  /** Subject fields the fingerprint is built from (documented in faults.md). */
  subjectKeys: (keyof AlertSubject)[];
  wakeOn: WakeOn[];
  /**
   * When set, new events wake this pattern only if they carry one of these signal kinds
   * (engine/classify.ts); other wake reasons are unaffected. For patterns that read a few event
   * kinds directly, so a busy host's unrelated events do not re-evaluate them.
   */
  wakeOnSignals?: string[];
  /** A finding must hold this long (event time) before the alert fires; 0 = at once. */
  forMs: number;
  doc: PatternDoc;
  evaluate(ctx: PatternContext, scopeKey: string): EvalResult;
}
