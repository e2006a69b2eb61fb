/**
 * Snapshots stored as changes. A snapshot is a set of rows, each with a stable key (e.g. an ARP
 * entry `ip|iface`) and a JSON value. Applying a snapshot compares it with the open rows of the
 * same (kind, source): unchanged rows cost nothing, changed rows are closed and reopened, missing
 * rows are closed. A `snapshots` row records every receipt ("seen at"), changed or not.
 *
 * `scopes` limits what a snapshot speaks for: a partial inventory that only carried `vms` must not
 * close the adapters. A row belongs to scope S when its key starts with `S|`.
 *
 * A snapshot older than the newest stored one for its source is stored whole in `late_snapshots`
 * (flagged, never dropped) because it cannot be woven into the interval history.
 */
import type { Db } from './open.ts';

export type SnapshotKind = 'inventory' | 'neighbors' | 'macTable';

export interface SnapshotInput {
  kind: SnapshotKind;
  source: string;
  sourceName: string;
  time: number;
  format: string | null;
  rows: Map<string, string>;
  /** Row-key prefixes this snapshot covers; undefined = all rows of the source. */
  scopes?: string[];
  ingestId: number;
  /** The body to keep if the snapshot turns out to be late. */
  body: () => string;
}

export interface SnapshotApplied {
  snapshotId: number | null;
  late: boolean;
  added: number;
  changed: number;
  removed: number;
  /** Row ids that appeared or changed (the evidence a change leaves). */
  changedRowIds: number[];
}

export interface SnapshotRow {
  id: number;
  rowKey: string;
  value: unknown;
  validFrom: number;
  validTo: number | null;
}

interface OpenRow {
  id: number;
  value: string;
}

