import { describe, expect, it } from 'vitest';
import { EngineHarness, T0, inventory, min } from '../../helpers/engine.ts';
import { adapter, lbfoInventory, setSwitch } from './team-fixtures.ts';
import type { AdapterRdma, Inventory } from '../../../server/model/inventory.ts';

const lbfo = (rdma: AdapterRdma[]): Inventory => lbfoInventory([{ members: [{ name: 'Ethernet 1' }, { name: 'Ethernet 2' }] }], { netAdapterRdma: rdma });

describe('rdma-on-team-member', () => {
  it('fires on the first inventory showing RDMA enabled on an LBFO team member', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, lbfo([{ name: 'Ethernet 1', enabled: true }, { name: 'Ethernet 2', enabled: false }])));
    const [a] = e.firing('rdma-on-team-member');
    expect(a.subject).toEqual({ host: 'HV1', team: 'Team1' });
    expect(a.finding.observed.values.rdmaEnabledMembers).toEqual(['Ethernet 1']);
    expect(a.finding.remediation.commands).toContain("Disable-NetAdapterRdma -Name 'Ethernet 1'");
  });

  it('stays silent for RDMA on SET members and on standalone NICs', () => {
    const e = new EngineHarness();
    const set = setSwitch('SETswitch', [{ name: 'Ethernet 3' }, { name: 'Ethernet 4' }]);
    e.post(
      inventory('HV1', T0, {
        ...lbfo([{ name: 'Ethernet 1', enabled: false }]),
        netAdapters: [...lbfo([]).netAdapters!, ...set.netAdapters!, adapter('Ethernet 5')],
        vmSwitches: [...lbfo([]).vmSwitches!, ...set.vmSwitches!],
        netAdapterRdma: [
          { name: 'Ethernet 1', enabled: false },
          { name: 'Ethernet 3', enabled: true },
          { name: 'Ethernet 4', enabled: true },
          { name: 'Ethernet 5', enabled: true },
        ],
      }),
    );
    e.tick(T0 + min(10));
    expect(e.everFired('rdma-on-team-member')).toEqual([]);
  });

  it('stays silent when the inventory carries no Get-NetAdapterRdma part', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, lbfoInventory([{ members: [{ name: 'Ethernet 1' }, { name: 'Ethernet 2' }] }])));
    expect(e.everFired('rdma-on-team-member')).toEqual([]);
  });

  it('resolves when RDMA is disabled on the members', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, lbfo([{ name: 'Ethernet 2', enabled: true }])));
    expect(e.firing('rdma-on-team-member')).toHaveLength(1);
    e.post(inventory('HV1', T0 + min(5), lbfo([{ name: 'Ethernet 2', enabled: false }])));
    expect(e.active('rdma-on-team-member')).toEqual([]);
    expect(e.everFired('rdma-on-team-member')[0].status).toBe('resolved');
  });
});
