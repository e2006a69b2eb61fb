import { describe, expect, it } from 'vitest';
import { EngineHarness, T0, inventory, min } from '../../helpers/engine.ts';
import { lbfoInventory, setSwitch } from './team-fixtures.ts';
import type { Inventory } from '../../../server/model/inventory.ts';

const os = (build: number | null) => ({ os: { name: build === null ? null : build >= 20348 ? 'Windows Server 2022 Datacenter' : 'Windows Server 2019 Datacenter', build } });
const lbfoHost = (build: number | null): Inventory => lbfoInventory([{ members: [{ name: 'Ethernet 1' }, { name: 'Ethernet 2' }], vSwitch: 'vSwitch' }], os(build));
const setHost = (build: number): Inventory => ({ ...setSwitch('SETswitch', [{ name: 'Ethernet 1' }, { name: 'Ethernet 2' }]), ...os(build) });

describe('lbfo-vswitch-deprecated', () => {
  it('fires (info) for a vSwitch bound to an LBFO team on Windows Server 2022 (build 20348)', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, lbfoHost(20348)));
    const [a] = e.firing('lbfo-vswitch-deprecated');
    expect(a.subject).toEqual({ host: 'HV1' });
    expect(a.severity).toBe('info');
    expect(a.finding.observed.values.vSwitches).toEqual([{ name: 'vSwitch', team: 'Team1', adapterDescription: 'Microsoft Network Adapter Multiplexor Driver' }]);
    expect(a.finding.remediation.commands).toEqual([
      'Install-Module Convert-LBFO2SET',
      "Convert-LBFO2Set -LBFOTeam 'Team1' -SETTeam 'Team1-SET' -EnableBestPractices",
      'Get-VMSwitch | Format-Table Name,EmbeddedTeamingEnabled,NetAdapterInterfaceDescription',
    ]);
  });

  it('stays silent on builds before Windows Server 2022 and when the build is unknown', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, lbfoHost(17763)));
    e.post(inventory('HV2', T0, lbfoHost(null)));
    e.post(inventory('HV3', T0, lbfoInventory([{ members: [{ name: 'Ethernet 1' }] }])));
    e.tick(T0 + min(10));
    expect(e.everFired('lbfo-vswitch-deprecated')).toEqual([]);
  });

  it('stays silent for SET vSwitches and for an LBFO team no vSwitch is bound to', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, setHost(20348)));
    e.post(inventory('HV2', T0, lbfoInventory([{ members: [{ name: 'Ethernet 1' }, { name: 'Ethernet 2' }], vSwitch: null }], os(26100))));
    e.tick(T0 + min(10));
    expect(e.everFired('lbfo-vswitch-deprecated')).toEqual([]);
  });

  it('resolves once the host has been converted to SET', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, lbfoHost(20348)));
    expect(e.firing('lbfo-vswitch-deprecated')).toHaveLength(1);
    e.post(inventory('HV1', T0 + min(30), { ...setHost(20348), lbfoTeams: [], lbfoTeamMembers: [] }));
    expect(e.active('lbfo-vswitch-deprecated')).toEqual([]);
    expect(e.everFired('lbfo-vswitch-deprecated')[0].status).toBe('resolved');
  });
});
