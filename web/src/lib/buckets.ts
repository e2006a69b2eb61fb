/**
 * Time buckets for the charts drawn from the stats endpoints (GET /api/v1/stats/*). The server
 * counts in SQL, aligns buckets to multiples of the bucket size since the epoch (so day buckets are
 * UTC days) and refuses more than 2,000 buckets per answer; the client picks the bucket from the
 * selected range and turns the answer into plain chart arrays. Pure.
 */
import type { StatsSeriesDto } from '../contract.ts';
import type { ChartSeries } from './chart.svelte.ts';

/** The server answers 400 above this many buckets. */
export const MAX_BUCKETS = 2000;

const MINUTE = 60e3;
const HOUR = 3600e3;
const DAY = 86400e3;

/** Bucket sizes charts use, smallest first, each with the duration text the server parses. */
const SIZES: readonly (readonly [number, string])[] = [
  [MINUTE, '1m'],
  [5 * MINUTE, '5m'],
  [15 * MINUTE, '15m'],
  [30 * MINUTE, '30m'],
  [HOUR, '1h'],
  [3 * HOUR, '3h'],
  [6 * HOUR, '6h'],
  [12 * HOUR, '12h'],
  [DAY, '1d'],
  [7 * DAY, '7d'],
  [30 * DAY, '30d'],
];

export interface Bucket {
  ms: number;
  /** The `bucket` query parameter: '5m', '1h', '1d', … */
  param: string;
}

/**
 * The smallest bucket of at least `minMs` that draws the span in at most `target` bars (and never
 * more than the server's 2,000). Spans too long for the largest listed size get whole days.
 */
export function pickBucket(spanMs: number, target = 60, minMs = MINUTE): Bucket {
  const cap = Math.max(1, Math.min(target, MAX_BUCKETS));
  const span = Math.max(0, spanMs);
  for (const [ms, param] of SIZES) if (ms >= minMs && span / ms <= cap) return { ms, param };
  const days = Math.ceil(span / cap / DAY);
  return { ms: days * DAY, param: `${days}d` };
}

/** Alerts are counted per (UTC) day once the range is a few days long; shorter ranges like events. */
export function alertBucket(spanMs: number): Bucket {
  return spanMs >= 3 * DAY ? pickBucket(spanMs, MAX_BUCKETS, DAY) : pickBucket(spanMs);
}

/** "day", "hour", "15 minutes", "3 hours", "7 days": for chart titles. */
export function bucketName(ms: number): string {
  const [unit, size] = ms % DAY === 0 ? ['day', DAY] : ms % HOUR === 0 ? ['hour', HOUR] : ['minute', MINUTE];
  const n = Math.round(ms / size);
  return n === 1 ? unit : `${n} ${unit}s`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Day buckets are UTC days, so they are labelled by their UTC date; smaller ones in local time. */
export function bucketLabel(t: number, ms: number): string {
  const d = new Date(t);
  if (ms >= DAY) return `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export interface StatsChart {
  labels: string[];
  series: ChartSeries[];
  total: number;
}

/**
 * Chart arrays from a stats answer: the `max - 1` keys with the most counts (ties by key), the rest
 * summed as "other", so a fleet of hundreds of hosts still draws a readable chart.
 */
export function statsChart(dto: StatsSeriesDto | null, max = 8): StatsChart {
  if (!dto) return { labels: [], series: [], total: 0 };
  const labels = dto.buckets.map((b) => bucketLabel(Date.parse(b), dto.bucketMs));
  const ranked = dto.series
    .map((s) => ({ label: s.key, data: s.counts, total: s.counts.reduce((a, x) => a + x, 0) }))
    .filter((s) => s.total > 0)
    .sort((a, b) => b.total - a.total || a.label.localeCompare(b.label));
  const total = ranked.reduce((a, s) => a + s.total, 0);
  if (ranked.length <= max) return { labels, series: ranked.map(({ label, data }) => ({ label, data })), total };
  const other = new Array<number>(labels.length).fill(0);
  for (const s of ranked.slice(max - 1)) s.data.forEach((v, i) => (other[i] += v));
  return { labels, series: [...ranked.slice(0, max - 1).map(({ label, data }) => ({ label, data })), { label: 'other', data: other }], total };
}
