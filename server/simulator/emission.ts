/**
 * What a transition makes visible. A real fleet shows Windows events, inventory changes, switch
 * table changes and switch syslog lines; the simulator additionally reports ground-truth lifecycle
 * facts (for tests of the prediction functions) and follow-up actions it schedules for itself.
 */
import type { Mac } from '../model/mac.ts';
import type { Action } from './behaviour/actions.ts';
import type { WinEvent } from './events.ts';
import type { LifecycleFact } from './predict/facts.ts';

export interface SyslogMessage {
  /** RFC 5424 severity (0–7) as in the Cisco mnemonic. */
  severity: number;
  /** `SW_MATM-4-MACFLAP_NOTIF`, `L2FM-4-L2FM_MAC_MOVE2`, … */
  mnemonic: string;
  text: string;
}

export type Emission =
  | { kind: 'event'; event: WinEvent }
  | { kind: 'schedule'; at: number; action: Action }
  | { kind: 'syslog'; at: number; switch: string; message: SyslogMessage }
  | { kind: 'macTable'; at: number; switch: string; vlan: number; mac: Mac; port: string | null; from: string | null; op: 'learn' | 'move' | 'age' | 'flush' }
  | { kind: 'inventory'; at: number; host: string; change: string }
  | { kind: 'fact'; fact: LifecycleFact };
