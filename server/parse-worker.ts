/**
 * Worker thread that runs the parsers, so a large body is parsed while the main thread stores the
 * previous one (the main thread stays the single SQLite writer). Messages: {id, body, ctx, format}
 * → {id, ok: true, parsed} | {id, ok: false, code, message}.
 */
import { parentPort } from 'node:worker_threads';
import { parseInput } from '../collectors/parsers/index.ts';
import { ParseError, type ParseContext } from '../collectors/parsers/types.ts';

interface Job {
  id: number;
  body: Uint8Array;
  ctx: ParseContext;
  format?: string;
}

parentPort!.on('message', (job: Job) => {
  try {
    const parsed = parseInput(job.body, job.ctx, job.format);
    parentPort!.postMessage({ id: job.id, ok: true, parsed });
  } catch (err) {
    if (err instanceof ParseError) parentPort!.postMessage({ id: job.id, ok: false, code: err.code, message: err.message });
    else parentPort!.postMessage({ id: job.id, ok: false, code: 'internal', message: err instanceof Error ? err.message : String(err) });
  }
});
