/** Writes docs/patterns.md from the pattern catalogue. */
import { writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderPatternsMarkdown } from '../server/patterns/docs.ts';

const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'patterns.md');
writeFileSync(target, renderPatternsMarkdown());
console.log(`wrote ${target}`);
