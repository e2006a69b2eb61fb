import { describe, expect, it } from 'vitest';
import { EngineHarness, T0, inventory, min, sec } from '../../helpers/engine.ts';
import { G, lbfoInventory, setSwitch, type MemberSpec } from './team-fixtures.ts';

const team = (members: MemberSpec[]) => lbfoInventory([{ members }]);
const mixed = () => team([{ name: 'Ethernet 1', speed: 10 * G }, { name: 'Ethernet 2', speed: 1 * G }]);
const even = () => team([{ name: 'Ethernet 1', speed: 10 * G }, { name: 'Ethernet 2', speed: 10 * G }]);

describe('mixed-speed-team', () => {
  it('fires when the active members of a team have held different speeds for 3 minutes', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, mixed()));
    e.tick(T0 + min(2) + sec(59));
    expect(e.firing('mixed-speed-team')).toEqual([]);
    expect(e.active('mixed-speed-team')).toHaveLength(1);
    e.tick(T0 + min(3));
    const [a] = e.firing('mixed-speed-team');
    expect(a.subject).toEqual({ host: 'HV1', team: 'Team1' });
    expect(a.finding.observed.values.slowMembers).toEqual(['Ethernet 2']);
    expect(a.finding.summary).toBe('Team Team1 on HV1 mixes link speeds: Ethernet 1 10 Gbps, Ethernet 2 1 Gbps');
  });

  it('fires for a SET switch whose members negotiated different speeds', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, setSwitch('SETswitch', [{ name: 'Ethernet 1', speed: 25 * G }, { name: 'Ethernet 2', speed: 10 * G }])));
    e.tick(T0 + min(4));
    expect(e.firing('mixed-speed-team').map((a) => a.subject)).toEqual([{ host: 'HV1', team: 'SETswitch' }]);
  });

  it('ignores failed and standby members at another speed', () => {
    const e = new EngineHarness();
    e.post(
      inventory(
        'HV1',
        T0,
        team([
          { name: 'Ethernet 1', speed: 10 * G },
          { name: 'Ethernet 2', speed: 10 * G },
          { name: 'Ethernet 3', speed: 1 * G, admin: 'Standby' },
          { name: 'Ethernet 4', oper: 'Failed' },
        ]),
      ),
    );
    e.tick(T0 + min(10));
    expect(e.everFired('mixed-speed-team')).toEqual([]);
  });

  it('stays silent for speed renegotiation that settles before 3 minutes', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, even()));
    e.post(inventory('HV1', T0 + min(1), mixed()));
    e.post(inventory('HV1', T0 + min(2), even()));
    e.tick(T0 + min(10));
    expect(e.everFired('mixed-speed-team')).toEqual([]);
  });

  it('stops counting a slow member once its link goes down', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, mixed()));
    e.post(inventory('HV1', T0 + min(1), team([{ name: 'Ethernet 1', speed: 10 * G }, { name: 'Ethernet 2', oper: 'Failed' }])));
    e.tick(T0 + min(10));
    expect(e.everFired('mixed-speed-team')).toEqual([]);
  });

  it('resolves when every active member runs at the same speed again', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, mixed()));
    e.tick(T0 + min(5));
    expect(e.firing('mixed-speed-team')).toHaveLength(1);
    e.post(inventory('HV1', T0 + min(6), even()));
    expect(e.active('mixed-speed-team')).toEqual([]);
    expect(e.everFired('mixed-speed-team')[0].status).toBe('resolved');
  });
});
