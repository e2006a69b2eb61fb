import { describe, expect, it } from 'vitest';
import { EngineHarness, T0, inventory, min, sec } from '../../helpers/engine.ts';
import { TEAM_NIC, adapter, broadcomLinkDown, intelLinkDown, intelLinkUp, lbfoInventory, mediaDisconnected, memberDisconnected, nicDescription, setSwitch, vSwitch } from './team-fixtures.ts';
import type { Inventory } from '../../../server/model/inventory.ts';

const healthy = () => lbfoInventory([{ members: [{ name: 'Ethernet 1' }, { name: 'Ethernet 2' }] }]);
/** A BASP vendor team over two Broadcom adapters (Windows lists the team adapter, not its members). */
const baspHost = (teamStatus: string): Inventory => {
  const members = teamStatus === 'Disconnected' ? 'Disconnected' : 'Up';
  return {
    netAdapters: [
      adapter('Ethernet 1', members, 1e9, 'Broadcom NetXtreme Gigabit Ethernet'),
      adapter('Ethernet 2', members, 1e9, 'Broadcom NetXtreme Gigabit Ethernet #2'),
      { ...adapter('BASP-TEAM', teamStatus, 2e9, 'BASP Virtual Adapter'), ifIndex: 20 },
    ],
    lbfoTeams: [],
    lbfoTeamMembers: [],
    vmSwitches: [vSwitch('vSwitch', ['BASP Virtual Adapter'])],
  };
};
const bothFailed = () => lbfoInventory([{ members: [{ name: 'Ethernet 1', oper: 'Failed' }, { name: 'Ethernet 2', oper: 'Failed' }] }]);

