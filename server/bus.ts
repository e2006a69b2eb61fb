/**
 * The in-process bus between the pipeline/engine and the edges (socket.io, notifiers). Typed
 * events; listeners must not throw (a throwing listener is logged and skipped, never breaks ingest).
 */
import { EventEmitter } from 'node:events';
import type { AlertDto, HostSummaryDto } from './contract.ts';

export interface IngestedEvent {
  accepted: number;
  duplicates: number;
  rejected: number;
  events: number;
  at: number;
  /** Keys of hosts whose inventory or events arrived in this ingest. */
  hosts: string[];
}

export interface BusEvents {
  ingested: [IngestedEvent];
  alerts: [AlertDto[]];
  hosts: [HostSummaryDto[]];
  /** The active data context changed (demo turned off): clients need a fresh snapshot. */
  reset: [];
}

export class Bus {
  private readonly ee = new EventEmitter();
  constructor(private readonly onError: (err: unknown) => void = () => {}) {
    this.ee.setMaxListeners(100);
  }
  on<K extends keyof BusEvents>(name: K, fn: (...args: BusEvents[K]) => void): () => void {
    const wrapped = (...args: BusEvents[K]) => {
      try {
        fn(...args);
      } catch (err) {
        this.onError(err);
      }
    };
    this.ee.on(name, wrapped as (...a: unknown[]) => void);
    return () => this.ee.off(name, wrapped as (...a: unknown[]) => void);
  }
  emit<K extends keyof BusEvents>(name: K, ...args: BusEvents[K]): void {
    this.ee.emit(name, ...args);
  }
}
