/**
 * Every ARP/neighbor input in the shared fixture folders is in the catalogue (and so parsed by the
 * golden specs and the sniff spec). A file added upstream makes this fail until it is covered.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { listExternal, OWN_ROOT } from '../../../helpers/fixtures.ts';
import { ALL_EXTERNAL, FOLDERS, OWN_CASES } from './catalogue.ts';

describe('fixture coverage per folder', () => {
  it.each(FOLDERS)('$folder: $count input files, all covered', ({ folder, inputs, notOurs, count }) => {
    const files = listExternal(folder)
      .filter((f) => inputs.test(f.slice(f.lastIndexOf('/') + 1)))
      .filter((f) => !notOurs?.test(f));
    expect(files).toHaveLength(count);
    const covered = new Set(ALL_EXTERNAL.map((c) => c.input));
    expect(files.filter((f) => !covered.has(f))).toEqual([]);
  });

  it('the catalogue names no file twice and no file outside those folders', () => {
    const inputs = ALL_EXTERNAL.map((c) => c.input);
    expect(new Set(inputs).size).toBe(inputs.length);
    expect(inputs.filter((f) => !FOLDERS.some((d) => f.startsWith(`${d.folder}/`)))).toEqual([]);
    expect(inputs).toHaveLength(FOLDERS.reduce((n, d) => n + d.count, 0));
  });

  it('every own fixture under test/fixtures/neighbors is in the catalogue', () => {
    const own = readdirSync(join(OWN_ROOT, 'neighbors')).filter((f) => !f.startsWith('.') && f !== 'README.md');
    expect(own.sort()).toEqual(OWN_CASES.map((c) => c.input).sort());
  });
});
