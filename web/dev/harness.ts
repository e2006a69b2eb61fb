/**
 * Throwaway development harness for the dashboard — NOT used by the tests. Serves web/dist with an
 * SPA fallback, canned /api/v1 answers that conform to server/contract.ts, and a socket.io server
 * that sends a snapshot on connect and alert/host/counter deltas after it.
 *
 *   npm run build:web && node --import tsx web/dev/harness.ts --port 5174 --hosts 1000 --alerts 200 --rate 50
 *
 * `--rate` is alert updates per second (coalesced every 100 ms like the real server).
 * POST /dev/drop closes every socket and refuses new ones for `?ms=` (default 8000) — for trying
 * the stale banner by hand.
 */
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import express from 'express';
import { Server } from 'socket.io';
import type {
  AlertDetailDto,
  AlertDto,
  ClientToServerEvents,
  EventDto,
  HostStateDto,
  HostSummaryDto,
  IncidentDetailDto,
  IngestCounters,
  PatternDto,
  ServerToClientEvents,
  Severity,
  SilenceDto,
  Snapshot,
} from '../../server/contract.ts';

const { values: opt } = parseArgs({
  options: {
    port: { type: 'string', default: '5174' },
    hosts: { type: 'string', default: '60' },
    alerts: { type: 'string', default: '25' },
    rate: { type: 'string', default: '3' },
    demo: { type: 'boolean', default: false },
    seed: { type: 'string', default: '7' },
  },
});
const HOSTS = Number(opt.hosts);
const ALERTS = Number(opt.alerts);
const RATE = Number(opt.rate);
let seed = Number(opt.seed);
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
const iso = (ms: number) => new Date(ms).toISOString();
const mac = (n: number) => `00:15:5d:${[(n >> 16) & 255, (n >> 8) & 255, n & 255].map((x) => x.toString(16).padStart(2, '0')).join(':')}`;
const T0 = Date.now();

const PATTERNS: [string, Severity, string][] = [
  ['mac-conflict-storm', 'critical', 'MAC conflict storm on a team'],
  ['stale-team-mac', 'critical', 'Vendor team forwards to a stale VM MAC'],
  ['team-degraded', 'warning', 'Team degraded: a member failed'],
  ['team-down', 'critical', 'Team down: no active member'],
  ['mac-flapping', 'critical', 'MAC flapping between switch ports'],
  ['collector-silent', 'warning', 'Collector silent'],
  ['lbfo-vswitch-deprecated', 'info', 'vSwitch on LBFO team (deprecated)'],
];

// Hosts ------------------------------------------------------------------------------------------
const hosts = new Map<string, HostSummaryDto>();
for (let i = 0; i < HOSTS; i++) {
  const cluster = i % 97 === 96 ? null : `CL-${String(Math.floor(i / 24) + 1).padStart(2, '0')}`;
  const name = i === 5 ? '<img src=x onerror=alert(1)>' : `HV-${String(i + 1).padStart(4, '0')}`;
  const teams = [
    { name: 'Team1', kind: 'lbfo' as const, status: 'Up', members: [{ name: 'NIC1', state: 'active' as const }, { name: 'NIC2', state: i % 3 ? ('active' as const) : ('standby' as const) }] },
    ...(i % 4 === 0 ? [{ name: 'BASP-1', kind: 'vendor' as const, status: 'Up', members: [{ name: 'SLOT3-1', state: 'active' as const }, { name: 'SLOT3-2', state: 'active' as const }] }] : []),
  ];
  hosts.set(name, {
    name, key: name.toLowerCase(), cluster, firstSeen: iso(T0 - 86400e3 * 30), lastSeen: iso(T0), lastReport: iso(T0 - 60e3), collectorVersion: '1.0.0',
    osName: 'Windows Server 2019 Datacenter', osBuild: 17763, demo: Boolean(opt.demo), health: 'ok', firingAlerts: 0, teams,
  });
}
const hostNames = [...hosts.keys()];

