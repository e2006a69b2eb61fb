import { describe, expect, it } from 'vitest';
import { EngineHarness, T0, inventory, macTable, min, sec, switchLog } from '../../helpers/engine.ts';
import type { Observation } from '../../../server/model/observation.ts';
import { hyperVHost, memberConnected, memberDisconnected, migrationCompleted, pmac, shuffleWithin, live, vmac } from './mac-fleet.ts';

const ID = 'mac-flapping';
const WEB1 = vmac(1, 1);
const web1On = (n: number) => hyperVHost({ n, vms: [{ name: 'web1', mac: WEB1 }] });
const bare = (n: number) => hyperVHost({ n });

/** sw1's table with `mac` on `port` in VLAN 10. */
const table = (time: number, port: string, mac = WEB1) => macTable('sw1', time, [{ mac, vlan: 10, port, type: 'dynamic' }]);
const iosFlap = (time: number, from: string, to: string, mac = WEB1) =>
  switchLog('sw1', time, { logKind: 'flap', mnemonic: 'SW_MATM-4-MACFLAP_NOTIF', mac, vlan: 10, fromPort: from, toPort: to, message: `Host ${mac} in vlan 10 is flapping between port ${from} and port ${to}` });
const nxosMove = (time: number, from: string, to: string) =>
  switchLog('sw1', time, { logKind: 'move', mnemonic: 'L2FM-4-L2FM_MAC_MOVE2', mac: WEB1, vlan: 10, fromPort: from, toPort: to, message: `Mac ${WEB1} in vlan 10 has moved from ${from} to ${to}` });

/** Posts in order with live ticks every 30 s (mac-fleet.ts `live`). */
const run = (obs: Observation[], until: number) => live(obs, until);

/** Tables every 30 s with the MAC alternating between two ports: `moves` moves after the first table. */
const alternating = (from: number, moves: number) => Array.from({ length: moves + 1 }, (_, i) => table(from + i * sec(30), i % 2 ? 'Gi0/15' : 'Gi0/5'));

