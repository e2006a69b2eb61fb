/**
 * long-migration-blackout: NOT IMPLEMENTED YET — a registered placeholder that never finds anything. See
 * docs/faults.md for the firing and benign rules this file must implement.
 */
import type { Pattern } from './types.ts';

export const longMigrationBlackout: Pattern = {
  id: 'long-migration-blackout',
  severity: 'warning',
  scope: 'host',
  subjectKeys: ['vm'],
  wakeOn: ['inventory', 'events'],
  forMs: 0,
  doc: {
    title: 'long-migration-blackout',
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
