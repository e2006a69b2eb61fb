import { describe, expect, it } from 'vitest';
import { EngineHarness, T0, inventory, min, sec } from '../../helpers/engine.ts';
import { lacpChurn, lbfoInventory, nicDescription, type MemberSpec } from './team-fixtures.ts';

const lacpTeam = (members: MemberSpec[], mode = 'Lacp') => lbfoInventory([{ mode, algorithm: 'Dynamic', members }]);
const healthy = () => lacpTeam([{ name: 'Ethernet 1' }, { name: 'Ethernet 2' }]);

describe('lacp-negotiation-failure', () => {
  it('fires on a 16947 LACP churn event for a member of a Lacp team', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, healthy()));
    e.post(lacpChurn('HV1', T0 + sec(20), nicDescription('Ethernet 2')));
    const [a] = e.firing('lacp-negotiation-failure');
    expect(a.subject).toEqual({ host: 'HV1', team: 'Team1' });
    expect(a.severity).toBe('warning');
    expect(a.finding.observed.values.churnMembers).toEqual(['Ethernet 2']);
    expect(a.finding.remediation.commands).toContain("Set-NetLbfoTeam -Name 'Team1' -LacpTimer Slow");
  });

  it('fires on a member FailureReason LacpNegotiationIssue', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, lacpTeam([{ name: 'Ethernet 1' }, { name: 'Ethernet 2', oper: 'Failed', reason: 'LacpNegotiationIssue', adapterStatus: 'Up' }])));
    const [a] = e.firing('lacp-negotiation-failure');
    expect(a.subject).toEqual({ host: 'HV1', team: 'Team1' });
    expect(a.finding.observed.values.lacpNegotiationIssue).toEqual(['Ethernet 2']);
  });

  it('stays silent for a healthy Lacp team', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, healthy()));
    e.post(inventory('HV1', T0 + min(5), healthy()));
    e.tick(T0 + min(30));
    expect(e.everFired('lacp-negotiation-failure')).toEqual([]);
  });

  it('stays silent for teams that do not run LACP', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, lacpTeam([{ name: 'Ethernet 1' }, { name: 'Ethernet 2' }], 'SwitchIndependent')));
    e.post(lacpChurn('HV1', T0 + sec(20), nicDescription('Ethernet 2')));
    e.tick(T0 + min(5));
    expect(e.everFired('lacp-negotiation-failure')).toEqual([]);
  });

  it('does not attribute churn on an adapter that belongs to no team', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, healthy()));
    e.post(lacpChurn('HV1', T0 + sec(20), nicDescription('Ethernet 7')));
    e.tick(T0 + min(5));
    expect(e.everFired('lacp-negotiation-failure')).toEqual([]);
  });

  it('resolves 10 minutes after the last churn once the inventory is clean, not before', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, healthy()));
    e.post(lacpChurn('HV1', T0 + min(1), nicDescription('Ethernet 2')));
    e.post(lacpChurn('HV1', T0 + min(2), nicDescription('Ethernet 2')));
    e.post(inventory('HV1', T0 + min(5), healthy()));
    e.tick(T0 + min(11));
    const [a] = e.firing('lacp-negotiation-failure');
    expect(a.startsAt).toBe(T0 + min(1));
    e.tick(T0 + min(12));
    expect(e.active('lacp-negotiation-failure')).toEqual([]);
    expect(e.everFired('lacp-negotiation-failure')[0].status).toBe('resolved');
  });

  it('keeps firing while a member still reports LacpNegotiationIssue, however long ago the last churn was', () => {
    const e = new EngineHarness();
    const issue = lacpTeam([{ name: 'Ethernet 1' }, { name: 'Ethernet 2', oper: 'Failed', reason: 'LacpNegotiationIssue', adapterStatus: 'Up' }]);
    e.post(inventory('HV1', T0, issue));
    e.post(lacpChurn('HV1', T0 + min(1), nicDescription('Ethernet 2')));
    e.post(inventory('HV1', T0 + min(20), issue));
    e.tick(T0 + min(25));
    expect(e.firing('lacp-negotiation-failure')).toHaveLength(1);
    e.post(inventory('HV1', T0 + min(30), healthy()));
    expect(e.active('lacp-negotiation-failure')).toEqual([]);
  });
});
