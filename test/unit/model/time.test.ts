import { describe, expect, it } from 'vitest';
import { formatInstant, parseInstant } from '../../../server/model/time.ts';

describe('parseInstant', () => {
  it('keeps the 100-ns ticks of a Windows SystemTime', () => {
    const t = parseInstant('2026-10-08T19:30:43.6509771Z');
    expect(t).toEqual({ ms: Date.UTC(2026, 9, 8, 19, 30, 43, 650), ticks: 9771 });
    expect(formatInstant(t!.ms, t!.ticks)).toBe('2026-10-08T19:30:43.6509771Z');
  });
  it('reads 9 fractional digits (Event Viewer) by truncating to 100 ns', () => {
    expect(parseInstant('2017-11-21T10:57:53.874847300Z')).toEqual({ ms: Date.UTC(2017, 10, 21, 10, 57, 53, 874), ticks: 8473 });
  });
  it('applies offsets', () => {
    expect(parseInstant('2019-11-19T23:32:50+01:00')!.ms).toBe(Date.UTC(2019, 10, 19, 22, 32, 50));
  });
  it('reads PowerShell 5.1 \\/Date(ms)\\/', () => {
    expect(parseInstant('\\/Date(1595374458918)\\/')).toEqual({ ms: 1595374458918, ticks: 0 });
    expect(parseInstant('/Date(1595374458918)/')).toEqual({ ms: 1595374458918, ticks: 0 });
  });
  it('reads epoch seconds and milliseconds', () => {
    expect(parseInstant(1595374458)!.ms).toBe(1595374458000);
    expect(parseInstant(1595374458918)!.ms).toBe(1595374458918);
  });
  it.each(['', 'yesterday', '2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', 'x'.repeat(100)])('refuses %j', (s) =>
    expect(parseInstant(s)).toBeNull(),
  );
});
