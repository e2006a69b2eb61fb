/**
 * Paths to test data. Third-party samples are read straight from ../shared/fixtures/external
 * (beside the project), never copied in; our own fixtures live in test/fixtures.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * shared/ normally sits beside the checkout (as in CI). A throwaway clone made elsewhere finds it
 * beside the local checkout it was cloned from (its `origin`).
 */
function findExternalRoot(): string {
  if (process.env.TEAMWATCH_EXTERNAL_FIXTURES) return process.env.TEAMWATCH_EXTERNAL_FIXTURES;
  const beside = join(REPO_ROOT, '..', 'shared', 'fixtures', 'external');
  if (existsSync(beside)) return beside;
  try {
    const origin = execFileSync('git', ['-C', REPO_ROOT, 'config', '--get', 'remote.origin.url'], { encoding: 'utf8' }).trim();
    const fromOrigin = join(origin, '..', 'shared', 'fixtures', 'external');
    if (origin.startsWith('/') && existsSync(fromOrigin)) return fromOrigin;
  } catch {
    // no git or no origin: fall through to the conventional place
  }
  return beside;
}

export const EXTERNAL_ROOT = findExternalRoot();
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