describe('mac-flapping', () => {
  it('fires on three unexplained moves in the MAC table and names the owning VM', () => {
    const e = run([inventory('HV1', T0, web1On(1)), ...alternating(T0 + min(1), 3)], T0 + min(8));
    const [a] = e.firing(ID);
    expect(e.firing(ID).map((x) => x.subject)).toEqual([{ switch: 'sw1', vlan: 10, mac: WEB1 }]);
    expect(a.finding.observed.values.owners).toEqual(['VM web1 (Network Adapter) on HV1']);
    expect(a.finding.observed.values.ports).toEqual(['Gi0/15', 'Gi0/5']);
    expect(a.finding.remediation.commands).toContain('show mac address-table address 0015.5d01.0001');
  });

  it('counts the first Cisco MACFLAP_NOTIF line as two moves', () => {
    const e = run([iosFlap(T0, 'Gi0/5', 'Gi0/15'), iosFlap(T0 + sec(20), 'Gi0/15', 'Gi0/5')], T0 + min(1));
    expect(e.firing(ID).map((x) => x.subject)).toEqual([{ switch: 'sw1', vlan: 10, mac: WEB1 }]);
  });

  it('does not count a move seen both in the table and in syslog twice', () => {
    const obs = [...alternating(T0, 2), nxosMove(T0 + sec(30), 'Gi0/5', 'Gi0/15'), nxosMove(T0 + sec(60), 'Gi0/15', 'Gi0/5')];
    expect(run(obs, T0 + min(10)).everFired(ID)).toEqual([]);
  });

  it('stays silent on a team member failover and its failback', () => {
    const obs: Observation[] = [
      inventory('HV1', T0, web1On(1)),
      table(T0 + min(1), 'Gi0/5'),
      memberDisconnected('HV1', T0 + min(2)),
      table(T0 + min(2) + sec(5), 'Gi0/6'),
      memberConnected('HV1', T0 + min(2) + sec(40)),
      table(T0 + min(2) + sec(45), 'Gi0/5'),
      iosFlap(T0 + min(2) + sec(45), 'Gi0/6', 'Gi0/5'),
      inventory('HV1', T0 + min(4), web1On(1)),
    ];
    expect(run(obs, T0 + min(15)).everFired(ID)).toEqual([]);
  });

  it('stays silent when the team MAC moves to the surviving member and back', () => {
    const TEAM = pmac(1, 1);
    const obs: Observation[] = [
      inventory('HV1', T0, bare(1)),
      table(T0 + min(1), 'Gi0/5', TEAM),
      memberDisconnected('HV1', T0 + min(2), 1),
      table(T0 + min(2) + sec(5), 'Gi0/6', TEAM),
      memberConnected('HV1', T0 + min(3), 1),
      table(T0 + min(3) + sec(5), 'Gi0/5', TEAM),
      inventory('HV1', T0 + min(5), bare(1)),
    ];
    expect(run(obs, T0 + min(15)).everFired(ID)).toEqual([]);
  });

  it('stays silent when each of three moves is a live migration or a failover', () => {
    const obs: Observation[] = [
      inventory('HV1', T0, web1On(1)),
      inventory('HV2', T0, bare(2)),
      table(T0 + sec(30), 'Gi0/5'),
      migrationCompleted('HV1', T0 + min(1), 'web1'),
      inventory('HV2', T0 + min(1) + sec(2), web1On(2)),
      table(T0 + min(1) + sec(5), 'Gi0/7'),
      migrationCompleted('HV2', T0 + min(2), 'web1'),
      inventory('HV1', T0 + min(2) + sec(2), web1On(1)),
      table(T0 + min(2) + sec(5), 'Gi0/5'),
      memberDisconnected('HV1', T0 + min(3)),
      table(T0 + min(3) + sec(5), 'Gi0/6'),
      inventory('HV1', T0 + min(5), web1On(1)),
      inventory('HV2', T0 + min(5), bare(2)),
    ];
    expect(run(obs, T0 + min(15)).everFired(ID)).toEqual([]);
  });

  it('still fires when flapping continues around one failover: a failover explains one move only', () => {
    const obs: Observation[] = [inventory('HV1', T0, web1On(1)), memberDisconnected('HV1', T0 + min(1) + sec(25)), ...alternating(T0 + min(1), 4), inventory('HV1', T0 + min(6), web1On(1))];
    expect(run(obs, T0 + min(8)).firing(ID)).toHaveLength(1);
  });

  it('waits for the owner host to report a minute past a move before judging it, at most 3 minutes', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, web1On(1)));
    for (const o of alternating(T0 + sec(10), 3)) e.post(o);
    e.tick(T0 + sec(100) + sec(59));
    expect(e.active(ID)).toEqual([]);
    e.post(inventory('HV1', T0 + sec(100) + sec(60), web1On(1)));
    e.tick(T0 + sec(100) + sec(90));
    expect(e.firing(ID)).toHaveLength(1);
    const silent = new EngineHarness();
    silent.post(inventory('HV1', T0, web1On(1)));
    for (const o of alternating(T0 + sec(10), 3)) silent.post(o);
    silent.tick(T0 + sec(100) + min(3) - 1);
    expect(silent.active(ID)).toEqual([]);
    silent.tick(T0 + sec(100) + min(3));
    expect(silent.firing(ID)).toHaveLength(1);
  });

  it('flaps with no known owner are judged at once', () => {
    const e = run(alternating(T0, 3), T0 + sec(90));
    expect(e.firing(ID)[0].finding.observed.values.owners).toEqual([]);
  });

  it('resolves 8 minutes after the last unexplained move (5 quiet minutes once late moves are judged)', () => {
    const e = run(alternating(T0, 3), T0 + sec(90));
    expect(e.firing(ID)).toHaveLength(1);
    e.tick(T0 + sec(90) + min(8) - 1);
    expect(e.firing(ID)).toHaveLength(1);
    e.tick(T0 + sec(90) + min(8));
    expect(e.active(ID)).toEqual([]);
  });

  it('gives the same alerts when the same observations arrive out of order', () => {
    const benign: Observation[] = [
      inventory('HV1', T0, web1On(1)),
      table(T0 + min(1), 'Gi0/5'),
      memberDisconnected('HV1', T0 + min(2)),
      table(T0 + min(2) + sec(5), 'Gi0/6'),
      memberConnected('HV1', T0 + min(2) + sec(40)),
      table(T0 + min(2) + sec(45), 'Gi0/5'),
      iosFlap(T0 + min(2) + sec(45), 'Gi0/6', 'Gi0/5'),
      memberDisconnected('HV1', T0 + min(3) + sec(30)),
      table(T0 + min(3) + sec(35), 'Gi0/6'),
      iosFlap(T0 + min(3) + sec(35), 'Gi0/5', 'Gi0/6'),
      inventory('HV1', T0 + min(5), web1On(1)),
    ];
    const fault: Observation[] = [inventory('HV1', T0, web1On(1)), ...[0, 1, 2, 3].map((i) => iosFlap(T0 + min(1) + sec(20 * i), 'Gi0/5', 'Gi0/15')), inventory('HV1', T0 + min(5), web1On(1))];
    for (const [obs, n] of [[benign, 0], [fault, 1]] as const) {
      for (let seed = 1; seed <= 5; seed++) expect(run(shuffleWithin(obs, min(1), seed), T0 + min(12)).everFired(ID)).toHaveLength(n);
    }
  });
});
