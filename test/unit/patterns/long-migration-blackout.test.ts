import { describe, expect, it } from 'vitest';
import { EngineHarness, T0, event, inventory, min, sec } from '../../helpers/engine.ts';
import type { Observation } from '../../../server/model/observation.ts';
import { HostInv, X710, lmCompleted, shuffledKeepingSnapshotOrder } from './vm-fixtures.ts';

const WEB = 'e0d09432-a320-44cc-8a12-e1300549b99d';

const host = (ip: string, mac: string, withVm: boolean) => {
  const h = new HostInv(ip).adapter('Ethernet 1', X710(1), mac).single('External', 'Ethernet 1');
  return withVm ? h.vm('WEB01', WEB, 'Running', [{ switch: 'External', mac: '00:15:5d:01:85:10' }]) : h;
};

describe('long-migration-blackout', () => {
  it('fires on VMMS 20417 with the blackout seconds, the source and the destination', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, host('10.0.1.11', '3c:fd:fe:00:01:01', true).build()), inventory('HV2', T0, host('10.0.1.12', '3c:fd:fe:00:02:01', false).build()));
    e.post(lmCompleted('HV1', T0 + min(2), 'WEB01', WEB, 63.1, true));
    e.post(inventory('HV2', T0 + min(2) + sec(5), host('10.0.1.12', '3c:fd:fe:00:02:01', true).build()));
    const fired = e.firing('long-migration-blackout');
    expect(fired.map((a) => a.subject)).toEqual([{ vm: 'WEB01', vmId: WEB }]);
    expect(fired[0].finding.observed.values).toMatchObject({ eventId: 20417, blackoutSec: 63.1, source: 'HV1', destination: 'HV2' });
    expect(fired[0].startsAt).toBe(T0 + min(2));
  });

  it('reads the VM and the seconds from the rendered message when the event carries no UserData', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, host('10.0.1.11', '3c:fd:fe:00:01:01', true).build()));
    e.post(
      event('HV1', T0 + min(1), {
        provider: 'Microsoft-Windows-Hyper-V-VMMS',
        eventId: 20417,
        level: 3,
        message: 'The Virtual Machine Management service successfully completed the live migration of virtual machine "WEB01" with an unexpectedly long blackout time of 12.4 seconds.',
      }),
    );
    const fired = e.firing('long-migration-blackout');
    expect(fired.map((a) => a.subject)).toEqual([{ vm: 'WEB01', vmId: WEB }]);
    expect(fired[0].finding.observed.values.blackoutSec).toBe(12.4);
  });

  it('stays silent for VMMS 20415 with a normal blackout', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, host('10.0.1.11', '3c:fd:fe:00:01:01', true).build()));
    e.post(lmCompleted('HV1', T0 + min(2), 'WEB01', WEB, 0.5));
    e.tick(T0 + min(10));
    expect(e.everFired('long-migration-blackout')).toEqual([]);
  });

  it('resolves by itself 30 minutes after the event', () => {
    const e = new EngineHarness();
    e.post(lmCompleted('HV1', T0, 'WEB01', WEB, 40, true));
    e.tick(T0 + min(29));
    expect(e.firing('long-migration-blackout')).toHaveLength(1);
    e.tick(T0 + min(31));
    expect(e.active('long-migration-blackout')).toEqual([]);
    const a = e.everFired('long-migration-blackout')[0];
    expect(a.status).toBe('resolved');
    expect(a.endsAt).toBe(T0 + min(31));
  });

  it('keeps one alert for a VM whose migrations keep blacking out, from whichever host, until 30 min after the last', () => {
    const e = new EngineHarness();
    e.post(lmCompleted('HV1', T0, 'WEB01', WEB, 40, true));
    e.post(lmCompleted('HV2', T0 + min(20), 'WEB01', WEB, 25, true));
    e.tick(T0 + min(40));
    expect(e.firing('long-migration-blackout')).toHaveLength(1);
    expect(e.firing('long-migration-blackout')[0].finding.observed.values.blackoutSec).toBe(25);
    e.tick(T0 + min(51));
    expect(e.active('long-migration-blackout')).toEqual([]);
    expect(e.everFired('long-migration-blackout')).toHaveLength(1);
  });

  it('gives the same alerts whatever order the observations arrive in', () => {
    const obs: Observation[] = [
      inventory('HV1', T0, host('10.0.1.11', '3c:fd:fe:00:01:01', true).build()),
      inventory('HV2', T0 + sec(10), host('10.0.1.12', '3c:fd:fe:00:02:01', false).build()),
      lmCompleted('HV1', T0 + sec(50), 'WEB01', WEB, 0.4),
      lmCompleted('HV2', T0 + min(1), 'WEB01', WEB, 18.2, true),
      inventory('HV1', T0 + min(2), host('10.0.1.11', '3c:fd:fe:00:01:01', true).build()),
    ];
    const run = (list: Observation[]) => {
      const e = new EngineHarness();
      for (const o of list) e.post(o);
      e.tick(T0 + min(5));
      return e.active('long-migration-blackout').map((a) => ({ subject: a.subject, status: a.status, blackout: a.finding.observed.values.blackoutSec }));
    };
    const inOrder = run(obs);
    expect(inOrder).toEqual([{ subject: { vm: 'WEB01', vmId: WEB }, status: 'firing', blackout: 18.2 }]);
    for (const seed of [1, 2, 3, 4]) expect(run(shuffledKeepingSnapshotOrder(obs, seed))).toEqual(inOrder);
  });
});