export function snapshotStore(db: Db) {
  const latestTime = db.prepare('SELECT max(time) AS t FROM snapshots WHERE kind = ? AND source = ?');
  const openRows = db.prepare('SELECT id, row_key, value FROM snapshot_rows WHERE kind = ? AND source = ? AND valid_to IS NULL');
  const close = db.prepare('UPDATE snapshot_rows SET valid_to = ? WHERE id = ?');
  const insertRow = db.prepare(
    'INSERT INTO snapshot_rows (kind, source, row_key, value, valid_from, snapshot_id) VALUES (?,?,?,?,?,?)',
  );
  const insertSnap = db.prepare(
    `INSERT INTO snapshots (kind, source, source_name, time, format, added, changed, removed, row_count, ingest_id)
     VALUES (?,?,?,?,?,?,?,?,?,?)`,
  );
  const insertLate = db.prepare('INSERT INTO late_snapshots (kind, source, time, body, ingest_id) VALUES (?,?,?,?,?)');
  const asOfRows = db.prepare(
    `SELECT id, row_key, value, valid_from, valid_to FROM snapshot_rows
     WHERE kind = ? AND source = ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?) ORDER BY row_key`,
  );
  const lastSnapBefore = db.prepare(
    'SELECT time FROM snapshots WHERE kind = ? AND source = ? AND time <= ? ORDER BY time DESC LIMIT 1',
  );
  const sources = db.prepare(
    'SELECT source, source_name AS name, max(time) AS time FROM snapshots WHERE kind = ? GROUP BY source ORDER BY source',
  );
  const rowById = db.prepare('SELECT id, kind, source, row_key, value, valid_from, valid_to FROM snapshot_rows WHERE id = ?');
  const count = db.prepare('SELECT count(*) AS n FROM snapshots');

  // The open rows per (kind, source), cached: this process is the only writer.
  const cache = new Map<string, Map<string, OpenRow>>();
  const latest = new Map<string, number>();

  function open(kind: string, source: string): Map<string, OpenRow> {
    const k = `${kind}\0${source}`;
    let m = cache.get(k);
    if (!m) {
      m = new Map();
      for (const r of openRows.iterate(kind, source) as Iterable<{ id: number; row_key: string; value: string }>) {
        m.set(r.row_key, { id: r.id, value: r.value });
      }
      cache.set(k, m);
    }
    return m;
  }

  function newest(kind: string, source: string): number | null {
    const k = `${kind}\0${source}`;
    if (latest.has(k)) return latest.get(k)!;
    const t = (latestTime.get(kind, source) as { t: number | null }).t;
    if (t !== null) latest.set(k, t);
    return t;
  }

  return {
    /** Applies one snapshot. Must run inside the caller's transaction. */
    apply(s: SnapshotInput): SnapshotApplied {
      const prev = newest(s.kind, s.source);
      if (prev !== null && s.time < prev) {
        insertLate.run(s.kind, s.source, s.time, s.body(), s.ingestId);
        return { snapshotId: null, late: true, added: 0, changed: 0, removed: 0, changedRowIds: [] };
      }
      const current = open(s.kind, s.source);
      const inScope = (key: string) => !s.scopes || s.scopes.some((p) => key.startsWith(`${p}|`));
      const pending: { key: string; value: string }[] = [];
      const toClose: { key: string; id: number }[] = [];
      let added = 0;
      let changed = 0;
      let removed = 0;
      for (const [key, value] of s.rows) {
        const cur = current.get(key);
        if (!cur) {
          added++;
          pending.push({ key, value });
        } else if (cur.value !== value) {
          changed++;
          toClose.push({ key, id: cur.id });
          pending.push({ key, value });
        }
      }
      for (const [key, cur] of current) {
        if (!s.rows.has(key) && inScope(key)) {
          removed++;
          toClose.push({ key, id: cur.id });
        }
      }
      const snapId = Number(
        insertSnap.run(s.kind, s.source, s.sourceName, s.time, s.format, added, changed, removed, s.rows.size, s.ingestId)
          .lastInsertRowid,
      );
      for (const c of toClose) {
        close.run(s.time, c.id);
        current.delete(c.key);
      }
      const changedRowIds: number[] = [];
      for (const p of pending) {
        const id = Number(insertRow.run(s.kind, s.source, p.key, p.value, s.time, snapId).lastInsertRowid);
        current.set(p.key, { id, value: p.value });
        changedRowIds.push(id);
      }
      latest.set(`${s.kind}\0${s.source}`, s.time);
      return { snapshotId: snapId, late: false, added, changed, removed, changedRowIds };
    },

    /** Drops the cache (after a rolled-back transaction, the cached rows may be ahead of the disk). */
    invalidate(): void {
      cache.clear();
      latest.clear();
    },

    /** The rows as of `at` (default: now, i.e. the open rows), and the time of the snapshot that set them. */
    rowsAsOf(kind: SnapshotKind, source: string, at?: number): { at: number | null; rows: SnapshotRow[] } {
      const t = at ?? Number.MAX_SAFE_INTEGER;
      const snap = lastSnapBefore.get(kind, source, t) as { time: number } | undefined;
      if (!snap) return { at: null, rows: [] };
      const rows = (
        asOfRows.all(kind, source, t, t) as { id: number; row_key: string; value: string; valid_from: number; valid_to: number | null }[]
      ).map((r) => ({ id: r.id, rowKey: r.row_key, value: JSON.parse(r.value), validFrom: r.valid_from, validTo: r.valid_to }));
      return { at: snap.time, rows };
    },

    sources(kind: SnapshotKind): { source: string; name: string; time: number }[] {
      return sources.all(kind) as { source: string; name: string; time: number }[];
    },

    row(id: number): (SnapshotRow & { kind: string; source: string }) | null {
      const r = rowById.get(id) as
        | { id: number; kind: string; source: string; row_key: string; value: string; valid_from: number; valid_to: number | null }
        | undefined;
      return r
        ? { id: r.id, kind: r.kind, source: r.source, rowKey: r.row_key, value: JSON.parse(r.value), validFrom: r.valid_from, validTo: r.valid_to }
        : null;
    },

    count(): number {
      return (count.get() as { n: number }).n;
    },
  };
}

export type SnapshotStore = ReturnType<typeof snapshotStore>;
