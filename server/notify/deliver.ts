/**
 * Delivery of one rendered message to one receiver: POST with a timeout, retries with exponential
 * backoff (1 s, 2 s, 4 s, 8 s between 5 attempts by default) that honour `Retry-After`, then a
 * dead letter. Transient failures are retried (network errors, timeouts, 408, 425, 429, 5xx);
 * permanent ones (other 4xx, redirects, which are not followed) go to the dead letter at once.
 * Each attempt is signed afresh (Standard Webhooks: same `webhook-id`, new timestamp) when the
 * receiver has a secret. The dead letter keeps the last `deadLetterSize` failures in memory.
 * Time (`now`) and waiting (`sleep`) are injected, so tests run retries without real delays.
 */
import type { Rendered, WebhookFormat } from './notifier.ts';
import { signatureHeaders } from './signature.ts';
import { clip, line } from './text.ts';

export interface DeliveryOptions {
  timeoutMs: number;
  attempts: number;
  /** First backoff; doubles after each failed attempt. */
  backoffMs: number;
  /** A longer Retry-After is capped to this. */
  maxRetryAfterMs: number;
  deadLetterSize: number;
}

export const DEFAULT_DELIVERY: DeliveryOptions = {
  timeoutMs: 10_000,
  attempts: 5,
  backoffMs: 1_000,
  maxRetryAfterMs: 300_000,
  deadLetterSize: 100,
};

export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    t.unref?.();
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });

export interface Target {
  name: string;
  format: WebhookFormat;
  url: string;
  secret: string | null;
}

export interface Message {
  /** The Standard Webhooks `webhook-id`: one per message, the same on every retry. */
  id: string;
  groupKey: string;
  status: 'firing' | 'resolved';
  reason: 'new' | 'repeat' | 'test';
  alertIds: number[];
  rendered: Rendered;
}

export interface DeliveryResult {
  ok: boolean;
  attempts: number;
  /** HTTP status of the last attempt; null when no response arrived. */
  httpStatus: number | null;
  error: string | null;
}

export interface DeadLetter {
  id: string;
  receiver: string;
  format: WebhookFormat;
  /** The receiver's origin only: webhook URLs carry secrets in their path or query. */
  url: string;
  groupKey: string;
  status: 'firing' | 'resolved';
  reason: 'new' | 'repeat' | 'test';
  alertIds: number[];
  attempts: number;
  httpStatus: number | null;
  error: string;
  firstAttemptAt: string;
  failedAt: string;
  /** The body that was not delivered (capped at 32 KiB), for redelivery by hand. */
  body: string;
}

export interface DeliveryLog {
  info(o: object, msg: string): void;
  warn(o: object, msg: string): void;
  error(o: object, msg: string): void;
}

/** Origin only (no user info, path or query), for logs and the dead-letter API. */
export function redactUrl(url: string): string {
  try {
    return `${new URL(url).origin}/…`;
  } catch {
    return '(invalid URL)';
  }
}

/** `Retry-After` as delay-seconds or an HTTP date → milliseconds from `nowMs`; null when absent or invalid. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

const RETRYABLE = new Set([408, 425, 429]);
const isRetryable = (status: number) => status >= 500 || RETRYABLE.has(status);

export interface Delivery {
  deliver(target: Target, msg: Message, opts?: { attempts?: number; deadLetter?: boolean }): Promise<DeliveryResult>;
  deadLetters(): DeadLetter[];
}

export function createDelivery(deps: { now: () => number; sleep: Sleep; log: DeliveryLog; options: DeliveryOptions; signal: AbortSignal }): Delivery {
  const o = deps.options;
  const dead: DeadLetter[] = [];

  async function attempt(target: Target, msg: Message): Promise<{ status: number | null; error: string | null; retryAfterMs: number | null }> {
    const headers: Record<string, string> = { 'user-agent': 'teamwatch-notify', ...msg.rendered.headers };
    if (target.secret) Object.assign(headers, signatureHeaders(target.secret, msg.id, Math.floor(deps.now() / 1000), msg.rendered.body));
    try {
      const res = await fetch(target.url, {
        method: 'POST',
        headers,
        body: msg.rendered.body,
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(o.timeoutMs), deps.signal]),
      });
      const text = await res.text().catch(() => '');
      if (res.status >= 200 && res.status < 300) return { status: res.status, error: null, retryAfterMs: null };
      const detail = text ? `: ${line(text, 200)}` : '';
      const error = res.status >= 300 && res.status < 400 ? `HTTP ${res.status} redirect (not followed)` : `HTTP ${res.status}${detail}`;
      return { status: res.status, error, retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), deps.now()) };
    } catch (err) {
      const e = err as Error & { cause?: { code?: string; message?: string } };
      const why = e.name === 'TimeoutError' ? `timed out after ${o.timeoutMs} ms` : e.cause?.code ?? e.cause?.message ?? e.message;
      return { status: null, error: line(String(why), 300), retryAfterMs: null };
    }
  }

  return {
    async deliver(target, msg, opts = {}) {
      const max = Math.max(1, opts.attempts ?? o.attempts);
      const firstAttemptAt = deps.now();
      let last = { status: null as number | null, error: null as string | null, retryAfterMs: null as number | null };
      let n = 0;
      while (n < max && !deps.signal.aborted) {
        n++;
        last = await attempt(target, msg);
        if (last.error === null) {
          deps.log.info({ receiver: target.name, groupKey: msg.groupKey, alerts: msg.alertIds.length, attempts: n }, 'notification delivered');
          return { ok: true, attempts: n, httpStatus: last.status, error: null };
        }
        if (last.status !== null && !isRetryable(last.status)) break;
        if (n < max) {
          const backoff = o.backoffMs * 2 ** (n - 1);
          const wait = last.retryAfterMs === null ? backoff : Math.max(backoff, Math.min(last.retryAfterMs, o.maxRetryAfterMs));
          deps.log.warn({ receiver: target.name, url: redactUrl(target.url), attempt: n, error: last.error, retryInMs: wait }, 'notification failed; will retry');
          await deps.sleep(wait, deps.signal);
        }
      }
      const error = deps.signal.aborted && last.error === null ? 'stopped before delivery' : (last.error ?? 'stopped before delivery');
      if (opts.deadLetter !== false && !deps.signal.aborted) {
        dead.push({
          id: msg.id,
          receiver: target.name,
          format: target.format,
          url: redactUrl(target.url),
          groupKey: msg.groupKey,
          status: msg.status,
          reason: msg.reason,
          alertIds: msg.alertIds,
          attempts: n,
          httpStatus: last.status,
          error,
          firstAttemptAt: new Date(firstAttemptAt).toISOString(),
          failedAt: new Date(deps.now()).toISOString(),
          body: clip(msg.rendered.body, 32 * 1024),
        });
        if (dead.length > o.deadLetterSize) dead.splice(0, dead.length - o.deadLetterSize);
        deps.log.error({ receiver: target.name, url: redactUrl(target.url), groupKey: msg.groupKey, attempts: n, error }, 'notification not delivered: dead-lettered');
      }
      return { ok: false, attempts: n, httpStatus: last.status, error };
    },
    deadLetters: () => [...dead].reverse(),
  };
}
