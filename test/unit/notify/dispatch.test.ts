/**
 * The notification decision core on an injected clock: what is announced, to whom, grouped how,
 * and when (group wait, group interval, repeat interval, dedup).
 */
import { describe, expect, it } from 'vitest';
import { createDispatchState, DEFAULT_DISPATCH, groupKey, nextDue, observe, seed, takeDue, type DispatchOptions, type DispatchState, type Outgoing } from '../../../server/notify/dispatch.ts';
import { alert, resolved, T0 } from './fixtures.ts';
import type { AlertDto } from '../../../server/contract.ts';

const O: DispatchOptions = { ...DEFAULT_DISPATCH, groupWaitMs: 5_000, groupIntervalMs: 30_000, repeatIntervalMs: 4 * 3_600_000, maxAlerts: 50 };

/** Runs the core to `until` in 1 s steps (like the timer would), collecting what it sends. */
function runTo(s: DispatchState, from: number, until: number, o = O): Outgoing[] {
  const out: Outgoing[] = [];
  for (let t = from; t <= until; t += 1000) out.push(...takeDue(s, t, o));
  return out;
}

const ids = (m: Outgoing) => m.alerts.map((a) => `${a.id}:${a.status}`);

describe('notification decision core', () => {
  it('announces an alert once when it fires, after the group wait, and not before', () => {
    const s = createDispatchState(['am']);
    const a = alert({ id: 1 });
    observe(s, [a], T0);
    expect(nextDue(s, O)).toBe(T0 + 5_000);
    expect(takeDue(s, T0 + 4_999, O)).toEqual([]);
    const [m, ...rest] = takeDue(s, T0 + 5_000, O);
    expect(rest).toEqual([]);
    expect(m).toMatchObject({ receiver: 'am', status: 'firing', reason: 'new', groupKey: '{}:{alertname="team-degraded", host="HV-07"}', groupLabels: { alertname: 'team-degraded', host: 'HV-07' }, truncatedAlerts: 0 });
    expect(ids(m)).toEqual(['1:firing']);
    // The same alert emitted again (ack, new evidence) is not announced again.
    observe(s, [{ ...a, acknowledged: { by: 'noc', comment: 'on it', at: new Date(T0).toISOString() } }, a], T0 + 10_000);
    expect(runTo(s, T0 + 10_000, T0 + 120_000)).toEqual([]);
  });

  it('never announces pending, suppressed (inhibited or silenced) or demo alerts', () => {
    const s = createDispatchState(['am']);
    observe(
      s,
      [
        alert({ id: 1, status: 'pending' }),
        alert({ id: 2, suppressedBy: { kind: 'inhibition', id: '9' } }),
        alert({ id: 3, suppressedBy: { kind: 'silence', id: 'abc' }, silencedBy: 'abc' }),
        alert({ id: 4, demo: true }),
        resolved(alert({ id: 5 })),
      ],
      T0,
    );
    expect(nextDue(s, O)).toBeNull();
    expect(runTo(s, T0, T0 + 60_000)).toEqual([]);
  });

  it('announces a resolution only for alerts whose firing was announced', () => {
    const s = createDispatchState(['am']);
    const a = alert({ id: 1 });
    const b = alert({ id: 2, subject: { host: 'HV-08', team: 'T' } });
    observe(s, [alert({ id: 9, status: 'pending' })], T0);
    observe(s, [a, b], T0);
    expect(runTo(s, T0, T0 + 5_000).map(ids)).toEqual([['1:firing'], ['2:firing']]);
    observe(s, [resolved(a), resolved(alert({ id: 9, status: 'pending' }))], T0 + 60_000);
    const out = runTo(s, T0 + 60_000, T0 + 120_000);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ status: 'resolved', reason: 'new' });
    expect(ids(out[0])).toEqual(['1:resolved']);
    // A second resolved emission (e.g. an ack of the resolved alert) is not re-announced.
    observe(s, [resolved(a)], T0 + 130_000);
    expect(runTo(s, T0 + 130_000, T0 + 200_000)).toEqual([]);
  });

  it('an alert that fires and resolves within the group wait is never sent', () => {
    const s = createDispatchState(['am']);
    const a = alert({ id: 1 });
    observe(s, [a], T0);
    observe(s, [resolved(a, T0 + 2_000)], T0 + 2_000);
    expect(runTo(s, T0, T0 + 60_000)).toEqual([]);
  });

  it('groups a storm by (pattern, host) into one message per group', () => {
    const s = createDispatchState(['am']);
    const storm: AlertDto[] = [];
    for (let i = 1; i <= 20; i++) storm.push(alert({ id: i, subject: { host: 'HV-07', team: `T${i}` }, severity: i === 7 ? 'critical' : 'warning' }));
    storm.push(alert({ id: 100, subject: { host: 'HV-09' } }));
    storm.push(alert({ id: 101, pattern: 'duplicate-vm-mac', subject: { host: 'HV-07', mac: '00:15:5d:01:02:03' } }));
    // Spread over 3 s: all inside the first alert's 5 s wait.
    storm.forEach((a, i) => observe(s, [a], T0 + Math.floor((i * 3000) / storm.length)));
    const out = runTo(s, T0, T0 + 60_000);
    expect(out).toHaveLength(3);
    const hv07 = out.find((m) => m.groupKey === '{}:{alertname="team-degraded", host="HV-07"}')!;
    expect(hv07.alerts).toHaveLength(20);
    expect(hv07.alerts[0].id).toBe(7); // most severe first
    expect(out.map((m) => m.groupKey).sort()).toEqual(['{}:{alertname="duplicate-vm-mac", host="HV-07"}', '{}:{alertname="team-degraded", host="HV-07"}', '{}:{alertname="team-degraded", host="HV-09"}']);
  });

  it('later announcements of a group wait for the group interval after its last message', () => {
    const s = createDispatchState(['am']);
    observe(s, [alert({ id: 1 })], T0);
    expect(runTo(s, T0, T0 + 5_000)).toHaveLength(1);
    observe(s, [alert({ id: 2 })], T0 + 6_000);
    observe(s, [alert({ id: 3 })], T0 + 20_000);
    expect(nextDue(s, O)).toBe(T0 + 5_000 + 30_000);
    const out = runTo(s, T0 + 6_000, T0 + 60_000);
    expect(out.map(ids)).toEqual([['2:firing', '3:firing']]);
  });

  it('re-sends a still-firing group every repeat interval, without resolved or suppressed alerts', () => {
    const s = createDispatchState(['am']);
    const a = alert({ id: 1 });
    const b = alert({ id: 2 });
    const c = alert({ id: 3 });
    observe(s, [a, b, c], T0);
    runTo(s, T0, T0 + 5_000);
    observe(s, [resolved(b, T0 + 3_600_000)], T0 + 3_600_000);
    observe(s, [{ ...c, suppressedBy: { kind: 'silence', id: 's1' } }], T0 + 3_600_000);
    expect(runTo(s, T0 + 3_600_000, T0 + 3_700_000).map(ids)).toEqual([['2:resolved']]);
    expect(nextDue(s, O)).toBe(T0 + 5_000 + 4 * 3_600_000);
    const rep = takeDue(s, T0 + 5_000 + 4 * 3_600_000, O);
    expect(rep).toHaveLength(1);
    expect(rep[0]).toMatchObject({ reason: 'repeat', status: 'firing' });
    expect(ids(rep[0])).toEqual(['1:firing']);
    expect(nextDue(s, O)).toBe(T0 + 5_000 + 8 * 3_600_000);
    // Once everything resolved, nothing is repeated any more.
    observe(s, [resolved(a, T0 + 5 * 3_600_000)], T0 + 5 * 3_600_000);
    expect(runTo(s, T0 + 5 * 3_600_000, T0 + 5 * 3_600_000 + 60_000).map(ids)).toEqual([['1:resolved']]);
    expect(nextDue(s, O)).toBeNull();
  });

  it('an alert suppressed before its announcement is announced when it fires unsuppressed; a silenced resolution is not', () => {
    const s = createDispatchState(['am']);
    const a = alert({ id: 1 });
    observe(s, [a], T0);
    observe(s, [{ ...a, suppressedBy: { kind: 'inhibition', id: '4' } }], T0 + 1_000);
    expect(runTo(s, T0, T0 + 30_000)).toEqual([]);
    observe(s, [a], T0 + 40_000);
    expect(runTo(s, T0 + 40_000, T0 + 50_000).map(ids)).toEqual([['1:firing']]);
    // Announced, then silenced, then resolved while silenced: no message (Alertmanager mutes it too).
    observe(s, [{ ...a, suppressedBy: { kind: 'silence', id: 's' } }], T0 + 60_000);
    observe(s, [{ ...resolved(a, T0 + 70_000), suppressedBy: { kind: 'silence', id: 's' } }], T0 + 70_000);
    expect(runTo(s, T0 + 60_000, T0 + 200_000)).toEqual([]);
    expect(nextDue(s, O)).toBeNull();
  });

  it('dedups per receiver: each receiver gets each announcement once', () => {
    const s = createDispatchState(['am', 'teams']);
    const a = alert({ id: 1 });
    observe(s, [a], T0);
    observe(s, [a], T0 + 1_000);
    const out = runTo(s, T0, T0 + 10_000);
    expect(out.map((m) => [m.receiver, ...ids(m)])).toEqual([
      ['am', '1:firing'],
      ['teams', '1:firing'],
    ]);
  });

  it('mixed firing and resolved announcements form one firing message; the cap counts the rest', () => {
    const s = createDispatchState(['am']);
    const a = alert({ id: 1 });
    observe(s, [a], T0);
    runTo(s, T0, T0 + 5_000);
    const more = [2, 3, 4, 5].map((id) => alert({ id }));
    observe(s, [resolved(a, T0 + 40_000), ...more], T0 + 40_000);
    const out = runTo(s, T0 + 40_000, T0 + 50_000, { ...O, maxAlerts: 3 });
    expect(out).toHaveLength(1);
    expect(out[0].status).toBe('firing');
    expect(ids(out[0])).toEqual(['2:firing', '3:firing', '4:firing']);
    expect(out[0].truncatedAlerts).toBe(2);
  });

  it('after a restart, seeded firing alerts are not re-sent, but their resolution is', () => {
    const s = createDispatchState(['am']);
    const a = alert({ id: 1 });
    seed(s, [a, alert({ id: 2, status: 'pending' }), alert({ id: 3, demo: true })], T0);
    observe(s, [a], T0 + 1_000);
    expect(runTo(s, T0, T0 + 60_000)).toEqual([]);
    expect(nextDue(s, O)).toBe(T0 + 4 * 3_600_000);
    observe(s, [resolved(a, T0 + 120_000)], T0 + 120_000);
    expect(runTo(s, T0 + 120_000, T0 + 130_000).map(ids)).toEqual([['1:resolved']]);
  });

  it('groups fleet-scope alerts by their hosts and switch-only alerts by their switch', () => {
    const s = createDispatchState(['am']);
    observe(s, [alert({ id: 1, pattern: 'mac-pool-overlap', subject: { hosts: ['HV-02', 'HV-01'] } }), alert({ id: 2, pattern: 'mac-flap', subject: { switch: 'sw1', mac: '00:15:5d:00:00:01' } }), alert({ id: 3, pattern: 'x', subject: {} })], T0);
    expect(runTo(s, T0, T0 + 5_000).map((m) => m.groupKey)).toEqual(['{}:{alertname="mac-pool-overlap", host="HV-01,HV-02"}', '{}:{alertname="mac-flap", host="sw1"}', '{}:{alertname="x"}']);
  });

  it('quotes hostile label values in the group key', () => {
    expect(groupKey({ alertname: 'p', host: 'a"b\\c\n' })).toBe('{}:{alertname="p", host="a\\"b\\\\c\\n"}');
  });
});
