/**
 * live-migration-failed: NOT IMPLEMENTED YET — a registered placeholder that never finds anything. See
 * docs/faults.md for the firing and benign rules this file must implement.
 */
import type { Pattern } from './types.ts';

export const liveMigrationFailed: Pattern = {
  id: 'live-migration-failed',
  severity: 'warning',
  scope: 'host',
  subjectKeys: ['vm'],
  wakeOn: ['inventory', 'events'],
  forMs: 0,
  doc: {
    title: 'live-migration-failed',
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
