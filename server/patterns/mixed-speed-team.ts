/**
 * mixed-speed-team: NOT IMPLEMENTED YET — a registered placeholder that never finds anything. See
 * docs/faults.md for the firing and benign rules this file must implement.
 */
import type { Pattern } from './types.ts';

export const mixedSpeedTeam: Pattern = {
  id: 'mixed-speed-team',
  severity: 'warning',
  scope: 'host',
  subjectKeys: ['host', 'team'],
  wakeOn: ['inventory', 'events'],
  forMs: 0,
  doc: {
    title: 'mixed-speed-team',
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
