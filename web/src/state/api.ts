/**
 * Typed REST helpers for /api/v1. Every call resolves to the contract DTO or rejects with an
 * ApiError carrying the server's stable code and human sentence (or `network` when the server
 * could not be reached), so views show one message and never a stack trace.
 */
import type {
  AckResultDto,
  AlertDetailDto,
  AlertStatus,
  AlertsDto,
  ApiError as ApiErrorBody,
  EventsDto,
  HealthDto,
  HostDetailDto,
  HostStateDto,
  HostsDto,
  IncidentDetailDto,
  IncidentsDto,
  MacTableDto,
  Matcher,
  NeighborsDto,
  PatternsDto,
  Severity,
  SilenceDto,
  SilenceResultDto,
  SilencesDto,
  StatsSeriesDto,
  SwitchLogsDto,
} from '../contract.ts';
import type { Auth } from './auth.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function queryString(q: Query | undefined): string {
  if (!q) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** One path segment, escaped: host names and ids are data, never URL syntax. */
export const seg = (s: string | number): string => encodeURIComponent(String(s));

export interface AlertQuery {
  status?: AlertStatus | 'all';
  severity?: Severity | '';
  pattern?: string;
  host?: string;
  q?: string;
  since?: string;
  until?: string;
  limit?: number;
  /** Paging: the `next` of the previous page (GET /alerts pages by `before=<id>`). */
  before?: string;
}

export interface EventQuery {
  host?: string;
  provider?: string;
  eventId?: number | string;
  since?: string;
  until?: string;
  limit?: number;
  cursor?: string;
}

export interface SwitchLogQuery {
  device?: string;
  mac?: string;
  kind?: string;
  since?: string;
  until?: string;
  limit?: number;
}

/** The range and bucket every stats query takes; `bucket` is a duration such as '15m' or '1d'. */
export interface StatsQuery {
  since: string;
  until: string;
  bucket: string;
}

/**
 * The body of POST /silences. Without `startsAt` the server starts the silence at the engine's
 * clock (event time, equal to wall time in live operation); the end is `endsAt` or `durationMinutes`
 * after the start.
 */
export interface NewSilence {
  matchers: Matcher[];
  startsAt?: string;
  endsAt?: string;
  durationMinutes?: number;
  comment: string;
  createdBy: string;
  kind: SilenceDto['kind'];
}

export class Api {
  constructor(
    private readonly auth: Auth,
    private readonly base = '/api/v1',
  ) {}

  async request<T>(method: string, path: string, opts: { query?: Query; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', ...this.auth.headers() };
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(this.base + path + queryString(opts.query), {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal: opts.signal,
      });
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err;
      throw new ApiError(0, 'network', 'The teamwatch server could not be reached.');
    }
    const text = await res.text();
    let body: unknown = null;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        if (res.ok) throw new ApiError(res.status, 'bad_response', 'The server answered with something that is not JSON.');
      }
    }
    if (!res.ok) {
      const e = (body as ApiErrorBody | null)?.error;
      if (e && typeof e.message === 'string') throw new ApiError(res.status, String(e.code), e.message, e.details);
      if (res.status === 401 || res.status === 403)
        throw new ApiError(res.status, 'unauthorized', 'This needs a valid token (set localStorage.teamwatchToken or open the page with ?token=…).');
      throw new ApiError(res.status, 'http_' + res.status, `The server answered ${res.status} ${res.statusText}.`);
    }
    return body as T;
  }

  get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
    return this.request<T>('GET', path, { query, signal });
  }

  health = (signal?: AbortSignal) => this.get<HealthDto>('/health', undefined, signal);
  hosts = (signal?: AbortSignal) => this.get<HostsDto>('/hosts', undefined, signal);
  host = (name: string, at?: string, signal?: AbortSignal) => this.get<HostDetailDto>(`/hosts/${seg(name)}`, { at }, signal);
  hostState = (name: string, at?: string, signal?: AbortSignal) => this.get<HostStateDto>(`/hosts/${seg(name)}/state`, { at }, signal);
  events = (q: EventQuery, signal?: AbortSignal) => this.get<EventsDto>('/events', { ...q }, signal);
  neighbors = (observer: string, at?: string, signal?: AbortSignal) => this.get<NeighborsDto>('/neighbors', { observer, at }, signal);
  macTable = (device: string, at?: string, signal?: AbortSignal) => this.get<MacTableDto>('/mac-table', { device, at }, signal);

  switchLogs = (q: SwitchLogQuery, signal?: AbortSignal) => this.get<SwitchLogsDto>('/switch-logs', { ...q }, signal);

  alerts = (q: AlertQuery, signal?: AbortSignal) => this.get<AlertsDto>('/alerts', { ...q }, signal);
  alert = (id: number | string, signal?: AbortSignal) => this.get<AlertDetailDto>(`/alerts/${seg(id)}`, undefined, signal);
  ack = (id: number, comment: string, by?: string) => this.request<AckResultDto>('POST', `/alerts/${seg(id)}/ack`, { body: { comment, by: by || undefined } });
  unack = (id: number, comment: string, by?: string) => this.request<AckResultDto>('POST', `/alerts/${seg(id)}/unack`, { body: { comment, by: by || undefined } });
  silences = (signal?: AbortSignal) => this.get<SilencesDto>('/silences', undefined, signal);
  createSilence = (s: NewSilence) => this.request<SilenceResultDto>('POST', '/silences', { body: s });
  /** Expires the silence now (204, no body); it stays listed with status 'expired'. */
  deleteSilence = (id: string) => this.request<null>('DELETE', `/silences/${seg(id)}`);
  incidents = (signal?: AbortSignal) => this.get<IncidentsDto>('/incidents', undefined, signal);
  incident = (id: number | string, signal?: AbortSignal) => this.get<IncidentDetailDto>(`/incidents/${seg(id)}`, undefined, signal);
  patterns = (signal?: AbortSignal) => this.get<PatternsDto>('/patterns', undefined, signal);

  /** Alerts that fired, one series per pattern. */
  statsAlerts = (q: StatsQuery & { pattern?: string; host?: string }, signal?: AbortSignal) => this.get<StatsSeriesDto>('/stats/alerts', { ...q }, signal);
  /** Stored events, one series per host. */
  statsEvents = (q: StatsQuery & { eventId?: number | string; provider?: string; host?: string }, signal?: AbortSignal) => this.get<StatsSeriesDto>('/stats/events', { ...q }, signal);
  /** Switch MAC move and flap lines, one series per device. */
  statsMacMoves = (q: StatsQuery & { device?: string }, signal?: AbortSignal) => this.get<StatsSeriesDto>('/stats/mac-moves', { ...q }, signal);

  /** Follows `next` cursors until `max` rows or the end; `truncated` says whether rows were left. */
  async allPages<T, R extends { next?: string }>(
    page: (cursor: string | undefined) => Promise<R>,
    rows: (r: R) => T[],
    max: number,
  ): Promise<{ rows: T[]; truncated: boolean }> {
    const out: T[] = [];
    let cursor: string | undefined;
    for (;;) {
      const r = await page(cursor);
      out.push(...rows(r));
      if (!r.next || out.length >= max) return { rows: out.slice(0, max), truncated: Boolean(r.next) || out.length > max };
      cursor = r.next;
    }
  }
}

export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}
