import { describe, expect, it } from 'vitest';
import { EngineHarness, T0, inventory, min, sec } from '../../helpers/engine.ts';
import { TEAM_NIC, lbfoInventory, mediaDisconnected, memberDisconnected, nicDescription, type MemberSpec } from './team-fixtures.ts';

const up: MemberSpec[] = [{ name: 'Ethernet 1' }, { name: 'Ethernet 2' }];
const adminDown: MemberSpec[] = [
  { name: 'Ethernet 1', oper: 'Failed', reason: 'AdministrativeDecision' },
  { name: 'Ethernet 2', oper: 'Failed', reason: 'AdministrativeDecision' },
];

describe('team-interface-disabled', () => {
  it('fires when the members are up but the team interface has stayed Disabled for 3 minutes', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, lbfoInventory([{ members: up }])));
    e.post(inventory('HV1', T0 + min(5), lbfoInventory([{ members: up, nic: 'Disabled' }])));
    e.tick(T0 + min(7) + sec(59));
    expect(e.active('team-interface-disabled')).toEqual([]);
    e.tick(T0 + min(8));
    const [a] = e.firing('team-interface-disabled');
    expect(a.subject).toEqual({ host: 'HV1', team: 'Team1' });
    expect(a.severity).toBe('critical');
    expect(a.startsAt).toBe(T0 + min(5));
    expect(a.finding.observed.values.membersUp).toEqual(['Ethernet 1', 'Ethernet 2']);
    expect(a.finding.remediation.commands).toContain("Enable-NetAdapter -Name 'Team1'");
  });

  it('stays silent for a deliberate team-interface reset shorter than 3 minutes', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, lbfoInventory([{ members: up }])));
    e.post(mediaDisconnected('HV1', T0 + sec(10), TEAM_NIC));
    e.post(inventory('HV1', T0 + min(1), lbfoInventory([{ members: up, nic: 'Disabled' }])));
    e.post(inventory('HV1', T0 + min(2), lbfoInventory([{ members: up, nic: 'Disabled' }])));
    e.post(inventory('HV1', T0 + min(3), lbfoInventory([{ members: up }])));
    e.tick(T0 + min(10));
    expect(e.everFired('team-interface-disabled')).toEqual([]);
    expect(e.everFired('team-down')).toEqual([]);
  });

  it('fires when the team interface is missing from Get-NetAdapter while members are up', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, lbfoInventory([{ members: up, nic: 'unlisted' }])));
    expect(e.firing('team-interface-disabled').map((a) => a.finding.observed.values.teamNics)).toEqual([[{ name: 'Team1', status: 'absent' }]]);
  });

  it('cites the VmSwitch 22 the vSwitch logged for the team interface', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, lbfoInventory([{ members: up }])));
    e.post(mediaDisconnected('HV1', T0 + min(1), TEAM_NIC));
    e.post(inventory('HV1', T0 + min(5), lbfoInventory([{ members: up, nic: 'Disabled' }])));
    e.tick(T0 + min(8));
    const [a] = e.firing('team-interface-disabled');
    expect(a.finding.evidence.map((r) => r.kind)).toEqual(['snapshot', 'event']);
  });

  it('the Disable-NetAdapter * / Enable-NetAdapter * trap: team-down while members are disabled, then this alert once they are re-enabled', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, lbfoInventory([{ members: up }])));
    e.post(inventory('HV1', T0 + min(5), lbfoInventory([{ members: adminDown, nic: 'absent' }])));
    e.tick(T0 + min(6));
    expect(e.firing('team-down').map((a) => a.subject)).toEqual([{ host: 'HV1', team: 'Team1' }]);
    expect(e.active('team-interface-disabled')).toEqual([]);

    // Enable-NetAdapter * recreates the team interface disabled: no grace, the trap is unmistakable.
    e.post(inventory('HV1', T0 + min(10), lbfoInventory([{ members: up, nic: 'Disabled' }])));
    expect(e.active('team-down')).toEqual([]);
    expect(e.firing('team-interface-disabled').map((a) => a.subject)).toEqual([{ host: 'HV1', team: 'Team1' }]);
  });

  it('recognises the trap from member disconnect events when the host could not report in between', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, lbfoInventory([{ members: up }])));
    // Disable-NetAdapter * cut the host off; the backlog arrives with the next bundle.
    e.post(
      memberDisconnected('HV1', T0 + min(2), nicDescription('Ethernet 1')),
      memberDisconnected('HV1', T0 + min(2) + sec(1), nicDescription('Ethernet 2')),
      inventory('HV1', T0 + min(4), lbfoInventory([{ members: up, nic: 'Disabled' }])),
    );
    expect(e.firing('team-interface-disabled').map((a) => a.subject)).toEqual([{ host: 'HV1', team: 'Team1' }]);
  });

  it('stays silent when every member is down as well (team-down covers it)', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, lbfoInventory([{ members: adminDown, nic: 'absent' }])));
    e.tick(T0 + min(10));
    expect(e.everFired('team-interface-disabled')).toEqual([]);
  });

  it('stays silent when the inventory did not include Get-NetAdapter (absence cannot be told from not reported)', () => {
    const e = new EngineHarness();
    const { netAdapters: _omit, ...partial } = lbfoInventory([{ members: up, nic: 'absent' }]);
    e.post(inventory('HV1', T0, partial));
    e.tick(T0 + min(10));
    expect(e.everFired('team-interface-disabled')).toEqual([]);
  });

  it('stays silent for a healthy team and for a team interface that is merely Disconnected', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, lbfoInventory([{ members: up }, { members: [{ name: 'Ethernet 3' }], nic: 'Disconnected' }])));
    e.tick(T0 + min(10));
    expect(e.everFired('team-interface-disabled')).toEqual([]);
  });

  it('resolves when the team interface is enabled again', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, lbfoInventory([{ members: up, nic: 'Disabled' }])));
    e.tick(T0 + min(3));
    expect(e.firing('team-interface-disabled')).toHaveLength(1);
    e.post(inventory('HV1', T0 + min(4) + sec(30), lbfoInventory([{ members: up }])));
    expect(e.active('team-interface-disabled')).toEqual([]);
    expect(e.everFired('team-interface-disabled')[0].status).toBe('resolved');
  });
});
