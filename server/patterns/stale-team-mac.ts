/**
 * stale-team-mac: NOT IMPLEMENTED YET — a registered placeholder that never finds anything. See
 * docs/faults.md for the firing and benign rules this file must implement.
 */
import type { Pattern } from './types.ts';

export const staleTeamMac: Pattern = {
  id: 'stale-team-mac',
  severity: 'critical',
  scope: 'host',
  subjectKeys: ['host', 'vm'],
  wakeOn: ['inventory', 'events'],
  forMs: 0,
  doc: {
    title: 'stale-team-mac',
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
