/**
 * mac-pool-overlap: NOT IMPLEMENTED YET — a registered placeholder that never finds anything. See
 * docs/faults.md for the firing and benign rules this file must implement.
 */
import type { Pattern } from './types.ts';

export const macPoolOverlap: Pattern = {
  id: 'mac-pool-overlap',
  severity: 'warning',
  scope: 'fleet',
  subjectKeys: ['hosts'],
  wakeOn: ['inventory', 'events'],
  forMs: 0,
  doc: {
    title: 'mac-pool-overlap',
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
