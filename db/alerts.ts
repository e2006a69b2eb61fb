/**
 * Alerts, transitions (append-only), incidents, silences and replay ticks. The engine keeps the
 * live state in memory; this store persists every change in one transaction per step and answers
 * the API's list/detail queries.
 */
import type { Db } from './open.ts';
import type { AlertStatus, AlertSubject, Matcher, Severity, SuppressedBy } from '../server/contract.ts';
import type { Finding } from '../server/patterns/types.ts';
import { hostKey } from '../server/model/observation.ts';

export interface AlertRecord {
  id: number;
  fingerprint: string;
  pattern: string;
  severity: Severity;
  scope: string;
  status: AlertStatus;
  fired: boolean;
  subject: AlertSubject;
  startsAt: number;
  endsAt: number | null;
  updatedAt: number;
  finding: Finding;
  ack: { by: string; comment: string; at: number } | null;
  suppressedBy: SuppressedBy | null;
  incidentId: number | null;
}

export interface TransitionRecord {
  alertId: number;
  time: number;
  from: string | null;
  to: string;
  note: string | null;
}

export interface IncidentRecord {
  id: number;
  title: string;
  hosts: string[];
  cluster: string | null;
  status: 'open' | 'resolved';
  severity: Severity;
  startsAt: number;
  endsAt: number | null;
  alertIds: number[];
}

export interface SilenceRecord {
  id: string;
  kind: 'silence' | 'maintenance';
  matchers: Matcher[];
  startsAt: number;
  endsAt: number;
  createdBy: string;
  comment: string;
  createdAt: number;
  deletedAt: number | null;
}

export interface AlertQuery {
  status?: 'pending' | 'firing' | 'resolved' | 'all' | 'active';
  pattern?: string;
  severity?: string;
  host?: string;
  text?: string;
  since?: number;
  until?: number;
  limit: number;
  beforeId?: number;
}

interface AlertRow {
  id: number;
  fingerprint: string;
  pattern: string;
  severity: string;
  scope: string;
  status: string;
  fired: number;
  subject: string;
  starts_at: number;
  ends_at: number | null;
  updated_at: number;
  summary: string;
  finding: string;
  ack: string | null;
  suppressed_by: string | null;
  incident_id: number | null;
}

const fromRow = (r: AlertRow): AlertRecord => ({
  id: r.id,
  fingerprint: r.fingerprint,
  pattern: r.pattern,
  severity: r.severity as Severity,
  scope: r.scope,
  status: r.status as AlertStatus,
  fired: r.fired === 1,
  subject: JSON.parse(r.subject) as AlertSubject,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  updatedAt: r.updated_at,
  finding: JSON.parse(r.finding) as Finding,
  ack: r.ack ? JSON.parse(r.ack) : null,
  suppressedBy: r.suppressed_by ? JSON.parse(r.suppressed_by) : null,
  incidentId: r.incident_id,
});

function hostKeysOf(s: AlertSubject): string {
  const hs = s.hosts ?? (s.host ? [s.host] : []);
  return ` ${hs.map(hostKey).join(' ')} `;
}

