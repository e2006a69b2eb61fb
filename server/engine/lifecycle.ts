/**
 * Findings → alerts, with Alertmanager's semantics: fingerprint (pattern + subject) dedups; a new
 * condition is `pending` until it has held `forMs` of event time, then `firing`; when the condition
 * is gone the alert is `resolved`. Every transition is recorded (append-only history). A host
 * whose collector is silent does not auto-resolve its alerts (absence of data is not recovery).
 */
import type { AlertSubject } from '../contract.ts';
import type { Finding, Pattern } from '../patterns/types.ts';
import type { AlertState, EngineState, Transition } from './state.ts';
import { silenceMatches } from './silences.ts';

export interface Changes {
  alerts: Map<number, AlertState>;
  transitions: Transition[];
}

export function newChanges(): Changes {
  return { alerts: new Map(), transitions: [] };
}

/** Stable identity of an alert: pattern + the pattern's subject keys, in a fixed order. */
export function fingerprint(pattern: Pattern, subject: AlertSubject): string {
  const parts = [pattern.id];
  for (const k of pattern.subjectKeys) {
    const v = subject[k];
    parts.push(`${k}=${Array.isArray(v) ? [...v].sort().join('+') : (v ?? '')}`.toLowerCase());
  }
  return parts.join('|');
}

function record(state: EngineState, ch: Changes, a: AlertState, from: AlertState['status'] | null, to: Transition['to'], note: string | null): void {
  ch.transitions.push({ alertId: a.id, time: state.clock!, from, to, note });
  ch.alerts.set(a.id, a);
}

function inMaintenance(state: EngineState, pattern: Pattern, f: Finding, at: number): boolean {
  for (const s of state.silences.values()) {
    if (s.kind === 'maintenance' && silenceMatches(s, pattern.id, pattern.severity, f.subject, at)) return true;
  }
  return false;
}

/** Hosts whose collector-silent alert is firing: their other alerts do not auto-resolve. */
function silentHosts(state: EngineState): Set<string> {
  const out = new Set<string>();
  for (const a of state.active.values()) if (a.pattern === 'collector-silent' && a.status === 'firing' && a.scope.startsWith('host:')) out.add(a.scope.slice(5));
  return out;
}

/**
 * Applies one (pattern, scope) evaluation. `findings` are the conditions that hold now.
 * Returns the event time of the next pending → firing due, if any.
 */
export function applyFindings(state: EngineState, pattern: Pattern, scope: string, findings: Finding[], ch: Changes): number | undefined {
  const clock = state.clock!;
  const key = `${pattern.id}|${scope}`;
  const prev = state.scopeFindings.get(key) ?? new Set<string>();
  const now = new Set<string>();
  let nextDue: number | undefined;

  for (const f of findings) {
    if (inMaintenance(state, pattern, f, clock)) continue;
    const fp = fingerprint(pattern, f.subject);
    if (now.has(fp)) continue; // two findings with one subject: the first wins
    now.add(fp);
    let a = state.active.get(fp);
    if (!a) {
      a = {
        id: state.nextAlertId++,
        fingerprint: fp,
        pattern: pattern.id,
        severity: pattern.severity,
        scope,
        status: 'pending',
        subject: f.subject,
        startsAt: Math.min(f.since, clock),
        endsAt: null,
        updatedAt: clock,
        finding: f,
        firedAt: null,
        ack: null,
        suppressedBy: null,
        incidentId: null,
      };
      state.active.set(fp, a);
      state.byId.set(a.id, a);
      record(state, ch, a, null, 'pending', null);
    } else {
      // The fingerprint is fixed, but the rest of the subject may fill in (a vmId known only once
      // the inventory arrives), and late evidence may show the condition began earlier: the alert
      // follows, so its final shape does not depend on arrival order.
      const subjectChanged = JSON.stringify(a.subject) !== JSON.stringify(f.subject);
      const earlier = f.since < a.startsAt;
      if (subjectChanged) a.subject = f.subject;
      if (earlier) a.startsAt = f.since;
      if (subjectChanged || earlier || a.finding.summary !== f.summary || a.finding.evidence.length !== f.evidence.length) {
        a.finding = f;
        a.updatedAt = clock;
        ch.alerts.set(a.id, a);
      } else {
        a.finding = f;
      }
    }
    if (a.status === 'pending') {
      const due = a.startsAt + pattern.forMs;
      if (clock >= due) {
        a.status = 'firing';
        a.firedAt = clock;
        a.updatedAt = clock;
        record(state, ch, a, 'pending', 'firing', null);
      } else if (nextDue === undefined || due < nextDue) {
        nextDue = due;
      }
    }
  }

  const holdHost = scope.startsWith('host:') && pattern.id !== 'collector-silent' && silentHosts(state).has(scope.slice(5));
  for (const fp of prev) {
    if (now.has(fp)) continue;
    const a = state.active.get(fp);
    if (!a) continue;
    if (holdHost) {
      now.add(fp); // keep owning it: it resolves once data shows recovery
      continue;
    }
    const from = a.status;
    a.status = 'resolved';
    a.endsAt = clock;
    a.updatedAt = clock;
    state.active.delete(fp);
    record(state, ch, a, from, 'resolved', from === 'pending' ? 'condition cleared before it fired' : null);
  }
  if (now.size) state.scopeFindings.set(key, now);
  else state.scopeFindings.delete(key);
  return nextDue;
}
