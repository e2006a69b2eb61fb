/** Who sent what, when, and how much was accepted — one row per ingest request or syslog batch. */
import type { Db } from './open.ts';

export interface IngestLogEntry {
  receivedAt: number;
  source: string;
  client: string | null;
  format: string | null;
  bytes: number;
}

export function ingestLogStore(db: Db) {
  const insert = db.prepare(
    'INSERT INTO ingest_log (received_at, source, client, format, bytes, accepted, duplicates, rejected) VALUES (?,?,?,?,?,0,0,0)',
  );
  const finish = db.prepare('UPDATE ingest_log SET format = ?, accepted = ?, duplicates = ?, rejected = ?, late = ?, error = ? WHERE id = ?');
  const failed = db.prepare(
    'INSERT INTO ingest_log (received_at, source, client, format, bytes, accepted, duplicates, rejected, error) VALUES (?,?,?,?,?,0,0,0,?)',
  );
  const recent = db.prepare('SELECT * FROM ingest_log ORDER BY id DESC LIMIT ?');
  return {
    begin(e: IngestLogEntry): number {
      return Number(insert.run(e.receivedAt, e.source, e.client, e.format, e.bytes).lastInsertRowid);
    },
    finish(id: number, r: { format: string; accepted: number; duplicates: number; rejected: number; late: number; error?: string | null }): void {
      finish.run(r.format, r.accepted, r.duplicates, r.rejected, r.late, r.error ?? null, id);
    },
    /** A request refused as a whole (unparseable, too large): recorded outside any data transaction. */
    refused(e: IngestLogEntry, error: string): void {
      failed.run(e.receivedAt, e.source, e.client, e.format, e.bytes, error);
    },
    recent(limit: number): unknown[] {
      return recent.all(limit);
    },
  };
}

export type IngestLogStore = ReturnType<typeof ingestLogStore>;
