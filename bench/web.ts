/**
 * Web measurements on the production build served by a real server process:
 * - the JS the first page (`/`) actually loads, gzipped (target ≤ 150 KB);
 * - the wall view with 1,000 hosts and 200 firing alerts receiving ~50 alert updates/s (acks and
 *   un-acks through the real API) for 30 s: longest main-thread task and dropped frames, measured
 *   in Chromium by test/e2e/wall-perf.ts (target: no task over 50 ms).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { spawn } from 'node:child_process';
import { launchChromium, haveChromium } from '../test/e2e/browser.ts';
import { startServerProcess, BENCH_TOKEN } from './proc.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface WebBench {
  firstPageJsGzipBytes: number;
  firstPageJsRawBytes: number;
  firstPageFiles: number;
  wall: Record<string, unknown> | null;
}

function bundle(host: string, rdma: boolean, at: number): string {
  const ad = (n: number) => ({ Name: `Ethernet ${n}`, InterfaceDescription: `Intel(R) Ethernet Controller X710 #${n}`, ifIndex: n + 2, Status: 'Up', MacAddress: `00-1B-21-${host.slice(-4, -2)}-${host.slice(-2)}-0${n}`, LinkSpeed: '10 Gbps' });
  return JSON.stringify({
    schema: 'teamwatch.bundle/1',
    host,
    collectedAt: new Date(at).toISOString(),
    cluster: `CL-${host.slice(-4, -2)}`,
    collector: { version: 'bench', osName: 'Microsoft Windows Server 2019 Datacenter', osBuild: 17763 },
    inventory: {
      netAdapters: [ad(1), ad(2), { Name: 'TEAM1', InterfaceDescription: 'Microsoft Network Adapter Multiplexor Driver', ifIndex: 20, Status: 'Up', MacAddress: `00-1B-21-${host.slice(-4, -2)}-${host.slice(-2)}-01`, LinkSpeed: '20 Gbps' }],
      lbfoTeams: [{ Name: 'TEAM1', Members: ['Ethernet 1', 'Ethernet 2'], TeamNics: ['TEAM1'], TeamingMode: 'SwitchIndependent', LoadBalancingAlgorithm: 'Dynamic', Status: 'Up' }],
      lbfoTeamMembers: [1, 2].map((n) => ({ Name: `Ethernet ${n}`, InterfaceDescription: `Intel(R) Ethernet Controller X710 #${n}`, Team: 'TEAM1', AdministrativeMode: 'Active', OperationalStatus: 'Active', TransmitLinkSpeed: 10e9, ReceiveLinkSpeed: 10e9, FailureReason: 'NoFailure' })),
      netAdapterRdma: [{ Name: 'Ethernet 1', Enabled: rdma }, { Name: 'Ethernet 2', Enabled: false }],
    },
  });
}

export async function benchWeb(opts: { wallSeconds: number }): Promise<WebBench> {
  const dir = mkdtempSync(join(tmpdir(), 'teamwatch-bench-web-'));
  const server = await startServerProcess(join(dir, 'web.db'));
  const auth = { authorization: `Bearer ${BENCH_TOKEN}` };
  try {
    if (!haveChromium) throw new Error('/usr/bin/chromium is missing (apt-get install -y chromium)');
    // First page: every script the page loads, as the browser fetched it.
    const browser = await launchChromium();
    const page = await browser.newPage();
    const scripts = new Map<string, Buffer>();
    page.on('response', async (r) => {
      if (r.request().resourceType() === 'script') scripts.set(r.url(), await r.body().catch(() => Buffer.alloc(0)));
    });
    await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
    await browser.close();
    let gz = 0;
    let raw = 0;
    for (const b of scripts.values()) {
      raw += b.length;
      gz += gzipSync(b).length;
    }

    // Wall load: 1,000 hosts, 200 of them with RDMA on an LBFO member (200 firing alerts).
    const now = Date.now();
    for (let i = 0; i < 1000; i += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_, k) => {
          const n = i + k;
          return fetch(`${server.url}/api/v1/ingest`, { method: 'POST', headers: auth, body: bundle(`HV-${String(n).padStart(4, '0')}`, n % 5 === 0, now) }).then((r) => r.text());
        }),
      );
    }
    const alerts = ((await (await fetch(`${server.url}/api/v1/alerts?status=firing&limit=500`)).json()) as { alerts: { id: number }[] }).alerts;
    let wall: Record<string, unknown> | null = null;
    const perf = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/e2e/wall-perf.ts'), server.url, '--duration', String(opts.wallSeconds), '--hosts', '1000'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    perf.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const done = new Promise<void>((r) => perf.once('exit', () => r()));
    // 50 alert updates/s: alternate ack and un-ack over the firing alerts.
    let stop = false;
    const driver = (async () => {
      let k = 0;
      // Paced at 50/s (one every 20 ms), requests not waiting for each other.
      let next = performance.now();
      const inflight = new Set<Promise<unknown>>();
      while (!stop) {
        const a = alerts[k % alerts.length];
        const verb = Math.floor(k / alerts.length) % 2 === 0 ? 'ack' : 'unack';
        const p = fetch(`${server.url}/api/v1/alerts/${a.id}/${verb}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ comment: 'bench', by: 'bench' }) }).then((r) => r.text());
        inflight.add(p);
        void p.finally(() => inflight.delete(p));
        k++;
        next += 20;
        const wait = next - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
      await Promise.all(inflight);
    })();
    await done;
    stop = true;
    await driver;
    try {
      wall = JSON.parse(out) as Record<string, unknown>;
    } catch {
      wall = { error: 'wall-perf printed no JSON', out: out.slice(0, 500) };
    }
    return { firstPageJsGzipBytes: gz, firstPageJsRawBytes: raw, firstPageFiles: scripts.size, wall };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
