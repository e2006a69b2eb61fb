/** Ingest counters for the live stream: totals since start and events per minute over the last hour. */
import type { IngestCounters } from '../contract.ts';
import type { IngestedEvent } from '../bus.ts';

export function createCounters(now: () => number) {
  const perMinute = new Map<number, number>();
  const totals = { accepted: 0, rejected: 0, duplicates: 0 };
  return {
    record(e: IngestedEvent): void {
      totals.accepted += e.accepted;
      totals.rejected += e.rejected;
      totals.duplicates += e.duplicates;
      if (e.events > 0) {
        const minute = Math.floor(now() / 60_000);
        perMinute.set(minute, (perMinute.get(minute) ?? 0) + e.events);
        for (const k of perMinute.keys()) if (k < minute - 60) perMinute.delete(k);
      }
    },
    snapshot(): IngestCounters {
      const minute = Math.floor(now() / 60_000);
      const eventsPerMinute: number[] = [];
      for (let m = minute - 59; m <= minute; m++) eventsPerMinute.push(perMinute.get(m) ?? 0);
      return { ...totals, eventsPerMinute };
    },
    reset(): void {
      perMinute.clear();
      totals.accepted = totals.rejected = totals.duplicates = 0;
    },
  };
}

export type Counters = ReturnType<typeof createCounters>;
