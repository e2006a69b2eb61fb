import { describe, expect, it } from 'vitest';
import { EngineHarness, T0, inventory, min, sec } from '../../helpers/engine.ts';
import { G, adapter, lbfoInventory, setSwitch, type MemberSpec } from './team-fixtures.ts';

const team = (members: MemberSpec[]) => lbfoInventory([{ members }]);
const mixed = () => team([{ name: 'Ethernet 1', speed: 10 * G }, { name: 'Ethernet 2', speed: 1 * G }]);
const even = () => team([{ name: 'Ethernet 1', speed: 10 * G }, { name: 'Ethernet 2', speed: 10 * G }]);

describe('mixed-speed-team', () => {
  it('fires once a later report confirms the mix and it has held for 2 minutes', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, mixed()));
    e.post(inventory('HV1', T0 + min(1), mixed()));
    e.tick(T0 + min(1) + sec(59));
    expect(e.firing('mixed-speed-team')).toEqual([]);
    expect(e.active('mixed-speed-team')).toHaveLength(1);
    e.tick(T0 + min(2));
    const [a] = e.firing('mixed-speed-team');
    expect(a.subject).toEqual({ host: 'HV1', team: 'Team1' });
    expect(a.startsAt).toBe(T0);
    expect(a.finding.observed.values.slowMembers).toEqual(['Ethernet 2']);
    expect(a.finding.summary).toBe('Team Team1 on HV1 mixes link speeds: Ethernet 1 10 Gbps, Ethernet 2 1 Gbps');
  });

  it('never fires on a single snapshot no later report confirms', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, mixed()));
    e.tick(T0 + min(30));
    expect(e.active('mixed-speed-team')).toEqual([]);
  });

  it('counts the mix from when the team showed it, not from when its adapters existed', () => {
    const e = new EngineHarness();
    const spare = lbfoInventory([{ members: [{ name: 'Ethernet 1' }] }], { netAdapters: [adapter('Ethernet 2', 'Up', 1 * G)] });
    e.post(inventory('HV1', T0, spare));
    e.post(inventory('HV1', T0 + min(5), mixed()));
    e.post(inventory('HV1', T0 + min(6), mixed()));
    e.tick(T0 + min(6) + sec(30));
    expect(e.firing('mixed-speed-team')).toEqual([]);
    e.tick(T0 + min(7));
    expect(e.firing('mixed-speed-team')[0].startsAt).toBe(T0 + min(5));
  });

  it('fires for a SET switch whose members negotiated different speeds', () => {
    const e = new EngineHarness();
    const set = setSwitch('SETswitch', [{ name: 'Ethernet 1', speed: 25 * G }, { name: 'Ethernet 2', speed: 10 * G }]);
    e.post(inventory('HV1', T0, set));
    e.post(inventory('HV1', T0 + min(1), set));
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

  it('stays silent for speed renegotiation that settles by the next report', () => {
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
    e.post(inventory('HV1', T0 + min(2), mixed()));
    e.tick(T0 + min(5));
    expect(e.firing('mixed-speed-team')).toHaveLength(1);
    e.post(inventory('HV1', T0 + min(6), even()));
    expect(e.active('mixed-speed-team')).toEqual([]);
    expect(e.everFired('mixed-speed-team')[0].status).toBe('resolved');
  });
});
