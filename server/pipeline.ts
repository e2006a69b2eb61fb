/**
 * The one flow: bytes → parser → one transaction that stores every observation (idempotently)
 * → commit (the acknowledgement point) → accepted observations to the engine → bus.
 *
 *   parse ─► store (events | snapshots as changes | switch logs) ─► commit ─► engine.accept ─► bus
 *
 * Observations older than the engine clock minus the lateness window are stored and flagged
 * `late` but not judged live (replay judges them); nothing accepted is ever dropped.
 */
import type { Db } from '../db/open.ts';
import type { Stores } from './stores.ts';
import type { Bus } from './bus.ts';
import type { IngestResult } from './contract.ts';
import type { Observation } from './model/observation.ts';
import type { ParseContext } from '../collectors/parsers/types.ts';
import { ParseError } from '../collectors/parsers/types.ts';
import { parseInput, type ParsedInput } from '../collectors/parsers/index.ts';
import { inventoryRows, macTableRows, neighborRows } from './model/snapshot-rows.ts';
import { hostKey } from './model/observation.ts';
import { AppError } from './errors.ts';

/** Where a stored observation lives, so alerts can cite it as evidence. */
export interface StoredRef {
  kind: 'event' | 'snapshot' | 'switchLog';
  id: number;
  /** Snapshot rows that appeared or changed in this snapshot. */
  rowIds?: number[];
  /** For snapshots: whether anything differed from the previous snapshot of the source. */
  changed?: boolean;
}

export interface AcceptedObservation {
  obs: Observation;
  ref: StoredRef;
}

/** What the pipeline needs from the engine: its clock, its lateness window, and a sink. */
export interface EngineSink {
  clock(): number | null;
  latenessMs: number;
  /** `ingestId` orders batches for exact replay. */
  accept(batch: AcceptedObservation[], ingestId: number): void;
}

export interface IngestRequest {
  body: Uint8Array | string;
  format?: string;
  ctx: ParseContext;
  source: string;
  client: string | null;
}

export interface PipelineDeps {
  db: Db;
  stores: Stores;
  bus: Bus;
  engine: EngineSink | null;
}

