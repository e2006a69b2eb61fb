/**
 * team-interface-disabled: NOT IMPLEMENTED YET — a registered placeholder that never finds anything. See
 * docs/faults.md for the firing and benign rules this file must implement.
 */
import type { Pattern } from './types.ts';

export const teamInterfaceDisabled: Pattern = {
  id: 'team-interface-disabled',
  severity: 'critical',
  scope: 'host',
  subjectKeys: ['host', 'team'],
  wakeOn: ['inventory', 'events'],
  forMs: 0,
  doc: {
    title: 'team-interface-disabled',
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
