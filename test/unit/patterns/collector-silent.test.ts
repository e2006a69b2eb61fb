import { describe, expect, it } from 'vitest';
import { EngineHarness, T0, inventory, min, sec } from '../../helpers/engine.ts';
import { step } from '../../../server/engine/step.ts';
import { lacpChurn, lbfoInventory, nicDescription } from './team-fixtures.ts';

const inv = () => lbfoInventory([{ mode: 'Lacp', members: [{ name: 'Ethernet 1' }, { name: 'Ethernet 2' }] }]);

/** Posts a report from `host` at each of the given times. */
function reports(e: EngineHarness, host: string, times: number[]): void {
  for (const t of times) e.post(inventory(host, t, inv()));
}

describe('collector-silent', () => {
  it('fires when a host that reports every 5 minutes has sent nothing for 15 minutes, not before', () => {
    const e = new EngineHarness();
    reports(e, 'HV1', [T0, T0 + min(5), T0 + min(10)]);
    e.tick(T0 + min(24) + sec(59));
    expect(e.active('collector-silent')).toEqual([]);
    e.tick(T0 + min(25));
    const [a] = e.firing('collector-silent');
    expect(a.subject).toEqual({ host: 'HV1' });
    expect(a.startsAt).toBe(T0 + min(25));
    expect(a.finding.expected.values).toEqual({ intervalMs: min(5), thresholdMs: min(15) });
  });

  it('uses the median gap, so one late report does not stretch the interval', () => {
    const e = new EngineHarness();
    reports(e, 'HV1', [T0, T0 + min(1), T0 + min(2), T0 + min(9), T0 + min(10)]);
    e.tick(T0 + min(13));
    expect(e.firing('collector-silent')).toHaveLength(1);
  });

  it('never treats less than 3 minutes of quiet as silence, however often the host reports', () => {
    const e = new EngineHarness();
    reports(e, 'HV1', [T0, T0 + sec(10), T0 + sec(20), T0 + sec(30)]);
    e.tick(T0 + sec(30) + min(2) + sec(59));
    expect(e.active('collector-silent')).toEqual([]);
    e.tick(T0 + sec(30) + min(3));
    expect(e.firing('collector-silent')).toHaveLength(1);
  });

  it('is woken by the clock alone: another host\'s data moves it past the threshold', () => {
    const e = new EngineHarness();
    reports(e, 'HV1', [T0, T0 + min(1)]);
    e.post(inventory('HV2', T0 + min(10), inv()));
    expect(e.firing('collector-silent').map((a) => a.subject)).toEqual([{ host: 'HV1' }]);
  });

  it('stays silent for a host with a single report (never reported regularly)', () => {
    const e = new EngineHarness();
    reports(e, 'HV1', [T0]);
    e.tick(T0 + min(60));
    expect(e.everFired('collector-silent')).toEqual([]);
  });

  it('events from another shipper do not count as collector reports', () => {
    const e = new EngineHarness();
    reports(e, 'HV1', [T0, T0 + min(1)]);
    e.post(lacpChurn('HV1', T0 + min(3), nicDescription('Ethernet 1')));
    e.tick(T0 + min(4));
    expect(e.firing('collector-silent')).toHaveLength(1);
  });

  it('resolves on the next report, even one whose inventory did not change', () => {
    const e = new EngineHarness();
    reports(e, 'HV1', [T0, T0 + min(1)]);
    e.tick(T0 + min(10));
    expect(e.firing('collector-silent')).toHaveLength(1);
    step(e.state, [{ obs: inventory('HV1', T0 + min(11), inv()), ref: { kind: 'snapshot', id: 9001, changed: false } }], e.patterns);
    expect(e.active('collector-silent')).toEqual([]);
    expect(e.everFired('collector-silent')[0].status).toBe('resolved');
  });

  it('while it fires, the host\'s other alerts are held instead of resolving for lack of data', () => {
    const e = new EngineHarness();
    reports(e, 'HV1', [T0, T0 + min(1)]);
    e.post(lacpChurn('HV1', T0 + min(1) + sec(30), nicDescription('Ethernet 2')));
    expect(e.firing('lacp-negotiation-failure')).toHaveLength(1);
    e.tick(T0 + min(5));
    expect(e.firing('collector-silent')).toHaveLength(1);
    e.tick(T0 + min(15));
    expect(e.firing('lacp-negotiation-failure')).toHaveLength(1);
  });

  it('an alert held during the silence is judged again once reports resume', () => {
    const e = new EngineHarness();
    const rdma = (enabled: boolean) => ({ ...inv(), netAdapterRdma: [{ name: 'Ethernet 1', enabled }] });
    e.post(inventory('HV1', T0, rdma(true)));
    e.post(inventory('HV1', T0 + min(1), rdma(true)));
    expect(e.firing('rdma-on-team-member')).toHaveLength(1);
    e.tick(T0 + min(10));
    expect(e.firing('collector-silent')).toHaveLength(1);
    e.post(inventory('HV1', T0 + min(11), rdma(false)));
    e.post(inventory('HV1', T0 + min(12), rdma(false)));
    expect(e.active('collector-silent')).toEqual([]);
    expect(e.active('rdma-on-team-member')).toEqual([]);
  });
});