export function createPipeline(deps: PipelineDeps) {
  const { db, stores, bus } = deps;

  function storeOne(o: Observation, ingestId: number, late: boolean): { ref: StoredRef | null; late: boolean; duplicate?: boolean } {
    switch (o.kind) {
      case 'event': {
        stores.hosts.seen(o.host, o.time);
        const id = stores.events.insert(o, ingestId, late);
        return id === null ? { ref: null, late: false, duplicate: true } : { ref: { kind: 'event', id }, late };
      }
      case 'switchLog': {
        const id = stores.switchLogs.insert(o, ingestId, late);
        return id === null ? { ref: null, late: false, duplicate: true } : { ref: { kind: 'switchLog', id }, late };
      }
      case 'inventory': {
        stores.hosts.reported(o.host, o.time, {
          collectorVersion: o.collector?.version,
          osName: o.collector?.osName ?? o.inventory.os?.name,
          osBuild: o.collector?.osBuild ?? o.inventory.os?.build,
          cluster: o.inventory.cluster,
        });
        const { rows, scopes } = inventoryRows(o.inventory);
        const r = stores.snapshots.apply({
          kind: 'inventory',
          source: hostKey(o.host),
          sourceName: o.host,
          time: o.time,
          format: 'bundle',
          rows,
          scopes,
          ingestId,
          body: () => JSON.stringify(o),
        });
        return snapshotRef(r, late);
      }
      case 'neighbors':
        return tableSnapshot('neighbors', o.observer, o.format, neighborRows(o.entries), o, ingestId, late);
      case 'macTable':
        return tableSnapshot('macTable', o.device, o.format, macTableRows(o.entries), o, ingestId, late);
    }
  }

  /** A neighbor or MAC table: one snapshot of its source, stored as changes. */
  function tableSnapshot(kind: 'neighbors' | 'macTable', source: string, format: string, rows: Map<string, string>, o: Observation, ingestId: number, late: boolean) {
    const r = stores.snapshots.apply({ kind, source: hostKey(source), sourceName: source, time: o.time, format, rows, ingestId, body: () => JSON.stringify(o) });
    return snapshotRef(r, late);
  }

  function snapshotRef(r: ReturnType<Stores['snapshots']['apply']>, late: boolean): { ref: StoredRef | null; late: boolean } {
    if (r.late) return { ref: null, late: true };
    const changed = r.added + r.changed + r.removed > 0;
    return { ref: { kind: 'snapshot', id: r.snapshotId!, rowIds: r.changedRowIds, changed }, late };
  }

  /** Stores already-parsed observations (the demo driver and the syslog listener also come here). */
  function ingestObservations(observations: Observation[], meta: { format: string; source: string; client: string | null; bytes: number; receivedAt: number; rejected?: number }) {
    const clock = deps.engine?.clock() ?? null;
    const horizon = clock === null ? -Infinity : clock - (deps.engine?.latenessMs ?? 0);
    const accepted: AcceptedObservation[] = [];
    let duplicates = 0;
    let late = 0;
    let events = 0;
    let ingestId = 0;
    const touched = new Set<string>();
    const tx = db.transaction(() => {
      ingestId = stores.ingestLog.begin({ receivedAt: meta.receivedAt, source: meta.source, client: meta.client, format: meta.format, bytes: meta.bytes });
      for (const o of observations) {
        const isLate = o.time < horizon;
        const r = storeOne(o, ingestId, isLate);
        if (r.duplicate) {
          duplicates++;
          continue;
        }
        if (r.late) late++;
        if (o.kind === 'event') events++;
        if (o.kind === 'event' || o.kind === 'inventory') touched.add(hostKey(o.host));
        if (r.ref && !isLate) accepted.push({ obs: o, ref: r.ref });
      }
      stores.hosts.flush();
      stores.ingestLog.finish(ingestId, {
        format: meta.format,
        accepted: observations.length - duplicates,
        duplicates,
        rejected: meta.rejected ?? 0,
        late,
      });
    });
    try {
      tx();
    } catch (err) {
      // The transaction rolled back; cached open snapshot rows may be ahead of the disk.
      stores.snapshots.invalidate();
      stores.hosts.invalidate();
      throw err;
    }
    if (accepted.length > 0) deps.engine?.accept(accepted, ingestId);
    bus.emit('ingested', { accepted: observations.length - duplicates, duplicates, rejected: meta.rejected ?? 0, events, at: meta.receivedAt, hosts: [...touched] });
    return { accepted: observations.length - duplicates, duplicates, late };
  }

  /** A body no parser accepted: logged in the ingest log, answered with the parser's code. */
  function refuse(req: IngestRequest, bytes: number, err: unknown): never {
    if (err instanceof ParseError) {
      stores.ingestLog.refused({ receivedAt: req.ctx.receivedAt, source: req.source, client: req.client, format: req.format ?? null, bytes }, err.message);
      throw new AppError(err.code, err.message);
    }
    throw err;
  }

  function store(req: IngestRequest, bytes: number, parsed: ParsedInput): IngestResult {
    const r = ingestObservations(parsed.observations, { format: parsed.format, source: req.source, client: req.client, bytes, receivedAt: req.ctx.receivedAt, rejected: parsed.rejects.length });
    return { format: parsed.format, accepted: r.accepted, duplicates: r.duplicates, late: r.late, rejected: parsed.rejects };
  }

  function ingest(req: IngestRequest): IngestResult {
    const bytes = typeof req.body === 'string' ? Buffer.byteLength(req.body) : req.body.byteLength;
    let parsed: ParsedInput;
    try {
      parsed = parseInput(req.body, req.ctx, req.format);
    } catch (err) {
      refuse(req, bytes, err);
    }
    return store(req, bytes, parsed);
  }

  /**
   * The same as ingest(), with parsing done by `parse` (the worker pool): the body is parsed off
   * the main thread, then stored here. Errors are the same as ingest()'s.
   */
  async function ingestAsync(req: IngestRequest, parse: (body: Uint8Array, ctx: ParseContext, format?: string) => Promise<ParsedInput>): Promise<IngestResult> {
    const body = typeof req.body === 'string' ? new TextEncoder().encode(req.body) : req.body;
    let parsed: ParsedInput;
    try {
      parsed = await parse(body, req.ctx, req.format);
    } catch (err) {
      refuse(req, body.byteLength, err);
    }
    return store(req, body.byteLength, parsed);
  }

  return { ingest, ingestAsync, ingestObservations };
}

export type Pipeline = ReturnType<typeof createPipeline>;
