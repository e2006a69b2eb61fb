/**
 * duplicate-vm-mac: NOT IMPLEMENTED YET — a registered placeholder that never finds anything. See
 * docs/faults.md for the firing and benign rules this file must implement.
 */
import type { Pattern } from './types.ts';

export const duplicateVmMac: Pattern = {
  id: 'duplicate-vm-mac',
  severity: 'critical',
  scope: 'fleet',
  subjectKeys: ['mac'],
  wakeOn: ['inventory', 'events'],
  forMs: 0,
  doc: {
    title: 'duplicate-vm-mac',
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
