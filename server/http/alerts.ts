/**
 * Alerts, incidents, silences and the pattern catalogue. Reads: /alerts, /alerts/:id,
 * /incidents[/:id], /silences, /patterns. Writes (ingest token): ack/unack, create/delete silences.
 */
import express, { Router } from 'express';
import { z } from 'zod';
import type { Runtime, DataContext } from '../context.ts';
import type { Engine } from '../engine/handle.ts';
import type { AlertDetailDto, AlertsDto, EvidenceRecordDto, IncidentDetailDto, IncidentsDto, PatternsDto, SilencesDto, TimelineItemDto } from '../contract.ts';
import type { TokenSets } from './auth.ts';
import { requireIngest } from './auth.ts';
import { query } from './query.ts';
import { AppError } from '../errors.ts';
import { incidentDto, silenceDto } from '../engine/dto.ts';
import { PATTERNS } from '../patterns/index.ts';
import { eventDto } from './collection.ts';
import { iso, parseInstant } from '../model/time.ts';

export function engineOf(ctx: DataContext): Engine {
  if (!ctx.engine) throw new AppError('not_implemented', 'The correlation engine is not running.');
  return ctx.engine as Engine;
}

function idParam(v: unknown, what: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 1) throw new AppError('invalid_request', `${what} id must be a positive integer.`);
  return n;
}

function evidenceRecords(ctx: DataContext, refs: AlertDetailDto['alert']['evidence']): EvidenceRecordDto[] {
  const events = new Map(ctx.stores.events.getMany(refs.filter((r) => r.kind === 'event').map((r) => r.id)).map((e) => [e.id, e]));
  const logs = new Map(ctx.stores.switchLogs.getMany(refs.filter((r) => r.kind === 'switchLog').map((r) => r.id)).map((l) => [l.id, l]));
  return refs.map((ref) => {
    if (ref.kind === 'event') {
      const e = events.get(ref.id);
      return { ref, record: e ? { ...eventDto(e) } : { missing: true } };
    }
    if (ref.kind === 'switchLog') {
      const l = logs.get(ref.id);
      return { ref, record: l ? { device: l.device, time: iso(l.time), kind: l.logKind, mnemonic: l.mnemonic, mac: l.mac, vlan: l.vlan, fromPort: l.fromPort, toPort: l.toPort, message: l.message } : { missing: true } };
    }
    if (ref.kind === 'snapshot') {
      const snap = ctx.db.prepare('SELECT kind, source_name, time, added, changed, removed, row_count FROM snapshots WHERE id = ?').get(ref.id) as
        | { kind: string; source_name: string; time: number; added: number; changed: number; removed: number; row_count: number }
        | undefined;
      const rows = ctx.db.prepare('SELECT row_key, value FROM snapshot_rows WHERE snapshot_id = ? LIMIT 50').all(ref.id) as { row_key: string; value: string }[];
      return {
        ref,
        record: snap
          ? { kind: snap.kind, source: snap.source_name, time: iso(snap.time), added: snap.added, changed: snap.changed, removed: snap.removed, rows: snap.row_count, changedRows: rows.map((r) => ({ key: r.row_key, value: JSON.parse(r.value) })) }
          : { missing: true },
      };
    }
    return { ref, record: {} };
  });
}

const matcherSchema = z.object({
  name: z.enum(['pattern', 'severity', 'host', 'team', 'vm', 'mac', 'ip', 'switch', 'vlan']),
  value: z.string().min(1).max(256),
  isRegex: z.boolean().optional(),
  isNegative: z.boolean().optional(),
});
const timeSchema = z.string().transform((s, c) => {
  const t = parseInstant(s);
  if (!t) {
    c.addIssue({ code: 'custom', message: 'not an ISO-8601 time' });
    return z.NEVER;
  }
  return t.ms;
});
const silenceSchema = z.object({
  matchers: z.array(matcherSchema).min(1).max(20),
  startsAt: timeSchema.optional(),
  endsAt: timeSchema.optional(),
  durationMinutes: z.number().int().min(1).max(525_600).optional(),
  comment: z.string().max(2000).default(''),
  createdBy: z.string().min(1).max(200).default('operator'),
  kind: z.enum(['silence', 'maintenance']).default('silence'),
});
const ackSchema = z.object({ comment: z.string().max(2000).default(''), by: z.string().min(1).max(200).default('operator') });

