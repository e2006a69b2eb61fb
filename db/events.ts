/**
 * The events store: idempotent batched inserts and the timeline queries behind /api/v1/events.
 * Idempotency key: host|channel|record id, or a content hash when the source has no record id.
 */
import { createHash } from 'node:crypto';
import type { Db } from './open.ts';
import { Where } from './where.ts';
import type { EventObservation } from '../server/model/observation.ts';
import { hostKey } from '../server/model/observation.ts';

/** A stored event: the observation as parsed, plus its row id, host key and late flag. */
export type StoredEvent = Omit<EventObservation, 'kind'> & { id: number; hostKey: string; late: boolean };

/** The observation a stored event was made from (replay feeds these back to the engine). */
export function eventObservation(e: StoredEvent): EventObservation {
  const { id: _id, hostKey: _key, late: _late, ...rest } = e;
  return { kind: 'event', ...rest };
}

export interface EventQuery {
  host?: string;
  provider?: string;
  eventId?: number;
  since?: number;
  until?: number;
  /** Continue after this (time, id) position — the page cursor. */
  after?: { time: number; id: number };
  limit: number;
  order?: 'desc' | 'asc';
}

export function eventDedupKey(e: EventObservation): string {
  if (e.recordId !== null) return `${hostKey(e.host)}|${e.channel.toLowerCase()}|${e.recordId}`;
  const h = createHash('sha1');
  h.update(`${hostKey(e.host)}\0${e.channel}\0${e.provider}\0${e.eventId}\0${e.time}\0${e.ticks}\0${e.message ?? ''}\0`);
  h.update(JSON.stringify(e.params));
  return `h:${h.digest('base64url')}`;
}

interface Row {
  id: number;
  host_key: string;
  host: string;
  channel: string;
  provider: string;
  provider_guid: string | null;
  event_id: number;
  qualifiers: number | null;
  version: number | null;
  level: number;
  task: number | null;
  opcode: number | null;
  keywords: string | null;
  record_id: number | null;
  time: number;
  ticks: number;
  computer: string;
  message: string | null;
  data: string;
  params: string;
  user_data_name: string | null;
  binary: string | null;
  raw: string;
  late: number;
}

function fromRow(r: Row): StoredEvent {
  return {
    id: r.id,
    hostKey: r.host_key,
    host: r.host,
    channel: r.channel,
    provider: r.provider,
    providerGuid: r.provider_guid,
    eventId: r.event_id,
    qualifiers: r.qualifiers,
    version: r.version,
    level: r.level,
    task: r.task,
    opcode: r.opcode,
    keywords: r.keywords,
    recordId: r.record_id,
    time: r.time,
    ticks: r.ticks,
    computer: r.computer,
    message: r.message,
    data: JSON.parse(r.data) as Record<string, string>,
    params: JSON.parse(r.params) as string[],
    userDataName: r.user_data_name,
    binary: r.binary,
    raw: r.raw,
    late: r.late === 1,
  };
}

export function eventStore(db: Db) {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO events (host_key, host, channel, provider, provider_guid, event_id, qualifiers, version, level,
       task, opcode, keywords, record_id, time, ticks, computer, message, data, params, user_data_name, binary, raw,
       dedup_key, ingest_id, late)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const byId = db.prepare('SELECT * FROM events WHERE id = ?');
  const count = db.prepare('SELECT count(*) AS n FROM events');

  return {
    /** Inserts one event; returns its row id, or null when it was a duplicate. Call inside a transaction. */
    insert(e: EventObservation, ingestId: number, late: boolean): number | null {
      const r = insert.run(
        hostKey(e.host),
        e.host,
        e.channel,
        e.provider,
        e.providerGuid,
        e.eventId,
        e.qualifiers,
        e.version,
        e.level,
        e.task,
        e.opcode,
        e.keywords,
        e.recordId,
        e.time,
        e.ticks,
        e.computer,
        e.message,
        JSON.stringify(e.data),
        JSON.stringify(e.params),
        e.userDataName,
        e.binary,
        e.raw,
        eventDedupKey(e),
        ingestId,
        late ? 1 : 0,
      );
      return r.changes === 1 ? Number(r.lastInsertRowid) : null;
    },

    get(id: number): StoredEvent | null {
      const r = byId.get(id) as Row | undefined;
      return r ? fromRow(r) : null;
    },

    getMany(ids: number[]): StoredEvent[] {
      if (ids.length === 0) return [];
      const rows = db.prepare(`SELECT * FROM events WHERE id IN (${ids.map(() => '?').join(',')})`).all(...ids) as Row[];
      return rows.map(fromRow);
    },

    query(q: EventQuery): StoredEvent[] {
      const desc = q.order !== 'asc';
      const w = new Where()
        .when(q.host && hostKey(q.host), 'host_key = ?')
        .when(q.provider, 'provider = ? COLLATE NOCASE')
        .when(q.eventId, 'event_id = ?')
        .when(q.since, 'time >= ?')
        .when(q.until, 'time < ?')
        .when(q.after, desc ? '(time < ? OR (time = ? AND id < ?))' : '(time > ? OR (time = ? AND id > ?))', q.after?.time, q.after?.time, q.after?.id);
      const sql = `SELECT * FROM events ${w} ORDER BY time ${desc ? 'DESC' : 'ASC'}, id ${desc ? 'DESC' : 'ASC'} LIMIT ?`;
      return (db.prepare(sql).all(...w.args, q.limit) as Row[]).map(fromRow);
    },

    /** All events in [from, to) ordered by time, for replay. Iterates without loading everything. */
    *iterate(from: number, to: number): Generator<StoredEvent> {
      const stmt = db.prepare('SELECT * FROM events WHERE time >= ? AND time < ? ORDER BY time, id');
      for (const r of stmt.iterate(from, to) as Iterable<Row>) yield fromRow(r);
    },

    count(): number {
      return (count.get() as { n: number }).n;
    },
  };
}

export type EventStore = ReturnType<typeof eventStore>;
