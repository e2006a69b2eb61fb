/**
 * mac-pinned-conflict: NOT IMPLEMENTED YET — a registered placeholder that never finds anything. See
 * docs/faults.md for the firing and benign rules this file must implement.
 */
import type { Pattern } from './types.ts';

export const macPinnedConflict: Pattern = {
  id: 'mac-pinned-conflict',
  severity: 'critical',
  scope: 'host',
  subjectKeys: ['host', 'mac'],
  wakeOn: ['inventory', 'events'],
  forMs: 0,
  doc: {
    title: 'mac-pinned-conflict',
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
