/**
 * Alert lifecycle on the pure engine, with patterns whose findings the test controls: dedup by
 * fingerprint, pending → firing after the hold, resolve, inhibition, silences, maintenance
 * windows, the collector-silent hold, and incident grouping.
 */
import { describe, expect, it } from 'vitest';
import { EngineHarness, T0, inventory, min, sec } from '../../helpers/engine.ts';
import type { Finding, Pattern } from '../../../server/patterns/types.ts';
import type { AlertSubject } from '../../../server/contract.ts';

type Cond = Map<string, AlertSubject[]>;

function fake(id: string, cond: Cond, opts: Partial<Pattern> = {}): Pattern {
  return {
    id,
    severity: 'warning',
    scope: 'host',
    subjectKeys: ['host', 'team'],
    wakeOn: ['inventory', 'report'],
    forMs: 0,
    doc: { title: id, meaning: '', signals: [], benign: [], remediation: '', sources: [] },
    evaluate(ctx, key) {
      const subjects = cond.get(`${id}|${key}`) ?? [];
      const findings: Finding[] = subjects.map((subject) => ({
        subject,
        since: ctx.fleet.hosts.get(key)!.inventoryAt!,
        summary: `${id} on ${subject.host}`,
        expected: { summary: 'fine', values: {} },
        observed: { summary: 'not fine', values: {} },
        evidence: [],
        explanation: '',
        remediation: { text: '' },
      }));
      return { findings };
    },
    ...opts,
  };
}

const inv = (t: number, host = 'HV1') => inventory(host, t, { vms: [{ name: `vm-${t}`, id: null, state: 'Running' }] });

