/**
 * The world the browser tests run in: the real server (test/helpers/server.ts — real HTTP, a real
 * SQLite file), the e2e fleet scenario (fleet.e2e.yaml) rendered by the simulator into real
 * collector posts and ingested through /api/v1/ingest, one hostile host posted as a hand-written
 * bundle, and Debian's Chromium. The scenario is shifted to start an hour ago so the live views
 * and the History view's default range see it.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parseScenario } from '../../server/simulator/scenario/parse.ts';
import { shiftScenario, startRun } from '../../server/simulator/generate/generate.ts';
import type { Run } from '../../server/simulator/generate/run.ts';
import type { IngestResult } from '../../server/contract.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { launchChromium } from './browser.ts';

export const MIN = 60_000;
export const HOSTILE_HOST = '<img src=x onerror=alert(1)>';
export const HOSTILE_TEAM = 'TEAM"><svg onload=alert(2)>';
export const HOSTILE_CLUSTER = 'CL-<i>X</i>';
export const HOSTILE_MESSAGE = 'Member <script>window.__xss=1</script><img src=x onerror=alert(3)> disconnected';

export interface OpenPage {
  page: Page;
  context: BrowserContext;
  /** Messages of any JavaScript dialog the page opened (there must be none). */
  dialogs: string[];
  /** Uncaught page errors. */
  errors: string[];
}

export interface E2E {
  ts: TestServer;
  browser: Browser;
  /** Scenario start, epoch ms. */
  start: number;
  /** Ingests every post the scenario produces up to `start + offsetMs`; returns the acks. */
  advance(offsetMs: number): Promise<IngestResult[]>;
  /** Ingests the generated posts one at a time, calling `after` after each ack. */
  advanceStepwise(offsetMs: number, after: (ack: IngestResult, ackAt: number) => Promise<boolean | void>): Promise<void>;
  open(path: string, opts?: { width?: number; height?: number; token?: boolean }): Promise<OpenPage>;
  close(): Promise<void>;
}

function hostileBundle(at: number): string {
  const event = `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Teamwatch-E2E-Hostile'/><EventID>1</EventID><Version>0</Version><Level>4</Level><Task>0</Task><Opcode>0</Opcode><Keywords>0x8000000000000000</Keywords><TimeCreated SystemTime='${new Date(at - 30_000).toISOString()}'/><EventRecordID>9001</EventRecordID><Correlation/><Execution ProcessID='4' ThreadID='8'/><Channel>System</Channel><Computer>evil.example</Computer><Security/></System><EventData><Data>x</Data></EventData><RenderingInfo Culture='en-US'><Message>${HOSTILE_MESSAGE.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</Message></RenderingInfo></Event>`;
  return JSON.stringify({
    schema: 'teamwatch.bundle/1',
    host: HOSTILE_HOST,
    cluster: HOSTILE_CLUSTER,
    collectedAt: new Date(at).toISOString(),
    collector: { version: '1.0.0', osName: 'Windows Server 2019 Datacenter', osBuild: '17763' },
    inventory: {
      netAdapters: [
        { Name: 'Ethernet 1', InterfaceDescription: 'Intel(R) <b>X710</b>', ifIndex: 4, Status: 'Up', MacAddress: '00-1B-21-E2-E0-01', LinkSpeed: '10 Gbps' },
        { Name: 'Ethernet 2', InterfaceDescription: 'Intel(R) <b>X710</b> #2', ifIndex: 5, Status: 'Up', MacAddress: '00-1B-21-E2-E0-02', LinkSpeed: '10 Gbps' },
      ],
      lbfoTeams: [{ Name: HOSTILE_TEAM, Members: ['Ethernet 1', 'Ethernet 2'], TeamNics: [HOSTILE_TEAM], TeamingMode: 'SwitchIndependent', LoadBalancingAlgorithm: 'Dynamic', Status: 'Up' }],
      lbfoTeamMembers: [
        { Name: 'Ethernet 1', InterfaceDescription: 'Intel(R) <b>X710</b>', Team: HOSTILE_TEAM, AdministrativeMode: 'Active', OperationalStatus: 'Active', FailureReason: 'NoFailure' },
        { Name: 'Ethernet 2', InterfaceDescription: 'Intel(R) <b>X710</b> #2', Team: HOSTILE_TEAM, AdministrativeMode: 'Active', OperationalStatus: 'Active', FailureReason: 'NoFailure' },
      ],
      vmSwitches: [],
      vmNetworkAdapters: [],
      vms: [],
    },
    events: [event],
  });
}

export async function startE2E(opts: { until?: number } = {}): Promise<E2E> {
  const parsed = parseScenario(readFileSync(new URL('./fleet.e2e.yaml', import.meta.url), 'utf8'), 'test/e2e/fleet.e2e.yaml');
  const start = Math.floor((Date.now() - 60 * MIN) / MIN) * MIN;
  const scenario = shiftScenario(parsed, start - parsed.start);
  const ts = await startTestServer();
  let browser: Browser | null = null;
  try {
    browser = await launchChromium();
    const run: Run = startRun(scenario);
    const ingestPost = (p: { format: string; query: Record<string, string | number | undefined>; body: string }) => ts.ingest(p.body, { format: p.format, ...p.query });
    const e2e: E2E = {
      ts,
      browser,
      start,
      async advance(offsetMs) {
        const acks: IngestResult[] = [];
        for (const p of run.advanceTo(start + offsetMs)) acks.push(await ingestPost(p));
        return acks;
      },
      async advanceStepwise(offsetMs, after) {
        for (const p of run.advanceTo(start + offsetMs)) {
          const ack = await ingestPost(p);
          if ((await after(ack, Date.now())) === true) return;
        }
      },
      async open(path, o = {}) {
        const context = await browser!.newContext({ viewport: { width: o.width ?? 1400, height: o.height ?? 900 }, acceptDownloads: true });
        const page = await context.newPage();
        const dialogs: string[] = [];
        const errors: string[] = [];
        page.on('dialog', (d) => {
          dialogs.push(d.message());
          void d.dismiss();
        });
        page.on('pageerror', (e) => errors.push(e.message));
        const sep = path.includes('?') ? '&' : '?';
        await page.goto(ts.url + path + (o.token ? `${sep}token=${encodeURIComponent(ts.token)}` : ''));
        return { page, context, dialogs, errors };
      },
      async close() {
        await browser?.close();
        await ts.close();
      },
    };
    await e2e.advance(opts.until ?? 29 * MIN);
    const hostile = await ts.ingest(hostileBundle(start + 28 * MIN), { format: 'bundle' });
    if (hostile.accepted === 0) throw new Error(`the hostile bundle was not accepted: ${JSON.stringify(hostile.rejected)}`);
    return e2e;
  } catch (err) {
    await browser?.close();
    await ts.close();
    throw err;
  }
}

/** Polls `fn` until it returns a truthy value or `timeoutMs` passes (then throws with `what`). */
export async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 10_000, everyMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export const screenshotPath = (name: string) => new URL(`../../docs/screenshots/${name}`, import.meta.url).pathname;