function body<T>(schema: z.ZodType<T>, v: unknown): T {
  const r = schema.safeParse(v ?? {});
  if (!r.success) throw new AppError('invalid_body', r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return r.data;
}

export function alertsReadRouter(rt: Runtime): Router {
  const r = Router();
  const ctx = () => rt.current();

  r.get('/alerts', (req, res) => {
    const c = ctx();
    const e = engineOf(c);
    const limit = query.int(req, 'limit', { min: 1, max: 5000, def: 500 })!;
    const status = query.oneOf(req, 'status', ['firing', 'resolved', 'pending', 'all', 'active'] as const, 'firing');
    const list = e.alerts.list({
      status,
      pattern: query.str(req, 'pattern', 64),
      severity: query.oneOf(req, 'severity', ['critical', 'warning', 'info'] as const),
      host: query.str(req, 'host', 255),
      text: query.str(req, 'q', 200),
      since: query.time(req, 'since'),
      until: query.time(req, 'until'),
      beforeId: query.int(req, 'before', { min: 1 }),
      limit: limit + 1,
    });
    const page = list.slice(0, limit);
    const out: AlertsDto = { alerts: page.map((a) => e.dto(a)) };
    if (list.length > limit) out.next = String(page[page.length - 1].id);
    res.json(out);
  });

  r.get('/alerts/:id', (req, res) => {
    const c = ctx();
    const e = engineOf(c);
    const a = e.alerts.get(idParam(req.params.id, 'Alert'));
    if (!a) throw new AppError('not_found', `No alert with id ${req.params.id}.`);
    const dto = e.dto(a);
    const out: AlertDetailDto = {
      alert: dto,
      transitions: e.alerts.transitions(a.id).map((t) => ({ alertId: t.alertId, time: iso(t.time), from: t.from as never, to: t.to as never, note: t.note })),
      evidence: evidenceRecords(c, dto.evidence),
      related: e.alerts.related(a).map((x) => e.dto(x)),
    };
    res.json(out);
  });

  r.get('/incidents', (req, res) => {
    const e = engineOf(ctx());
    const out: IncidentsDto = { incidents: e.alerts.listIncidents(query.int(req, 'limit', { min: 1, max: 1000, def: 200 })!).map(incidentDto) };
    res.json(out);
  });

  r.get('/incidents/:id', (req, res) => {
    const c = ctx();
    const e = engineOf(c);
    const i = e.alerts.getIncident(idParam(req.params.id, 'Incident'));
    if (!i) throw new AppError('not_found', `No incident with id ${req.params.id}.`);
    const alerts = i.alertIds.map((id) => e.alerts.get(id)).filter((a) => a !== null);
    const timeline: TimelineItemDto[] = [];
    for (const a of alerts) {
      for (const t of e.alerts.transitions(a.id)) timeline.push({ time: iso(t.time), kind: 'transition', label: `${a.pattern}: ${t.from ?? 'new'} → ${t.to}`, alertId: a.id });
      for (const ref of a.finding.evidence) timeline.push({ time: ref.time, kind: ref.kind === 'alert' ? 'transition' : ref.kind, label: ref.label, ref, alertId: a.id });
    }
    timeline.sort((x, y) => x.time.localeCompare(y.time));
    const out: IncidentDetailDto = { incident: incidentDto(i), alerts: alerts.map((a) => e.dto(a)), timeline };
    res.json(out);
  });

  r.get('/silences', (_req, res) => {
    const e = engineOf(ctx());
    const at = e.state.clock ?? Date.now();
    const out: SilencesDto = { silences: e.alerts.silences().map((s) => silenceDto(s, at)) };
    res.json(out);
  });

  r.get('/patterns', (_req, res) => {
    const out: PatternsDto = {
      patterns: PATTERNS.map((p) => ({
        id: p.id,
        title: p.doc.title,
        severity: p.severity,
        subject: p.subjectKeys,
        meaning: p.doc.meaning,
        signals: p.doc.signals,
        benign: p.doc.benign,
        remediation: p.doc.remediation,
        sources: p.doc.sources,
      })),
    };
    res.json(out);
  });
  return r;
}

export function alertsWriteRouter(rt: Runtime, tokens: TokenSets): Router {
  const r = Router();
  const json = express.json({ limit: '64kb' });
  const auth = requireIngest(tokens);
  const ctx = () => rt.current();

  r.post('/alerts/:id/ack', auth, json, (req, res) => {
    const b = body(ackSchema, req.body);
    const e = engineOf(ctx());
    res.json({ alert: e.dto(e.ack(idParam(req.params.id, 'Alert'), b.by, b.comment)) });
  });
  r.post('/alerts/:id/unack', auth, json, (req, res) => {
    const b = body(ackSchema, req.body);
    const e = engineOf(ctx());
    res.json({ alert: e.dto(e.unack(idParam(req.params.id, 'Alert'), b.by, b.comment)) });
  });
  r.post('/silences', auth, json, (req, res) => {
    const b = body(silenceSchema, req.body);
    const e = engineOf(ctx());
    // Silences are in event time: "now" is the engine clock (equal to wall time in live operation).
    const now = e.state.clock ?? Date.now();
    const startsAt = b.startsAt ?? now;
    const endsAt = b.endsAt ?? startsAt + (b.durationMinutes ?? 60) * 60_000;
    const s = e.addSilence({ matchers: b.matchers, startsAt, endsAt, createdBy: b.createdBy, comment: b.comment, kind: b.kind });
    res.status(201).json({ silence: silenceDto(s, now) });
  });
  r.delete('/silences/:id', auth, (req, res) => {
    const e = engineOf(ctx());
    if (!e.deleteSilence(String(req.params.id))) throw new AppError('not_found', `No active silence with id ${String(req.params.id).slice(0, 64)}.`);
    res.status(204).end();
  });
  return r;
}
