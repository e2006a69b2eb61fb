import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE_ENUMS } from '../../../collectors/parsers/bundle-enums.ts';
import { PARSERS } from '../../../collectors/parsers/index.ts';
import { REPO_ROOT } from '../../helpers/fixtures.ts';

const docs = readFileSync(join(REPO_ROOT, 'docs/collectors.md'), 'utf8');
const row = (first: string) => docs.split('\n').find((l) => l.startsWith(`| \`${first}\` |`));

describe('docs/collectors.md describes the bundle the parser reads', () => {
  it.each(Object.entries(BUNDLE_ENUMS))('documents every value of %s', (field, table) => {
    const line = row(field);
    expect(line, `no enum row for ${field}`).toBeDefined();
    for (const [n, name] of Object.entries(table)) expect(line).toContain(`${n} \`${name}\``);
  });

  it.each(PARSERS.map((p) => p.id))('lists format id %s in "Other supported formats"', (id) => {
    expect(row(id)).toBeDefined();
  });
});
