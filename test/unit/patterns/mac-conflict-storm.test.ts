import { describe, expect, it } from 'vitest';
import { EngineHarness, T0, inventory, lbfo16945, min, sec, vmEvent } from '../../helpers/engine.ts';
import type { Observation } from '../../../server/model/observation.ts';
import { TEAM_NIC, hyperVHost, memberConnected, memberDisconnected, migrationCompleted, pmac, shuffleWithin, live, vmac } from './mac-fleet.ts';

const ID = 'mac-conflict-storm';

/** HV1 as SCVMM deployed it: the management vNIC carries the team MAC as a static address. */
const cloned = () => hyperVHost({ n: 1, hostVnics: [{ name: 'Management', mac: pmac(1, 1), dynamic: false }], vms: [{ name: 'web1', mac: vmac(1, 1) }] });
/** HV1 built by hand: the management vNIC inherited the team MAC when the vSwitch was created. */
const inherited = (vms = [{ name: 'web1', mac: vmac(1, 1) }]) => hyperVHost({ n: 1, vms });

/** Posts in order with live ticks every 30 s (mac-fleet.ts `live`). */
const run = (obs: Observation[], until: number) => live(obs, until);

/** A storm: 16945 every 40 s for `count` warnings, starting at `from`. */
const storm = (from: number, count: number, teamNic = TEAM_NIC) => Array.from({ length: count }, (_, i) => lbfo16945('HV1', from + i * sec(40), teamNic));

