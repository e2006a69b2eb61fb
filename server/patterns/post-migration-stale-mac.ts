/**
 * post-migration-stale-mac: NOT IMPLEMENTED YET — a registered placeholder that never finds anything. See
 * docs/faults.md for the firing and benign rules this file must implement.
 */
import type { Pattern } from './types.ts';

export const postMigrationStaleMac: Pattern = {
  id: 'post-migration-stale-mac',
  severity: 'critical',
  scope: 'fleet',
  subjectKeys: ['vm'],
  wakeOn: ['inventory', 'events'],
  forMs: 0,
  doc: {
    title: 'post-migration-stale-mac',
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