describe('alert lifecycle', () => {
  it('one fault gives one alert however many times its signal repeats (fingerprint dedup)', () => {
    const cond: Cond = new Map([['p1|hv1', [{ host: 'HV1', team: 'T1' }]]]);
    const e = new EngineHarness([fake('p1', cond)]);
    for (let i = 0; i < 5; i++) e.post(inv(T0 + min(i)));
    expect(e.everFired()).toHaveLength(1);
  });

  it('is pending until the condition has held forMs of event time, then firing', () => {
    const cond: Cond = new Map([['p1|hv1', [{ host: 'HV1', team: 'T1' }]]]);
    const e = new EngineHarness([fake('p1', cond, { forMs: min(2) })]);
    e.post(inv(T0));
    expect(e.active()[0].status).toBe('pending');
    e.tick(T0 + min(1));
    expect(e.active()[0].status).toBe('pending');
    e.tick(T0 + min(2));
    expect(e.active()[0].status).toBe('firing');
    expect(e.active()[0].firedAt).toBe(T0 + min(2));
  });

  it('resolves when the condition is gone, and a new occurrence is a new alert', () => {
    const cond: Cond = new Map([['p1|hv1', [{ host: 'HV1', team: 'T1' }]]]);
    const e = new EngineHarness([fake('p1', cond)]);
    e.post(inv(T0));
    cond.set('p1|hv1', []);
    e.post(inv(T0 + min(1)));
    expect(e.active()).toEqual([]);
    const [first] = e.everFired();
    expect(first).toMatchObject({ status: 'resolved', endsAt: T0 + min(1) });
    cond.set('p1|hv1', [{ host: 'HV1', team: 'T1' }]);
    e.post(inv(T0 + min(2)));
    expect(e.everFired().map((a) => a.id)).toEqual([first.id, first.id + 1]);
  });

  it('a down team inhibits the degraded alert of the same team, not of another team', () => {
    const cond: Cond = new Map([
      ['team-down|hv1', [{ host: 'HV1', team: 'T1' }]],
      ['team-degraded|hv1', [{ host: 'HV1', team: 'T1' }, { host: 'HV1', team: 'T2' }]],
    ]);
    const e = new EngineHarness([fake('team-down', cond), fake('team-degraded', cond)]);
    e.post(inv(T0));
    const degraded = e.active('team-degraded');
    expect(degraded.find((a) => a.subject.team === 'T1')!.suppressedBy).toMatchObject({ kind: 'inhibition' });
    expect(degraded.find((a) => a.subject.team === 'T2')!.suppressedBy).toBeNull();
    // The inhibition lifts when the source resolves.
    cond.set('team-down|hv1', []);
    e.post(inv(T0 + min(1)));
    expect(e.active('team-degraded').find((a) => a.subject.team === 'T1')!.suppressedBy).toBeNull();
  });

  it('a silence suppresses matching alerts during its time range only; status is kept', () => {
    const cond: Cond = new Map([['p1|hv1', [{ host: 'HV1', team: 'T1' }]]]);
    const e = new EngineHarness([fake('p1', cond)]);
    e.state.silences.set('s1', { id: 's1', kind: 'silence', matchers: [{ name: 'host', value: 'hv1' }], startsAt: T0, endsAt: T0 + min(10), createdBy: 'op', comment: 'known', createdAt: T0 });
    e.post(inv(T0 + min(1)));
    expect(e.active()[0]).toMatchObject({ status: 'firing', suppressedBy: { kind: 'silence', id: 's1' } });
    e.tick(T0 + min(11));
    expect(e.active()[0].suppressedBy).toBeNull();
  });

  it('a maintenance window keeps matching findings from becoming alerts at all', () => {
    const cond: Cond = new Map([['p1|hv1', [{ host: 'HV1', team: 'T1' }]]]);
    const e = new EngineHarness([fake('p1', cond)]);
    e.state.silences.set('m1', { id: 'm1', kind: 'maintenance', matchers: [{ name: 'team', value: 'T.*', isRegex: true }], startsAt: T0, endsAt: T0 + min(30), createdBy: 'op', comment: 'swap SFP', createdAt: T0 });
    e.post(inv(T0 + min(1)));
    expect(e.active()).toEqual([]);
    e.post(inv(T0 + min(31)));
    expect(e.firing()).toHaveLength(1);
  });

  it('while collector-silent fires for a host, its other alerts are held instead of resolved', () => {
    const cond: Cond = new Map([
      ['p1|hv1', [{ host: 'HV1', team: 'T1' }]],
      ['collector-silent|hv1', [{ host: 'HV1' }]],
    ]);
    const e = new EngineHarness([fake('collector-silent', cond, { subjectKeys: ['host'] }), fake('p1', cond)]);
    e.post(inv(T0));
    cond.set('p1|hv1', []);
    e.post(inv(T0 + sec(30)));
    expect(e.firing('p1')).toHaveLength(1);
    cond.set('collector-silent|hv1', []);
    e.post(inv(T0 + min(1)));
    // collector-silent resolved in this step before p1 was evaluated, so p1 now resolves too.
    e.post(inv(T0 + min(2)));
    expect(e.firing('p1')).toHaveLength(0);
  });

  it('groups alerts on one host that overlap in time into one incident, another host into another', () => {
    const cond: Cond = new Map([
      ['p1|hv1', [{ host: 'HV1', team: 'T1' }]],
      ['p2|hv1', [{ host: 'HV1', team: 'T1' }]],
      ['p1|hv2', [{ host: 'HV2', team: 'T9' }]],
    ]);
    const e = new EngineHarness([fake('p1', cond), fake('p2', cond)]);
    e.post(inv(T0, 'HV1'), inv(T0, 'HV2'));
    const [a1, a2] = e.active().filter((a) => a.subject.host === 'HV1');
    const b = e.active().find((a) => a.subject.host === 'HV2')!;
    expect(a1.incidentId).not.toBeNull();
    expect(a1.incidentId).toBe(a2.incidentId);
    expect(b.incidentId).not.toBe(a1.incidentId);
    const inc = e.state.incidents.get(a1.incidentId!)!;
    expect([...inc.alertIds].sort()).toEqual([a1.id, a2.id].sort());
    cond.set('p1|hv1', []);
    cond.set('p2|hv1', []);
    e.post(inv(T0 + min(1), 'HV1'));
    expect(e.state.incidents.get(a1.incidentId!)!.status).toBe('resolved');
  });
});

describe('collector-silent release', () => {
  it('re-judges a held alert in the step the host reports again, even when that pattern was evaluated earlier in the step', () => {
    const cond: Cond = new Map([
      ['p1|hv1', [{ host: 'HV1', team: 'T1' }]],
      ['collector-silent|hv1', [{ host: 'HV1' }]],
    ]);
    // p1 is listed before collector-silent, so within a step it is judged while the host still counts as silent.
    const e = new EngineHarness([fake('p1', cond), fake('collector-silent', cond, { subjectKeys: ['host'] })]);
    e.post(inv(T0));
    cond.set('p1|hv1', []);
    e.post(inv(T0 + sec(30)));
    expect(e.firing('p1')).toHaveLength(1);
    cond.set('collector-silent|hv1', []);
    e.post(inv(T0 + min(1)));
    expect(e.firing('p1')).toHaveLength(0);
  });
});
