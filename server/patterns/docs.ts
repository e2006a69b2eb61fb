/**
 * docs/patterns.md, generated from the catalogue (each pattern's own `doc`), so the user
 * documentation cannot drift from the code. `npm run docs:patterns` writes it; a test checks it.
 */
import type { Pattern } from './types.ts';
import { PATTERNS } from './index.ts';

const SCOPE: Record<Pattern['scope'], string> = { host: 'per host', switch: 'per switch', fleet: 'fleet-wide' };

export function renderPatternsMarkdown(patterns: readonly Pattern[] = PATTERNS): string {
  const out: string[] = [];
  out.push('# Fault patterns', '');
  out.push('Generated from `server/patterns/` by `npm run docs:patterns` — do not edit by hand.', '');
  out.push(
    'Each pattern compares what teamwatch observed with what its simulator of Hyper-V / NIC-teaming behaviour expects, and stays silent on the documented benign look-alikes. An alert is identified by its pattern id plus its subject (the fingerprint), so one fault gives one alert however many signals repeat. Ids are a stable public contract (API, webhooks, URLs).',
    '',
  );
  out.push('| id | severity | subject | holds before firing | title |', '|---|---|---|---|---|');
  for (const p of patterns) out.push(`| [\`${p.id}\`](#${p.id}) | ${p.severity} | ${p.subjectKeys.join(', ')} | ${p.forMs ? `${Math.round(p.forMs / 1000)} s` : '—'} | ${p.doc.title} |`);
  out.push('');
  for (const p of patterns) {
    out.push(`## ${p.id}`, '');
    out.push(`**${p.doc.title}** — ${p.severity}, evaluated ${SCOPE[p.scope]}; subject: ${p.subjectKeys.join(', ')}.`, '');
    out.push(p.doc.meaning, '');
    if (p.doc.signals.length) out.push('Signals:', '', ...p.doc.signals.map((s) => `- ${s}`), '');
    if (p.doc.benign.length) out.push('Stays silent on (benign look-alikes):', '', ...p.doc.benign.map((s) => `- ${s}`), '');
    if (p.doc.remediation) out.push(`Remediation: ${p.doc.remediation}`, '');
    if (p.doc.sources.length) out.push(`Sources: ${p.doc.sources.join(', ')} (see the domain notes' source list).`, '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
