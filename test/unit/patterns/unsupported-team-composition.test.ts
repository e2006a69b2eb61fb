import { describe, expect, it } from 'vitest';
import { EngineHarness, T0, inventory, min } from '../../helpers/engine.ts';
import { TEAM_NIC, lbfoInventory, setSwitch, type MemberSpec } from './team-fixtures.ts';

const problemsOf = (e: EngineHarness) => e.firing('unsupported-team-composition').map((a) => [a.subject, a.finding.observed.values.problems]);
const physical = (n: number): MemberSpec[] => Array.from({ length: n }, (_, i) => ({ name: `Ethernet ${i + 1}` }));

describe('unsupported-team-composition', () => {
  it('fires for a team of Hyper-V host vNICs', () => {
    const e = new EngineHarness();
    const vnic = (name: string): MemberSpec => ({ name: `vEthernet (${name})`, description: `Hyper-V Virtual Ethernet Adapter #${name.slice(-1)}` });
    e.post(inventory('HV1', T0, lbfoInventory([{ name: 'MgmtTeam', members: [vnic('Mgmt1'), vnic('Mgmt2')], vSwitch: null }])));
    expect(problemsOf(e)).toEqual([[{ host: 'HV1', team: 'MgmtTeam' }, [{ kind: 'host-vnic', members: ['vEthernet (Mgmt1)', 'vEthernet (Mgmt2)'] }]]]);
    expect(e.firing('unsupported-team-composition')[0].finding.remediation.commands?.[0]).toBe("Remove-NetLbfoTeamMember -Team 'MgmtTeam' -Name 'vEthernet (Mgmt1)','vEthernet (Mgmt2)'");
  });

  it('fires for a team nested in another team (a member that is a team interface)', () => {
    const e = new EngineHarness();
    const inv = lbfoInventory([
      { name: 'Inner', members: [{ name: 'Ethernet 1' }, { name: 'Ethernet 2' }], vSwitch: null },
      { name: 'Outer', members: [{ name: 'Inner', description: TEAM_NIC }, { name: 'Ethernet 3' }] },
    ]);
    e.post(inventory('HV1', T0, inv));
    expect(problemsOf(e)).toEqual([[{ host: 'HV1', team: 'Outer' }, [{ kind: 'nested-team', members: ['Inner'] }]]]);
  });

  it('fires for a vendor team under the inbox team', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, lbfoInventory([{ members: [{ name: 'BASP 1', description: 'BASP Virtual Adapter' }, { name: 'Ethernet 3' }] }])));
    expect(problemsOf(e)).toEqual([[{ host: 'HV1', team: 'Team1' }, [{ kind: 'vendor-team', members: ['BASP 1'] }]]]);
  });

  it('fires for a host team with more than 32 members, and not for 32', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, lbfoInventory([{ members: physical(32) }])));
    expect(e.everFired('unsupported-team-composition')).toEqual([]);
    e.post(inventory('HV1', T0 + min(5), lbfoInventory([{ members: physical(33) }])));
    expect(problemsOf(e)).toEqual([[{ host: 'HV1', team: 'Team1' }, [{ kind: 'too-many-members', members: [] }]]]);
  });

  it('stays silent for teams of physical NICs and for SET switches', () => {
    const e = new EngineHarness();
    const set = setSwitch('SETswitch', [{ name: 'Ethernet 5' }, { name: 'Ethernet 6' }]);
    e.post(inventory('HV1', T0, lbfoInventory([{ members: physical(2) }, { members: [{ name: 'Ethernet 3' }, { name: 'Ethernet 4' }] }], set)));
    e.tick(T0 + min(10));
    expect(e.everFired('unsupported-team-composition')).toEqual([]);
  });

  it('resolves when the team is rebuilt from physical NICs', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, lbfoInventory([{ members: [{ name: 'vEthernet (A)', description: 'Hyper-V Virtual Ethernet Adapter' }, { name: 'Ethernet 2' }] }])));
    expect(e.firing('unsupported-team-composition')).toHaveLength(1);
    e.post(inventory('HV1', T0 + min(5), lbfoInventory([{ members: physical(2) }])));
    expect(e.active('unsupported-team-composition')).toEqual([]);
  });
});
