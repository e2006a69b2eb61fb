/**
 * Builds and starts the whole server from a Config: contexts (real, and demo while it runs),
 * HTTP + socket.io, syslog listeners, the engine ticker, retention. main.ts and the tests both
 * start the server through here, so tests exercise exactly what production runs.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { Router } from 'express';
import type { Config } from './config.ts';
import { Bus } from './bus.ts';
import { openContext, type DataContext, type EngineFactory, type Runtime } from './context.ts';
import { createApp } from './http/app.ts';
import { hostSummary, type HostHealthFn } from './http/collection.ts';
import type { TokenSets } from './http/auth.ts';
import { attachRealtime } from './realtime/socket.ts';
import { startSyslog, type SyslogServer } from './syslog/listener.ts';
import { createCounters } from './views/counters.ts';
import { startHostFeed } from './views/host-feed.ts';
import { createParsePool } from './parse-pool.ts';
import { pruneAll } from '../db/retention.ts';
import type { Snapshot } from './contract.ts';

export const VERSION = '0.1.0';
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface Logger {
  info(o: object, msg: string): void;
  warn(o: object, msg: string): void;
  error(o: object, msg: string): void;
}

/** Feature modules (engine, alerts API, demo, notifiers) plug in through this without server.ts knowing them. */
export interface Extensions {
  engineFactory?: EngineFactory;
  health?: HostHealthFn;
  readRouters?: (rt: Runtime) => Router[];
  writeRouters?: (rt: Runtime, tokens: TokenSets) => Router[];
  snapshotAlerts?: (ctx: DataContext) => Snapshot['alerts'];
  engineInfo?: (ctx: DataContext) => { engineTime: number | null; firing: number };
  /** Decides whether to run the demo and starts it; returns a stop function. */
  startDemo?: (rt: Runtime, demoToken: string, baseUrl: string) => (() => void) | null;
  onStarted?: (rt: Runtime, bus: Bus) => (() => void) | void;
}

export interface RunningServer {
  url: string;
  port: number;
  syslog: SyslogServer | null;
  runtime: Runtime;
  bus: Bus;
  /** The ingest token in force (generated on first run when none was configured). */
  ingestToken: string;
  generatedToken: boolean;
  http: HttpServer;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Tests: listen for syslog on ephemeral ports even though config.syslogPort is 0. */
  ephemeralSyslog?: boolean;
  /** Tests: do not advance the engine clock by wall time (scenarios run faster than real time). */
  noTicker?: boolean;
}

