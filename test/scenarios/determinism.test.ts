/**
 * The engine judges on event time only: replaying stored history rebuilds exactly the alerts live
 * processing stored; the same scenario a year later yields the same alerts; posting out of order
 * within the lateness window yields the same alerts.
 */
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { loadScenario, runScenario } from '../helpers/scenario.ts';
import { run as cli } from '../../collectors/cli/main.ts';
import type { Post } from '../../server/simulator/generate/run.ts';

const STORIES = ['stale-team-mac.fault-2008r2-migration.yaml', 'team-degraded.fault.yaml', 'mac-pool-overlap.fault.yaml', 'collector-silent.fault.yaml'];
const YEAR = 365 * 86_400_000;

function dump(dbPath: string) {
  const db = new Database(dbPath, { readonly: true });
  try {
    return {
      alerts: db.prepare('SELECT id, fingerprint, pattern, status, fired, subject, starts_at, ends_at, summary, incident_id FROM alerts ORDER BY id').all(),
      transitions: db.prepare('SELECT alert_id, time, from_status, to_status, note FROM alert_transitions ORDER BY id').all(),
      incidents: db.prepare('SELECT id, hosts, status, starts_at, ends_at, alert_ids FROM incidents ORDER BY id').all(),
    };
  } finally {
    db.close();
  }
}

const key = (a: { pattern: string; subject: unknown }) => `${a.pattern} ${JSON.stringify(a.subject)}`;

describe('event-time determinism', () => {
  it.each(STORIES)('replaying %s rebuilds exactly the alerts, transitions and incidents live processing stored', async (file) => {
    const run = await runScenario(loadScenario(file), { keep: true });
    try {
      expect(run.alerts.length).toBeGreaterThan(0);
      const dbPath = run.server.dbPath;
      await run.server.server.close();
      const live = dump(dbPath);
      let out = '';
      const code = await cli(['replay', '--db', dbPath], { out: (t) => (out += t), err: (t) => (out += t), env: {}, cwd: process.cwd(), fetch });
      expect(code, out).toBe(0);
      expect(dump(dbPath)).toEqual(live);
    } finally {
      const { rmSync } = await import('node:fs');
      rmSync(run.server.dir, { recursive: true, force: true });
    }
  });

  it.each(STORIES)('%s a year later yields the same alerts at the same relative times', async (file) => {
    const sc = loadScenario(file);
    const now = await runScenario(sc);
    const later = await runScenario(sc, { shiftMs: YEAR });
    const rel = (a: (typeof now.alerts)[number], shift: number) => ({ k: key(a), startsAt: a.startsAt - shift, firedAt: a.firedAt === null ? null : a.firedAt - shift, status: a.status });
    expect(later.alerts.map((a) => rel(a, YEAR))).toEqual(now.alerts.map((a) => rel(a, 0)));
  });

  it.each(STORIES)('%s posted out of order within the lateness window yields the same alerts', async (file) => {
    const sc = loadScenario(file);
    const inOrder = await runScenario(sc);
    // Reverse every run of posts that spans under two minutes of event time (lateness is 5 min).
    const shuffle = (posts: Post[]): Post[] => {
      const out: Post[] = [];
      let i = 0;
      while (i < posts.length) {
        let j = i;
        while (j + 1 < posts.length && posts[j + 1].at - posts[i].at < 120_000 && j - i < 6) j++;
        out.push(...posts.slice(i, j + 1).reverse());
        i = j + 1;
      }
      return out;
    };
    const shuffled = await runScenario(sc, { reorder: shuffle });
    expect(shuffled.alerts.map(key).sort()).toEqual(inOrder.alerts.map(key).sort());
  });
});
