/**
 * One POST to `<server>/api/v1/ingest`. The answer is either the server's IngestResult or a
 * failure with a stable code and a sentence: the server's own `{error: {code, message}}` when it
 * sent one, else one made here from the status (413 too large, network unreachable, …).
 */
import type { IngestReject } from '../../server/contract.ts';

export interface IngestParams {
  format?: string;
  host?: string;
  device?: string;
  /** Epoch ms. */
  at?: number;
}

export interface IngestCounts {
  format: string;
  accepted: number;
  duplicates: number;
  late: number;
  rejected: IngestReject[];
}

export type IngestOutcome = { ok: true; result: IngestCounts } | { ok: false; status: number | null; code: string; message: string };

export function ingestUrl(server: string, params: IngestParams): string {
  const url = new URL(`${server.replace(/\/+$/, '')}/api/v1/ingest`);
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
  return url.href;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function countsOf(doc: unknown): IngestCounts | null {
  if (typeof doc !== 'object' || doc === null) return null;
  const d = doc as Record<string, unknown>;
  if (typeof d.accepted !== 'number') return null;
  return {
    format: typeof d.format === 'string' ? d.format : '?',
    accepted: num(d.accepted),
    duplicates: num(d.duplicates),
    late: num(d.late),
    rejected: Array.isArray(d.rejected) ? (d.rejected as IngestReject[]) : [],
  };
}

function statusSentence(status: number, maxBytes: number, serverMessage: string | null): { code: string; message: string } {
  if (status === 413) {
    return {
      code: 'too_large',
      message: `The server refused the body as too large (413). Its limit is probably ${maxBytes} bytes; this file is not a format the CLI can split, so export it in smaller pieces.`,
    };
  }
  if (status === 401 || status === 403) {
    const said = serverMessage ? ` ${serverMessage}` : '';
    return { code: 'unauthorized', message: `The server refused the token (${status}).${said} Pass --token or set TEAMWATCH_TOKEN.` };
  }
  return { code: `http_${status}`, message: serverMessage ?? `The server answered ${status}.` };
}

export async function postIngest(
  fetchImpl: typeof fetch,
  server: string,
  token: string | undefined,
  params: IngestParams,
  body: Uint8Array,
  maxBytes: number,
): Promise<IngestOutcome> {
  const headers: Record<string, string> = { 'Content-Type': 'application/octet-stream' };
  if (token) headers.Authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetchImpl(ingestUrl(server, params), { method: 'POST', headers, body });
  } catch (err) {
    const cause = (err as { cause?: { message?: string } }).cause?.message ?? (err as Error).message;
    return { ok: false, status: null, code: 'unreachable', message: `Could not reach ${server}: ${cause}.` };
  }
  const text = await res.text();
  let doc: unknown = null;
  try {
    doc = JSON.parse(text);
  } catch {
    doc = null;
  }
  if (res.ok) {
    const counts = countsOf(doc);
    if (counts) return { ok: true, result: counts };
    return { ok: false, status: res.status, code: 'bad_answer', message: `The server answered ${res.status} without an ingest result.` };
  }
  const error = (doc as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const serverMessage = error && typeof error.message === 'string' ? error.message : null;
  const failure = statusSentence(res.status, maxBytes, serverMessage);
  // The server's own code wins except where the CLI acts on its own (413 hint, token refused).
  const code = error && typeof error.code === 'string' && failure.code.startsWith('http_') ? error.code : failure.code;
  return { ok: false, status: res.status, code, message: failure.message };
}
