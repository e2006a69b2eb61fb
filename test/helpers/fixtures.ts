/**
 * Paths to test data. Third-party samples are read straight from ../shared/fixtures/external
 * (beside the project), never copied in; our own fixtures live in test/fixtures.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const EXTERNAL_ROOT = process.env.TEAMWATCH_EXTERNAL_FIXTURES ?? join(REPO_ROOT, '..', 'shared', 'fixtures', 'external');
export const OWN_ROOT = join(REPO_ROOT, 'test', 'fixtures');

export function hasExternalFixtures(): boolean {
  return existsSync(EXTERNAL_ROOT);
}

/** Absolute path of a file under shared/fixtures/external. */
export function externalPath(rel: string): string {
  return join(EXTERNAL_ROOT, rel);
}

export function readExternal(rel: string): Buffer {
  return readFileSync(externalPath(rel));
}

export function readExternalText(rel: string): string {
  return readFileSync(externalPath(rel), 'utf8');
}

export function readOwn(rel: string): Buffer {
  return readFileSync(join(OWN_ROOT, rel));
}

/** Every file under `dir` (relative to external root) whose name matches `pattern`, as relative paths, sorted. */
export function listExternal(dir: string, pattern: RegExp = /./): string[] {
  const root = externalPath(dir);
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (pattern.test(name)) out.push(relative(EXTERNAL_ROOT, p));
    }
  };
  walk(root);
  return out.sort();
}
