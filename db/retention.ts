/**
 * Retention: deletes data older than the cut-off in small batches, each its own short
 * transaction, so ingest (the one writer shares this process) is never blocked for long.
 * Snapshot rows are pruned only once closed (valid_to before the cut-off): the current state of a
 * source is kept however old it is.
 */
import type { Db } from './open.ts';

const BATCH = 2000;

export function retentionPruner(db: Db) {
  const steps = [
    db.prepare(`DELETE FROM events WHERE id IN (SELECT id FROM events WHERE time < ? LIMIT ${BATCH})`),
    db.prepare(`DELETE FROM switch_logs WHERE id IN (SELECT id FROM switch_logs WHERE time < ? LIMIT ${BATCH})`),
    db.prepare(`DELETE FROM snapshot_rows WHERE id IN (SELECT id FROM snapshot_rows WHERE valid_to IS NOT NULL AND valid_to < ? LIMIT ${BATCH})`),
    db.prepare(`DELETE FROM snapshots WHERE id IN (SELECT s.id FROM snapshots s WHERE s.time < ? AND NOT EXISTS (SELECT 1 FROM snapshot_rows r WHERE r.snapshot_id = s.id) LIMIT ${BATCH})`),
    db.prepare(`DELETE FROM late_snapshots WHERE id IN (SELECT id FROM late_snapshots WHERE time < ? LIMIT ${BATCH})`),
    db.prepare(`DELETE FROM ingest_log WHERE id IN (SELECT id FROM ingest_log WHERE received_at < ? LIMIT ${BATCH})`),
  ];
  return {
    /** Deletes at most one batch per table; returns rows deleted (0 = nothing left to prune). */
    step(cutoff: number): number {
      let n = 0;
      for (const s of steps) n += s.run(cutoff).changes;
      return n;
    },
  };
}

/** Runs `step` until nothing is left, yielding to the event loop between batches. */
export async function pruneAll(db: Db, cutoff: number, yieldFn: () => Promise<void> = () => new Promise((r) => setImmediate(r))): Promise<number> {
  const p = retentionPruner(db);
  let total = 0;
  for (;;) {
    const n = p.step(cutoff);
    total += n;
    if (n === 0) return total;
    await yieldFn();
  }
}
