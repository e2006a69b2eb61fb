/**
 * guest-team-misconfigured: NOT IMPLEMENTED YET — a registered placeholder that never finds anything. See
 * docs/faults.md for the firing and benign rules this file must implement.
 */
import type { Pattern } from './types.ts';

export const guestTeamMisconfigured: Pattern = {
  id: 'guest-team-misconfigured',
  severity: 'warning',
  scope: 'host',
  subjectKeys: ['vm'],
  wakeOn: ['inventory', 'events'],
  forMs: 0,
  doc: {
    title: 'guest-team-misconfigured',
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
