/**
 * guest-team-path-down: NOT IMPLEMENTED YET — a registered placeholder that never finds anything. See
 * docs/faults.md for the firing and benign rules this file must implement.
 */
import type { Pattern } from './types.ts';

export const guestTeamPathDown: Pattern = {
  id: 'guest-team-path-down',
  severity: 'warning',
  scope: 'host',
  subjectKeys: ['host', 'vm'],
  wakeOn: ['inventory', 'events'],
  forMs: 0,
  doc: {
    title: 'guest-team-path-down',
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
