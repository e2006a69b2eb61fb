import { describe, expect, it } from 'vitest';
import { EngineHarness, T0, event, inventory, min, sec } from '../../helpers/engine.ts';
import type { Observation } from '../../../server/model/observation.ts';
import { HostInv, X710, shuffledKeepingSnapshotOrder, variant } from './vm-fixtures.ts';

const SQL01 = '5f1c2b9e-6a3d-4e7f-9b21-0c8d7e6f5a41';

/**
 * HV1: LBFO team Team1 (Ethernet 1 + 2) under vSwitch External-A, Ethernet 3 alone under
 * External-B, Ethernet 4 alone under External-C. SQL01 teams in the guest across A and B.
 */
function hv1(opts: { teaming?: boolean; state?: 'Running' | 'Off' } = {}): HostInv {
  const teaming = opts.teaming ?? true;
  return new HostInv()
    .adapter('Ethernet 1', X710(1), '3c:fd:fe:00:01:01')
    .adapter('Ethernet 2', X710(2), '3c:fd:fe:00:01:02')
    .adapter('Ethernet 3', X710(3), '3c:fd:fe:00:01:03')
    .adapter('Ethernet 4', X710(4), '3c:fd:fe:00:01:04')
    .lbfo('Team1', ['Ethernet 1', 'Ethernet 2'], 'External-A', '3c:fd:fe:00:01:01')
    .single('External-B', 'Ethernet 3')
    .single('External-C', 'Ethernet 4')
    .vm('SQL01', SQL01, opts.state ?? 'Running', [
      { switch: 'External-A', mac: '00:15:5d:0a:00:01', allowTeaming: teaming, ips: ['10.0.10.21'] },
      { switch: 'External-B', mac: '00:15:5d:0a:00:02', allowTeaming: teaming, ips: ['10.0.10.22'] },
    ]);
}

const intel27 = (time: number, adapter: string) =>
  event('HV1', time, { provider: 'e1iexpress', eventId: 27, level: 3, qualifiers: 40964, message: `${adapter}\r\n\r\nNetwork link is disconnected.\r\n`, params: ['', adapter] });
const intel31 = (time: number, adapter: string) =>
  event('HV1', time, { provider: 'e1iexpress', eventId: 31, level: 4, message: `${adapter}\r\n\r\nNetwork link has been established at 10Gbps full duplex.\r\n`, params: ['', adapter] });

