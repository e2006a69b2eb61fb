/**
 * The working state of one transition: a private copy of the fleet, the transition time, a cursor
 * over the fleet's PRNG, and the emissions collected so far. Handlers mutate `ctx.fleet` freely —
 * it is a clone — and `apply` hands back the result, so transitions stay pure.
 */
import type { Mac } from '../../model/mac.ts';
import type { Emission, SyslogMessage } from '../emission.ts';
import type { EventSpec, WinEvent } from '../events.ts';
import type { Fleet, HostState } from '../fleet.ts';
import type { LifecycleFact } from '../predict/facts.ts';
import { Rng, seedFrom } from '../prng.ts';
import type { Action } from './actions.ts';

export class Ctx {
  readonly emitted: Emission[] = [];
  readonly rng: Rng;

  constructor(
    readonly fleet: Fleet,
    readonly t: number,
  ) {
    this.rng = new Rng(fleet.rng);
  }

  /** Logs an event on `host` at `t + delayMs`, stamping record id, sub-ms ticks and process ids. */
  event(host: HostState, spec: EventSpec, delayMs = 0, owner = ''): WinEvent {
    const rid = (host.recordIds[spec.channel] ?? 1000 + this.rng.int(0, 90000)) + 1;
    host.recordIds[spec.channel] = rid;
    const processId =
      spec.process === 'system' ? 4 : 1000 + (seedFrom(`${host.name}|${spec.process}|${owner}`) % 9000) * 4;
    const ev: WinEvent = {
      ...spec,
      host: host.name,
      computer: `${host.name}.${host.domain}`,
      time: this.t + Math.round(delayMs),
      ticks: this.rng.int(0, 9999),
      recordId: rid,
      processId,
      threadId: 100 + this.rng.int(0, 15000) * 4,
    };
    this.emitted.push({ kind: 'event', event: ev });
    return ev;
  }

  schedule(delayMs: number, action: Action): void {
    this.emitted.push({ kind: 'schedule', at: this.t + Math.max(0, Math.round(delayMs)), action });
  }

  syslog(sw: string, message: SyslogMessage, delayMs = 0): void {
    this.emitted.push({ kind: 'syslog', at: this.t + delayMs, switch: sw, message });
  }

  fact(fact: LifecycleFact): void {
    this.emitted.push({ kind: 'fact', fact });
  }

  inventory(host: string, change: string): void {
    this.emitted.push({ kind: 'inventory', at: this.t, host, change });
  }

  macTable(sw: string, vlan: number, mac: Mac, port: string | null, from: string | null, op: 'learn' | 'move' | 'age' | 'flush'): void {
    this.emitted.push({ kind: 'macTable', at: this.t, switch: sw, vlan, mac, port, from, op });
  }

  /** Starts (or restarts) a periodic process: its first tick comes after `delayMs`. */
  startProcess(key: string, delayMs: number): void {
    const token = this.rng.int(1, 2 ** 31 - 1);
    this.fleet.processes[key] = token;
    this.schedule(delayMs, { action: '_tick', key, token });
  }

  stopProcess(key: string): void {
    delete this.fleet.processes[key];
  }
}
