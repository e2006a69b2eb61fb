/**
 * Starts the real server for integration and browser tests: real HTTP on an ephemeral port, a
 * real SQLite file in a fresh temp folder, the same startServer() that production runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../server/config.ts';
import { startServer, type Extensions, type RunningServer } from '../../server/server.ts';
import { extensions as productionExtensions } from '../../server/extensions.ts';
import type { IngestResult } from '../../server/contract.ts';

export const TEST_TOKEN = 'test-token-0123456789';

export interface TestServer {
  url: string;
  token: string;
  dir: string;
  dbPath: string;
  server: RunningServer;
  /** POST a body to /api/v1/ingest; returns status and parsed JSON. */
  post(body: string | Uint8Array, query?: Record<string, string | number | undefined>, token?: string | null): Promise<{ status: number; json: any }>;
  ingest(body: string | Uint8Array, query?: Record<string, string | number | undefined>): Promise<IngestResult>;
  get(path: string): Promise<{ status: number; json: any }>;
  close(): Promise<void>;
}

const silent = { info() {}, warn() {}, error() {} };

export interface TestServerOptions {
  config?: Partial<Config>;
  /** Feature extensions; defaults to production's. */
  extensions?: Extensions;
  now?: () => number;
  dir?: string;
  keepDir?: boolean;
  /** Advance the engine clock by wall time (off by default: tests run on event time). */
  ticker?: boolean;
}

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'teamwatch-test-'));
  const config = loadConfig(
    {},
    {
      port: 0,
      bind: '127.0.0.1',
      dbPath: join(dir, 'teamwatch.db'),
      demoDbPath: join(dir, 'teamwatch-demo.db'),
      ingestTokens: [TEST_TOKEN],
      syslogPort: 0,
      syslogBind: '127.0.0.1',
      demo: 'off',
      logLevel: 'silent',
      ...opts.config,
    },
  );
  const server = await startServer(config, silent, opts.extensions ?? productionExtensions(config, silent), opts.now, { ephemeralSyslog: true, noTicker: !opts.ticker });
  const url = server.url;
  const post: TestServer['post'] = async (body, query = {}, token = TEST_TOKEN) => {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) qs.set(k, String(v));
    const res = await fetch(`${url}/api/v1/ingest${qs.size ? `?${qs}` : ''}`, {
      method: 'POST',
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
      body,
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null };
  };
  return {
    url,
    token: TEST_TOKEN,
    dir,
    dbPath: config.dbPath,
    server,
    post,
    async ingest(body, query) {
      const r = await post(body, query);
      if (r.status !== 200) throw new Error(`ingest failed: ${r.status} ${JSON.stringify(r.json)}`);
      return r.json as IngestResult;
    },
    async get(path) {
      const res = await fetch(`${url}${path}`);
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : null };
    },
    async close() {
      await server.close();
      if (!opts.keepDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
