import { describe, expect, it } from 'vitest';
import { EngineHarness, T0, event, inventory, min, sec } from '../../helpers/engine.ts';
import type { Inventory, LbfoTeamMember } from '../../../server/model/inventory.ts';

const member = (name: string, over: Partial<LbfoTeamMember> = {}): LbfoTeamMember => ({
  name,
  description: `Intel(R) Ethernet Controller X710 #${name.slice(-1)}`,
  team: 'Team1',
  administrativeMode: 'Active',
  operationalStatus: 'Active',
  transmitLinkSpeedBps: 10e9,
  receiveLinkSpeedBps: 10e9,
  failureReason: 'NoFailure',
  ...over,
});

function host(members: LbfoTeamMember[], status = 'Up'): Inventory {
  return {
    netAdapters: [
      ...members.map((m, i) => ({ name: m.name, description: m.description, ifIndex: i + 2, status: m.operationalStatus === 'Failed' ? 'Disconnected' : 'Up', mac: `00:1b:21:00:00:0${i + 1}`, linkSpeedBps: 10e9 })),
      { name: 'Team1', description: 'Microsoft Network Adapter Multiplexor Driver', ifIndex: 10, status: 'Up', mac: '00:1b:21:00:00:01', linkSpeedBps: 20e9 },
    ],
    lbfoTeams: [{ name: 'Team1', members: members.map((m) => m.name), teamNics: ['Team1'], teamingMode: 'SwitchIndependent', loadBalancingAlgorithm: 'Dynamic', status }],
    lbfoTeamMembers: members,
    vmSwitches: [{ name: 'vSwitch', id: null, switchType: 'External', netAdapterDescriptions: ['Microsoft Network Adapter Multiplexor Driver'], embeddedTeamingEnabled: false, allowManagementOS: true, iovEnabled: false }],
  };
}

describe('team-degraded', () => {
  it('fires when a member fails while another is still active', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, host([member('Ethernet 1'), member('Ethernet 2')])));
    e.post(inventory('HV1', T0 + min(1), host([member('Ethernet 1'), member('Ethernet 2', { operationalStatus: 'Failed', failureReason: 'PhysicalMediaDisconnected' })], 'Degraded')));
    e.tick(T0 + min(2));
    const fired = e.firing('team-degraded');
    expect(fired.map((a) => a.subject)).toEqual([{ host: 'HV1', team: 'Team1' }]);
    expect(fired[0].finding.observed.values.failedMembers).toEqual(['Ethernet 2']);
  });

  it('is seen from the 16949 event before the next inventory arrives', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, host([member('Ethernet 1'), member('Ethernet 2')])));
    e.post(event('HV1', T0 + sec(10), { provider: 'Microsoft-Windows-MsLbfoSysEvtProvider', eventId: 16949, level: 3, message: 'Member Nic Intel(R) Ethernet Controller X710 #2 Disconnected.', params: ['', 'Intel(R) Ethernet Controller X710 #2'] }));
    e.tick(T0 + sec(45));
    expect(e.firing('team-degraded')).toHaveLength(1);
  });

  it('stays silent for a standby member', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, host([member('Ethernet 1'), member('Ethernet 2', { administrativeMode: 'Standby', operationalStatus: 'Standby' })])));
    e.tick(T0 + min(10));
    expect(e.active('team-degraded')).toEqual([]);
  });

  it('stays silent while a member waits for stable connectivity under 2 minutes, and fires after', () => {
    const e = new EngineHarness();
    const waiting = host([member('Ethernet 1'), member('Ethernet 2', { operationalStatus: 'Failed', failureReason: 'WaitingForStableConnectivity' })], 'Degraded');
    e.post(inventory('HV1', T0, waiting));
    e.post(inventory('HV1', T0 + min(1), waiting));
    expect(e.everFired('team-degraded')).toEqual([]);
    e.post(inventory('HV1', T0 + min(3), waiting));
    e.tick(T0 + min(4));
    expect(e.firing('team-degraded')).toHaveLength(1);
  });

  it('resolves when the member is back', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, host([member('Ethernet 1'), member('Ethernet 2', { operationalStatus: 'Failed', failureReason: 'PhysicalMediaDisconnected' })], 'Degraded')));
    e.tick(T0 + min(1));
    expect(e.firing('team-degraded')).toHaveLength(1);
    e.post(inventory('HV1', T0 + min(5), host([member('Ethernet 1'), member('Ethernet 2')])));
    expect(e.active('team-degraded')).toEqual([]);
    expect(e.everFired('team-degraded')[0].status).toBe('resolved');
  });
});

describe('remediation commands are safe to copy', () => {
  it('quote host-supplied names for PowerShell: a quote is doubled and a newline cannot start a command', () => {
    const e = new EngineHarness();
    const evil = "Team1'; Remove-Item C:\\ -Recurse; '\nStop-Computer";
    const members = [member('Ethernet 1', { team: evil }), member('Ethernet 2', { team: evil, operationalStatus: 'Failed', failureReason: 'PhysicalMediaDisconnected' })];
    const inv = host(members, 'Degraded');
    inv.lbfoTeams![0].name = evil;
    e.post(inventory('HV1', T0, inv));
    e.tick(T0 + min(1));
    const cmd = e.firing('team-degraded')[0].finding.remediation.commands![0];
    expect(cmd).toContain("-Team 'Team1''; Remove-Item C:\\ -Recurse; ''?Stop-Computer'");
    expect(cmd).not.toContain('\n');
  });
});