export async function startServer(config: Readonly<Config>, log: Logger, ext: Extensions = {}, now: () => number = Date.now, opts: StartOptions = {}): Promise<RunningServer> {
  const bus = new Bus((err) => log.error({ err: String(err) }, 'bus listener failed'));
  const real = openContext('real', config.dbPath, bus, ext.engineFactory ?? null);

  // Tokens: configured, else the one generated on first run and kept in the database.
  let generatedToken = false;
  let ingestTokens = [...config.ingestTokens];
  if (ingestTokens.length === 0) {
    let t = real.stores.settings.get('ingest_token');
    if (!t) {
      t = randomBytes(24).toString('base64url');
      real.stores.settings.set('ingest_token', t);
      generatedToken = true;
    }
    ingestTokens = [t];
  }
  const demoToken = `demo-${randomBytes(18).toString('base64url')}`;
  let demo: DataContext | null = null;
  let demoActive = false;
  let stopDemo: (() => void) | null = null;

  const runtime: Runtime = {
    startedAt: now(),
    current: () => (demoActive && demo ? demo : real),
    real: () => real,
    demo: () => demo,
    isDemoActive: () => demoActive,
    endDemo() {
      if (!demoActive) return;
      demoActive = false;
      stopDemo?.();
      stopDemo = null;
      log.info({}, 'first real data received: demo fleet stopped');
      counters.reset();
      bus.emit('reset');
    },
  };

  const tokens: TokenSets = {
    ingest: () => ingestTokens,
    read: () => config.readTokens,
    demo: () => (demoActive ? demoToken : null),
    requireRead: config.requireReadAuth,
  };
  const health: HostHealthFn = ext.health ?? (() => ({ health: 'unknown', firing: 0 }));
  const counters = createCounters(now);
  bus.on('ingested', (e) => counters.record(e));

  const parsePool = createParsePool({ onError: (err) => log.warn({ err: String(err) }, 'parse worker unavailable; parsing inline') });
  const app = createApp({
    parsePool,
    runtime,
    tokens,
    maxBodyBytes: config.maxBodyBytes,
    version: VERSION,
    now,
    health,
    readRouters: ext.readRouters?.(runtime),
    writeRouters: ext.writeRouters?.(runtime, tokens),
    engineInfo: ext.engineInfo ? () => ext.engineInfo!(runtime.current()) : undefined,
    webDist: join(ROOT, 'web', 'dist'),
    logError: (err) => log.error({ err: err instanceof Error ? err.stack : String(err) }, 'request failed'),
  });
  const http = createServer(app);
  const realtime = attachRealtime(http, {
    bus,
    counters: () => counters.snapshot(),
    authorize: (t) => {
      if (!config.requireReadAuth && config.readTokens.length === 0) return true;
      return t !== null && (config.readTokens.includes(t) || ingestTokens.includes(t));
    },
    snapshot: () => {
      const c = runtime.current();
      return {
        serverTime: new Date(now()).toISOString(),
        demo: runtime.isDemoActive(),
        hosts: c.stores.hosts.all().map((h) => hostSummary(c, h, runtime.isDemoActive(), health)),
        alerts: ext.snapshotAlerts?.(c) ?? [],
        counters: counters.snapshot(),
      };
    },
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.bind, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  const url = `http://${config.bind === '0.0.0.0' || config.bind === '::' ? '127.0.0.1' : config.bind}:${port}`;

  const syslog =
    config.syslogPort === 0 && !opts.ephemeralSyslog
      ? null
      : await startSyslog({
          port: config.syslogPort,
          bind: config.syslogBind,
          // Switch syslog is real data: it lands in the real database and ends the demo.
          pipeline: () => {
            if (runtime.isDemoActive()) runtime.endDemo();
            return runtime.real().pipeline;
          },
          now,
          log,
        });

  // The engine clock advances in live mode by elapsed wall time (see server/engine).
  const ticker = setInterval(() => {
    if (opts.noTicker) return;
    try {
      real.engine?.tick(now());
      if (demoActive) demo?.engine?.tick(now());
    } catch (err) {
      log.error({ err: String(err) }, 'engine tick failed');
    }
  }, 1000);
  ticker.unref();

  let pruning = false;
  const prune = async () => {
    if (pruning) return;
    pruning = true;
    try {
      const n = await pruneAll(real.db, now() - config.retentionDays * 86_400_000);
      if (n) log.info({ rows: n }, 'retention pruned old rows');
    } catch (err) {
      log.warn({ err: String(err) }, 'retention pruning failed');
    } finally {
      pruning = false;
    }
  };
  const pruneTimer = setInterval(prune, 3_600_000);
  pruneTimer.unref();
  setTimeout(prune, 30_000).unref();

  if (ext.startDemo && config.demo !== 'off') {
    const hasReal = real.stores.hosts.all().length > 0;
    if (config.demo === 'on' || !hasReal) {
      demo = openContext('demo', config.demoDbPath, bus, ext.engineFactory ?? null);
      demoActive = true;
      stopDemo = ext.startDemo(runtime, demoToken, url);
      if (!stopDemo) demoActive = false;
    }
  }
  const offStarted = ext.onStarted?.(runtime, bus);
  const stopHostFeed = startHostFeed(bus, (keys) => {
    const c = runtime.current();
    const out = [];
    for (const k of keys) {
      const h = c.stores.hosts.get(k);
      if (h) out.push(hostSummary(c, h, runtime.isDemoActive(), health));
    }
    return out;
  });

  return {
    url,
    port,
    syslog,
    runtime,
    bus,
    ingestToken: ingestTokens[0],
    generatedToken,
    http,
    async close() {
      clearInterval(ticker);
      clearInterval(pruneTimer);
      stopDemo?.();
      if (typeof offStarted === 'function') offStarted();
      stopHostFeed();
      await syslog?.close();
      await realtime.close();
      http.closeAllConnections?.();
      await new Promise<void>((r) => http.close(() => r()));
      await parsePool.close();
      real.close();
      demo?.close();
    },
  };
}
