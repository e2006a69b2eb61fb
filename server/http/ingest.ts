/**
 * POST /api/v1/ingest — any supported format, sniffed or named with ?format=. Answers after the
 * transaction committed (acknowledged = on disk). Partial batches keep their good records.
 */
import express, { Router } from 'express';
import type { Runtime } from '../context.ts';
import type { TokenSets } from './auth.ts';
import { requireIngest } from './auth.ts';
import { query } from './query.ts';
import { AppError } from '../errors.ts';
import type { ParsePool } from '../parse-pool.ts';

export function ingestRouter(deps: { runtime: Runtime; tokens: TokenSets; maxBodyBytes: number; now: () => number; parsePool?: ParsePool }): Router {
  const r = Router();
  r.post(
    '/ingest',
    requireIngest(deps.tokens),
    express.raw({ type: () => true, limit: deps.maxBodyBytes, inflate: true }),
    async (req, res) => {
      const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (body.length === 0) throw new AppError('invalid_body', 'The request body is empty.');
      const role = res.locals.role as 'ingest' | 'demo';
      const ctx = contextFor(deps.runtime, role);
      const receivedAt = deps.now();
      const request = {
        body,
        format: query.str(req, 'format', 64),
        ctx: {
          host: query.str(req, 'host', 255),
          device: query.str(req, 'device', 255),
          at: query.time(req, 'at'),
          receivedAt,
        },
        source: role === 'demo' ? 'demo' : 'http',
        client: req.ip ?? null,
      };
      const pool = deps.parsePool;
      const result = pool ? await ctx.pipeline.ingestAsync(request, (b, c, f) => pool.parse(b, c, f)) : ctx.pipeline.ingest(request);
      res.status(200).json(result);
    },
  );
  return r;
}

/** Demo posts land in the demo database; the first real post ends the demo. */
export function contextFor(runtime: Runtime, role: 'ingest' | 'demo') {
  if (role === 'demo') {
    const demo = runtime.demo();
    if (!demo || !runtime.isDemoActive()) throw new AppError('conflict', 'The demo fleet is no longer running.');
    return demo;
  }
  if (runtime.isDemoActive()) runtime.endDemo();
  return runtime.real();
}
