/**
 * Suppression after each step: inhibition rules (a down team silences its own degraded/member
 * alerts) and operator silences. A suppressed alert keeps its status, carries `suppressedBy`, and
 * is not notified.
 */
import type { SuppressedBy } from '../contract.ts';
import type { AlertState, EngineState } from './state.ts';
import type { Changes } from './lifecycle.ts';
import { silenceMatches } from './silences.ts';

interface InhibitRule {
  source: string;
  targets: string[];
  equal: ('host' | 'team' | 'vm')[];
}

export const INHIBIT_RULES: InhibitRule[] = [
  { source: 'team-down', targets: ['team-degraded', 'lacp-negotiation-failure', 'mixed-speed-team'], equal: ['host', 'team'] },
  { source: 'team-interface-disabled', targets: ['team-degraded', 'team-down'], equal: ['host', 'team'] },
  { source: 'team-down', targets: ['guest-team-path-down'], equal: ['host'] },
];

function inhibitor(state: EngineState, a: AlertState): SuppressedBy | null {
  for (const rule of INHIBIT_RULES) {
    if (!rule.targets.includes(a.pattern)) continue;
    for (const s of state.active.values()) {
      if (s === a || s.pattern !== rule.source || s.status !== 'firing') continue;
      if (rule.equal.every((k) => (s.subject[k] ?? '').toString().toLowerCase() === (a.subject[k] ?? '').toString().toLowerCase())) {
        return { kind: 'inhibition', id: String(s.id) };
      }
    }
  }
  return null;
}

function silencedBy(state: EngineState, a: AlertState, at: number): SuppressedBy | null {
  for (const s of state.silences.values()) {
    if (s.kind === 'silence' && silenceMatches(s, a.pattern, a.severity, a.subject, at)) return { kind: 'silence', id: s.id };
  }
  return null;
}

export function applySuppression(state: EngineState, ch: Changes): void {
  const clock = state.clock!;
  for (const a of state.active.values()) {
    const next = inhibitor(state, a) ?? silencedBy(state, a, clock);
    const same = (next === null && a.suppressedBy === null) || (next !== null && a.suppressedBy !== null && next.kind === a.suppressedBy.kind && next.id === a.suppressedBy.id);
    if (same) continue;
    const was = a.suppressedBy;
    a.suppressedBy = next;
    a.updatedAt = clock;
    ch.alerts.set(a.id, a);
    ch.transitions.push({
      alertId: a.id,
      time: clock,
      from: a.status,
      to: next ? 'suppressed' : 'unsuppressed',
      note: next ? `${next.kind} ${next.id}` : `was ${was?.kind} ${was?.id}`,
    });
  }
}
