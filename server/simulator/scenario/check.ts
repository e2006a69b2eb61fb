/**
 * Compares the alerts an engine raised for a scenario with the scenario's `expect` block, for the
 * scenario runner. An expected alert matches a raised one with the same pattern whose subject has
 * the same value for every key the expectation names (other subject keys, e.g. `vmId`, are not
 * compared; host and switch names case-insensitively, `hosts` as a set). It must have fired no
 * later than `within` after its anchor (scenario/parse.ts `expectationAnchor`). With
 * `noOtherAlerts`, every raised alert must match some expectation.
 */
import { expectationAnchor } from './parse.ts';
import type { ExpectedAlert, Scenario } from './schema.ts';

export interface RaisedAlert {
  pattern: string;
  subject: Record<string, unknown>;
  /** Event time it first fired (ms). */
  firedAt: number;
}

export interface AlertCheck {
  ok: boolean;
  missing: ExpectedAlert[];
  late: { expected: ExpectedAlert; firedAt: number; deadline: number }[];
  unexpected: RaisedAlert[];
}

const CASELESS = new Set(['host', 'switch', 'vm', 'team']);

export function subjectMatches(expected: ExpectedAlert['subject'], actual: Record<string, unknown>): boolean {
  for (const [k, v] of Object.entries(expected)) {
    if (v === undefined) continue;
    const a = actual[k];
    if (k === 'hosts') {
      const want = (v as string[]).map((x) => x.toLowerCase()).sort();
      const got = Array.isArray(a) ? a.map((x) => String(x).toLowerCase()).sort() : [];
      if (want.join('|') !== got.join('|')) return false;
    } else if (CASELESS.has(k)) {
      if (typeof a !== 'string' || a.toLowerCase() !== String(v).toLowerCase()) return false;
    } else if (a !== v) return false;
  }
  return true;
}

export function checkAlerts(s: Scenario, raised: RaisedAlert[]): AlertCheck {
  const missing: ExpectedAlert[] = [];
  const late: AlertCheck['late'] = [];
  const used = new Set<RaisedAlert>();
  for (const e of s.expect.alerts) {
    const hits = raised.filter((r) => r.pattern === e.pattern && subjectMatches(e.subject, r.subject));
    if (hits.length === 0) {
      missing.push(e);
      continue;
    }
    hits.forEach((h) => used.add(h));
    const first = Math.min(...hits.map((h) => h.firedAt));
    const deadline = expectationAnchor(s, e) + e.within;
    if (first > deadline) late.push({ expected: e, firedAt: first, deadline });
  }
  const unexpected = s.expect.noOtherAlerts ? raised.filter((r) => !used.has(r)) : [];
  return { ok: missing.length === 0 && late.length === 0 && unexpected.length === 0, missing, late, unexpected };
}