describe('mac-conflict-storm', () => {
  it('fires on repeating unexplained 16945 and names the cloned management vNIC', () => {
    const e = run([inventory('HV1', T0, cloned()), ...storm(T0 + min(1), 6)], T0 + min(8));
    const fired = e.firing(ID);
    expect(fired.map((a) => a.subject)).toEqual([{ host: 'HV1', team: 'Team1' }]);
    const f = fired[0].finding;
    expect(f.observed.values.suspectPorts).toEqual(['Management']);
    expect(f.since).toBe(T0 + min(1));
    expect(f.remediation.commands?.join('\n')).toContain("Get-SCVirtualNetworkAdapter -VMHost 'HV1' | Where-Object Name -eq 'Management'");
    expect(f.remediation.commands?.join('\n')).toContain("Get-NetAdapter -Name 'vEthernet (Management)' | Set-NetAdapter -MacAddress");
    expect(f.evidence.filter((r) => r.kind === 'event')).toHaveLength(6);
  });

  it('needs three unexplained warnings: two stay silent', () => {
    const e = run([inventory('HV1', T0, cloned()), ...storm(T0 + min(1), 2)], T0 + min(20));
    expect(e.everFired(ID)).toEqual([]);
  });

  it('does not count warnings spread wider than 15 minutes', () => {
    const obs = [inventory('HV1', T0, cloned()), lbfo16945('HV1', T0 + min(1)), lbfo16945('HV1', T0 + min(10)), lbfo16945('HV1', T0 + min(20)), lbfo16945('HV1', T0 + min(30))];
    expect(run(obs, T0 + min(40)).everFired(ID)).toEqual([]);
  });

  it('is judged only once the explanation window has closed', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, cloned()), ...storm(T0 + sec(10), 3));
    expect(e.active(ID)).toEqual([]);
    e.tick(T0 + sec(90) + min(2) - 1);
    expect(e.active(ID)).toEqual([]);
    e.tick(T0 + sec(90) + min(2));
    expect(e.firing(ID)).toHaveLength(1);
  });

  it('stays silent on one 16945 at vSwitch creation', () => {
    const before = hyperVHost({ n: 1, vSwitch: false });
    const obs = [inventory('HV1', T0, before), lbfo16945('HV1', T0 + min(4)), inventory('HV1', T0 + min(5), inherited([]))];
    expect(run(obs, T0 + min(20)).everFired(ID)).toEqual([]);
  });

  it('stays silent on one 16945 per VM start/stop/reset and member link change (KB 2920261)', () => {
    const vms = ['web1', 'web2', 'db1'].map((name, i) => ({ name, mac: vmac(1, i + 1) }));
    const obs: Observation[] = [inventory('HV1', T0, inherited(vms))];
    const changes: Observation[] = [
      vmEvent('HV1', T0 + min(1), 18500, 'web1'),
      vmEvent('HV1', T0 + min(2), 18500, 'web2'),
      vmEvent('HV1', T0 + min(3), 18502, 'db1'),
      vmEvent('HV1', T0 + min(4), 18512, 'web1'),
      memberDisconnected('HV1', T0 + min(5)),
      memberConnected('HV1', T0 + min(6)),
      vmEvent('HV1', T0 + min(7), 18514, 'web2'),
    ];
    for (const c of changes) obs.push(c, lbfo16945('HV1', c.time + sec(1)));
    expect(run(obs, T0 + min(30)).everFired(ID)).toEqual([]);
  });

  it('stays silent on the 16945 of a VM that live-migrated in', () => {
    const arrived = inherited([{ name: 'web1', mac: vmac(1, 1) }, { name: 'app7', mac: vmac(2, 7) }]);
    const obs: Observation[] = [inventory('HV1', T0, inherited()), inventory('HV2', T0, hyperVHost({ n: 2 }))];
    for (let i = 0; i < 3; i++) {
      const t = T0 + min(1 + 3 * i);
      obs.push(migrationCompleted('HV2', t, 'app7'), lbfo16945('HV1', t + sec(2)));
    }
    obs.push(inventory('HV1', T0 + min(8), arrived));
    expect(run(obs, T0 + min(20)).everFired(ID)).toEqual([]);
  });

  it('stays silent for a single management vNIC that inherited the team MAC and logs no repeats', () => {
    const obs = [inventory('HV1', T0, inherited()), lbfo16945('HV1', T0 + min(2)), inventory('HV1', T0 + min(10), inherited())];
    expect(run(obs, T0 + min(60)).everFired(ID)).toEqual([]);
  });

  it('still fires when a storm coincides with VM starts: each start explains one warning only', () => {
    const obs: Observation[] = [inventory('HV1', T0, cloned()), vmEvent('HV1', T0 + min(1), 18500, 'web1'), vmEvent('HV1', T0 + min(2), 18502, 'web1')];
    obs.push(...storm(T0 + min(1), 5));
    expect(run(obs, T0 + min(8)).firing(ID)).toHaveLength(1);
  });

  it('attributes warnings by the team interface description in %2', () => {
    const inv = hyperVHost({ n: 1 });
    inv.netAdapters!.push({ name: 'Team2', description: `${TEAM_NIC} #2`, ifIndex: 11, status: 'Up', mac: pmac(1, 9), linkSpeedBps: 10e9 });
    inv.lbfoTeams!.push({ name: 'Team2', members: [], teamNics: ['Team2'], teamingMode: 'SwitchIndependent', loadBalancingAlgorithm: 'Dynamic', status: 'Up' });
    const e = run([inventory('HV1', T0, inv), ...storm(T0 + min(1), 4, `${TEAM_NIC} #2`)], T0 + min(6));
    expect(e.firing(ID).map((a) => a.subject)).toEqual([{ host: 'HV1', team: 'Team2' }]);
  });

  it('falls back to the only team when %2 does not match', () => {
    const e = run([inventory('HV1', T0, cloned()), ...storm(T0 + min(1), 4, 'Some Renamed Adapter')], T0 + min(6));
    expect(e.firing(ID).map((a) => a.subject)).toEqual([{ host: 'HV1', team: 'Team1' }]);
  });

  it('resolves after 30 minutes without an unexplained 16945', () => {
    const e = run([inventory('HV1', T0, cloned()), ...storm(T0 + min(1), 5)], T0 + min(6));
    expect(e.firing(ID)).toHaveLength(1);
    const last = T0 + min(1) + sec(160);
    e.tick(last + min(29));
    expect(e.firing(ID)).toHaveLength(1);
    e.tick(last + min(30) + sec(1));
    expect(e.active(ID)).toEqual([]);
    expect(e.everFired(ID)[0].status).toBe('resolved');
  });

  it('keeps firing while unexplained warnings keep coming less than 30 minutes apart', () => {
    const obs = [inventory('HV1', T0, cloned()), ...storm(T0 + min(1), 3), lbfo16945('HV1', T0 + min(25)), lbfo16945('HV1', T0 + min(50))];
    const e = run(obs, T0 + min(70));
    expect(e.everFired(ID)).toHaveLength(1);
    expect(e.firing(ID)).toHaveLength(1);
  });

  it('gives the same alerts when the same observations arrive out of order', () => {
    const vms = ['web1', 'web2', 'db1'].map((name, i) => ({ name, mac: vmac(1, i + 1) }));
    const benign: Observation[] = [inventory('HV1', T0, inherited(vms))];
    ['web1', 'web2', 'db1'].forEach((vm, i) => benign.push(vmEvent('HV1', T0 + min(1 + i), 18500, vm), lbfo16945('HV1', T0 + min(1 + i) + sec(1))));
    benign.push(memberDisconnected('HV1', T0 + min(4)), lbfo16945('HV1', T0 + min(4) + sec(1)), inventory('HV1', T0 + min(5), inherited(vms)));
    const fault: Observation[] = [inventory('HV1', T0, cloned()), ...storm(T0 + min(1), 6), vmEvent('HV1', T0 + min(2), 18500, 'web1')];
    for (const [obs, firing] of [[benign, 0], [fault, 1]] as const) {
      for (let seed = 1; seed <= 5; seed++) {
        const e = run(shuffleWithin(obs, min(1), seed), T0 + min(10));
        expect(e.everFired(ID)).toHaveLength(firing);
      }
    }
  });
});
