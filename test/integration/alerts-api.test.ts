/**
 * The alert API and live stream through the real server: a scenario's fault raises an alert;
 * ack with a comment is stored with a transition and pushed live; a silence from the API
 * suppresses it; incidents group it; a socket.io client gets a snapshot on connect, then deltas.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { loadScenario, postAll } from '../helpers/scenario.ts';
import { generate } from '../../server/simulator/generate/generate.ts';
import type { AlertDto, ClientToServerEvents, ServerToClientEvents, Snapshot } from '../../server/contract.ts';

async function send(s: TestServer, method: string, path: string, body?: unknown, token: string | null = s.token) {
  const res = await fetch(`${s.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

describe('alerts API and live stream', () => {
  let s: TestServer;
  let socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  const snapshots: Snapshot[] = [];
  const deltas: AlertDto[][] = [];

  beforeAll(async () => {
    s = await startTestServer();
    socket = connect(s.url, { transports: ['websocket'] });
    socket.on('snapshot', (x) => snapshots.push(x));
    socket.on('alerts', (x) => deltas.push(x));
    await new Promise<void>((r) => socket.once('snapshot', () => r()));
    await postAll(s, generate(loadScenario('team-degraded.fault.yaml')));
    await new Promise((r) => setTimeout(r, 300));
  });
  afterAll(async () => {
    socket.close();
    await s.close();
  });

  it('a socket.io client receives a snapshot on connect, then alert deltas as they happen', () => {
    expect(snapshots[0]).toMatchObject({ demo: false, alerts: [] });
    const seen = deltas.flat();
    expect(seen.some((a) => a.pattern === 'team-degraded' && a.status === 'firing')).toBe(true);
  });

  it('lists the firing alert with expected vs observed, evidence, explanation and remediation', async () => {
    const r = await s.get('/api/v1/alerts?status=firing');
    const a = r.json.alerts.find((x: AlertDto) => x.pattern === 'team-degraded') as AlertDto;
    expect(a).toBeDefined();
    expect(a.subject.host).toBeTypeOf('string');
    expect(a.expected.summary).not.toBe('');
    expect(a.observed.summary).not.toBe('');
    expect(a.evidence.length).toBeGreaterThan(0);
    expect(a.explanation).not.toBe('');
    expect(a.remediation.commands?.length).toBeGreaterThan(0);
    expect(a.incidentId).toBeTypeOf('number');
  });

  it('the detail shows the transition history and the evidence records themselves', async () => {
    const a = (await s.get('/api/v1/alerts?status=firing')).json.alerts[0] as AlertDto;
    const d = (await s.get(`/api/v1/alerts/${a.id}`)).json;
    expect(d.transitions.map((t: { to: string }) => t.to)).toContain('firing');
    expect(d.evidence.length).toBe(a.evidence.length);
    expect(d.evidence.every((e: { record: { missing?: boolean } }) => !e.record.missing)).toBe(true);
  });

  it('ack with a comment needs a token, is stored with a transition, and is pushed live', async () => {
    const a = (await s.get('/api/v1/alerts?status=firing')).json.alerts[0] as AlertDto;
    expect((await send(s, 'POST', `/api/v1/alerts/${a.id}/ack`, { comment: 'x' }, null)).status).toBe(401);
    const before = deltas.length;
    const r = await send(s, 'POST', `/api/v1/alerts/${a.id}/ack`, { comment: 'SFP swap booked, ticket 4711', by: 'alice' });
    expect(r.status).toBe(200);
    expect(r.json.alert.acknowledged).toMatchObject({ by: 'alice', comment: 'SFP swap booked, ticket 4711' });
    const d = (await s.get(`/api/v1/alerts/${a.id}`)).json;
    expect(d.transitions.at(-1)).toMatchObject({ to: 'acknowledged', note: 'SFP swap booked, ticket 4711' });
    await new Promise((r2) => setTimeout(r2, 300));
    expect(deltas.slice(before).flat().some((x) => x.id === a.id && x.acknowledged?.comment === 'SFP swap booked, ticket 4711')).toBe(true);
    const un = await send(s, 'POST', `/api/v1/alerts/${a.id}/unack`, { comment: 'reopened', by: 'bob' });
    expect(un.json.alert.acknowledged).toBeUndefined();
  });

  it('a silence created through the API suppresses matching alerts and can be deleted', async () => {
    const a = (await s.get('/api/v1/alerts?status=firing')).json.alerts[0] as AlertDto;
    const bad = await send(s, 'POST', '/api/v1/silences', { matchers: [] });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('invalid_body');
    const created = await send(s, 'POST', '/api/v1/silences', { matchers: [{ name: 'host', value: a.subject.host }], durationMinutes: 60, comment: 'maintenance', createdBy: 'alice' });
    expect(created.status).toBe(201);
    const silenced = (await s.get(`/api/v1/alerts/${a.id}`)).json.alert as AlertDto;
    expect(silenced.suppressedBy).toEqual({ kind: 'silence', id: created.json.silence.id });
    expect(silenced.status).toBe('firing');
    expect((await s.get('/api/v1/silences')).json.silences[0]).toMatchObject({ status: 'active', comment: 'maintenance' });
    expect((await send(s, 'DELETE', `/api/v1/silences/${created.json.silence.id}`)).status).toBe(204);
    expect(((await s.get(`/api/v1/alerts/${a.id}`)).json.alert as AlertDto).suppressedBy).toBeUndefined();
  });

  it('serves incidents with their alerts and a timeline', async () => {
    const list = (await s.get('/api/v1/incidents')).json.incidents;
    expect(list.length).toBeGreaterThan(0);
    const d = (await s.get(`/api/v1/incidents/${list[0].id}`)).json;
    expect(d.alerts.length).toBe(list[0].alertIds.length);
    expect(d.timeline.length).toBeGreaterThan(0);
  });

  it('serves the pattern catalogue and the host state side by side', async () => {
    const p = (await s.get('/api/v1/patterns')).json.patterns;
    expect(p.map((x: { id: string }) => x.id)).toContain('mac-conflict-storm');
    const host = (await s.get('/api/v1/alerts?status=firing')).json.alerts[0].subject.host;
    const st = (await s.get(`/api/v1/hosts/${encodeURIComponent(host)}/state`)).json;
    expect(st.teams.length).toBeGreaterThan(0);
    expect(st.teams[0]).toHaveProperty('observed');
    expect(st.teams[0]).toHaveProperty('expected');
  });

  it('filters alerts by status, pattern, severity, host and text; pending ones only with status=pending', async () => {
    expect((await s.get('/api/v1/alerts?status=all&pattern=team-degraded')).json.alerts.length).toBeGreaterThan(0);
    expect((await s.get('/api/v1/alerts?status=all&pattern=team-down')).json.alerts).toEqual([]);
    expect((await s.get('/api/v1/alerts?status=all&severity=critical&pattern=team-degraded')).json.alerts).toEqual([]);
    expect((await s.get('/api/v1/alerts?status=all&host=no-such-host')).json.alerts).toEqual([]);
    expect((await s.get('/api/v1/alerts?status=bogus')).status).toBe(400);
  });

  it('serves chart aggregates: alerts per pattern per day, events per host per hour, with validation', async () => {
    const since = '2020-01-01T00:00:00Z';
    const until = '2030-01-01T00:00:00Z';
    const alerts = (await s.get(`/api/v1/stats/alerts?since=${since}&until=2020-02-01T00:00:00Z&bucket=1d`)).json;
    expect(alerts.buckets).toHaveLength(31);
    const all = (await s.get(`/api/v1/stats/alerts?since=2025-01-01T00:00:00Z&until=2027-01-01T00:00:00Z&bucket=30d`)).json;
    const degraded = all.series.find((x: { key: string }) => x.key === 'team-degraded');
    expect(degraded.counts.reduce((a: number, b: number) => a + b, 0)).toBeGreaterThan(0);
    const events = (await s.get(`/api/v1/stats/events?since=2025-01-01T00:00:00Z&until=2027-01-01T00:00:00Z&bucket=30d`)).json;
    expect(events.series.length).toBeGreaterThan(0);
    expect((await s.get(`/api/v1/stats/mac-moves?since=${since}&until=${until}&bucket=1m`)).status).toBe(400);
    expect((await s.get(`/api/v1/stats/events?bucket=soon`)).status).toBe(400);
  });
});
