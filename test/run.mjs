#!/usr/bin/env node
/**
 * `npm test`: the whole suite — unit, integration and scenario tests, then the browser tests —
 * each through vitest with a JSON report, ending with one plain line CI reads:
 * `N passed, N failed` (plus `, N skipped`). Exit code 1 if anything failed.
 *
 *   node test/run.mjs                 everything
 *   node test/run.mjs --screenshots   only the browser tests that write docs/screenshots/
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const out = mkdtempSync(join(tmpdir(), 'teamwatch-results-'));
const screenshotsOnly = process.argv.includes('--screenshots');

const suites = [];
if (!screenshotsOnly) suites.push({ name: 'unit, integration and scenarios', config: 'vitest.config.ts' });
if (existsSync(join(root, 'test', 'e2e', 'vitest.e2e.config.ts'))) {
  suites.push({ name: 'browser (Chromium)', config: 'test/e2e/vitest.e2e.config.ts', env: screenshotsOnly ? { TEAMWATCH_SCREENSHOTS_ONLY: '1' } : {} });
}

let passed = 0;
let failed = 0;
let skipped = 0;
let broken = false;
for (const [i, s] of suites.entries()) {
  const file = join(out, `r${i}.json`);
  process.stdout.write(`\n=== ${s.name} ===\n`);
  const r = spawnSync(process.execPath, [vitest, 'run', '--config', s.config, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...s.env },
  });
  if (!existsSync(file)) {
    // vitest did not get as far as reporting: count the suite as one failure so it cannot pass silently.
    process.stdout.write(`\n${s.name}: vitest exited with ${r.status} without a report\n`);
    failed += 1;
    broken = true;
    continue;
  }
  const j = JSON.parse(readFileSync(file, 'utf8'));
  passed += j.numPassedTests ?? 0;
  failed += j.numFailedTests ?? 0;
  skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
  // A file that failed to load has no tests but makes the run fail.
  for (const t of j.testResults ?? []) if (t.status === 'failed' && (t.assertionResults ?? []).length === 0) failed += 1;
  if (r.status !== 0 && (j.numFailedTests ?? 0) === 0 && !(j.testResults ?? []).some((t) => t.status === 'failed')) {
    failed += 1;
    broken = true;
  }
}
rmSync(out, { recursive: true, force: true });
process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(failed > 0 || broken ? 1 : 0);