// Alerts -----------------------------------------------------------------------------------------
let nextId = 1;
const alerts = new Map<number, AlertDto>();
function newAlert(at = Date.now() - rnd() * 3600e3 * 5): AlertDto {
  const [pattern, severity, title] = pick(PATTERNS);
  const host = pick(hostNames);
  const id = nextId++;
  const vm = `APP-${String(Math.floor(rnd() * 90) + 10)}`;
  const a: AlertDto = {
    id, fingerprint: `fp-${id}`, pattern, severity, status: rnd() < 0.08 ? 'pending' : 'firing',
    subject: pattern === 'stale-team-mac' ? { host, vm } : pattern === 'mac-flapping' ? { switch: 'sw-core-1', vlan: 20, mac: mac(id) } : { host, team: 'Team1' },
    startsAt: iso(at), endsAt: null, updatedAt: iso(at), summary: `${title} on ${host}`,
    expected: { summary: 'Team forwards VM traffic to the current vNIC MAC; VM reachable.', values: { team: { status: 'Up', activeMembers: ['NIC1', 'NIC2'] }, vm: { mac: mac(id + 1000), reachable: true }, neighbor: { state: 'reachable' } } },
    observed: { summary: 'Team still forwards to the previous MAC; VM IP unresolved on peers.', values: { team: { status: 'Up', activeMembers: ['NIC2', 'NIC1'] }, vm: { mac: mac(id + 1000), reachable: false }, neighbor: { state: 'incomplete' }, vmsmp28: 2 } },
    evidence: [
      { kind: 'event', id: id * 10, time: iso(at - 60e3), label: 'Hyper-V-Worker 18500: VM started' },
      { kind: 'snapshot', id: id * 10 + 1, time: iso(at - 50e3), label: 'vNIC MAC changed' },
      { kind: 'switchLog', id: id * 10 + 2, time: iso(at - 40e3), label: 'MACFLAP_NOTIF' },
    ],
    explanation: 'The vendor team learns VM MACs only when it initialises. The VM restarted with a new dynamic MAC, so the team keeps forwarding to the old one and the VM is cut off.',
    remediation: { text: 'Reset the vendor team, then give the VM a static MAC.', commands: [`Disable-NetAdapter -Name "BASP-1" -Confirm:$false; Enable-NetAdapter -Name "BASP-1"`, `Set-VMNetworkAdapter -VMName ${vm} -StaticMacAddress "${mac(id + 1000).replace(/:/g, '')}"`] },
    incidentId: id % 3 === 0 ? Math.ceil(id / 3) : null, demo: Boolean(opt.demo),
  };
  alerts.set(id, a);
  return a;
}
for (let i = 0; i < ALERTS; i++) newAlert();

function recomputeHealth(): HostSummaryDto[] {
  const count = new Map<string, { n: number; crit: boolean }>();
  for (const a of alerts.values()) {
    if (a.status !== 'firing' || !a.subject.host) continue;
    const c = count.get(a.subject.host) ?? { n: 0, crit: false };
    c.n++;
    c.crit ||= a.severity === 'critical';
    count.set(a.subject.host, c);
  }
  const changed: HostSummaryDto[] = [];
  for (const h of hosts.values()) {
    const c = count.get(h.name);
    const health = c ? (c.crit ? 'critical' : 'warning') : 'ok';
    const firing = c?.n ?? 0;
    const failed = c && c.crit;
    const teams = h.teams.map((t, i) => (i === 0 ? { ...t, status: failed ? 'Degraded' : 'Up', members: t.members.map((m, j) => (j === 1 ? { ...m, state: failed ? ('failed' as const) : m.state === 'failed' ? ('active' as const) : m.state } : m)) } : t));
    if (health !== h.health || firing !== h.firingAlerts) {
      const n = { ...h, health, firingAlerts: firing, teams } as HostSummaryDto;
      hosts.set(h.name, n);
      changed.push(n);
    }
  }
  return changed;
}
recomputeHealth();

const epm = Array.from({ length: 60 }, () => Math.round(200 + rnd() * 300));
const counters = (): IngestCounters => ({ accepted: 123456, rejected: 12, duplicates: 40, eventsPerMinute: [...epm] });

// HTTP -------------------------------------------------------------------------------------------
const app = express();
app.use(express.json());
const dist = fileURLToPath(new URL('../dist', import.meta.url));
const v1 = express.Router();

