import { describe, expect, it } from 'vitest';
import { apply } from '../../../server/simulator/behaviour/apply.ts';
import { explains16945 } from '../../../server/simulator/predict/facts.ts';
import { macSources } from '../../../server/simulator/behaviour/upstream.ts';
import { eventsOf, factsOf, fleetOf, host, inv, MIN, play, T0, vmMac } from './helpers.ts';

const twoHosts = (extra: Record<string, unknown> = {}) =>
  fleetOf({
    hosts: [
      { name: 'HV1', ip: '10.1.1.11', cluster: 'C' },
      { name: 'HV2', ip: '10.1.1.12', cluster: 'C' },
    ],
    vms: [{ name: 'APP', host: 'HV1', nics: [{ ips: ['10.1.2.50'] }] }],
    ...extra,
  });

const ids = (events: { eventId: number }[]) => events.map((e) => e.eventId);

describe('apply is a pure transition', () => {
  it('leaves the input fleet untouched and is deterministic', () => {
    const fleet = twoHosts();
    const snapshot = JSON.stringify(fleet);
    const a = apply(fleet, { action: 'vm-stop', vm: 'APP' }, T0 + MIN);
    const b = apply(fleet, { action: 'vm-stop', vm: 'APP' }, T0 + MIN);
    expect(JSON.stringify(fleet)).toBe(snapshot);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe('dynamic MACs (docs/domain.md §5 item 7)', () => {
  it('are assigned at first start from the host pool, in pool order', () => {
    const fleet = twoHosts();
    expect(vmMac(fleet, 'APP')).toBe('00:15:5d:01:0b:00');
    const r = play(fleet, [[T0 + MIN, { action: 'vm-create', vm: 'NEW', host: 'HV1', nics: [{ switch: 'vSwitch' }] }]], T0 + 2 * MIN);
    expect(vmMac(r.fleet, 'NEW')).toBeNull();
    const started = play(r.fleet, [[T0 + 3 * MIN, { action: 'vm-start', vm: 'NEW' }]], T0 + 4 * MIN).fleet;
    expect(vmMac(started, 'NEW')).toBe('00:15:5d:01:0b:01');
  });

  it('are kept across live migration, and change on a restart on a host with another pool', () => {
    const fleet = twoHosts();
    const moved = play(fleet, [[T0 + MIN, { action: 'live-migrate', vm: 'APP', to: 'HV2', durationSec: 20 }]], T0 + 2 * MIN).fleet;
    expect(moved.vms[0].host).toBe('HV2');
    expect(vmMac(moved, 'APP')).toBe('00:15:5d:01:0b:00');
    const restarted = play(moved, [[T0 + 3 * MIN, { action: 'vm-restart', vm: 'APP', offSec: 10 }]], T0 + 4 * MIN).fleet;
    expect(vmMac(restarted, 'APP')).toBe('00:15:5d:01:0c:00');
    const again = play(restarted, [[T0 + 5 * MIN, { action: 'vm-restart', vm: 'APP', offSec: 10 }]], T0 + 6 * MIN).fleet;
    expect(vmMac(again, 'APP')).toBe('00:15:5d:01:0c:00');
  });

  it('repeat across hosts whose pools are identical', () => {
    const fleet = fleetOf({
      hosts: [
        { name: 'HV1', ip: '10.1.1.11', installIp: '192.168.5.20' },
        { name: 'HV2', ip: '10.1.1.12', installIp: '192.168.5.20' },
      ],
      vms: [
        { name: 'A', host: 'HV1' },
        { name: 'B', host: 'HV2' },
      ],
    });
    expect(vmMac(fleet, 'A')).toBe('00:15:5d:05:14:00');
    expect(vmMac(fleet, 'B')).toBe('00:15:5d:05:14:00');
  });
});

describe('expected 16945s (KB 2920261)', () => {
  it('one vSwitch creation on a team yields exactly one 16945, explained by the creation', () => {
    const fleet = fleetOf({ hosts: [{ name: 'HV1', ip: '10.1.1.11', vSwitches: [] }] });
    const r = play(fleet, [[T0 + MIN, { action: 'vswitch-create', host: 'HV1', name: 'vSwitch', uplink: 'TEAM-VM' }]], T0 + 20 * MIN);
    const ev = eventsOf(r.emitted).filter((e) => e.eventId === 16945);
    expect(ev).toHaveLength(1);
    expect(ev[0].data?.[1].value).toBe('Microsoft Network Adapter Multiplexor Driver');
    expect(explains16945(factsOf(r.emitted), 'HV1', 'TEAM-VM', ev[0].time)?.kind).toBe('vswitch-created');
    // The first management vNIC inherits the team MAC.
    expect(host(r.fleet, 'HV1').hostVnics[0].mac).toBe(host(r.fleet, 'HV1').teams[0].mac);
  });

  it('one per VM start/stop/reset on the team and one per member link change', () => {
    const r = play(
      twoHosts(),
      [
        [T0 + MIN, { action: 'vm-stop', vm: 'APP' }],
        [T0 + 3 * MIN, { action: 'vm-start', vm: 'APP' }],
        [T0 + 5 * MIN, { action: 'vm-reset', vm: 'APP' }],
        [T0 + 7 * MIN, { action: 'vm-guest-reboot', vm: 'APP' }],
        [T0 + 9 * MIN, { action: 'link-down', host: 'HV1', adapter: 'Ethernet 2' }],
      ],
      T0 + 12 * MIN,
    );
    const ev = eventsOf(r.emitted).filter((e) => e.host === 'HV1');
    expect(ids(ev).filter((i) => i === 16945)).toHaveLength(4);
    expect(ids(ev)).toEqual(expect.arrayContaining([18502, 18500, 18512, 18514, 27, 16949]));
    const facts = factsOf(r.emitted);
    for (const e of ev.filter((x) => x.eventId === 16945)) expect(explains16945(facts, 'HV1', 'TEAM-VM', e.time)).not.toBeNull();
  });

  it('an SCVMM-cloned management vNIC keeps logging 16945 that nothing explains', () => {
    const r = play(twoHosts(), [[T0 + MIN, { action: 'scvmm-mac-clone', host: 'HV1' }]], T0 + 16 * MIN);
    const facts = factsOf(r.emitted);
    const unexplained = eventsOf(r.emitted).filter((e) => e.eventId === 16945 && !explains16945(facts, 'HV1', 'TEAM-VM', e.time));
    expect(unexplained.length).toBeGreaterThanOrEqual(3);
    const fixed = play(r.fleet, [[T0 + 17 * MIN, { action: 'scvmm-mac-fix', host: 'HV1' }]], T0 + 40 * MIN);
    expect(eventsOf(fixed.emitted).filter((e) => e.eventId === 16945)).toHaveLength(0);
  });
});

describe('teams', () => {
  it('a new team is Degraded (WaitingForStableConnectivity) for up to about a minute, then Up', () => {
    const fleet = fleetOf({ hosts: [{ name: 'HV1', ip: '10.1.1.11', adapters: [{ vendor: 'intel', count: 4 }] }] });
    const r = play(fleet, [[T0 + MIN, { action: 'team-create', host: 'HV1', name: 'T2', members: ['Ethernet 3', 'Ethernet 4'] }]], T0 + MIN + 5_000);
    const t2 = (t: number) => inv(r.fleet, 'HV1', t).lbfoTeams!.find((x) => x.name === 'T2')!;
    expect(t2(T0 + MIN + 5_000).status).toBe('Degraded');
    expect(inv(r.fleet, 'HV1', T0 + MIN + 5_000).lbfoTeamMembers!.find((m) => m.name === 'Ethernet 4')?.failureReason).toBe('WaitingForStableConnectivity');
    const later = play(r.fleet, [], T0 + 3 * MIN);
    expect(ids(eventsOf(r.emitted)).filter((i) => i === 16948)).toHaveLength(2);
    expect(inv(later.fleet, 'HV1', T0 + 3 * MIN).lbfoTeams!.find((x) => x.name === 'T2')!.status).toBe('Up');
  });

  it('Disable-NetAdapter * then Enable-NetAdapter * leaves the team interface disabled', () => {
    const fleet = fleetOf({ hosts: [{ name: 'HV1', ip: '10.1.1.11' }] });
    const r = play(
      fleet,
      [
        [T0 + MIN, { action: 'disable-all-adapters', host: 'HV1' }],
        [T0 + 2 * MIN, { action: 'enable-all-adapters', host: 'HV1' }],
      ],
      T0 + 4 * MIN,
    );
    const view = inv(r.fleet, 'HV1', T0 + 4 * MIN);
    expect(view.netAdapters!.find((a) => a.name === 'TEAM-VM')?.status).toBe('Disabled');
    expect(view.lbfoTeamMembers!.every((m) => m.operationalStatus === 'Active')).toBe(true);
    expect(ids(eventsOf(r.emitted))).toContain(22);
  });

  it('all members down: 16949 per member and VmSwitch 22 naming the Multiplexor Driver', () => {
    const r = play(
      fleetOf({ hosts: [{ name: 'HV1', ip: '10.1.1.11' }] }),
      [
        [T0 + MIN, { action: 'link-down', host: 'HV1', adapter: 'Ethernet 1' }],
        [T0 + MIN + 5_000, { action: 'link-down', host: 'HV1', adapter: 'Ethernet 2' }],
      ],
      T0 + 3 * MIN,
    );
    const ev = eventsOf(r.emitted);
    expect(ids(ev).filter((i) => i === 16949)).toHaveLength(2);
    expect(ev.find((e) => e.eventId === 22)?.message).toContain('(Friendly Name: Microsoft Network Adapter Multiplexor Driver)');
    expect(inv(r.fleet, 'HV1', T0 + 3 * MIN).lbfoTeams![0].status).toBe('Down');
  });
});

describe('the vendor team stale-MAC bug', () => {
  it('frames of a MAC the BASP team did not learn never leave the host until the team is reset', () => {
    const fleet = fleetOf({
      hosts: [
        { name: 'B1', preset: 'basp-host', ip: '10.1.1.21' },
        { name: 'B2', preset: 'basp-host', ip: '10.1.1.22' },
      ],
      vms: [{ name: 'SQL', host: 'B1', nics: [{ ips: ['10.1.2.50'] }] }],
    });
    const r = play(
      fleet,
      [
        [T0 + MIN, { action: 'live-migrate', vm: 'SQL', to: 'B2', durationSec: 20 }],
        [T0 + 3 * MIN, { action: 'vm-restart', vm: 'SQL', offSec: 10 }],
      ],
      T0 + 5 * MIN,
    );
    const mac = vmMac(r.fleet, 'SQL')!;
    expect(mac).not.toBe(vmMac(fleet, 'SQL'));
    expect(macSources(r.fleet, T0 + 5 * MIN).some((s) => s.mac === mac)).toBe(false);
    const reset = play(r.fleet, [[T0 + 6 * MIN, { action: 'team-reset', host: 'B2', team: 'BASP-TEAM', downSec: 60 }]], T0 + 8 * MIN);
    expect(macSources(reset.fleet, T0 + 8 * MIN).some((s) => s.mac === mac)).toBe(true);
  });

  it('inbox LBFO forwards the new MAC at once', () => {
    const r = play(
      twoHosts(),
      [
        [T0 + MIN, { action: 'live-migrate', vm: 'APP', to: 'HV2', durationSec: 20 }],
        [T0 + 3 * MIN, { action: 'vm-restart', vm: 'APP', offSec: 10 }],
      ],
      T0 + 5 * MIN,
    );
    const mac = vmMac(r.fleet, 'APP')!;
    expect(macSources(r.fleet, T0 + 5 * MIN).some((s) => s.mac === mac)).toBe(true);
  });
});

describe('the switches', () => {
  it('learn a migrated MAC behind the destination after the learn delay — one move', () => {
    const fleet = twoHosts();
    const r = play(fleet, [[T0 + MIN, { action: 'live-migrate', vm: 'APP', to: 'HV2', durationSec: 20 }]], T0 + 10 * MIN);
    const mac = vmMac(fleet, 'APP');
    const moves = r.emitted.filter((e) => e.kind === 'macTable' && e.mac === mac && e.op === 'move');
    expect(moves.length).toBeGreaterThanOrEqual(1);
    for (const sw of ['sw1', 'sw2']) expect(moves.filter((m) => m.kind === 'macTable' && m.switch === sw).length).toBeLessThanOrEqual(1);
  });

  it('keep it on the source ports when the switch never hears the VM at the destination', () => {
    const fleet = twoHosts();
    const mac = vmMac(fleet, 'APP')!;
    const before = fleet.switches.map((s) => s.table[`20|${mac}`]?.port);
    const r = play(fleet, [[T0 + MIN, { action: 'live-migrate', vm: 'APP', to: 'HV2', durationSec: 20, switchLearns: false, staleSec: 300 }]], T0 + 5 * MIN);
    expect(r.fleet.switches.map((s) => s.table[`20|${mac}`]?.port)).toEqual(before);
  });

  it('see one MAC flap between two places when two hosts send it', () => {
    const fleet = twoHosts({ vms: [{ name: 'A', host: 'HV1', nics: [{ mac: '00:15:5d:aa:00:01' }] }] });
    const r = play(fleet, [[T0 + MIN, { action: 'vm-create', vm: 'B', host: 'HV2', nics: [{ switch: 'vSwitch', mac: '00:15:5d:aa:00:01' }], start: true }]], T0 + 7 * MIN);
    const moves = r.emitted.filter((e) => e.kind === 'macTable' && e.mac === '00:15:5d:aa:00:01' && e.op === 'move');
    expect(moves.length).toBeGreaterThanOrEqual(3);
    expect(r.emitted.some((e) => e.kind === 'syslog')).toBe(true);
  });
});
