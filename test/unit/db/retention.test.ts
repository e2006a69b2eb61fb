/**
 * Retention prunes old data in small batches, yielding between them, and keeps the current state
 * of every source however old it is (a host that has not changed in a year still has inventory).
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openContext } from '../../../server/context.ts';
import { Bus } from '../../../server/bus.ts';
import { pruneAll } from '../../../db/retention.ts';
import { event } from '../../helpers/engine.ts';

const DAY = 86_400_000;

describe('retention', () => {
  it('deletes events and closed snapshot rows older than the cut-off in batches, keeping current state', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'teamwatch-retention-'));
    const ctx = openContext('real', join(dir, 'r.db'), new Bus(), null);
    try {
      const old = Date.UTC(2025, 0, 1);
      const events = Array.from({ length: 5000 }, (_, i) => event('HV1', old + i * 1000, { provider: 'e1iexpress', eventId: 27, recordId: i + 1 }));
      ctx.pipeline.ingestObservations(events, { format: 'event-xml', source: 'test', client: null, bytes: 0, receivedAt: old });
      ctx.pipeline.ingestObservations([event('HV1', old + 200 * DAY, { provider: 'e1iexpress', eventId: 32, recordId: 99_999 })], { format: 'event-xml', source: 'test', client: null, bytes: 0, receivedAt: old });
      const table = (port: string) => ({ kind: 'macTable' as const, device: 'sw1', time: 0, format: 'x', entries: [{ mac: '00:15:5d:00:00:01', vlan: 10, port, type: 'dynamic' }, { mac: '00:15:5d:00:00:02', vlan: 10, port: 'Gi1/0/9', type: 'dynamic' }] });
      ctx.pipeline.ingestObservations([{ ...table('Gi1/0/1'), time: old }], { format: 'x', source: 'test', client: null, bytes: 0, receivedAt: old });
      ctx.pipeline.ingestObservations([{ ...table('Gi1/0/2'), time: old + DAY }], { format: 'x', source: 'test', client: null, bytes: 0, receivedAt: old });

      let yields = 0;
      const deleted = await pruneAll(ctx.db, old + 100 * DAY, async () => {
        yields++;
      });
      expect(deleted).toBeGreaterThanOrEqual(5000);
      expect(yields).toBeGreaterThanOrEqual(2); // 5,000 events in batches of 2,000
      expect(ctx.stores.events.count()).toBe(1);
      // The closed row (Gi1/0/1) went; the current table survives though it is older than the cut-off.
      const now = ctx.stores.snapshots.rowsAsOf('macTable', 'sw1');
      expect(now.rows.map((r) => (r.value as { port: string }).port).sort()).toEqual(['Gi1/0/2', 'Gi1/0/9']);
      const all = ctx.db.prepare("SELECT count(*) AS n FROM snapshot_rows WHERE kind='macTable'").get() as { n: number };
      expect(all.n).toBe(2);
    } finally {
      ctx.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
