/**
 * Parses ingest bodies off the main thread. Bodies under `inlineBelow` bytes are parsed inline
 * (messaging would cost more than it saves); larger ones go to a worker. If the worker cannot
 * start or dies, parsing falls back to inline, so ingest never depends on it.
 */
import { Worker } from 'node:worker_threads';
import { parseInput, type ParsedInput } from '../collectors/parsers/index.ts';
import { ParseError, type ParseContext } from '../collectors/parsers/types.ts';

export interface ParsePool {
  parse(body: Uint8Array, ctx: ParseContext, format?: string): Promise<ParsedInput>;
  close(): Promise<void>;
}

type Reply = { id: number; ok: true; parsed: ParsedInput } | { id: number; ok: false; code: string; message: string };

export function createParsePool(opts: { inlineBelow?: number; onError?: (err: unknown) => void } = {}): ParsePool {
  const inlineBelow = opts.inlineBelow ?? 64 * 1024;
  let worker: Worker | null = null;
  let broken = false;
  let nextId = 1;
  const waiting = new Map<number, { resolve: (p: ParsedInput) => void; reject: (e: unknown) => void; body: Uint8Array; ctx: ParseContext; format?: string }>();

  const inline = (body: Uint8Array, ctx: ParseContext, format?: string) => Promise.resolve().then(() => parseInput(body, ctx, format));

  const failAll = (err: unknown) => {
    broken = true;
    worker = null;
    opts.onError?.(err);
    // Jobs in flight are parsed inline instead: nothing accepted depends on the worker.
    for (const [id, w] of waiting) {
      waiting.delete(id);
      inline(w.body, w.ctx, w.format).then(w.resolve, w.reject);
    }
  };

  const start = (): Worker | null => {
    if (broken) return null;
    if (worker) return worker;
    try {
      const w = new Worker(new URL('./parse-worker.mjs', import.meta.url));
      w.unref();
      w.on('message', (r: Reply) => {
        const job = waiting.get(r.id);
        if (!job) return;
        waiting.delete(r.id);
        if (r.ok) job.resolve(r.parsed);
        else job.reject(new ParseError(r.code, r.message));
      });
      w.on('error', failAll);
      w.on('exit', (code) => {
        if (waiting.size || code !== 0) failAll(new Error(`parse worker exited with ${code}`));
        worker = null;
      });
      worker = w;
      return w;
    } catch (err) {
      failAll(err);
      return null;
    }
  };

  return {
    parse(body, ctx, format) {
      if (body.byteLength < inlineBelow) return inline(body, ctx, format);
      const w = start();
      if (!w) return inline(body, ctx, format);
      return new Promise<ParsedInput>((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { resolve, reject, body, ctx, format });
        w.ref();
        w.postMessage({ id, body, ctx, format });
      }).finally(() => {
        if (waiting.size === 0) worker?.unref();
      });
    },
    async close() {
      const w = worker;
      worker = null;
      broken = true;
      if (w) {
        // terminate() always exits with code 1: not a failure worth reporting.
        w.removeAllListeners('exit');
        w.removeAllListeners('error');
        await w.terminate();
      }
    },
  };
}
