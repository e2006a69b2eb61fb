/**
 * Reads stored history back as the batches live processing saw: one batch per ingest (in ingest
 * order, late records excluded — they were never judged live), each followed by the engine ticks
 * recorded after it. Snapshots are rebuilt from their change rows "as of" their time.
 */
import type { Db } from '../../db/open.ts';
import type { Stores } from '../stores.ts';
import type { AcceptedObservation } from '../pipeline.ts';
import type { Observation } from '../model/observation.ts';
import { inventoryFromRows } from '../model/snapshot-rows.ts';
import { eventObservation } from '../../db/events.ts';

export interface ReplayBatch {
  ingestId: number;
  batch: AcceptedObservation[];
  ticks: number[];
}

interface SnapRow {
  id: number;
  kind: 'inventory' | 'neighbors' | 'macTable';
  source: string;
  source_name: string;
  time: number;
  format: string | null;
  added: number;
  changed: number;
  removed: number;
}

export function* replayBatches(db: Db, stores: Stores, opts: { from?: number; to?: number } = {}): Generator<ReplayBatch> {
  const from = opts.from ?? -Number.MAX_SAFE_INTEGER;
  const to = opts.to ?? Number.MAX_SAFE_INTEGER;
  const ingests = db.prepare('SELECT id FROM ingest_log WHERE accepted > 0 ORDER BY id').pluck().all() as number[];
  const snaps = db.prepare('SELECT id, kind, source, source_name, time, format, added, changed, removed FROM snapshots WHERE ingest_id = ? AND late = 0 AND time >= ? AND time < ? ORDER BY id');
  const events = db.prepare('SELECT id FROM events WHERE ingest_id = ? AND late = 0 AND time >= ? AND time < ? ORDER BY id').pluck();
  const logs = db.prepare('SELECT id FROM switch_logs WHERE ingest_id = ? AND late = 0 AND time >= ? AND time < ? ORDER BY id').pluck();
  const ticksAfter = new Map<number, number[]>();
  for (const t of db.prepare('SELECT after_ingest_id AS a, time FROM engine_ticks ORDER BY id').all() as { a: number; time: number }[]) {
    if (t.time < from || t.time >= to) continue;
    const list = ticksAfter.get(t.a) ?? [];
    list.push(t.time);
    ticksAfter.set(t.a, list);
  }
  const emptyTicksOnly = (id: number) => ticksAfter.get(id) ?? [];

  for (const ingestId of ingests) {
    const batch: AcceptedObservation[] = [];
    for (const s of snaps.all(ingestId, from, to) as SnapRow[]) {
      const { rows } = stores.snapshots.rowsAsOf(s.kind, s.source, s.time);
      const changed = s.added + s.changed + s.removed > 0;
      let obs: Observation;
      if (s.kind === 'inventory') obs = { kind: 'inventory', host: s.source_name, time: s.time, collector: null, inventory: inventoryFromRows(rows) };
      else if (s.kind === 'neighbors') obs = { kind: 'neighbors', observer: s.source_name, time: s.time, format: s.format ?? '', entries: rows.map((r) => ({ ageSec: null, ...(r.value as object) }) as never) };
      else obs = { kind: 'macTable', device: s.source_name, time: s.time, format: s.format ?? '', entries: rows.map((r) => r.value as never) };
      batch.push({ obs, ref: { kind: 'snapshot', id: s.id, changed } });
    }
    const eventIds = events.all(ingestId, from, to) as number[];
    for (const e of stores.events.getMany(eventIds).sort((a, b) => a.id - b.id)) {
      batch.push({
        obs: eventObservation(e),
        ref: { kind: 'event', id: e.id },
      });
    }
    const logIds = logs.all(ingestId, from, to) as number[];
    for (const l of stores.switchLogs.getMany(logIds).sort((a, b) => a.id - b.id)) {
      batch.push({
        obs: { kind: 'switchLog', device: l.device, time: l.time, logKind: l.logKind as never, mnemonic: l.mnemonic, severity: l.severity, mac: l.mac, vlan: l.vlan, fromPort: l.fromPort, toPort: l.toPort, message: l.message, raw: l.raw },
        ref: { kind: 'switchLog', id: l.id },
      });
    }
    const ticks = emptyTicksOnly(ingestId);
    if (batch.length || ticks.length) yield { ingestId, batch, ticks };
  }
}
