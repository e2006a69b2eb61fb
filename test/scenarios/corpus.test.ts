/**
 * The scenario corpus: for every pattern id at least one fault scenario and one benign twin, run
 * end to end through the real HTTP ingest API in the rendered real formats. Each scenario asserts
 * the exact set of alerts (pattern + subject) that must fire within its stated time, and that no
 * other alert fires. The table printed at the end is the corpus at a glance.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { PATTERNS } from '../../server/patterns/index.ts';
import { expectationAnchor } from '../../server/simulator/scenario/parse.ts';
import { describeAlert, loadScenario, runScenario, scenarioFiles, subjectMatches } from '../helpers/scenario.ts';

interface Row {
  file: string;
  patterns: string[];
  kind: 'fault' | 'benign';
  ok: boolean;
  detail: string;
}
const rows: Row[] = [];

describe('scenario corpus', () => {
  const files = scenarioFiles();

  it('has a fault scenario and a benign twin for every pattern id', () => {
    for (const p of PATTERNS) {
      expect(files.some((f) => f.startsWith(`${p.id}.fault`)), `${p.id} has no fault scenario`).toBe(true);
      expect(files.some((f) => f.startsWith(`${p.id}.benign`)), `${p.id} has no benign twin`).toBe(true);
    }
  });

  it.each(files)('%s', async (file) => {
    const sc = loadScenario(file);
    const run = await runScenario(sc);
    const problems: string[] = [];
    const matched = new Set<number>();
    for (const want of sc.expect.alerts) {
      const hit = run.alerts.find((a) => a.pattern === want.pattern && subjectMatches(want.subject, a.subject as Record<string, unknown>));
      if (!hit) {
        problems.push(`missing: ${describeAlert(want)}`);
        continue;
      }
      matched.add(hit.id);
      for (const a of run.alerts) if (a.pattern === want.pattern && subjectMatches(want.subject, a.subject as Record<string, unknown>)) matched.add(a.id);
      const deadline = expectationAnchor(sc, want) + want.within;
      if (hit.firedAt === null || hit.firedAt > deadline) problems.push(`late: ${describeAlert(want)} fired at ${hit.firedAt ? new Date(hit.firedAt).toISOString() : 'never'}, deadline ${new Date(deadline).toISOString()}`);
    }
    if (sc.expect.noOtherAlerts) for (const a of run.alerts) if (!matched.has(a.id)) problems.push(`unexpected: ${describeAlert(a as unknown as { pattern: string; subject: Record<string, unknown> })}`);
    rows.push({ file, patterns: [...new Set(sc.expect.alerts.map((a) => a.pattern))], kind: sc.expect.alerts.length ? 'fault' : 'benign', ok: problems.length === 0, detail: problems.join('; ') });
    expect(problems, `${file}: ${run.posts} posts`).toEqual([]);
  });

  afterAll(() => {
    const byPattern = new Map<string, Row[]>();
    for (const r of rows) {
      const id = r.file.slice(0, r.file.indexOf('.'));
      byPattern.set(id, [...(byPattern.get(id) ?? []), r]);
    }
    const lines = ['', 'pattern                         scenarios  result', '------------------------------  ---------  ------'];
    let green = 0;
    for (const [id, rs] of [...byPattern].sort()) {
      const ok = rs.filter((r) => r.ok).length;
      green += ok;
      lines.push(`${id.padEnd(30)}  ${String(rs.length).padStart(9)}  ${ok === rs.length ? 'pass' : `FAIL ${rs.length - ok}`}  ${rs.map((r) => `${r.file.slice(id.length + 1, -5)}${r.ok ? '' : '✗'}`).join(', ')}`);
    }
    lines.push(`corpus: ${rows.length} scenarios, ${green} green (${rows.length ? Math.round((green / rows.length) * 100) : 0}%)`);
    process.stdout.write(`${lines.join('\n')}\n`);
  });
});
