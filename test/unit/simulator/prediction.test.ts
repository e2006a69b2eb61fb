import { describe, expect, it } from 'vitest';
import { classifyTeams, teamForNicDescription } from '../../../server/simulator/predict/teams.ts';
import { expectedMacLocations } from '../../../server/simulator/predict/locations.ts';
import { legitimateMacsForIp } from '../../../server/simulator/predict/neighbors.ts';
import { fleetOf, host, inv, MIN, play, T0 } from './helpers.ts';

const lbfo = (algorithm: string, mode = 'SwitchIndependent', vms = 6) =>
  fleetOf({
    hosts: [{ name: 'HV1', ip: '10.1.1.11', team: { mode, algorithm } }],
    vms: [{ count: vms, prefix: 'VM', host: 'HV1', ipBase: '10.1.2.50' }],
  });

const vmLocations = (fleet: ReturnType<typeof lbfo>, t = T0) =>
  expectedMacLocations(inv(fleet, 'HV1', t), { host: 'HV1', cabling: fleet.cabling }).filter((l) => l.owner.kind === 'vm');

describe('team classification over observed inventory', () => {
  it('takes the team MAC from the primary member, and the first surviving member becomes primary when it fails', () => {
    const fleet = lbfo('Dynamic');
    const [team] = classifyTeams(inv(fleet, 'HV1'));
    const e1 = host(fleet, 'HV1').adapters.find((a) => a.name === 'Ethernet 1')!;
    expect(team.teamMac).toBe(e1.mac);
    expect(team.primaryMember).toBe('Ethernet 1');

    const down = play(fleet, [[T0 + MIN, { action: 'link-down', host: 'HV1', adapter: 'Ethernet 1' }]], T0 + 2 * MIN).fleet;
    const [after] = classifyTeams(inv(down, 'HV1', T0 + 2 * MIN));
    expect(after.teamMac).toBe(e1.mac);
    expect(after.primaryMember).toBe('Ethernet 2');
    expect(after.expectedStatus).toBe('Degraded');
    expect(after.failedMembers).toEqual(['Ethernet 1']);
  });

  it('recognises vendor teams by adapter description and SET by the vSwitch', () => {
    const fleet = fleetOf({
      hosts: [
        { name: 'B1', preset: 'basp-host', ip: '10.1.1.21' },
        { name: 'S1', preset: 'set-host', ip: '10.1.1.31' },
      ],
    });
    expect(classifyTeams(inv(fleet, 'B1')).map((t) => [t.kind, t.vendor, t.vSwitches])).toEqual([['vendor', 'basp', ['vSwitch']]]);
    const [set] = classifyTeams(inv(fleet, 'S1'));
    expect(set).toMatchObject({ kind: 'set', team: 'SETswitch', members: ['Ethernet 1', 'Ethernet 2'], rewritesSourceMac: false });
  });

  it('counts a Standby member as standby, not failed', () => {
    const fleet = fleetOf({ hosts: [{ name: 'HV1', ip: '10.1.1.11', team: { standby: 'Ethernet 2' } }] });
    const [team] = classifyTeams(inv(fleet, 'HV1'));
    expect(team).toMatchObject({ expectedStatus: 'Up', activeMembers: ['Ethernet 1'], standbyMembers: ['Ethernet 2'], failedMembers: [] });
  });

  it('finds the team a 16945 names by its team NIC description', () => {
    const fleet = lbfo('Dynamic');
    expect(teamForNicDescription(inv(fleet, 'HV1'), 'Microsoft Network Adapter Multiplexor Driver')?.team).toBe('TEAM-VM');
  });
});

describe('where MACs must appear upstream', () => {
  it('Switch Independent + address hash: every vSwitch port arrives on the primary member only', () => {
    const fleet = lbfo('TransportPorts');
    const locs = vmLocations(fleet);
    expect(locs).toHaveLength(6);
    for (const l of locs) expect(l.members).toEqual(['Ethernet 1']);
    const [team] = classifyTeams(inv(fleet, 'HV1'));
    expect(team.rewritesSourceMac).toBe(true);
  });

  it('HyperVPort/Dynamic: each port is affinitised to one member; a failure moves only its ports, recovery moves them back', () => {
    const fleet = lbfo('HyperVPort', 'SwitchIndependent', 12);
    const before = new Map(vmLocations(fleet).map((l) => [l.mac, l.members]));
    for (const m of before.values()) expect(m).toHaveLength(1);
    expect(new Set([...before.values()].map((m) => m[0])).size).toBe(2);

    const failed = play(fleet, [[T0 + MIN, { action: 'link-down', host: 'HV1', adapter: 'Ethernet 1' }]], T0 + 2 * MIN).fleet;
    const during = new Map(vmLocations(failed, T0 + 2 * MIN).map((l) => [l.mac, l.members]));
    for (const [mac, m] of before) {
      expect(during.get(mac)).toEqual(m[0] === 'Ethernet 1' ? ['Ethernet 2'] : m);
    }
    const healed = play(failed, [[T0 + 3 * MIN, { action: 'link-up', host: 'HV1', adapter: 'Ethernet 1' }]], T0 + 5 * MIN).fleet;
    expect(new Map(vmLocations(healed, T0 + 5 * MIN).map((l) => [l.mac, l.members]))).toEqual(before);
  });

  it('switch-dependent modes never rewrite MACs and put every port on the port-channel', () => {
    for (const mode of ['Static', 'Lacp']) {
      const fleet = lbfo('Dynamic', mode);
      const [team] = classifyTeams(inv(fleet, 'HV1'));
      expect(team.rewritesSourceMac).toBe(false);
      const all = expectedMacLocations(inv(fleet, 'HV1'), { host: 'HV1', cabling: fleet.cabling });
      expect(all.some((l) => l.owner.kind === 'member')).toBe(false);
      for (const l of all.filter((x) => x.owner.kind === 'vm')) {
        expect(l.members).toEqual(['Ethernet 1', 'Ethernet 2']);
        expect(l.ports).toEqual([{ switch: 'sw1', port: 'Po11' }]);
      }
    }
  });

  it('a VM that is off, or behind a disabled team interface, is expected nowhere', () => {
    const fleet = lbfo('Dynamic');
    const after = play(
      fleet,
      [
        [T0 + MIN, { action: 'vm-stop', vm: 'VM01' }],
        [T0 + MIN, { action: 'adapter-disable', host: 'HV1', adapter: 'TEAM-VM' }],
      ],
      T0 + 2 * MIN,
    ).fleet;
    expect(vmLocations(after, T0 + 2 * MIN)).toEqual([]);
  });
});

describe('which MACs may answer for one IP', () => {
  it('a host on a rewriting team answers with its team MAC and its active members\' MACs', () => {
    const fleet = lbfo('TransportPorts');
    const h = host(fleet, 'HV1');
    const macs = legitimateMacsForIp(inv(fleet, 'HV1'), '10.1.1.11');
    for (const a of h.adapters) expect(macs).toContain(a.mac);
    expect(macs).toContain(h.teams[0].mac);
  });

  it('a switch-dependent team adds no member MACs, and a foreign IP has none', () => {
    const fleet = lbfo('IPAddresses', 'Static');
    const h = host(fleet, 'HV1');
    const macs = legitimateMacsForIp(inv(fleet, 'HV1'), '10.1.1.11');
    expect(macs).not.toContain(h.adapters[1].mac);
    expect(legitimateMacsForIp(inv(fleet, 'HV1'), '10.9.9.9')).toEqual([]);
  });
});
