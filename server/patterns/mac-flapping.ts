/**
 * mac-flapping: NOT IMPLEMENTED YET — a registered placeholder that never finds anything. See
 * docs/faults.md for the firing and benign rules this file must implement.
 */
import type { Pattern } from './types.ts';

export const macFlapping: Pattern = {
  id: 'mac-flapping',
  severity: 'critical',
  scope: 'switch',
  subjectKeys: ['switch', 'vlan', 'mac'],
  wakeOn: ['inventory', 'events'],
  forMs: 0,
  doc: {
    title: 'mac-flapping',
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
