/**
 * Aggregates for the History and host charts, computed in SQL over the stored data:
 *   GET /stats/alerts?since&until&bucket=1d[&pattern&host]   alerts that fired, per pattern per bucket
 *   GET /stats/events?since&until&bucket=1h[&eventId&provider&host]   events per host per bucket
 *   GET /stats/mac-moves?since&until&bucket=1h[&device]       switch MAC move/flap lines per device
 * Buckets are aligned to multiples of the bucket size (UTC); at most 2,000 buckets per answer.
 */
import { Router, type Request } from 'express';
import type { Runtime } from '../context.ts';
import type { StatsSeriesDto } from '../contract.ts';
import { query } from './query.ts';
import { AppError } from '../errors.ts';
import { parseDuration } from '../config.ts';
import { hostKey } from '../model/observation.ts';
import { iso } from '../model/time.ts';

function window(req: Request, defBucket: string): { since: number; until: number; bucket: number } {
  const until = query.time(req, 'until') ?? Date.now();
  const since = query.time(req, 'since') ?? until - 7 * 86_400_000;
  const b = parseDuration(query.str(req, 'bucket', 16) ?? defBucket);
  if (typeof b !== 'number' || b < 60_000) throw new AppError('invalid_query', "Query parameter 'bucket' must be a duration of at least 1m (e.g. 15m, 1h, 1d).");
  if (until <= since) throw new AppError('invalid_query', "'until' must be after 'since'.");
  if ((until - since) / b > 2000) throw new AppError('invalid_query', 'That range has more than 2,000 buckets; use a larger bucket.');
  return { since, until, bucket: b };
}

function series(rows: { k: string; b: number; n: number }[], w: { since: number; until: number; bucket: number }): StatsSeriesDto {
  const first = Math.floor(w.since / w.bucket);
  const last = Math.floor((w.until - 1) / w.bucket);
  const buckets: string[] = [];
  for (let b = first; b <= last; b++) buckets.push(iso(b * w.bucket));
  const byKey = new Map<string, number[]>();
  for (const r of rows) {
    let c = byKey.get(r.k);
    if (!c) byKey.set(r.k, (c = new Array<number>(buckets.length).fill(0)));
    const i = r.b - first;
    if (i >= 0 && i < c.length) c[i] += r.n;
  }
  return { buckets, bucketMs: w.bucket, series: [...byKey].sort((a, b) => a[0].localeCompare(b[0])).map(([key, counts]) => ({ key, counts })) };
}

export function statsRouter(rt: Runtime): Router {
  const r = Router();
  const db = () => rt.current().db;

  r.get('/stats/alerts', (req, res) => {
    const w = window(req, '1d');
    const where = ['fired = 1', 'starts_at >= ?', 'starts_at < ?'];
    const args: unknown[] = [w.bucket, w.since, w.until];
    const pattern = query.str(req, 'pattern', 64);
    if (pattern) {
      where.push('pattern = ?');
      args.push(pattern);
    }
    const host = query.str(req, 'host', 255);
    if (host) {
      where.push('host_keys LIKE ?');
      args.push(`% ${hostKey(host).replace(/[%_]/g, '')} %`);
    }
    const rows = db().prepare(`SELECT pattern AS k, starts_at / ? AS b, count(*) AS n FROM alerts WHERE ${where.join(' AND ')} GROUP BY k, b`).all(...args) as { k: string; b: number; n: number }[];
    res.json(series(rows.map((x) => ({ ...x, b: Math.floor(x.b) })), w));
  });

  r.get('/stats/events', (req, res) => {
    const w = window(req, '1h');
    const where = ['time >= ?', 'time < ?'];
    const args: unknown[] = [w.bucket, w.since, w.until];
    const eventId = query.int(req, 'eventId', { min: 0, max: 65535 });
    if (eventId !== undefined) {
      where.push('event_id = ?');
      args.push(eventId);
    }
    const provider = query.str(req, 'provider', 255);
    if (provider) {
      where.push('provider = ? COLLATE NOCASE');
      args.push(provider);
    }
    const host = query.str(req, 'host', 255);
    if (host) {
      where.push('host_key = ?');
      args.push(hostKey(host));
    }
    const rows = db().prepare(`SELECT host AS k, time / ? AS b, count(*) AS n FROM events WHERE ${where.join(' AND ')} GROUP BY host_key, b`).all(...args) as { k: string; b: number; n: number }[];
    res.json(series(rows.map((x) => ({ ...x, b: Math.floor(x.b) })), w));
  });

  r.get('/stats/mac-moves', (req, res) => {
    const w = window(req, '1h');
    const where = ["log_kind IN ('move','flap')", 'time >= ?', 'time < ?'];
    const args: unknown[] = [w.bucket, w.since, w.until];
    const device = query.str(req, 'device', 255);
    if (device) {
      where.push('device_key = ?');
      args.push(hostKey(device));
    }
    const rows = db().prepare(`SELECT device AS k, time / ? AS b, count(*) AS n FROM switch_logs WHERE ${where.join(' AND ')} GROUP BY device_key, b`).all(...args) as { k: string; b: number; n: number }[];
    res.json(series(rows.map((x) => ({ ...x, b: Math.floor(x.b) })), w));
  });
  return r;
}
