import { describe, expect, it } from 'vitest';
import { EngineHarness, T0, inventory, min, sec } from '../../helpers/engine.ts';
import type { Observation } from '../../../server/model/observation.ts';
import type { Inventory } from '../../../server/model/inventory.ts';
import { HostInv, X710, haFailure, lmCompleted, shuffledKeepingSnapshotOrder, variant } from './vm-fixtures.ts';

const DB = '3a7c9e10-55b2-4d8f-a1c6-9e2b7f4d0c18';

/** HV1 runs DB01 with vNICs on External-A and External-B; HV2 has only External-A (unless told). */
const hv1 = () =>
  new HostInv('10.0.2.11')
    .inCluster('CL1')
    .adapter('Ethernet 1', X710(1), '3c:fd:fe:00:01:01')
    .adapter('Ethernet 2', X710(2), '3c:fd:fe:00:01:02')
    .single('External-A', 'Ethernet 1')
    .single('External-B', 'Ethernet 2')
    .vm('DB01', DB, 'Running', [
      { switch: 'External-A', mac: '00:15:5d:02:0b:01' },
      { switch: 'External-B', mac: '00:15:5d:02:0b:02' },
    ]);
const hv2 = (second: string | null = null) => {
  const h = new HostInv('10.0.2.12').inCluster('CL1').adapter('Ethernet 1', X710(1), '3c:fd:fe:00:02:01').adapter('Ethernet 2', X710(2), '3c:fd:fe:00:02:02').single('External-A', 'Ethernet 1');
  return second ? h.single(second, 'Ethernet 2') : h;
};

function fleet(e: EngineHarness, dest: Inventory = hv2().build()) {
  e.post(inventory('HV1', T0, hv1().build()), inventory('HV2', T0, dest));
}

