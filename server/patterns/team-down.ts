/**
 * team-down: NOT IMPLEMENTED YET — a registered placeholder that never finds anything. See
 * docs/faults.md for the firing and benign rules this file must implement.
 */
import type { Pattern } from './types.ts';

export const teamDown: Pattern = {
  id: 'team-down',
  severity: 'critical',
  scope: 'host',
  subjectKeys: ['host', 'team'],
  wakeOn: ['inventory', 'events'],
  forMs: 0,
  doc: {
    title: 'team-down',
    meaning: 'Not implemented yet.',
    signals: [],
    benign: [],
    remediation: '',
    sources: [],
  },
  evaluate() {
    return { findings: [] };
  },
};