v1.get('/health', (_q, r) => r.json({ status: 'ok', version: 'dev', schemaVersion: 1, uptimeSec: 1, demo: Boolean(opt.demo), engineTime: iso(Date.now()), counts: { hosts: hosts.size, events: 1000, snapshots: 10, switchLogs: 5, alertsFiring: [...alerts.values()].filter((a) => a.status === 'firing').length } }));
v1.get('/hosts', (_q, r) => r.json({ hosts: [...hosts.values()] }));
v1.get('/hosts/:host', (q, r) => {
  const h = hosts.get(q.params.host);
  if (!h) return r.status(404).json({ error: { code: 'not_found', message: `No host named ${q.params.host}.` } });
  r.json({ host: h, at: (q.query.at as string) ?? null, inventory: { netAdapters: [{ name: 'NIC1', description: 'Intel(R) Ethernet 10G 2P X520 Adapter', ifIndex: 4, status: 'Up', mac: 'a0:36:9f:00:00:01', linkSpeedBps: 1e10 }, { name: 'NIC2', description: 'Intel(R) Ethernet 10G 2P X520 Adapter #2', ifIndex: 5, status: 'Disconnected', mac: 'a0:36:9f:00:00:02', linkSpeedBps: 1e10 }], vms: [{ name: 'APP-11', id: '8a30fe52', state: 'Running' }], macPool: { min: '00:15:5d:01:02:00', max: '00:15:5d:01:02:ff' } } });
});
v1.get('/hosts/:host/state', (q, r) => {
  const h = hosts.get(q.params.host);
  if (!h) return r.status(404).json({ error: { code: 'not_found', message: 'No such host.' } });
  const failed = h.health === 'critical';
  const s: HostStateDto = {
    host: h.name, at: null,
    teams: [
      { name: 'Team1', kind: 'lbfo', teamingMode: 'SwitchIndependent', loadBalancingAlgorithm: 'Dynamic', vSwitches: ['vSwitch-Prod'],
        observed: { status: failed ? 'Degraded' : 'Up', teamMac: 'a0:36:9f:00:00:01', members: [{ name: 'NIC1', state: 'Active', failureReason: 'NoFailure', mac: 'a0:36:9f:00:00:01', speedBps: 1e10 }, { name: 'NIC2', state: failed ? 'Failed' : 'Active', failureReason: failed ? 'PhysicalMediaDisconnected' : 'NoFailure', mac: 'a0:36:9f:00:00:02', speedBps: 1e10 }] },
        expected: { status: 'Up', activeMembers: ['NIC1', 'NIC2'], teamMac: 'a0:36:9f:00:00:01', primaryMember: 'NIC1' } },
    ],
    vSwitches: [{ name: 'vSwitch-Prod', type: 'External', boundTo: ['Team1'], allowManagementOS: true, embeddedTeaming: false }, { name: 'vSwitch-Backup', type: 'External', boundTo: ['NIC5'], allowManagementOS: false, embeddedTeaming: false }],
    vNics: [
      { name: 'Management', vm: null, isManagementOs: true, switch: 'vSwitch-Prod', mac: 'a0:36:9f:00:00:01', dynamicMac: false, ips: ['10.0.0.5'], allowTeaming: null, status: ['Ok'], expectedMember: 'NIC1' },
      { name: 'Network Adapter', vm: 'APP-11', isManagementOs: false, switch: 'vSwitch-Prod', mac: '00:15:5d:01:02:0a', dynamicMac: true, ips: ['10.0.1.11'], allowTeaming: false, status: ['Ok'], expectedMember: 'NIC2' },
      { name: 'Network Adapter', vm: '<script>alert(2)</script>', isManagementOs: false, switch: 'vSwitch-Backup', mac: '00:15:5d:01:02:0b', dynamicMac: false, ips: [], allowTeaming: false, status: ['Degraded'], expectedMember: null },
    ],
    macLocations: [
      { mac: 'a0:36:9f:00:00:01', owner: 'NIC1', expected: 'sw-tor-1 Gi1/0/11', observed: [{ device: 'sw-tor-1', port: 'Gi1/0/11', vlan: 10 }] },
      { mac: 'a0:36:9f:00:00:02', owner: 'NIC2', expected: 'sw-tor-2 Gi1/0/11', observed: failed ? [] : [{ device: 'sw-tor-2', port: 'Gi1/0/11', vlan: 10 }] },
      { mac: '00:15:5d:01:02:0a', owner: 'APP-11', expected: 'sw-tor-2 Gi1/0/11', observed: [{ device: 'sw-tor-1', port: 'Gi1/0/11', vlan: 20 }] },
    ],
  };
  r.json(s);
});
function events(host: string | undefined, n: number): EventDto[] {
  const out: EventDto[] = [];
  for (let i = 0; i < n; i++) {
    const eid = pick([16945, 16949, 18500, 27, 20415]);
    out.push({ id: i + 1, host: host ?? pick(hostNames), channel: 'System', provider: eid === 27 ? 'e1iexpress' : 'Microsoft-Windows-MsLbfoSysEvtProvider', eventId: eid, level: pick([3, 4, 2]), recordId: 1000 + i, time: iso(Date.now() - i * 90e3), computer: 'hv', qualifiers: null, message: i === 3 ? 'Message with <script>alert(3)</script> inside' : `Event ${eid} number ${i}`, data: {} });
  }
  return out;
}
v1.get('/events', (q, r) => {
  let ev = events(q.query.host as string | undefined, 300);
  if (q.query.eventId) ev = ev.filter((e) => e.eventId === Number(q.query.eventId));
  if (q.query.provider) ev = ev.filter((e) => e.provider === q.query.provider);
  r.json({ events: ev.slice(0, Number(q.query.limit ?? 200)) });
});
v1.get('/neighbors', (q, r) => r.json({ observer: q.query.observer, at: null, entries: [{ ip: '10.0.1.11', mac: '00:15:5d:01:02:0a', state: 'reachable', iface: 'vEthernet (Management)', vlan: null, ageSec: null }, { ip: '10.0.1.12', mac: null, state: 'incomplete', iface: 'vEthernet (Management)', vlan: null, ageSec: null }] }));
v1.get('/mac-table', (q, r) => r.json({ device: q.query.device, at: null, entries: [] }));
v1.get("/switch-logs", (_q, r) => r.json({ switchLogs: Array.from({ length: 40 }, (_, i) => ({ id: i, device: pick(['sw-tor-1', 'sw-tor-2', 'sw-core-1']), time: iso(Date.now() - i * 3600e3 * 3), kind: 'move', mnemonic: 'SW_MATM-4-MACFLAP_NOTIF', mac: mac(i), vlan: 20, fromPort: 'Gi1/0/1', toPort: 'Gi1/0/2', message: 'Host moving' })) }));
v1.get('/alerts', (q, r) => {
  const st = (q.query.status as string) ?? 'firing';
  let list = [...alerts.values()];
  if (st !== 'all') list = list.filter((a) => a.status === st);
  for (const k of ['severity', 'pattern'] as const) if (q.query[k]) list = list.filter((a) => a[k] === q.query[k]);
  if (q.query.host) list = list.filter((a) => a.subject.host === q.query.host);
  if (q.query.q) list = list.filter((a) => a.summary.toLowerCase().includes(String(q.query.q).toLowerCase()));
  r.json({ alerts: list });
});
const ackTransitions = new Map<number, AlertDetailDto['transitions']>();
v1.get('/alerts/:id', (q, r) => {
  const a = alerts.get(Number(q.params.id));
  if (!a) return r.status(404).json({ error: { code: 'not_found', message: 'No such alert.' } });
  const d: AlertDetailDto = {
    alert: a,
    transitions: [{ alertId: a.id, time: a.startsAt, from: null, to: 'pending', note: null }, { alertId: a.id, time: iso(Date.parse(a.startsAt) + 30e3), from: 'pending', to: 'firing', note: null }, ...(ackTransitions.get(a.id) ?? [])],
    evidence: a.evidence.map((ref) => ({ ref, record: ref.kind === 'event' ? { provider: 'Microsoft-Windows-Hyper-V-Worker', eventId: 18500, message: 'VM <b>started</b> successfully' } : { mac: '00:15:5d:01:02:0a' } })),
    related: [...alerts.values()].filter((x) => x.id !== a.id && x.subject.host === a.subject.host).slice(0, 5),
  };
  r.json(d);
});
function ack(id: number, on: boolean, comment: string, by: string) {
  const a = alerts.get(id);
  if (!a) return null;
  const n: AlertDto = { ...a, updatedAt: iso(Date.now()), acknowledged: on ? { by: by || 'anonymous', comment, at: iso(Date.now()) } : undefined };
  alerts.set(id, n);
  ackTransitions.set(id, [...(ackTransitions.get(id) ?? []), { alertId: id, time: n.updatedAt, from: a.status, to: on ? 'acknowledged' : 'unacknowledged', note: comment }]);
  io.emit('alerts', [n]);
  return n;
}
v1.post('/alerts/:id/ack', (q, r) => { const n = ack(Number(q.params.id), true, q.body.comment, q.body.by); return n ? r.json({ alert: n }) : r.status(404).json({ error: { code: 'not_found', message: 'No such alert.' } }); });
v1.post('/alerts/:id/unack', (q, r) => { const n = ack(Number(q.params.id), false, q.body.comment, q.body.by); return n ? r.json({ alert: n }) : r.status(404).json({ error: { code: 'not_found', message: 'No such alert.' } }); });
const silences: SilenceDto[] = [];
const silenceStatus = (s: SilenceDto): SilenceDto['status'] => (s.status === 'expired' || Date.parse(s.endsAt) <= Date.now() ? 'expired' : Date.parse(s.startsAt) > Date.now() ? 'pending' : 'active');
v1.get('/silences', (_q, r) => r.json({ silences: silences.map((s) => ({ ...s, status: silenceStatus(s) })) }));
v1.post('/silences', (q, r) => {
  // Like the server: no startsAt means now; the end is endsAt or durationMinutes (default 60) after the start.
  const { durationMinutes, ...b } = q.body as Partial<SilenceDto> & { durationMinutes?: number };
  const startsAt = b.startsAt ?? iso(Date.now());
  const s: SilenceDto = { matchers: [], comment: '', createdBy: 'operator', kind: 'silence', ...b, startsAt, endsAt: b.endsAt ?? iso(Date.parse(startsAt) + (durationMinutes ?? 60) * 60e3), id: `s${silences.length + 1}`, status: 'active' };
  s.status = silenceStatus(s);
  silences.push(s);
  r.status(201).json({ silence: s });
});
v1.delete('/silences/:id', (q, r) => {
  const s = silences.find((x) => x.id === q.params.id && silenceStatus(x) !== 'expired');
  if (!s) return r.status(404).json({ error: { code: 'not_found', message: `No active silence with id ${q.params.id}.` } });
  s.status = 'expired';
  r.status(204).end();
});
// Chart aggregates: random counts per key in buckets of the asked size (at most 2,000, like the server).
function stats(q: express.Request, keys: string[]): { status: number; body: unknown } {
  const until = q.query.until ? Date.parse(String(q.query.until)) : Date.now();
  const since = q.query.since ? Date.parse(String(q.query.since)) : until - 7 * 86400e3;
  const m = /^(\d+)([mhd])$/.exec(String(q.query.bucket ?? '1h'));
  const bucketMs = m ? Number(m[1]) * { m: 60e3, h: 3600e3, d: 86400e3 }[m[2] as 'm'] : 3600e3;
  if ((until - since) / bucketMs > 2000) return { status: 400, body: { error: { code: 'invalid_query', message: 'That range has more than 2,000 buckets; use a larger bucket.' } } };
  const buckets: string[] = [];
  for (let b = Math.floor(since / bucketMs); b <= Math.floor((until - 1) / bucketMs); b++) buckets.push(iso(b * bucketMs));
  return { status: 200, body: { buckets, bucketMs, series: keys.map((key) => ({ key, counts: buckets.map(() => (Math.random() < 0.2 ? Math.floor(Math.random() * 5) : 0)) })) } };
}
const answer = (r: express.Response, a: { status: number; body: unknown }) => r.status(a.status).json(a.body);
v1.get('/stats/alerts', (q, r) => answer(r, stats(q, q.query.pattern ? [String(q.query.pattern)] : PATTERNS.slice(0, 6).map(([id]) => id))));
v1.get('/stats/events', (q, r) => answer(r, stats(q, q.query.host ? [String(q.query.host)] : hostNames.slice(0, 12))));
v1.get('/stats/mac-moves', (q, r) => answer(r, stats(q, ['sw-tor-1', 'sw-tor-2', 'sw-core-1'])));
v1.get('/incidents', (_q, r) => r.json({ incidents: [] }));
v1.get('/incidents/:id', (q, r) => {
  const id = Number(q.params.id);
  const list = [...alerts.values()].filter((a) => a.incidentId === id);
  if (!list.length) return r.status(404).json({ error: { code: 'not_found', message: 'No such incident.' } });
  const d: IncidentDetailDto = { incident: { id, title: `Incident ${id}: ${list[0].summary}`, scope: { hosts: [list[0].subject.host ?? ''], cluster: 'CL-01' }, status: 'open', severity: list[0].severity, startsAt: list[0].startsAt, endsAt: null, alertIds: list.map((a) => a.id) }, alerts: list, timeline: list.flatMap((a) => a.evidence.map((ref) => ({ time: ref.time, kind: ref.kind === 'alert' ? ('transition' as const) : ref.kind, label: ref.label, ref, alertId: a.id }))) };
  r.json(d);
});
const patterns: PatternDto[] = PATTERNS.map(([id, severity, title]) => ({ id, title, severity, subject: ['host', 'team'], meaning: `${title}. Documentation text for ${id}.`, signals: ['MsLbfoSys 16945', 'inventory'], benign: ['one 16945 at vSwitch creation'], remediation: 'Do the thing.', sources: ['https://learn.microsoft.com/', 'javascript:alert(1)'] }));
v1.get('/patterns', (_q, r) => r.json({ patterns }));
v1.use((_q, r) => r.status(404).json({ error: { code: 'not_found', message: 'No such endpoint.' } }));
app.use('/api/v1', v1);