describe('team-down', () => {
  it('fires when the inventory shows every member failed (team Status Down)', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, healthy()));
    e.post(inventory('HV1', T0 + min(1), bothFailed()));
    e.tick(T0 + min(1) + sec(15));
    const fired = e.firing('team-down');
    expect(fired.map((a) => a.subject)).toEqual([{ host: 'HV1', team: 'Team1' }]);
    expect(fired[0].severity).toBe('critical');
    expect(fired[0].finding.observed.values.failedMembers).toEqual(['Ethernet 1', 'Ethernet 2']);
    expect(fired[0].finding.remediation.commands).toContain("Get-NetLbfoTeam -Name 'Team1' | Format-List Name,Status,Members,TeamNics");
  });

  it('is seen from 16949 for every member before the next inventory, starting at the last member failure', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, healthy()));
    e.post(memberDisconnected('HV1', T0 + sec(10), nicDescription('Ethernet 1')));
    e.tick(T0 + sec(40));
    expect(e.active('team-down')).toEqual([]);
    e.post(memberDisconnected('HV1', T0 + sec(50), nicDescription('Ethernet 2')));
    e.tick(T0 + sec(65));
    const [a] = e.firing('team-down');
    expect(a.subject).toEqual({ host: 'HV1', team: 'Team1' });
    expect(a.startsAt).toBe(T0 + sec(50));
  });

  it('judges by event time, not arrival order', () => {
    const inOrder = new EngineHarness();
    const reversed = new EngineHarness();
    const events = [memberDisconnected('HV1', T0 + sec(10), nicDescription('Ethernet 1')), memberDisconnected('HV1', T0 + sec(50), nicDescription('Ethernet 2'))];
    for (const e of [inOrder, reversed]) e.post(inventory('HV1', T0, healthy()));
    inOrder.post(...events);
    reversed.post(...[...events].reverse());
    for (const e of [inOrder, reversed]) e.tick(T0 + min(1) + sec(10));
    expect(reversed.firing('team-down').map((a) => [a.subject, a.startsAt])).toEqual(inOrder.firing('team-down').map((a) => [a.subject, a.startsAt]));
    expect(inOrder.firing('team-down')).toHaveLength(1);
  });

  it('fires on Hyper-V-VmSwitch 22 for the team interface after member link loss, naming the team whose interface it is', () => {
    const e = new EngineHarness();
    const twoTeams = lbfoInventory([{ members: [{ name: 'Ethernet 1' }, { name: 'Ethernet 2' }] }, { members: [{ name: 'Ethernet 3' }, { name: 'Ethernet 4' }] }]);
    e.post(inventory('HV1', T0, twoTeams));
    // Only one member's 16949 was collected; the vSwitch says the whole team interface lost media.
    e.post(memberDisconnected('HV1', T0 + sec(4), nicDescription('Ethernet 3')), mediaDisconnected('HV1', T0 + sec(5), `${TEAM_NIC} #2`));
    e.tick(T0 + sec(30));
    expect(e.firing('team-down').map((a) => a.subject)).toEqual([{ host: 'HV1', team: 'Team2' }]);
  });

  it('stays silent on a VmSwitch 22 for the team interface with no member link loss (the interface itself was disabled)', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, healthy()));
    e.post(mediaDisconnected('HV1', T0 + sec(5), TEAM_NIC));
    e.tick(T0 + min(5));
    expect(e.everFired('team-down')).toEqual([]);
  });

  it('fires for a vendor team (BASP) when its adapters lose link and the vSwitch loses media on the team adapter', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, baspHost('Up')));
    e.post(broadcomLinkDown('HV1', T0 + sec(1), 'Broadcom NetXtreme Gigabit Ethernet'), broadcomLinkDown('HV1', T0 + sec(1), 'Broadcom NetXtreme Gigabit Ethernet #2'));
    e.post(mediaDisconnected('HV1', T0 + sec(2), 'BASP Virtual Adapter'));
    e.tick(T0 + sec(30));
    expect(e.firing('team-down').map((a) => a.subject)).toEqual([{ host: 'HV1', team: 'BASP-TEAM' }]);
    e.post(inventory('HV1', T0 + min(1), baspHost('Disconnected')));
    expect(e.firing('team-down')).toHaveLength(1);
    e.post(inventory('HV1', T0 + min(2), baspHost('Up')));
    expect(e.active('team-down')).toEqual([]);
  });

  it('stays silent for a vendor team reset (team adapter disabled, then enabled)', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, baspHost('Up')));
    e.post(mediaDisconnected('HV1', T0 + sec(2), 'BASP Virtual Adapter'));
    e.post(inventory('HV1', T0 + min(1), baspHost('Disabled')));
    e.post(inventory('HV1', T0 + min(2), baspHost('Up')));
    e.tick(T0 + min(5));
    expect(e.everFired('team-down')).toEqual([]);
  });

  it('fires for a SET switch when every member adapter loses link', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, setSwitch('SETswitch', [{ name: 'Ethernet 1' }, { name: 'Ethernet 2' }])));
    e.post(intelLinkDown('HV1', T0 + sec(5), nicDescription('Ethernet 1')), intelLinkDown('HV1', T0 + sec(6), nicDescription('Ethernet 2')));
    e.tick(T0 + sec(30));
    expect(e.firing('team-down').map((a) => a.subject)).toEqual([{ host: 'HV1', team: 'SETswitch' }]);
  });

  it('fires for a SET switch when the vSwitch logs 22 for every member', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, setSwitch('SETswitch', [{ name: 'Ethernet 1' }, { name: 'Ethernet 2' }])));
    e.post(mediaDisconnected('HV1', T0 + sec(5), nicDescription('Ethernet 1')));
    e.tick(T0 + sec(30));
    expect(e.active('team-down')).toEqual([]);
    e.post(mediaDisconnected('HV1', T0 + sec(35), nicDescription('Ethernet 2')));
    e.tick(T0 + sec(60));
    expect(e.firing('team-down').map((a) => a.subject)).toEqual([{ host: 'HV1', team: 'SETswitch' }]);
  });

  it('stays silent while one member is still active (that is team-degraded)', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, lbfoInventory([{ members: [{ name: 'Ethernet 1' }, { name: 'Ethernet 2', oper: 'Failed' }] }])));
    e.tick(T0 + min(5));
    expect(e.active('team-down')).toEqual([]);
    expect(e.firing('team-degraded')).toHaveLength(1);
  });

  it('stays silent for a brand-new team whose members wait on the connect timer, and counts them failed after 2 minutes', () => {
    const e = new EngineHarness();
    const waiting = lbfoInventory([
      {
        status: 'Degraded',
        members: [
          { name: 'Ethernet 1', oper: 'Failed', reason: 'WaitingForStableConnectivity' },
          { name: 'Ethernet 2', oper: 'Failed', reason: 'WaitingForStableConnectivity' },
        ],
      },
    ]);
    e.post(inventory('HV1', T0, waiting));
    e.tick(T0 + min(1) + sec(50));
    expect(e.active('team-down')).toEqual([]);
    e.tick(T0 + min(2) + sec(15));
    expect(e.firing('team-down')).toHaveLength(1);
  });

  it('stays silent when the active member fails but a standby member remains', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, lbfoInventory([{ members: [{ name: 'Ethernet 1' }, { name: 'Ethernet 2', admin: 'Standby' }] }])));
    e.post(memberDisconnected('HV1', T0 + sec(5), nicDescription('Ethernet 1')));
    e.tick(T0 + min(2));
    expect(e.everFired('team-down')).toEqual([]);
  });

  it('resolves as soon as a member link comes back, before the next inventory', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, bothFailed()));
    e.tick(T0 + sec(20));
    expect(e.firing('team-down')).toHaveLength(1);
    e.post(intelLinkUp('HV1', T0 + min(3), nicDescription('Ethernet 2')));
    expect(e.active('team-down')).toEqual([]);
    expect(e.everFired('team-down')[0].status).toBe('resolved');
  });

  it('a VmSwitch 22 after link loss holds until a newer inventory shows an active member', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, healthy()));
    e.post(memberDisconnected('HV1', T0 + sec(4), nicDescription('Ethernet 1')), mediaDisconnected('HV1', T0 + sec(5), TEAM_NIC));
    e.tick(T0 + min(4));
    expect(e.firing('team-down')).toHaveLength(1);
    e.post(inventory('HV1', T0 + min(5), healthy()));
    expect(e.active('team-down')).toEqual([]);
  });

  it('offers Enable-NetAdapter when the members were disabled by an operator', () => {
    const e = new EngineHarness();
    const disabled = lbfoInventory([
      {
        nic: 'absent',
        members: [
          { name: 'Ethernet 1', oper: 'Failed', reason: 'AdministrativeDecision' },
          { name: 'Ethernet 2', oper: 'Failed', reason: 'AdministrativeDecision' },
        ],
      },
    ]);
    e.post(inventory('HV1', T0, disabled));
    e.tick(T0 + sec(20));
    expect(e.firing('team-down')[0].finding.remediation.commands?.[0]).toBe("Enable-NetAdapter -Name 'Ethernet 1','Ethernet 2'");
  });
});