describe('guest-team-path-down', () => {
  it('a guest team whose physical path died while Hyper-V Manager shows OK fires for that host and VM', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, hv1().build()));
    e.post(inventory('HV1', T0 + min(1), variant(hv1(), (h) => h.setAdapter('Ethernet 3', 'Disconnected'))));
    const fired = e.firing('guest-team-path-down');
    expect(fired.map((a) => a.subject)).toEqual([{ host: 'HV1', vm: 'SQL01', vmId: SQL01 }]);
    const obs = fired[0].finding.observed.values as { pathsDown: { vSwitch: string; adapters: string[] }[]; affectedVnics: { name: string; status: string[]; connected: boolean }[]; pathsUp: string[] };
    expect(obs.pathsDown.map((p) => [p.vSwitch, p.adapters])).toEqual([['External-B', ['Ethernet 3']]]);
    expect(obs.affectedVnics).toMatchObject([{ name: 'Network Adapter 2', status: ['Ok'], connected: true }]);
    expect(obs.pathsUp).toEqual(['External-A']);
    expect(fired[0].startsAt).toBe(T0 + min(1));
  });

  it('is seen from the NIC driver link-down event before the next inventory arrives', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, hv1().build()));
    e.post(intel27(T0 + sec(20), X710(3)));
    const fired = e.firing('guest-team-path-down');
    expect(fired.map((a) => a.subject)).toEqual([{ host: 'HV1', vm: 'SQL01', vmId: SQL01 }]);
    expect(fired[0].startsAt).toBe(T0 + sec(20));
    expect(fired[0].finding.evidence.some((r) => r.kind === 'event')).toBe(true);
  });

  it('fires when the host team under the other leg loses every member', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, hv1().build()));
    e.post(inventory('HV1', T0 + min(1), variant(hv1(), (h) => h.setAdapter('Ethernet 1', 'Disconnected').setAdapter('Ethernet 2', 'Disconnected'))));
    const fired = e.everFired('guest-team-path-down');
    expect(fired.map((a) => a.subject)).toEqual([{ host: 'HV1', vm: 'SQL01', vmId: SQL01 }]);
    expect((fired[0].finding.observed.values.pathsDown as { team: string }[])[0].team).toBe('Team1');
  });

  it('stays silent while only one member of the host team is down (the path still carries traffic)', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, hv1().build()));
    e.post(inventory('HV1', T0 + min(1), variant(hv1(), (h) => h.setAdapter('Ethernet 2', 'Disconnected'))));
    e.tick(T0 + min(10));
    expect(e.everFired('guest-team-path-down')).toEqual([]);
  });

  it('stays silent when the path that died is under a vSwitch the VM has no vNIC on', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, hv1().build()));
    e.post(inventory('HV1', T0 + min(1), variant(hv1(), (h) => h.setAdapter('Ethernet 4', 'Disconnected'))));
    e.post(intel27(T0 + min(2), X710(4)));
    e.tick(T0 + min(10));
    expect(e.everFired('guest-team-path-down')).toEqual([]);
  });

  it('stays silent for a VM with AllowTeaming Off on all vNICs (no guest team)', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, hv1({ teaming: false }).build()));
    e.post(inventory('HV1', T0 + min(1), variant(hv1({ teaming: false }), (h) => h.setAdapter('Ethernet 3', 'Disconnected'))));
    e.tick(T0 + min(10));
    expect(e.everFired('guest-team-path-down')).toEqual([]);
  });

  it('stays silent for a VM that is off', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, variant(hv1({ state: 'Off' }), (h) => h.setAdapter('Ethernet 3', 'Disconnected'))));
    e.tick(T0 + min(10));
    expect(e.everFired('guest-team-path-down')).toEqual([]);
  });

  it('resolves when the link comes back (driver link-up event), and when the VM is shut down', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, hv1().build()));
    e.post(intel27(T0 + sec(20), X710(3)));
    expect(e.firing('guest-team-path-down')).toHaveLength(1);
    e.post(intel31(T0 + min(3), X710(3)));
    expect(e.active('guest-team-path-down')).toEqual([]);
    expect(e.everFired('guest-team-path-down')[0].status).toBe('resolved');

    const f = new EngineHarness();
    f.post(inventory('HV1', T0, variant(hv1(), (h) => h.setAdapter('Ethernet 3', 'Disconnected'))));
    expect(f.firing('guest-team-path-down')).toHaveLength(1);
    f.post(event('HV1', T0 + min(2), { provider: 'Microsoft-Windows-Hyper-V-Worker', eventId: 18504, data: { VmName: 'SQL01', VmId: SQL01 }, params: ['SQL01', SQL01] }));
    expect(f.active('guest-team-path-down')).toEqual([]);
  });

  it('gives the same alerts whatever order the observations arrive in', () => {
    const obs: Observation[] = [
      inventory('HV1', T0, hv1().build()),
      intel27(T0 + sec(30), X710(3)),
      inventory('HV1', T0 + min(1), variant(hv1(), (h) => h.setAdapter('Ethernet 3', 'Disconnected'))),
      intel27(T0 + sec(70), X710(4)),
      inventory('HV1', T0 + min(2), variant(hv1(), (h) => h.setAdapter('Ethernet 3', 'Disconnected').setAdapter('Ethernet 4', 'Disconnected'))),
    ];
    const run = (list: Observation[]) => {
      const e = new EngineHarness();
      for (const o of list) e.post(o);
      e.tick(T0 + min(5));
      return e.active('guest-team-path-down').map((a) => ({ subject: a.subject, status: a.status }));
    };
    const inOrder = run(obs);
    expect(inOrder).toEqual([{ subject: { host: 'HV1', vm: 'SQL01', vmId: SQL01 }, status: 'firing' }]);
    for (const seed of [1, 2, 3, 4, 5]) expect(run(shuffledKeepingSnapshotOrder(obs, seed))).toEqual(inOrder);
  });
});
