/**
 * Webhook notifications against real HTTP receivers (node:http on ephemeral loopback ports): the
 * Alertmanager v4 body and its Standard-Webhooks signature (checked here with node:crypto), retries
 * with backoff and Retry-After, the dead letter and its API, Teams/Slack bodies, message order
 * under retries, the test endpoint, and an end-to-end run from a scenario through the real server
 * (with a restart on the same database).
 * Waiting between retries is injected (recorded, not slept), so no test waits seconds.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac, timingSafeEqual } from 'node:crypto';
import express from 'express';
import { Bus } from '../../server/bus.ts';
import { createNotifications, type Notifications, type NotificationsDeps } from '../../server/notify/notifications.ts';
import { notificationsRouter } from '../../server/http/notifications.ts';
import { DEFAULT_DELIVERY, type Sleep } from '../../server/notify/deliver.ts';
import { errorHandler } from '../../server/http/errors.ts';
import type { TokenSets } from '../../server/http/auth.ts';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer } from '../helpers/server.ts';
import { extensions as productionExtensions } from '../../server/extensions.ts';
import { loadConfig } from '../../server/config.ts';
import type { Extensions } from '../../server/server.ts';
import type { Engine } from '../../server/engine/handle.ts';
import { postAll, SCENARIO_DIR } from '../helpers/scenario.ts';
import { parseScenario } from '../../server/simulator/scenario/parse.ts';
import { generate } from '../../server/simulator/generate/generate.ts';
import { alert, resolved } from '../unit/notify/fixtures.ts';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  json: any;
}
type Reply = { status: number; headers?: Record<string, string>; body?: string } | 'hang';

interface Receiver {
  url: string;
  got: Received[];
  waitFor(n: number, ms?: number): Promise<Received[]>;
  close(): Promise<void>;
}

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

async function receiver(reply: (n: number, r: Received) => Reply = () => ({ status: 200 })): Promise<Receiver> {
  const got: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {
        /* kept as text */
      }
      const r: Received = { headers: req.headers, body, json };
      got.push(r);
      const rep = reply(got.length, r);
      if (rep === 'hang') return;
      res.writeHead(rep.status, rep.headers);
      res.end(rep.body ?? '');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const rcv: Receiver = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook/secret-path?sig=abc`,
    got,
    async waitFor(n, ms = 5_000) {
      const until = Date.now() + ms;
      while (got.length < n) {
        if (Date.now() > until) throw new Error(`receiver got ${got.length} requests, wanted ${n}`);
        await new Promise((r) => setTimeout(r, 5));
      }
      return got;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  closers.push(() => rcv.close());
  return rcv;
}

interface Harness {
  n: Notifications;
  bus: Bus;
  waits: number[];
  logs: { level: string; msg: string; o: object }[];
}

/** Notifications on a real bus, with a 20 ms group wait and recorded (not slept) retry waits. */
function harness(webhooks: NotificationsDeps['webhooks'], over: Partial<NotificationsDeps> = {}): Harness {
  const waits: number[] = [];
  const logs: Harness['logs'] = [];
  const sleep: Sleep = async (ms) => {
    waits.push(ms);
  };
  const log = {
    info: (o: object, msg: string) => logs.push({ level: 'info', msg, o }),
    warn: (o: object, msg: string) => logs.push({ level: 'warn', msg, o }),
    error: (o: object, msg: string) => logs.push({ level: 'error', msg, o }),
  };
  const n = createNotifications({ webhooks, publicUrl: 'https://tw.example/', log, sleep, dispatch: { groupWaitMs: 20, groupIntervalMs: 20 }, ...over });
  const bus = new Bus();
  const stop = n.start(bus);
  closers.push(stop);
  return { n, bus, waits, logs };
}

/** Standard Webhooks verification written out with node:crypto, as a receiver would. */
function verifySignature(key: Buffer, r: Received): boolean {
  const id = String(r.headers['webhook-id']);
  const ts = String(r.headers['webhook-timestamp']);
  const expected = createHmac('sha256', key).update(`${id}.${ts}.${r.body}`).digest();
  return String(r.headers['webhook-signature'])
    .split(' ')
    .some((s) => {
      const [v, b64] = s.split(',');
      const got = Buffer.from(b64 ?? '', 'base64');
      return v === 'v1' && got.length === expected.length && timingSafeEqual(got, expected);
    });
}

describe('webhook delivery to real receivers', () => {
  it('posts one signed Alertmanager v4 body per group, then the resolution', async () => {
    const r = await receiver();
    const h = harness([{ url: r.url, format: 'alertmanager', secret: 'plain s3cret' }]);
    const a = alert({ id: 12, subject: { host: 'HV-07', team: 'TEAM-VM', mac: '00:15:5d:01:02:03', vlan: 20 } });
    const b = alert({ id: 13, severity: 'critical', subject: { host: 'HV-07', team: 'TEAM-B' } });
    h.bus.emit('alerts', [alert({ id: 11, status: 'pending' }), a]);
    h.bus.emit('alerts', [b, alert({ id: 14, demo: true }), alert({ id: 15, suppressedBy: { kind: 'silence', id: 's' } })]);
    const [first] = await r.waitFor(1);
    await new Promise((res) => setTimeout(res, 60));
    expect(r.got).toHaveLength(1);

    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(first.headers['webhook-id']).toMatch(/^msg_[A-Za-z0-9_-]+$/);
    expect(Math.abs(Number(first.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(10);
    expect(first.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(verifySignature(Buffer.from('plain s3cret'), first)).toBe(true);
    expect(verifySignature(Buffer.from('wrong'), first)).toBe(false);

    const p = first.json;
    expect(Object.keys(p).sort()).toEqual(['alerts', 'commonAnnotations', 'commonLabels', 'externalURL', 'groupKey', 'groupLabels', 'receiver', 'status', 'truncatedAlerts', 'version']);
    expect(p).toMatchObject({
      version: '4',
      groupKey: '{}:{alertname="team-degraded", host="HV-07"}',
      truncatedAlerts: 0,
      status: 'firing',
      receiver: 'alertmanager-1',
      groupLabels: { alertname: 'team-degraded', host: 'HV-07' },
      commonLabels: { alertname: 'team-degraded', host: 'HV-07' },
      externalURL: 'https://tw.example',
    });
    expect(p.alerts.map((x: any) => x.generatorURL)).toEqual(['https://tw.example/alerts/13', 'https://tw.example/alerts/12']);
    expect(p.alerts[1]).toMatchObject({
      status: 'firing',
      labels: { alertname: 'team-degraded', severity: 'warning', host: 'HV-07', team: 'TEAM-VM', mac: '00:15:5d:01:02:03', vlan: '20', incident: '3' },
      annotations: { summary: a.summary, expected: '2 active members', runbook_url: 'https://tw.example/patterns#team-degraded' },
      startsAt: a.startsAt,
      endsAt: '0001-01-01T00:00:00Z',
      fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
    });

    h.bus.emit('alerts', [resolved(a), resolved(alert({ id: 11, status: 'pending' }))]);
    const [, second] = await r.waitFor(2);
    expect(second.json).toMatchObject({ status: 'resolved', alerts: [{ status: 'resolved', endsAt: '2026-09-01T10:01:00.000Z', generatorURL: 'https://tw.example/alerts/12' }] });
    expect(second.headers['webhook-id']).not.toBe(first.headers['webhook-id']);
    expect(verifySignature(Buffer.from('plain s3cret'), second)).toBe(true);
    await h.n.idle();
    expect(r.got).toHaveLength(2);
  });

  it('signs with the decoded key of a whsec_ secret; without a secret sends no signature headers', async () => {
    const key = Buffer.from('a 32-byte key for standard hooks');
    const signed = await receiver();
    const plain = await receiver();
    const h = harness([
      { url: signed.url, format: 'generic', secret: `whsec_${key.toString('base64')}` },
      { url: plain.url, format: 'generic', secret: null },
    ]);
    h.bus.emit('alerts', [alert({ id: 1 })]);
    const [s] = await signed.waitFor(1);
    const [p] = await plain.waitFor(1);
    expect(verifySignature(key, s)).toBe(true);
    expect(p.headers['webhook-signature']).toBeUndefined();
    expect(p.json).toMatchObject({ event: 'firing', alerts: [{ id: 1, pattern: 'team-degraded' }] });
  });

  it('retries a 500 with exponential backoff and the same webhook-id, then succeeds', async () => {
    const r = await receiver((n) => ({ status: n <= 2 ? (n === 1 ? 500 : 503) : 200 }));
    const h = harness([{ url: r.url, format: 'alertmanager', secret: 'k' }]);
    h.bus.emit('alerts', [alert({ id: 1 })]);
    await r.waitFor(3);
    await h.n.idle();
    expect(h.waits).toEqual([1000, 2000]);
    expect(new Set(r.got.map((g) => g.headers['webhook-id'])).size).toBe(1);
    for (const g of r.got) expect(verifySignature(Buffer.from('k'), g)).toBe(true);
    expect(h.n.deadLetters()).toEqual([]);
    expect(h.n.receivers()[0]).toMatchObject({ delivered: 1, failed: 0 });
  });

  it('honours Retry-After (seconds or HTTP date) when longer than the backoff, capped', async () => {
    const date = new Date(Date.now() + 60_000).toUTCString();
    const replies: Reply[] = [
      { status: 429, headers: { 'retry-after': '7' } },
      { status: 503, headers: { 'retry-after': date } },
      { status: 503, headers: { 'retry-after': '0' } },
      { status: 429, headers: { 'retry-after': '86400' } },
      { status: 204 },
    ];
    const r = await receiver((n) => replies[n - 1]);
    const h = harness([{ url: r.url, format: 'generic', secret: null }]);
    h.bus.emit('alerts', [alert({ id: 1 })]);
    await r.waitFor(5);
    await h.n.idle();
    expect(h.waits[0]).toBe(7000);
    expect(h.waits[1]).toBeGreaterThan(55_000);
    expect(h.waits[1]).toBeLessThanOrEqual(60_000);
    expect(h.waits[2]).toBe(4000); // Retry-After: 0 never shortens the backoff
    expect(h.waits[3]).toBe(300_000); // capped at maxRetryAfterMs
    expect(h.n.deadLetters()).toEqual([]);
  });

  it('dead-letters after 5 failed attempts and serves it from GET /notifications/dead-letter', async () => {
    const r = await receiver(() => ({ status: 500, body: 'database down' }));
    const h = harness([{ url: r.url, format: 'alertmanager', secret: null }]);
    h.bus.emit('alerts', [alert({ id: 1 }), alert({ id: 2 })]);
    await r.waitFor(5);
    await h.n.idle();
    expect(r.got).toHaveLength(5);
    expect(h.waits).toEqual([1000, 2000, 4000, 8000]);
    const [d] = h.n.deadLetters();
    expect(d).toMatchObject({ receiver: 'alertmanager-1', format: 'alertmanager', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/…$/), groupKey: '{}:{alertname="team-degraded", host="HV-07"}', status: 'firing', alertIds: [1, 2], attempts: 5, httpStatus: 500, error: 'HTTP 500: database down' });
    expect(JSON.parse(d.body).version).toBe('4');
    expect(h.logs.some((l) => l.level === 'error' && l.msg.includes('dead-lettered'))).toBe(true);

    const api = await apiServer(h.n, { read: ['read-token-123'] });
    const denied = await fetch(`${api}/api/v1/notifications/dead-letter`);
    expect(denied.status).toBe(401);
    const res = await fetch(`${api}/api/v1/notifications/dead-letter`, { headers: { authorization: 'Bearer read-token-123' } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { deadLetters: unknown[]; receivers: unknown[] };
    expect(body.deadLetters).toHaveLength(1);
    expect(body.receivers).toEqual([expect.objectContaining({ name: 'alertmanager-1', format: 'alertmanager', signed: false, delivered: 0, failed: 1, lastError: 'HTTP 500: database down' })]);
    // Webhook URLs carry secrets: the API shows the origin only.
    expect(JSON.stringify(body)).not.toContain('secret-path');
    expect(JSON.stringify(body)).not.toContain('sig=abc');
  });

  it('keeps only the last N dead letters (100 by default)', async () => {
    const r = await receiver(() => ({ status: 410 }));
    const h = harness([{ url: r.url, format: 'generic', secret: null }], { delivery: { deadLetterSize: 3 } });
    for (let i = 1; i <= 5; i++) {
      h.bus.emit('alerts', [alert({ id: i, subject: { host: `HV-${i}` } })]);
      await r.waitFor(i);
      await h.n.idle();
    }
    expect(h.n.deadLetters().map((d) => d.alertIds[0])).toEqual([5, 4, 3]);
    expect(DEFAULT_DELIVERY.deadLetterSize).toBe(100);
  });

  it('does not retry a permanent 4xx or a redirect; retries a timeout and a refused connection', async () => {
    const bad = await receiver(() => ({ status: 400, body: 'bad payload' }));
    const moved = await receiver(() => ({ status: 301, headers: { location: 'http://elsewhere.example/' } }));
    const slow = await receiver(() => 'hang');
    const gone = await receiver();
    await gone.close();
    const h = harness(
      [
        { url: bad.url, format: 'alertmanager', secret: null },
        { url: moved.url, format: 'alertmanager', secret: null },
        { url: slow.url, format: 'alertmanager', secret: null, name: 'slow' },
        { url: gone.url, format: 'alertmanager', secret: null, name: 'gone' },
      ],
      { delivery: { timeoutMs: 100, attempts: 2 } },
    );
    h.bus.emit('alerts', [alert({ id: 1 })]);
    await slow.waitFor(2);
    await h.n.idle();
    expect(bad.got).toHaveLength(1);
    expect(moved.got).toHaveLength(1);
    const dl = Object.fromEntries(h.n.deadLetters().map((d) => [d.receiver, d]));
    expect(dl['alertmanager-1']).toMatchObject({ attempts: 1, httpStatus: 400, error: 'HTTP 400: bad payload' });
    expect(dl['alertmanager-2']).toMatchObject({ attempts: 1, httpStatus: 301, error: 'HTTP 301 redirect (not followed)' });
    expect(dl.slow).toMatchObject({ attempts: 2, httpStatus: null, error: 'timed out after 100 ms' });
    expect(dl.gone).toMatchObject({ attempts: 2, httpStatus: null, error: 'ECONNREFUSED' });
  });

  it('delivers a group in order: a resolution waits for the retried firing message', async () => {
    const r = await receiver((n) => ({ status: n === 1 ? 503 : 200 }));
    const h = harness([{ url: r.url, format: 'generic', secret: null }], {
      // Really wait a little, so the resolution is decided while the firing message is retrying.
      sleep: (ms) => new Promise((res) => setTimeout(res, Math.min(ms, 150))),
    });
    const a = alert({ id: 1 });
    h.bus.emit('alerts', [a]);
    await r.waitFor(1);
    h.bus.emit('alerts', [resolved(a)]);
    await r.waitFor(3);
    await h.n.idle();
    expect(r.got.map((g) => g.json.event)).toEqual(['firing', 'firing', 'resolved']);
  });

  it('posts a Teams Workflows Adaptive Card and Slack blocks with dashboard links', async () => {
    const t = await receiver(() => ({ status: 202 }));
    const s = await receiver(() => ({ status: 200, body: 'ok' }));
    const h = harness([
      { url: t.url, format: 'teams', secret: null },
      { url: s.url, format: 'slack', secret: null },
    ]);
    h.bus.emit('alerts', [alert({ id: 7, subject: { host: 'HV-07<!here>', team: 'TEAM-VM' } })]);
    const [[tm], [sl]] = await Promise.all([t.waitFor(1), s.waitFor(1)]);
    expect(tm.json).toMatchObject({
      type: 'message',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.4', actions: [{ type: 'Action.OpenUrl', title: 'Open in teamwatch', url: 'https://tw.example/alerts/7' }] } }],
    });
    expect(tm.body).toContain('https://tw.example/incidents/3');
    expect(sl.json.text).toContain('Firing: team-degraded on HV-07&lt;!here&gt;');
    expect(sl.json.blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text' } });
    expect(sl.body).toContain('<https://tw.example/alerts/7|Open in teamwatch>');
    // mrkdwn is escaped; the header is plain_text, which Slack never parses for mentions.
    expect(JSON.stringify(sl.json.blocks.slice(1)) + sl.json.text).not.toContain('<!here>');
    await h.n.idle();
    expect(h.n.receivers().map((x) => x.delivered)).toEqual([1, 1]);
  });

  it('never throws into the bus: a malformed alert is logged and later alerts still go out', async () => {
    const r = await receiver();
    const h = harness([{ url: r.url, format: 'generic', secret: null }]);
    expect(() => h.bus.emit('alerts', [{ id: 99, status: 'firing' } as never])).not.toThrow();
    expect(h.logs.some((l) => l.level === 'error' && l.msg === 'notification dispatch failed')).toBe(true);
    h.bus.emit('alerts', [alert({ id: 1 })]);
    const [g] = await r.waitFor(1);
    expect(g.json.alerts.map((x: any) => x.id)).toEqual([1]);
  });

  it('POST /notifications/test sends a test alert to every receiver and reports each result', async () => {
    const ok = await receiver();
    const down = await receiver(() => ({ status: 500 }));
    const h = harness([
      { url: ok.url, format: 'alertmanager', secret: 'x' },
      { url: down.url, format: 'teams', secret: null },
    ]);
    const api = await apiServer(h.n, {});
    expect((await fetch(`${api}/api/v1/notifications/test`, { method: 'POST' })).status).toBe(401);
    const res = await fetch(`${api}/api/v1/notifications/test`, { method: 'POST', headers: { authorization: 'Bearer ingest-token-123' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { results: unknown }).results).toEqual([
      { receiver: 'alertmanager-1', format: 'alertmanager', ok: true, httpStatus: 200, error: null },
      { receiver: 'teams-2', format: 'teams', ok: false, httpStatus: 500, error: 'HTTP 500' },
    ]);
    expect(ok.got[0].json).toMatchObject({ status: 'firing', alerts: [{ labels: { alertname: 'teamwatch-test' }, generatorURL: 'https://tw.example/alerts' }] });
    expect(down.got).toHaveLength(1); // one attempt, and no dead letter for a test
    expect(h.n.deadLetters()).toEqual([]);
    const none = await apiServer(createNotifications({ webhooks: [], publicUrl: null, log: { info() {}, warn() {}, error() {} } }), {});
    const r409 = await fetch(`${none}/api/v1/notifications/test`, { method: 'POST', headers: { authorization: 'Bearer ingest-token-123' } });
    expect(r409.status).toBe(409);
    expect(((await r409.json()) as { error: { code: string } }).error.code).toBe('conflict');
  });

  it('end to end through the real server: a cable pull is announced once; after a restart its repair is announced', async () => {
    const r = await receiver();
    const dir = mkdtempSync(join(tmpdir(), 'teamwatch-notify-'));
    closers.push(() => rmSync(dir, { recursive: true, force: true }));
    const webhooks = [{ url: r.url, format: 'alertmanager' as const, secret: 'e2e' }];
    // team-degraded.fault with the cable plugged back in at +8m.
    const yaml = readFileSync(join(SCENARIO_DIR, 'team-degraded.fault.yaml'), 'utf8').replace(
      '  - { at: +2m, action: link-down, host: HV-A01, adapter: Ethernet 2, fault: true }',
      '  - { at: +2m, action: link-down, host: HV-A01, adapter: Ethernet 2, fault: true }\n  - { at: +8m, action: link-up, host: HV-A01, adapter: Ethernet 2 }',
    );
    const sc = parseScenario(yaml, 'team-degraded.repaired');
    const posts = generate(sc);
    const cut = Date.parse('2025-06-11T10:06:00Z');

    const s1 = await startTestServer({ dir, keepDir: true, extensions: wired(dir, webhooks) });
    await postAll(s1, posts.filter((p) => p.at < cut));
    const got = await r.waitFor(1, 15_000);
    await new Promise((res) => setTimeout(res, 150));
    expect(got).toHaveLength(1);
    expect(got[0].json).toMatchObject({ version: '4', status: 'firing', externalURL: 'https://tw.example', groupLabels: { alertname: 'team-degraded', host: 'HV-A01' }, alerts: [{ labels: { alertname: 'team-degraded', host: 'HV-A01', team: 'TEAM-VM' } }] });
    expect(verifySignature(Buffer.from('e2e'), got[0])).toBe(true);
    const url = got[0].json.alerts[0].generatorURL;
    const id = url.split('/').pop();
    expect((await s1.get(`/api/v1/alerts/${id}`)).json.alert).toMatchObject({ pattern: 'team-degraded', status: 'firing' });
    await s1.close();

    // Restart on the same database: the still-firing alert counts as announced; its repair is sent.
    const s2 = await startTestServer({ dir, keepDir: true, extensions: wired(dir, webhooks) });
    closers.push(() => s2.close());
    expect((await s2.get('/api/v1/alerts?status=firing')).json.alerts.map((a: { id: number }) => String(a.id))).toContain(id);
    await postAll(s2, posts.filter((p) => p.at >= cut));
    await r.waitFor(2, 15_000);
    await new Promise((res) => setTimeout(res, 150));
    expect(r.got.map((g) => g.json.status)).toEqual(['firing', 'resolved']);
    expect(r.got[1].json.alerts).toEqual([expect.objectContaining({ status: 'resolved', generatorURL: url, fingerprint: got[0].json.alerts[0].fingerprint })]);
    expect(r.got[1].json.alerts[0].endsAt).not.toBe('0001-01-01T00:00:00Z');

    // The routes are mounted like production mounts them: test needs the ingest token, dead letter is a read.
    expect((await fetch(`${s2.url}/api/v1/notifications/test`, { method: 'POST' })).status).toBe(401);
    const t = await fetch(`${s2.url}/api/v1/notifications/test`, { method: 'POST', headers: { authorization: `Bearer ${s2.token}` } });
    expect(t.status).toBe(200);
    expect(r.got).toHaveLength(3);
    expect((await s2.get('/api/v1/notifications/dead-letter')).json).toMatchObject({ receivers: [{ name: 'alertmanager-1', delivered: 2 }], deadLetters: [] });
  });
});

/**
 * Production's extensions plus notifications, wired exactly as the lines handed over for
 * server/extensions.ts: the router among the write routers, start(bus, firing) in onStarted.
 */
function wired(dir: string, webhooks: NotificationsDeps['webhooks']): Extensions {
  const silent = { info() {}, warn() {}, error() {} };
  const config = loadConfig({}, { dbPath: join(dir, 'teamwatch.db'), demoDbPath: join(dir, 'demo.db'), demo: 'off', publicUrl: 'https://tw.example', webhooks: [...webhooks] });
  // Exactly the production wiring, with a short group wait so the test does not wait 5 s.
  return productionExtensions(config, silent, { notifyDispatch: { groupWaitMs: 50 } });
}

/** The notifications router mounted like the server mounts it, on a real HTTP port. */
async function apiServer(n: Notifications, t: { read?: string[] }): Promise<string> {
  const tokens: TokenSets = { ingest: () => ['ingest-token-123'], read: () => t.read ?? [], demo: () => null, requireRead: false };
  const app = express();
  app.use('/api/v1', notificationsRouter(n, tokens));
  app.use(errorHandler(() => {}));
  const server = createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  closers.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
