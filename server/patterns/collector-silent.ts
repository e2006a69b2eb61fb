/**
 * collector-silent: NOT IMPLEMENTED YET — a registered placeholder that never finds anything. See
 * docs/faults.md for the firing and benign rules this file must implement.
 */
import type { Pattern } from './types.ts';

export const collectorSilent: Pattern = {
  id: 'collector-silent',
  severity: 'warning',
  scope: 'host',
  subjectKeys: ['host'],
  wakeOn: ['inventory', 'events'],
  forMs: 0,
  doc: {
    title: 'collector-silent',
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
