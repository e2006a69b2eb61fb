/**
 * Ingest throughput: (a) the raw limit — better-sqlite3 batched inserts of exactly the rows the
 * pipeline stores, same schema, indexes and pragmas, rows prepared in advance — and (b) end to end
 * through `POST /api/v1/ingest` on a real server process (1,000-event XML and ECS JSON batches,
 * 4 concurrent connections), and their ratio.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../db/open.ts';
import { eventStore } from '../db/events.ts';
import { parseInput } from '../collectors/parsers/index.ts';
import type { EventObservation } from '../server/model/observation.ts';
import { newGen, xmlBatch, ecsBatch } from './gen.ts';
import { startServerProcess, postLoop } from './proc.ts';

export interface IngestBench {
  rawEventsPerSec: number;
  xmlEventsPerSec: number;
  jsonEventsPerSec: number;
  parseXmlEventsPerSec: number;
  parseJsonEventsPerSec: number;
}

function rawInsert(dir: string, batches: EventObservation[][]): number {
  const db = openDb(join(dir, 'raw.db'));
  const store = eventStore(db);
  const ins = db.prepare('INSERT INTO ingest_log (received_at, source, bytes, accepted, duplicates, rejected) VALUES (0, ?, 0, 0, 0, 0)');
  const tx = db.transaction((b: EventObservation[]) => {
    const id = Number(ins.run('bench').lastInsertRowid);
    for (const e of b) store.insert(e, id, false);
  });
  const started = performance.now();
  let n = 0;
  for (const b of batches) {
    tx(b);
    n += b.length;
  }
  const secs = (performance.now() - started) / 1000;
  db.close();
  return n / secs;
}

export async function benchIngest(opts: { seconds: number }): Promise<IngestBench> {
  const dir = mkdtempSync(join(tmpdir(), 'teamwatch-bench-'));
  try {
    // Parse cost alone (one core).
    const g = newGen();
    const xmlBodies = Array.from({ length: 40 }, () => xmlBatch(g, 1000));
    const jsonBodies = Array.from({ length: 40 }, () => ecsBatch(g, 1000));
    let t = performance.now();
    const parsed: EventObservation[][] = xmlBodies.map((b) => parseInput(b, { receivedAt: 0 }).observations as EventObservation[]);
    const parseXmlEventsPerSec = 40_000 / ((performance.now() - t) / 1000);
    t = performance.now();
    for (const b of jsonBodies) parseInput(b, { receivedAt: 0 });
    const parseJsonEventsPerSec = 40_000 / ((performance.now() - t) / 1000);

    const rawEventsPerSec = rawInsert(dir, parsed);

    const server = await startServerProcess(join(dir, 'e2e.db'));
    try {
      // Bodies are generated before the timed loop (as the anchor measurement did): on two cores a
      // generator building 700 KB bodies on the fly would compete with the server it measures.
      const pregen = (make: () => string, n: number) => {
        const bodies = Array.from({ length: n }, make);
        let i = 0;
        return () => {
          if (i >= bodies.length) throw new Error('bench ran out of pre-generated bodies');
          return bodies[i++];
        };
      };
      const n = Math.ceil(opts.seconds * 60);
      const gx = newGen(Date.UTC(2026, 10, 2), 500_000_000);
      const xml = await postLoop(server, opts.seconds, 4, pregen(() => xmlBatch(gx, 1000), n));
      const gj = newGen(Date.UTC(2026, 10, 3), 1_000_000_000);
      const json = await postLoop(server, opts.seconds, 4, pregen(() => ecsBatch(gj, 1000), n));
      return { rawEventsPerSec, xmlEventsPerSec: xml.acceptedPerSec, jsonEventsPerSec: json.acceptedPerSec, parseXmlEventsPerSec, parseJsonEventsPerSec };
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
