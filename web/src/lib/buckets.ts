/** Counting timed rows into time buckets for charts. Pure. */

export interface Buckets {
  labels: string[];
  /** Bucket start times, epoch ms. */
  starts: number[];
  size: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Picks a bucket size that gives at most ~60 bars for the span. */
export function bucketSize(spanMs: number): number {
  const sizes = [60e3, 5 * 60e3, 10 * 60e3, 30 * 60e3, 3600e3, 3 * 3600e3, 6 * 3600e3, 86400e3, 7 * 86400e3];
  return sizes.find((s) => spanMs / s <= 60) ?? 7 * 86400e3;
}

function label(t: number, size: number): string {
  const d = new Date(t);
  const day = `${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return size >= 86400e3 ? day : `${day} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Buckets from `since` to `until`; day buckets start at local midnight. */
export function makeBuckets(since: number, until: number, size = bucketSize(until - since)): Buckets {
  let start: number;
  if (size >= 86400e3) {
    const d = new Date(since);
    d.setHours(0, 0, 0, 0);
    start = d.getTime();
  } else start = Math.floor(since / size) * size;
  const starts: number[] = [];
  for (let t = start; t <= until && starts.length < 400; t += size) starts.push(t);
  if (starts.length === 0) starts.push(start);
  return { starts, labels: starts.map((t) => label(t, size)), size };
}

export function bucketIndex(b: Buckets, t: number): number {
  if (t < b.starts[0]) return -1;
  const i = Math.floor((t - b.starts[0]) / b.size);
  return i < b.starts.length ? i : -1;
}

/** One series per group (top `maxSeries` by total, the rest summed as "other"). */
export function countBy<T>(rows: T[], b: Buckets, time: (r: T) => number, group: (r: T) => string, maxSeries = 8): { label: string; data: number[] }[] {
  const per = new Map<string, number[]>();
  for (const r of rows) {
    const i = bucketIndex(b, time(r));
    if (i < 0) continue;
    const g = group(r);
    let arr = per.get(g);
    if (!arr) per.set(g, (arr = new Array(b.starts.length).fill(0)));
    arr[i]++;
  }
  const series = [...per.entries()].map(([label, data]) => ({ label, data, total: data.reduce((a, x) => a + x, 0) })).sort((a, c) => c.total - a.total || a.label.localeCompare(c.label));
  if (series.length <= maxSeries) return series.map(({ label, data }) => ({ label, data }));
  const keep = series.slice(0, maxSeries - 1);
  const other = new Array(b.starts.length).fill(0);
  for (const s of series.slice(maxSeries - 1)) s.data.forEach((v, i) => (other[i] += v));
  return [...keep.map(({ label, data }) => ({ label, data })), { label: 'other', data: other }];
}
