/**
 * duplicate-ip: NOT IMPLEMENTED YET — a registered placeholder that never finds anything. See
 * docs/faults.md for the firing and benign rules this file must implement.
 */
import type { Pattern } from './types.ts';

export const duplicateIp: Pattern = {
  id: 'duplicate-ip',
  severity: 'critical',
  scope: 'fleet',
  subjectKeys: ['ip'],
  wakeOn: ['inventory', 'events'],
  forMs: 0,
  doc: {
    title: 'duplicate-ip',
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
