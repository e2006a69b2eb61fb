/**
 * An Elasticsearch-compatible endpoint under /api/v1/es so Winlogbeat / Elastic Agent /
 * Fluent Bit can use `output.elasticsearch` unchanged: the version handshake, the few setup calls
 * Beats make, and `_bulk` (NDJSON action/document pairs) answered per item like Elasticsearch.
 * Same bearer token as ingest (Authorization: Bearer, ApiKey or basic auth password).
 */
import express, { Router, type Response } from 'express';
import type { Runtime } from '../context.ts';
import type { TokenSets } from './auth.ts';
import { requireIngest } from './auth.ts';
import { contextFor } from './ingest.ts';
import { decodeText } from '../../collectors/parsers/decode.ts';
import { parseBulk } from '../../collectors/parsers/ecs.ts';
import type { Observation } from '../model/observation.ts';

const VERSION = {
  name: 'teamwatch',
  cluster_name: 'teamwatch',
  cluster_uuid: 'teamwatch-0000000000000000000000',
  version: {
    number: '8.17.0',
    build_flavor: 'default',
    build_type: 'docker',
    lucene_version: '9.12.0',
    minimum_wire_compatibility_version: '7.17.0',
    minimum_index_compatibility_version: '7.0.0',
  },
  tagline: 'You Know, for Search',
};

function es(res: Response): Response {
  // Beats 8 refuse a server that does not say it is Elasticsearch.
  return res.set('X-Elastic-Product', 'Elasticsearch');
}

export function esRouter(deps: { runtime: Runtime; tokens: TokenSets; maxBodyBytes: number; now: () => number }): Router {
  const r = Router();
  r.use(requireIngest(deps.tokens));
  r.get('/', (_req, res) => {
    es(res).json(VERSION);
  });
  r.head('/', (_req, res) => {
    es(res).status(200).end();
  });
  r.get('/_license', (_req, res) => {
    es(res).json({ license: { status: 'active', type: 'basic', uid: 'teamwatch' } });
  });
  r.get('/_xpack', (_req, res) => {
    es(res).json({ features: {}, license: { status: 'active', type: 'basic' } });
  });
  // Template/ILM/pipeline setup calls: acknowledge without doing anything.
  for (const path of ['/_index_template/:name', '/_template/:name', '/_ilm/policy/:name', '/_ingest/pipeline/:name', '/_data_stream/:name']) {
    r.get(path, (_req, res) => {
      es(res).json({});
    });
    r.head(path, (_req, res) => {
      es(res).status(200).end();
    });
    r.put(path, (_req, res) => {
      es(res).json({ acknowledged: true });
    });
  }
  const bulk = (req: express.Request, res: Response) => {
    const started = Date.now();
    const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const ctx = contextFor(deps.runtime, res.locals.role as 'ingest' | 'demo');
    const receivedAt = deps.now();
    const parsed = parseBulk(decodeText(body), { receivedAt });
    const good: Observation[] = [];
    for (const item of parsed.items) if (item.ok) good.push(item.observation);
    const stored = ctx.pipeline.ingestObservations(good, {
      format: 'ecs',
      source: 'es-bulk',
      client: req.ip ?? null,
      bytes: body.length,
      receivedAt,
      rejected: parsed.items.length - good.length,
    });
    const index = typeof req.params.index === 'string' ? req.params.index : 'teamwatch';
    let errors = false;
    const items = parsed.items.map((item, i) => {
      if (item.ok) return { create: { _index: index, _id: String(i), status: 201, result: 'created' } };
      errors = true;
      return { create: { _index: index, status: 400, error: { type: 'mapper_parsing_exception', reason: item.reason } } };
    });
    es(res).json({ took: Date.now() - started, errors, items, teamwatch: { accepted: stored.accepted, duplicates: stored.duplicates } });
  };
  const raw = express.raw({ type: () => true, limit: deps.maxBodyBytes });
  r.post('/_bulk', raw, bulk);
  r.put('/_bulk', raw, bulk);
  r.post('/:index/_bulk', raw, bulk);
  r.put('/:index/_bulk', raw, bulk);
  return r;
}
