import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PATTERNS } from '../../../server/patterns/index.ts';
import { PATTERN_IDS } from '../../../server/simulator/scenario/schema.ts';
import { renderPatternsMarkdown } from '../../../server/patterns/docs.ts';
import { REPO_ROOT } from '../../helpers/fixtures.ts';

describe('the pattern catalogue', () => {
  it('has exactly the public ids of the fault catalogue, each once', () => {
    expect(PATTERNS.map((p) => p.id).sort()).toEqual([...PATTERN_IDS].sort());
  });

  it.each(PATTERNS.map((p) => [p.id, p] as const))('%s is documented (title, meaning, signals, remediation, sources)', (_id, p) => {
    expect(p.doc.title).not.toBe(p.id);
    expect(p.doc.meaning.length).toBeGreaterThan(40);
    expect(p.doc.signals.length).toBeGreaterThan(0);
    expect(p.doc.remediation.length).toBeGreaterThan(10);
    expect(p.doc.sources.length).toBeGreaterThan(0);
  });

  it('docs/patterns.md is up to date with the catalogue (npm run docs:patterns)', () => {
    expect(readFileSync(join(REPO_ROOT, 'docs', 'patterns.md'), 'utf8')).toBe(renderPatternsMarkdown());
  });
});
