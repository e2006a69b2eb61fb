/**
 * Runs a simulator scenario end to end: the scenario's rendered posts (bundle JSON with event XML,
 * arp -a, switch MAC tables, syslog lines) go through the real HTTP ingest API of a real server
 * with a fresh SQLite file, like collectors would send them (no ?format=: the server sniffs), and
 * the fired alerts are read back from the real alerts API.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario } from '../../server/simulator/scenario/parse.ts';
import type { Scenario } from '../../server/simulator/scenario/schema.ts';
import { generate, shiftScenario } from '../../server/simulator/generate/generate.ts';
import type { Post } from '../../server/simulator/generate/run.ts';
import { startTestServer, type TestServer } from './server.ts';
import { REPO_ROOT } from './fixtures.ts';
import type { AlertDto } from '../../server/contract.ts';

export const SCENARIO_DIR = join(REPO_ROOT, 'test', 'scenarios');

export function scenarioFiles(): string[] {
  return readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.yaml')).sort();
}

export function loadScenario(file: string): Scenario {
  return parseScenario(readFileSync(join(SCENARIO_DIR, file), 'utf8'), file);
}

export interface FiredAlert {
  id: number;
  pattern: string;
  subject: AlertDto['subject'];
  startsAt: number;
  firedAt: number | null;
  status: string;
}

export interface ScenarioRun {
  alerts: FiredAlert[];
  posts: number;
  server: TestServer;
}

export async function postAll(s: TestServer, posts: Post[]): Promise<void> {
  for (const p of posts) {
    // Syslog lines carry no year (RFC 3164): like an import of past switch logs, name the time they were written.
    const at = p.query.at ?? (p.format === 'syslog' ? p.at : undefined);
    const r = await s.post(p.body, { host: p.query.host, device: p.query.device, at: at === undefined ? undefined : new Date(at).toISOString() });
    if (r.status !== 200) throw new Error(`post of ${p.format} at ${new Date(p.at).toISOString()} failed: ${r.status} ${JSON.stringify(r.json)}`);
    if (r.json.format !== p.format) throw new Error(`a ${p.format} body was sniffed as ${r.json.format}`);
    if (r.json.rejected.length) throw new Error(`${p.format} post had rejects: ${JSON.stringify(r.json.rejected.slice(0, 3))}`);
  }
}

/** Every alert that reached firing, with its firing time from the transition history. */
export async function firedAlerts(s: TestServer): Promise<FiredAlert[]> {
  const list = (await s.get('/api/v1/alerts?status=all&limit=5000')).json.alerts as AlertDto[];
  const out: FiredAlert[] = [];
  for (const a of list) {
    const d = (await s.get(`/api/v1/alerts/${a.id}`)).json;
    const firing = d.transitions.find((t: { to: string }) => t.to === 'firing');
    out.push({ id: a.id, pattern: a.pattern, subject: a.subject, startsAt: Date.parse(a.startsAt), firedAt: firing ? Date.parse(firing.time) : null, status: a.status });
  }
  return out.sort((a, b) => a.id - b.id);
}

export async function runScenario(sc: Scenario, opts: { shiftMs?: number; reorder?: (posts: Post[]) => Post[]; keep?: boolean } = {}): Promise<ScenarioRun> {
  const scenario = opts.shiftMs ? shiftScenario(sc, opts.shiftMs) : sc;
  let posts = generate(scenario);
  if (opts.reorder) posts = opts.reorder(posts);
  const server = await startTestServer();
  try {
    await postAll(server, posts);
    const alerts = await firedAlerts(server);
    return { alerts, posts: posts.length, server };
  } finally {
    if (!opts.keep) await server.close();
  }
}

/** True when every key of `want` equals the alert's subject value (MACs/hosts compared case-insensitively). */
export function subjectMatches(want: Record<string, unknown>, got: Record<string, unknown>): boolean {
  for (const [k, v] of Object.entries(want)) {
    const g = got[k];
    if (Array.isArray(v)) {
      if (!Array.isArray(g) || [...v].map(String).map((x) => x.toLowerCase()).sort().join() !== [...g].map(String).map((x) => x.toLowerCase()).sort().join()) return false;
    } else if (String(g ?? '').toLowerCase() !== String(v).toLowerCase()) return false;
  }
  return true;
}

export function describeAlert(a: { pattern: string; subject: Record<string, unknown> }): string {
  return `${a.pattern} ${JSON.stringify(a.subject)}`;
}
