/** Hosts and switches seen so far, keyed by `hostKey` (first DNS label, lower case). */
import type { Db } from './open.ts';
import { hostKey } from '../server/model/observation.ts';

export interface HostRow {
  key: string;
  name: string;
  firstSeen: number;
  lastSeen: number;
  lastReport: number | null;
  collectorVersion: string | null;
  osName: string | null;
  osBuild: number | null;
  cluster: string | null;
}

interface Row {
  key: string;
  name: string;
  first_seen: number;
  last_seen: number;
  last_report: number | null;
  collector_version: string | null;
  os_name: string | null;
  os_build: number | null;
  cluster: string | null;
}

const fromRow = (r: Row): HostRow => ({
  key: r.key,
  name: r.name,
  firstSeen: r.first_seen,
  lastSeen: r.last_seen,
  lastReport: r.last_report,
  collectorVersion: r.collector_version,
  osName: r.os_name,
  osBuild: r.os_build,
  cluster: r.cluster,
});

export function hostStore(db: Db) {
  const upsert = db.prepare(
    `INSERT INTO hosts (key, name, first_seen, last_seen) VALUES (?, ?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET last_seen = max(last_seen, excluded.last_seen)`,
  );
  const report = db.prepare(
    `UPDATE hosts SET name = ?, last_report = max(coalesce(last_report, 0), ?), collector_version = coalesce(?, collector_version),
       os_name = coalesce(?, os_name), os_build = coalesce(?, os_build), cluster = coalesce(?, cluster) WHERE key = ?`,
  );
  const all = db.prepare('SELECT * FROM hosts ORDER BY key');
  const one = db.prepare('SELECT * FROM hosts WHERE key = ?');
  const seen = new Map<string, number>();
  // Within one transaction, sightings are collected and written once per host by flush().
  const pending = new Map<string, { name: string; min: number; max: number }>();
  return {
    /** Records that `name` was seen at `time`. Call flush() before the transaction commits. */
    seen(name: string, time: number): string {
      const key = hostKey(name);
      const prev = seen.get(key);
      if (prev === undefined || time > prev) {
        const p = pending.get(key);
        if (!p) pending.set(key, { name, min: time, max: time });
        else {
          if (time > p.max) p.max = time;
          if (time < p.min) p.min = time;
        }
      }
      return key;
    },
    flush(): void {
      for (const [key, p] of pending) {
        upsert.run(key, p.name, p.min, p.max);
        seen.set(key, Math.max(seen.get(key) ?? 0, p.max));
      }
      pending.clear();
    },
    /** A collector report (bundle/inventory): the collector's own spelling of the name wins. */
    reported(name: string, time: number, meta: { collectorVersion?: string | null; osName?: string | null; osBuild?: number | null; cluster?: string | null }): void {
      const key = this.seen(name, time);
      this.flush();
      report.run(name, time, meta.collectorVersion ?? null, meta.osName ?? null, meta.osBuild ?? null, meta.cluster ?? null, key);
    },
    all(): HostRow[] {
      return (all.all() as Row[]).map(fromRow);
    },
    get(name: string): HostRow | null {
      const r = one.get(hostKey(name)) as Row | undefined;
      return r ? fromRow(r) : null;
    },
    invalidate(): void {
      seen.clear();
      pending.clear();
    },
  };
}

export type HostStore = ReturnType<typeof hostStore>;