let refuseUntil = 0;
app.post('/dev/drop', (q, r) => {
  refuseUntil = Date.now() + Number(q.query.ms ?? 8000);
  io.disconnectSockets(true);
  r.json({ refusingFor: Number(q.query.ms ?? 8000) });
});
app.use(express.static(dist, { index: false }));
app.get(/^\/(?!api\/|socket\.io\/).*/, (_q, r) => r.sendFile('index.html', { root: dist }));

const server = createServer(app);
const io = new Server<ClientToServerEvents, ServerToClientEvents>(server, { transports: ['websocket'], pingInterval: 2000, pingTimeout: 2000 });
io.use((_s, next) => (Date.now() < refuseUntil ? next(new Error('refused (dev drop)')) : next()));
const snapshot = (): Snapshot => ({ serverTime: iso(Date.now()), demo: Boolean(opt.demo), hosts: [...hosts.values()], alerts: [...alerts.values()].filter((a) => a.status !== 'resolved'), counters: counters() });
io.on('connection', (s) => {
  s.emit('snapshot', snapshot());
  s.on('resync', () => s.emit('snapshot', snapshot()));
});

// Deltas: RATE alert updates a second, coalesced every 100 ms; the firing count stays near ALERTS.
setInterval(() => {
  const n = Math.max(0, Math.round(RATE / 10 + (rnd() - 0.5)));
  const changes: AlertDto[] = [];
  for (let i = 0; i < n; i++) {
    const live = [...alerts.values()].filter((a) => a.status !== 'resolved');
    const r = rnd();
    if (r < 0.2 && live.length) {
      const a = pick(live);
      const x: AlertDto = { ...a, status: 'resolved', endsAt: iso(Date.now()), updatedAt: iso(Date.now()) };
      alerts.set(a.id, x);
      changes.push(x);
    } else if (r < 0.4 || !live.length) {
      changes.push(newAlert(Date.now()));
    } else {
      const a = pick(live);
      const x: AlertDto = { ...a, updatedAt: iso(Date.now()), status: a.status === 'pending' ? 'firing' : a.status, summary: a.summary.replace(/ \(\d+\)$/, '') + ` (${Math.floor(rnd() * 100)})` };
      alerts.set(a.id, x);
      changes.push(x);
    }
  }
  if (changes.length) io.emit('alerts', changes);
  const hostChanges = recomputeHealth();
  if (hostChanges.length) io.emit('hosts', hostChanges);
}, 100);
setInterval(() => {
  epm.shift();
  epm.push(Math.round(200 + rnd() * 300));
  io.emit('counters', counters());
}, 1000);

server.listen(Number(opt.port), () => console.log(`dev harness on http://localhost:${opt.port} (${HOSTS} hosts, ${ALERTS} alerts, ${RATE} updates/s)`));
