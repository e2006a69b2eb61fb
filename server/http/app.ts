/**
 * The express app factory (no listen): routes under /api/v1, the Elasticsearch-compatible
 * endpoint under /api/v1/es, the web app from web/dist with SPA fallback, one error mapper.
 * Extra routers (alerts, silences, …) are passed in so this file does not grow with each feature.
 */
import express, { Router, type Express } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Runtime } from '../context.ts';
import type { HealthDto } from '../contract.ts';
import type { TokenSets } from './auth.ts';
import { requireRead } from './auth.ts';
import { ingestRouter } from './ingest.ts';
import { esRouter } from './es.ts';
import { collectionRouter, type HostHealthFn } from './collection.ts';
import { errorHandler, notFound, errorBody } from './errors.ts';
import { SCHEMA_VERSION } from '../../db/open.ts';
import type { ParsePool } from '../parse-pool.ts';
import { iso } from '../model/time.ts';

export interface AppDeps {
  runtime: Runtime;
  tokens: TokenSets;
  maxBodyBytes: number;
  version: string;
  now: () => number;
  health: HostHealthFn;
  /** Extra read routers mounted under /api/v1 behind read auth (alerts, incidents, patterns…). */
  readRouters?: Router[];
  /** Extra routers mounted under /api/v1 that do their own auth (writes). */
  writeRouters?: Router[];
  engineInfo?: () => { engineTime: number | null; firing: number };
  webDist?: string;
  logError: (err: unknown) => void;
  parsePool?: ParsePool;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('query parser', 'simple');

  const api = Router();
  api.use('/es', esRouter(deps));
  api.use(ingestRouter(deps));
  for (const w of deps.writeRouters ?? []) api.use(w);
  api.get('/health', (_req, res) => {
    const c = deps.runtime.current();
    const info = deps.engineInfo?.() ?? { engineTime: null, firing: 0 };
    const body: HealthDto = {
      status: 'ok',
      version: deps.version,
      schemaVersion: SCHEMA_VERSION,
      uptimeSec: Math.round((deps.now() - deps.runtime.startedAt) / 1000),
      demo: deps.runtime.isDemoActive(),
      engineTime: info.engineTime === null ? null : iso(info.engineTime),
      counts: {
        hosts: c.stores.hosts.all().length,
        events: c.stores.events.count(),
        snapshots: c.stores.snapshots.count(),
        switchLogs: c.stores.switchLogs.count(),
        alertsFiring: info.firing,
      },
    };
    res.json(body);
  });
  api.use(requireRead(deps.tokens));
  api.use(collectionRouter(deps));
  for (const r of deps.readRouters ?? []) api.use(r);
  api.use(notFound);
  app.use('/api/v1', api);
  app.use('/api', notFound);

  const dist = deps.webDist;
  if (dist && existsSync(join(dist, 'index.html'))) {
    app.use(express.static(dist, { index: false, maxAge: '1h', setHeaders: (res, path) => {
      if (path.endsWith('index.html')) res.setHeader('Cache-Control', 'no-cache');
    } }));
    app.get(/^\/(?!api\/|socket\.io\/).*/, (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(join(dist, 'index.html'));
    });
  } else {
    app.get('/', (_req, res) => {
      res.type('html').send('<!doctype html><title>teamwatch</title><h1>teamwatch</h1><p>The web app is not built. Run <code>npm run build:web</code>. The API is at <a href="/api/v1/health">/api/v1/health</a>.</p>');
    });
  }
  app.use((_req, res) => {
    res.status(404).json(errorBody('not_found', 'Not found.'));
  });
  app.use(errorHandler(deps.logError));
  return app;
}
