/**
 * Detection latency: ingest acknowledged → alert received by a socket.io client, on a real server
 * process, while a background load of ~5,000 events/s is posted. Each probe is a host bundle whose
 * inventory shows RDMA enabled on an LBFO team member (rdma-on-team-member fires on the first
 * inventory that shows it), for a new host each time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { startServerProcess, BENCH_TOKEN, percentile } from './proc.ts';
import { newGen, xmlBatch } from './gen.ts';

function probeBundle(host: string, at: number): string {
  const ad = (n: number) => ({ Name: `Ethernet ${n}`, InterfaceDescription: `Mellanox ConnectX-4 Lx Ethernet Adapter #${n}`, ifIndex: n + 2, Status: 'Up', MacAddress: `24-8A-07-00-${String(n).padStart(2, '0')}-01`, LinkSpeed: '25 Gbps' });
  return JSON.stringify({
    schema: 'teamwatch.bundle/1',
    host,
    collectedAt: new Date(at).toISOString(),
    collector: { version: 'bench', osName: 'Microsoft Windows Server 2019 Datacenter', osBuild: 17763 },
    inventory: {
      netAdapters: [ad(1), ad(2), { Name: 'TEAM1', InterfaceDescription: 'Microsoft Network Adapter Multiplexor Driver', ifIndex: 20, Status: 'Up', MacAddress: '24-8A-07-00-01-01', LinkSpeed: '50 Gbps' }],
      lbfoTeams: [{ Name: 'TEAM1', Members: ['Ethernet 1', 'Ethernet 2'], TeamNics: ['TEAM1'], TeamingMode: 'SwitchIndependent', LoadBalancingAlgorithm: 'Dynamic', Status: 'Up' }],
      lbfoTeamMembers: [1, 2].map((n) => ({ Name: `Ethernet ${n}`, InterfaceDescription: `Mellanox ConnectX-4 Lx Ethernet Adapter #${n}`, Team: 'TEAM1', AdministrativeMode: 'Active', OperationalStatus: 'Active', TransmitLinkSpeed: 25e9, ReceiveLinkSpeed: 25e9, FailureReason: 'NoFailure' })),
      netAdapterRdma: [{ Name: 'Ethernet 1', Enabled: true }, { Name: 'Ethernet 2', Enabled: false }],
    },
  });
}

export interface LatencyBench {
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  backgroundEventsPerSec: number;
}

export async function benchLatency(opts: { seconds: number; backgroundEventsPerSec: number }): Promise<LatencyBench> {
  const dir = mkdtempSync(join(tmpdir(), 'teamwatch-bench-lat-'));
  const server = await startServerProcess(join(dir, 'lat.db'));
  const socket = io(server.url, { transports: ['websocket'] });
  await new Promise<void>((r) => socket.once('snapshot', () => r()));
  const seen = new Map<string, number>();
  socket.on('alerts', (list: { pattern: string; status: string; subject: { host?: string } }[]) => {
    const t = performance.now();
    for (const a of list) if (a.pattern === 'rdma-on-team-member' && a.status === 'firing' && a.subject.host && !seen.has(a.subject.host)) seen.set(a.subject.host, t);
  });
  const post = (body: string) => fetch(`${server.url}/api/v1/ingest`, { method: 'POST', headers: { authorization: `Bearer ${BENCH_TOKEN}` }, body });
  const end = performance.now() + opts.seconds * 1000;
  // Event time advances like wall time at the target rate (a live fleet), so probes stamped with
  // the wall clock are never behind the engine clock.
  const g = newGen(Date.now() - 60_000, 0, 1000 / opts.backgroundEventsPerSec);
  let background = 0;
  const started = performance.now();
  // Background: 1,000-event batches paced to the target rate.
  const bg = (async () => {
    const every = 1000 / (opts.backgroundEventsPerSec / 1000);
    let next = performance.now();
    while (performance.now() < end) {
      const res = await post(xmlBatch(g, 1000));
      background += ((await res.json()) as { accepted: number }).accepted;
      next += every;
      const wait = next - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  })();
  const acks = new Map<string, number>();
  let i = 0;
  while (performance.now() < end) {
    const host = `LAT-${String(++i).padStart(4, '0')}`;
    const res = await post(probeBundle(host, Date.now()));
    acks.set(host, performance.now());
    if (res.status !== 200) throw new Error(`probe failed: ${res.status}`);
    await res.text();
    await new Promise((r) => setTimeout(r, 250));
  }
  await bg;
  await new Promise((r) => setTimeout(r, 500));
  socket.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
  const lat: number[] = [];
  let missing = 0;
  for (const [host, ack] of acks) {
    const t = seen.get(host);
    if (t === undefined) missing++;
    else lat.push(Math.max(0, t - ack));
  }
  if (missing) throw new Error(`${missing} of ${acks.size} probe alerts never arrived on the socket`);
  return { samples: lat.length, p50Ms: percentile(lat, 50), p99Ms: percentile(lat, 99), maxMs: Math.max(...lat), backgroundEventsPerSec: background / ((performance.now() - started) / 1000) };
}