export function alertStore(db: Db) {
  const upsert = db.prepare(
    `INSERT INTO alerts (id, fingerprint, pattern, severity, scope, status, fired, subject, host_keys, starts_at, ends_at, updated_at, summary, finding, ack, suppressed_by, incident_id)
     VALUES (@id, @fingerprint, @pattern, @severity, @scope, @status, @fired, @subject, @host_keys, @starts_at, @ends_at, @updated_at, @summary, @finding, @ack, @suppressed_by, @incident_id)
     ON CONFLICT(id) DO UPDATE SET status = excluded.status, fired = excluded.fired, ends_at = excluded.ends_at, updated_at = excluded.updated_at,
       summary = excluded.summary, finding = excluded.finding, ack = excluded.ack, suppressed_by = excluded.suppressed_by, incident_id = excluded.incident_id, starts_at = excluded.starts_at`,
  );
  const insertTransition = db.prepare('INSERT INTO alert_transitions (alert_id, time, from_status, to_status, note) VALUES (?,?,?,?,?)');
  const upsertIncident = db.prepare(
    `INSERT INTO incidents (id, title, hosts, cluster, status, severity, starts_at, ends_at, alert_ids) VALUES (?,?,?,?,?,?,?,?,?)
     ON CONFLICT(id) DO UPDATE SET title = excluded.title, hosts = excluded.hosts, status = excluded.status, severity = excluded.severity,
       starts_at = excluded.starts_at, ends_at = excluded.ends_at, alert_ids = excluded.alert_ids`,
  );
  const getAlert = db.prepare('SELECT * FROM alerts WHERE id = ?');
  const transitionsOf = db.prepare('SELECT alert_id, time, from_status, to_status, note FROM alert_transitions WHERE alert_id = ? ORDER BY id');
  const maxIds = db.prepare('SELECT (SELECT coalesce(max(id), 0) FROM alerts) AS a, (SELECT coalesce(max(id), 0) FROM incidents) AS i');
  const insertSilence = db.prepare(
    'INSERT INTO silences (id, kind, matchers, starts_at, ends_at, created_by, comment, created_at) VALUES (?,?,?,?,?,?,?,?)',
  );
  const deleteSilence = db.prepare('UPDATE silences SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL');
  const allSilences = db.prepare('SELECT * FROM silences ORDER BY created_at');
  const insertTick = db.prepare('INSERT INTO engine_ticks (after_ingest_id, time) VALUES (?, ?)');
  const getIncident = db.prepare('SELECT * FROM incidents WHERE id = ?');
  const listIncidents = db.prepare('SELECT * FROM incidents ORDER BY starts_at DESC, id DESC LIMIT ?');

  const incidentFromRow = (r: { id: number; title: string; hosts: string; cluster: string | null; status: string; severity: string; starts_at: number; ends_at: number | null; alert_ids: string }): IncidentRecord => ({
    id: r.id,
    title: r.title,
    hosts: JSON.parse(r.hosts),
    cluster: r.cluster,
    status: r.status as 'open' | 'resolved',
    severity: r.severity as Severity,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    alertIds: JSON.parse(r.alert_ids),
  });

  return {
    saveAlert(a: AlertRecord): void {
      upsert.run({
        id: a.id,
        fingerprint: a.fingerprint,
        pattern: a.pattern,
        severity: a.severity,
        scope: a.scope,
        status: a.status,
        fired: a.fired ? 1 : 0,
        subject: JSON.stringify(a.subject),
        host_keys: hostKeysOf(a.subject),
        starts_at: a.startsAt,
        ends_at: a.endsAt,
        updated_at: a.updatedAt,
        summary: a.finding.summary,
        finding: JSON.stringify(a.finding),
        ack: a.ack ? JSON.stringify(a.ack) : null,
        suppressed_by: a.suppressedBy ? JSON.stringify(a.suppressedBy) : null,
        incident_id: a.incidentId,
      });
    },
    saveTransition(t: TransitionRecord): void {
      insertTransition.run(t.alertId, t.time, t.from, t.to, t.note);
    },
    saveIncident(i: IncidentRecord): void {
      upsertIncident.run(i.id, i.title, JSON.stringify(i.hosts), i.cluster, i.status, i.severity, i.startsAt, i.endsAt, JSON.stringify(i.alertIds));
    },
    get(id: number): AlertRecord | null {
      const r = getAlert.get(id) as AlertRow | undefined;
      return r ? fromRow(r) : null;
    },
    transitions(id: number): TransitionRecord[] {
      return (transitionsOf.all(id) as { alert_id: number; time: number; from_status: string | null; to_status: string; note: string | null }[]).map((r) => ({
        alertId: r.alert_id,
        time: r.time,
        from: r.from_status,
        to: r.to_status,
        note: r.note,
      }));
    },
    list(q: AlertQuery): AlertRecord[] {
      const where: string[] = [];
      const args: unknown[] = [];
      switch (q.status ?? 'active') {
        case 'all':
          where.push('fired = 1');
          break;
        case 'active':
          where.push("status IN ('pending','firing')");
          break;
        default:
          where.push('status = ?');
          args.push(q.status);
          if (q.status === 'resolved') where.push('fired = 1');
      }
      if (q.pattern) {
        where.push('pattern = ?');
        args.push(q.pattern);
      }
      if (q.severity) {
        where.push('severity = ?');
        args.push(q.severity);
      }
      if (q.host) {
        where.push('host_keys LIKE ?');
        args.push(`% ${hostKey(q.host).replace(/[%_]/g, '')} %`);
      }
      if (q.text) {
        where.push('(summary LIKE ? OR subject LIKE ? OR pattern LIKE ?)');
        const t = `%${q.text.replace(/[%_]/g, '')}%`;
        args.push(t, t, t);
      }
      if (q.since !== undefined) {
        where.push('(ends_at IS NULL OR ends_at >= ?)');
        args.push(q.since);
      }
      if (q.until !== undefined) {
        where.push('starts_at < ?');
        args.push(q.until);
      }
      if (q.beforeId !== undefined) {
        where.push('id < ?');
        args.push(q.beforeId);
      }
      args.push(q.limit);
      const sql = `SELECT * FROM alerts WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`;
      return (db.prepare(sql).all(...args) as AlertRow[]).map(fromRow);
    },
    related(a: AlertRecord, limit = 20): AlertRecord[] {
      const keys = hostKeysOf(a.subject).trim().split(' ').filter(Boolean);
      if (keys.length === 0 && a.incidentId === null) return [];
      const conds = keys.map(() => 'host_keys LIKE ?');
      const args: unknown[] = keys.map((k) => `% ${k} %`);
      if (a.incidentId !== null) {
        conds.push('incident_id = ?');
        args.push(a.incidentId);
      }
      args.push(a.id, limit);
      return (db.prepare(`SELECT * FROM alerts WHERE (${conds.join(' OR ')}) AND id != ? AND fired = 1 ORDER BY id DESC LIMIT ?`).all(...args) as AlertRow[]).map(fromRow);
    },
    maxIds(): { alert: number; incident: number } {
      const r = maxIds.get() as { a: number; i: number };
      return { alert: r.a, incident: r.i };
    },
    getIncident(id: number): IncidentRecord | null {
      const r = getIncident.get(id) as Parameters<typeof incidentFromRow>[0] | undefined;
      return r ? incidentFromRow(r) : null;
    },
    listIncidents(limit: number): IncidentRecord[] {
      return (listIncidents.all(limit) as Parameters<typeof incidentFromRow>[0][]).map(incidentFromRow);
    },
    addSilence(s: SilenceRecord): void {
      insertSilence.run(s.id, s.kind, JSON.stringify(s.matchers), s.startsAt, s.endsAt, s.createdBy, s.comment, s.createdAt);
    },
    deleteSilence(id: string, at: number): boolean {
      return deleteSilence.run(at, id).changes === 1;
    },
    silences(): SilenceRecord[] {
      return (
        allSilences.all() as { id: string; kind: string; matchers: string; starts_at: number; ends_at: number; created_by: string; comment: string; created_at: number; deleted_at: number | null }[]
      ).map((r) => ({
        id: r.id,
        kind: r.kind as 'silence' | 'maintenance',
        matchers: JSON.parse(r.matchers),
        startsAt: r.starts_at,
        endsAt: r.ends_at,
        createdBy: r.created_by,
        comment: r.comment,
        createdAt: r.created_at,
        deletedAt: r.deleted_at,
      }));
    },
    saveTick(afterIngestId: number, time: number): void {
      insertTick.run(afterIngestId, time);
    },
    ticks(): { afterIngestId: number; time: number }[] {
      return (db.prepare('SELECT after_ingest_id, time FROM engine_ticks ORDER BY id').all() as { after_ingest_id: number; time: number }[]).map((r) => ({ afterIngestId: r.after_ingest_id, time: r.time }));
    },
    /** Drops derived alert data (for replay); silences are operator input and are kept. */
    clearDerived(): void {
      db.exec('DELETE FROM alert_transitions; DELETE FROM alerts; DELETE FROM incidents;');
    },
  };
}

export type AlertStore = ReturnType<typeof alertStore>;
