/**
 * Drives the pure engine directly for pattern specifications: build observations with terse
 * helpers, step them through the real step() with the real pattern registry and the simulator's
 * predictor, and read the alerts. Times are event times (ms); nothing here touches a clock.
 */
import { createState, type AlertState, type EngineState } from '../../server/engine/state.ts';
import { step } from '../../server/engine/step.ts';
import { simulatorPredictor } from '../../server/engine/predictor.ts';
import { PATTERNS } from '../../server/patterns/index.ts';
import type { Pattern } from '../../server/patterns/types.ts';
import type { AcceptedObservation } from '../../server/pipeline.ts';
import type { EventObservation, InventoryObservation, MacTableObservation, NeighborsObservation, Observation, SwitchLogObservation } from '../../server/model/observation.ts';
import type { Inventory } from '../../server/model/inventory.ts';

export const T0 = Date.UTC(2026, 10, 2, 8, 0, 0);
export const sec = (n: number) => n * 1000;
export const min = (n: number) => n * 60_000;

let nextId = 1;

export class EngineHarness {
  readonly state: EngineState;
  constructor(readonly patterns: readonly Pattern[] = PATTERNS) {
    // Pattern specifications evaluate fleet-scope patterns on every step (production throttles them).
    this.state = createState(simulatorPredictor(), { l2Domains: [], fleetEvalEveryMs: 0 });
  }
  /** Steps one batch (like one ingest request). Returns the alerts that changed. */
  post(...obs: Observation[]): AlertState[] {
    const batch: AcceptedObservation[] = obs.map((o) => ({
      obs: o,
      ref: o.kind === 'event' ? { kind: 'event', id: nextId++ } : o.kind === 'switchLog' ? { kind: 'switchLog', id: nextId++ } : { kind: 'snapshot', id: nextId++, changed: true },
    }));
    return step(this.state, batch, this.patterns).alerts;
  }
  /** Advances the engine clock with nothing arriving (live tick). */
  tick(time: number): AlertState[] {
    return step(this.state, [], this.patterns, time).alerts;
  }
  /** Alerts currently pending or firing. */
  active(pattern?: string): AlertState[] {
    return [...this.state.active.values()].filter((a) => !pattern || a.pattern === pattern);
  }
  firing(pattern?: string): AlertState[] {
    return this.active(pattern).filter((a) => a.status === 'firing');
  }
  /** Every alert that reached firing in this run (active or resolved). */
  everFired(pattern?: string): AlertState[] {
    return [...this.state.byId.values()].filter((a) => a.firedAt !== null && (!pattern || a.pattern === pattern));
  }
}

export function inventory(host: string, time: number, inv: Inventory): InventoryObservation {
  return { kind: 'inventory', host, time, collector: null, inventory: inv };
}

export function event(host: string, time: number, e: Partial<EventObservation> & Pick<EventObservation, 'provider' | 'eventId'>): EventObservation {
  return {
    kind: 'event',
    host,
    time,
    ticks: 0,
    providerGuid: null,
    qualifiers: null,
    version: 0,
    level: 4,
    task: null,
    opcode: null,
    keywords: null,
    channel: 'System',
    recordId: null,
    computer: host,
    message: null,
    data: {},
    params: [],
    userDataName: null,
    binary: null,
    raw: '',
    ...e,
  };
}

export const lbfo16945 = (host: string, time: number, teamNic = 'Microsoft Network Adapter Multiplexor Driver') =>
  event(host, time, {
    provider: 'Microsoft-Windows-MsLbfoSysEvtProvider',
    eventId: 16945,
    level: 3,
    message: `MAC conflict: A port on the virtual switch has the same MAC as one of the underlying team members on Team Nic ${teamNic}`,
    params: ['', teamNic],
  });

export const vmEvent = (host: string, time: number, eventId: 18500 | 18502 | 18504 | 18512 | 18514, vm: string, vmId = '00000000-0000-0000-0000-000000000001') =>
  event(host, time, { provider: 'Microsoft-Windows-Hyper-V-Worker', channel: 'Microsoft-Windows-Hyper-V-Worker-Admin', eventId, data: { VmName: vm, VmId: vmId }, params: [vm, vmId], userDataName: 'VmlEventLog' });

export function macTable(device: string, time: number, entries: MacTableObservation['entries']): MacTableObservation {
  return { kind: 'macTable', device, time, format: 'cisco-ios-mac', entries };
}

export function neighbors(observer: string, time: number, entries: NeighborsObservation['entries']): NeighborsObservation {
  return { kind: 'neighbors', observer, time, format: 'get-netneighbor', entries };
}

export function switchLog(device: string, time: number, s: Partial<SwitchLogObservation>): SwitchLogObservation {
  return { kind: 'switchLog', device, time, logKind: 'flap', mnemonic: null, severity: 4, mac: null, vlan: null, fromPort: null, toPort: null, message: '', raw: '', ...s };
}
