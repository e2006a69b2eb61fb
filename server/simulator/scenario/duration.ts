/** Durations as scenarios write them: `30s`, `+5m`, `1h30m`, `250ms`, `2d`; plain numbers are seconds. */

const UNIT: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseDuration(input: string | number): number {
  if (typeof input === 'number') {
    if (!Number.isFinite(input) || input < 0) throw new Error(`Invalid duration ${input}`);
    return input * 1000;
  }
  const s = input.trim().replace(/^\+/, '');
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;
  let total = 0;
  let consumed = 0;
  for (const m of s.matchAll(re)) {
    total += Number(m[1]) * UNIT[m[2]];
    consumed += m[0].length;
  }
  if (consumed === 0 || consumed !== s.length) throw new Error(`Invalid duration '${input}' (use e.g. 30s, 5m, 1h30m)`);
  return Math.round(total);
}

export function formatDuration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1_000 === 0) return `${ms / 1_000}s`;
  return `${ms}ms`;
}
