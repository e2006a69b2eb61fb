/**
 * Standard Webhooks signatures (https://github.com/standard-webhooks/webhooks): three headers,
 * `webhook-id` (the message id, the same on every retry), `webhook-timestamp` (Unix seconds of
 * this attempt) and `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`.
 *
 * The secret is either `whsec_<base64>` (the Standard Webhooks form: the key is the decoded bytes)
 * or any other text (the key is its UTF-8 bytes, as Grafana and most webhook senders use it).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function secretKey(secret: string): Buffer {
  if (secret.startsWith('whsec_')) {
    const b64 = secret.slice('whsec_'.length);
    if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(b64)) return Buffer.from(b64.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  }
  return Buffer.from(secret, 'utf8');
}

export function sign(secret: string, id: string, timestampSec: number, body: string): string {
  return createHmac('sha256', secretKey(secret)).update(`${id}.${timestampSec}.${body}`).digest('base64');
}

export function signatureHeaders(secret: string, id: string, timestampSec: number, body: string): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestampSec),
    'webhook-signature': `v1,${sign(secret, id, timestampSec, body)}`,
  };
}

/**
 * Receiver-side check, as documented in docs/notifications.md (also used by the tests): any of the
 * space-separated `v1,` signatures matches, and the timestamp is within `toleranceSec` of `nowSec`.
 */
export function verify(secret: string, headers: Record<string, string | string[] | undefined>, body: string, nowSec: number, toleranceSec = 300): boolean {
  const one = (k: string) => {
    const v = headers[k];
    return Array.isArray(v) ? v[0] : v;
  };
  const id = one('webhook-id');
  const ts = Number(one('webhook-timestamp'));
  const sigs = one('webhook-signature');
  if (!id || !Number.isInteger(ts) || !sigs || Math.abs(nowSec - ts) > toleranceSec) return false;
  const expected = Buffer.from(sign(secret, id, ts, body), 'base64');
  return sigs.split(' ').some((s) => {
    const [v, b64] = s.split(',', 2);
    if (v !== 'v1' || !b64) return false;
    const got = Buffer.from(b64, 'base64');
    return got.length === expected.length && timingSafeEqual(got, expected);
  });
}
