import { describe, expect, it } from 'vitest';
import { EngineHarness, T0, inventory, min } from '../../helpers/engine.ts';
import { adapter, lbfoInventory, setSwitch, vSwitch, vmNic } from './team-fixtures.ts';
import type { Inventory, VmNetworkAdapter } from '../../../server/model/inventory.ts';

/** Host with an LBFO-bound vSwitch `LBFO`, a SET switch `SET`, a single-NIC switch `Single` and a BASP-bound switch `BASP`. */
function host(nics: VmNetworkAdapter[]): Inventory {
  const base = lbfoInventory([{ members: [{ name: 'Ethernet 1' }, { name: 'Ethernet 2' }], vSwitch: 'LBFO' }]);
  const set = setSwitch('SET', [{ name: 'Ethernet 3' }, { name: 'Ethernet 4' }]);
  const single = adapter('Ethernet 5');
  const basp = { ...adapter('BASP Team'), description: 'BASP Virtual Adapter' };
  return {
    ...base,
    netAdapters: [...base.netAdapters!, ...set.netAdapters!, single, adapter('Ethernet 6'), basp],
    vmSwitches: [...base.vmSwitches!, ...set.vmSwitches!, vSwitch('Single', [single.description], false, true), vSwitch('BASP', ['BASP Virtual Adapter'])],
    vmNetworkAdapters: nics,
  };
}

describe('sriov-on-team', () => {
  it('fires for a VM vNIC with IovWeight > 0 on a vSwitch bound to an LBFO team', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, host([vmNic('SQL01', 'LBFO', { iovWeight: 100 })])));
    const [a] = e.firing('sriov-on-team');
    expect(a.subject).toEqual({ host: 'HV1', vm: 'SQL01', vmId: 'sql01-0000-0000-0000-000000000001' });
    expect(a.finding.observed.values.adapters).toEqual([{ name: 'Network Adapter', iovWeight: 100, switch: 'LBFO', team: 'Team1', teamKind: 'lbfo' }]);
    expect(a.finding.remediation.commands?.[0]).toBe("Set-VMNetworkAdapter -VMName 'SQL01' -Name 'Network Adapter' -IovWeight 0");
  });

  it('fires for a vSwitch bound to a vendor team', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, host([vmNic('APP01', 'BASP', { iovWeight: 50 })])));
    expect(e.firing('sriov-on-team').map((a) => [a.subject.vm, a.finding.observed.values.adapters])).toEqual([
      ['APP01', [{ name: 'Network Adapter', iovWeight: 50, switch: 'BASP', team: 'BASP Team', teamKind: 'vendor' }]],
    ]);
  });

  it('stays silent for SR-IOV on a single-NIC vSwitch or a SET vSwitch, and for IovWeight 0 on the team', () => {
    const e = new EngineHarness();
    e.post(
      inventory(
        'HV1',
        T0,
        host([vmNic('A', 'Single', { iovWeight: 100 }), vmNic('B', 'SET', { iovWeight: 100 }), vmNic('C', 'LBFO', { iovWeight: 0 }), vmNic('D', 'LBFO', { iovWeight: null })]),
      ),
    );
    e.tick(T0 + min(10));
    expect(e.everFired('sriov-on-team')).toEqual([]);
  });

  it('gives one alert per VM however many of its vNICs are affected', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, host([vmNic('SQL01', 'LBFO', { iovWeight: 100 }), vmNic('SQL01', 'LBFO', { name: 'Storage', iovWeight: 10, mac: '00:15:5d:01:02:04' })])));
    const fired = e.firing('sriov-on-team');
    expect(fired).toHaveLength(1);
    expect((fired[0].finding.observed.values.adapters as unknown[]).length).toBe(2);
  });

  it('resolves when the weight is set back to 0', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, host([vmNic('SQL01', 'LBFO', { iovWeight: 100 })])));
    expect(e.firing('sriov-on-team')).toHaveLength(1);
    e.post(inventory('HV1', T0 + min(5), host([vmNic('SQL01', 'LBFO', { iovWeight: 0 })])));
    expect(e.active('sriov-on-team')).toEqual([]);
    expect(e.everFired('sriov-on-team')[0].status).toBe('resolved');
  });
});