describe('live-migration-failed', () => {
  it('names the vSwitch that does not exist on the destination (21159 + 21111)', () => {
    const e = new EngineHarness();
    fleet(e);
    e.post(haFailure('HV1', T0 + min(1), 21159, 'DB01', 'HV2'), haFailure('HV1', T0 + min(1) + sec(1), 21111, 'DB01'));
    const fired = e.firing('live-migration-failed');
    expect(fired.map((a) => a.subject)).toEqual([{ vm: 'DB01', vmId: DB }]);
    expect(fired[0].finding.observed.values).toMatchObject({
      cause: 'vswitch-missing-on-destination',
      eventIds: [21159, 21111],
      source: 'HV1',
      destination: 'HV2',
      vSwitches: ['External-A', 'External-B'],
      missingOnDestination: ['External-B'],
    });
    expect(fired[0].finding.remediation.commands).toContain("Update-ClusterVirtualMachineConfiguration -Name 'Virtual Machine DB01'");
  });

  it('notes a vSwitch name that differs only in letter case', () => {
    const e = new EngineHarness();
    fleet(e, hv2('external-b').build());
    e.post(haFailure('HV1', T0 + min(1), 21159, 'DB01', 'HV2'), haFailure('HV1', T0 + min(1) + sec(1), 21111, 'DB01'));
    const f = e.firing('live-migration-failed')[0].finding;
    expect(f.observed.values.missingOnDestination).toEqual(['External-B']);
    expect(f.summary).toContain('different letter case: External-B');
  });

  it('reads 21502 as a vSwitch missing on the destination, compared with the other cluster nodes', () => {
    const e = new EngineHarness();
    fleet(e);
    e.post(haFailure('HV1', T0 + min(1), 21502, 'DB01'));
    const f = e.firing('live-migration-failed')[0].finding;
    expect(f.observed.values).toMatchObject({ cause: 'vswitch-missing-on-destination', missingOnClusterNodes: { HV2: ['External-B'] } });
  });

  it('names the vSwitch that is disconnected on the destination (21145)', () => {
    const e = new EngineHarness();
    fleet(e, variant(hv2('External-B'), (h) => h.setAdapter('Ethernet 2', 'Disconnected')));
    e.post(haFailure('HV1', T0 + min(1), 21145, 'DB01', 'HV2'), haFailure('HV1', T0 + min(1) + sec(1), 21111, 'DB01'));
    const f = e.firing('live-migration-failed')[0].finding;
    expect(f.observed.values).toMatchObject({ cause: 'vswitch-disconnected-on-destination', missingOnDestination: [], disconnectedOnDestination: ['External-B'] });
  });

  it('attributes the nameless 21125 to the failed VM and compares vSwitches with the other cluster nodes', () => {
    const e = new EngineHarness();
    fleet(e);
    e.post(haFailure('HV1', T0 + min(1), 21125, 'DB01'), haFailure('HV1', T0 + min(1) + sec(1), 21111, 'DB01'));
    const f = e.firing('live-migration-failed')[0].finding;
    expect(f.observed.values).toMatchObject({ cause: 'config-failed-on-destination', destination: null, missingOnClusterNodes: { HV2: ['External-B'] } });
  });

  it('fires on 21111 alone with the generic cause', () => {
    const e = new EngineHarness();
    fleet(e);
    e.post(haFailure('HV1', T0 + min(1), 21111, 'DB01'));
    expect(e.firing('live-migration-failed').map((a) => a.finding.observed.values.cause)).toEqual(['failed']);
  });

  it('stays silent for a 21125 that no named failure explains (no VM to name)', () => {
    const e = new EngineHarness();
    fleet(e);
    e.post(haFailure('HV1', T0 + min(1), 21125, 'DB01'));
    e.tick(T0 + min(5));
    expect(e.everFired('live-migration-failed')).toEqual([]);
  });

  it('stays silent for a migration that completed (20415)', () => {
    const e = new EngineHarness();
    fleet(e, hv2('External-B').build());
    e.post(lmCompleted('HV1', T0 + min(1), 'DB01', DB, 0.6));
    e.tick(T0 + min(5));
    expect(e.everFired('live-migration-failed')).toEqual([]);
  });

  it('resolves 30 minutes after the failure', () => {
    const e = new EngineHarness();
    fleet(e);
    e.post(haFailure('HV1', T0 + min(1), 21159, 'DB01', 'HV2'), haFailure('HV1', T0 + min(1) + sec(1), 21111, 'DB01'));
    e.tick(T0 + min(30));
    expect(e.firing('live-migration-failed')).toHaveLength(1);
    e.tick(T0 + min(32));
    expect(e.active('live-migration-failed')).toEqual([]);
  });

  it('resolves as soon as a later 20415 shows the VM migrated fine', () => {
    const e = new EngineHarness();
    fleet(e);
    e.post(haFailure('HV1', T0 + min(1), 21159, 'DB01', 'HV2'), haFailure('HV1', T0 + min(1) + sec(1), 21111, 'DB01'));
    expect(e.firing('live-migration-failed')).toHaveLength(1);
    e.post(lmCompleted('HV1', T0 + min(9), 'DB01', DB, 0.7));
    expect(e.active('live-migration-failed')).toEqual([]);
    expect(e.everFired('live-migration-failed')[0].status).toBe('resolved');
  });

  it('gives the same alerts whatever order the observations arrive in', () => {
    const obs: Observation[] = [
      inventory('HV1', T0, hv1().build()),
      inventory('HV2', T0 + sec(20), hv2().build()),
      haFailure('HV1', T0 + sec(40), 21125, 'DB01'),
      haFailure('HV1', T0 + sec(41), 21111, 'DB01'),
      haFailure('HV1', T0 + sec(90), 21159, 'DB01', 'HV2'),
      haFailure('HV1', T0 + sec(91), 21111, 'DB01'),
      inventory('HV1', T0 + min(2), hv1().build()),
    ];
    const run = (list: Observation[]) => {
      const e = new EngineHarness();
      for (const o of list) e.post(o);
      e.tick(T0 + min(4));
      // The alert keeps the subject of its first finding; the VMId reaches the finding once the inventory is in.
      return e.active('live-migration-failed').map((a) => ({ fingerprint: a.fingerprint, subject: a.finding.subject, status: a.status, cause: a.finding.observed.values.cause, ids: a.finding.observed.values.eventIds }));
    };
    const inOrder = run(obs);
    expect(inOrder).toEqual([{ fingerprint: 'live-migration-failed|vm=db01', subject: { vm: 'DB01', vmId: DB }, status: 'firing', cause: 'vswitch-missing-on-destination', ids: [21125, 21111, 21159, 21111] }]);
    for (const seed of [1, 2, 3, 4, 5]) expect(run(shuffledKeepingSnapshotOrder(obs, seed))).toEqual(inOrder);
  });
});
