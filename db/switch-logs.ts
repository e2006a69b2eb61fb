/** Switch syslog records (MAC move/flap lines and unclassified lines), idempotent on device+time+line. */
import { createHash } from 'node:crypto';
import type { Db } from './open.ts';
import { Where } from './where.ts';
import type { SwitchLogObservation } from '../server/model/observation.ts';
import { hostKey } from '../server/model/observation.ts';

export interface StoredSwitchLog {
  id: number;
  deviceKey: string;
  device: string;
  time: number;
  logKind: string;
  mnemonic: string | null;
  severity: number | null;
  mac: string | null;
  vlan: number | null;
  fromPort: string | null;
  toPort: string | null;
  message: string;
  raw: string;
  late: boolean;
}

interface Row {
  id: number;
  device_key: string;
  device: string;
  time: number;
  log_kind: string;
  mnemonic: string | null;
  severity: number | null;
  mac: string | null;
  vlan: number | null;
  from_port: string | null;
  to_port: string | null;
  message: string;
  raw: string;
  late: number;
}

const fromRow = (r: Row): StoredSwitchLog => ({
  id: r.id,
  deviceKey: r.device_key,
  device: r.device,
  time: r.time,
  logKind: r.log_kind,
  mnemonic: r.mnemonic,
  severity: r.severity,
  mac: r.mac,
  vlan: r.vlan,
  fromPort: r.from_port,
  toPort: r.to_port,
  message: r.message,
  raw: r.raw,
  late: r.late === 1,
});

export function switchLogStore(db: Db) {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO switch_logs (device_key, device, time, log_kind, mnemonic, severity, mac, vlan, from_port, to_port,
       message, raw, dedup_key, ingest_id, late) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const count = db.prepare('SELECT count(*) AS n FROM switch_logs');
  return {
    insert(s: SwitchLogObservation, ingestId: number, late: boolean): number | null {
      const key = createHash('sha1').update(`${hostKey(s.device)}\0${s.time}\0${s.raw}`).digest('base64url');
      const r = insert.run(
        hostKey(s.device),
        s.device,
        s.time,
        s.logKind,
        s.mnemonic,
        s.severity,
        s.mac,
        s.vlan,
        s.fromPort,
        s.toPort,
        s.message,
        s.raw,
        key,
        ingestId,
        late ? 1 : 0,
      );
      return r.changes === 1 ? Number(r.lastInsertRowid) : null;
    },
    query(q: { device?: string; mac?: string; kind?: string; since?: number; until?: number; limit: number }): StoredSwitchLog[] {
      const w = new Where()
        .when(q.device && hostKey(q.device), 'device_key = ?')
        .when(q.mac, 'mac = ?')
        .when(q.kind, 'log_kind = ?')
        .when(q.since, 'time >= ?')
        .when(q.until, 'time < ?');
      return (db.prepare(`SELECT * FROM switch_logs ${w} ORDER BY time DESC, id DESC LIMIT ?`).all(...w.args, q.limit) as Row[]).map(fromRow);
    },
    getMany(ids: number[]): StoredSwitchLog[] {
      if (ids.length === 0) return [];
      return (db.prepare(`SELECT * FROM switch_logs WHERE id IN (${ids.map(() => '?').join(',')})`).all(...ids) as Row[]).map(fromRow);
    },
    *iterate(from: number, to: number): Generator<StoredSwitchLog> {
      const stmt = db.prepare('SELECT * FROM switch_logs WHERE time >= ? AND time < ? ORDER BY time, id');
      for (const r of stmt.iterate(from, to) as Iterable<Row>) yield fromRow(r);
    },
    count(): number {
      return (count.get() as { n: number }).n;
    },
  };
}

export type SwitchLogStore = ReturnType<typeof switchLogStore>;
