/**
 * lacp-negotiation-failure: NOT IMPLEMENTED YET — a registered placeholder that never finds anything. See
 * docs/faults.md for the firing and benign rules this file must implement.
 */
import type { Pattern } from './types.ts';

export const lacpNegotiationFailure: Pattern = {
  id: 'lacp-negotiation-failure',
  severity: 'warning',
  scope: 'host',
  subjectKeys: ['host', 'team'],
  wakeOn: ['inventory', 'events'],
  forMs: 0,
  doc: {
    title: 'lacp-negotiation-failure',
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
