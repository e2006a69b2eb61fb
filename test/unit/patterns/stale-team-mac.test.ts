import { describe, expect, it } from 'vitest';
import { EngineHarness, T0, event, inventory, min, neighbors, sec, vmEvent } from '../../helpers/engine.ts';
import type { Observation } from '../../../server/model/observation.ts';
import { BCM, HostInv, X710, lmCompleted, shuffledKeepingSnapshotOrder, variant, type VmNicSpec } from './vm-fixtures.ts';

const FILE01 = '9c4e2a71-0b3d-4f6e-8a15-d27c3b9e6f02';
const IP = '10.0.20.15';
const OLD = '00:15:5d:01:0b:10'; // from HV1's pool, kept across the live migration
const NEW = '00:15:5d:01:0c:00'; // from the destination's pool after the restart there

const nic = (mac: string | null, dynamic = true): VmNicSpec => ({ switch: 'VM-Net', mac, dynamic, ips: [IP] });

/** Source: inbox LBFO. */
const hv1 = () =>
  new HostInv('10.0.1.11').adapter('Ethernet 1', X710(1), '3c:fd:fe:00:01:01').adapter('Ethernet 2', X710(2), '3c:fd:fe:00:01:02').lbfo('Team1', ['Ethernet 1', 'Ethernet 2'], 'VM-Net', '3c:fd:fe:00:01:01');

/** Destination of each story: Broadcom BASP (the fault), inbox LBFO or SET (the twins). */
const dest = (kind: 'basp' | 'lbfo' | 'set', teamStatus = 'Up') => {
  const h = new HostInv('10.0.1.12').adapter('Ethernet 1', BCM(1), '00:10:18:00:02:01').adapter('Ethernet 2', BCM(2), '00:10:18:00:02:02');
  if (kind === 'basp') return h.basp('BASP Team', 'VM-Net', '00:10:18:00:02:01', teamStatus);
  if (kind === 'lbfo') return h.lbfo('Team1', ['Ethernet 1', 'Ethernet 2'], 'VM-Net', '00:10:18:00:02:01');
  return h.set('VM-Net', ['Ethernet 1', 'Ethernet 2']);
};

const monitor = (time: number, mac: string | null, state: 'reachable' | 'incomplete' | 'stale') => neighbors('NOC-MON01', time, [{ ip: IP, mac, state, iface: '0x7', vlan: null, ageSec: null }]);

/**
 * The seed story: FILE01 runs on HV1, live-migrates to HV2 keeping its MAC, is restarted on HV2 at
 * +4:30 and comes back with a MAC from HV2's pool.
 */
function migrateAndRestart(kind: 'basp' | 'lbfo' | 'set', opts: { static?: boolean; seenBeforeRestart?: boolean } = {}): Observation[] {
  const mac = opts.static ? '00:1d:d8:b7:1c:05' : OLD;
  const after = opts.static ? mac : NEW;
  const out: Observation[] = [
    inventory('HV1', T0, hv1().vm('FILE01', FILE01, 'Running', [nic(mac, !opts.static)]).build()),
    inventory('HV2', T0, dest(kind).build()),
    lmCompleted('HV1', T0 + min(1), 'FILE01', FILE01, 0.5),
    inventory('HV1', T0 + min(2), hv1().build()),
    vmEvent('HV2', T0 + min(4), 18504, 'FILE01', FILE01),
    vmEvent('HV2', T0 + min(4) + sec(30), 18500, 'FILE01', FILE01),
    inventory('HV2', T0 + min(5), dest(kind).vm('FILE01', FILE01, 'Running', [nic(after, !opts.static)]).build()),
  ];
  if (opts.seenBeforeRestart ?? true) out.push(inventory('HV2', T0 + min(1) + sec(5), dest(kind).vm('FILE01', FILE01, 'Running', [nic(mac, !opts.static)]).build()));
  return out.sort((a, b) => a.time - b.time);
}

function run(obs: Observation[], until = T0 + min(7)): EngineHarness {
  const e = new EngineHarness();
  for (const o of obs) e.post(o);
  e.tick(until);
  return e;
}

describe('stale-team-mac', () => {
  it('a VM on a Broadcom-teamed host restarted with a new dynamic MAC after live migration fires for that host and VM', () => {
    const e = run(migrateAndRestart('basp'), T0 + min(6));
    // Pending while the guest boots: 2 min from the restart.
    expect(e.active('stale-team-mac').map((a) => a.status)).toEqual(['pending']);
    e.tick(T0 + min(6) + sec(30));
    const fired = e.firing('stale-team-mac');
    expect(fired.map((a) => a.subject)).toEqual([{ host: 'HV2', vm: 'FILE01', vmId: FILE01 }]);
    const f = fired[0].finding;
    expect(fired[0].startsAt).toBe(T0 + min(4) + sec(30));
    expect(f.observed.values).toMatchObject({ confidence: 'medium', teamResetSinceChange: false, vnics: [{ previousMac: OLD, teamLearnedMac: OLD, currentMac: NEW }] });
    expect(f.remediation.commands).toContain("Disable-NetAdapter -Name 'BASP Team' -Confirm:$false; Enable-NetAdapter -Name 'BASP Team'");
    expect(f.remediation.commands?.join('\n')).toContain("Set-VMNetworkAdapter -VMName 'FILE01' -Name 'Network Adapter' -StaticMacAddress 00155D010C00");
  });

  it('fires the same when the destination was never inventoried between the migration and the restart', () => {
    const e = run(migrateAndRestart('basp', { seenBeforeRestart: false }));
    expect(e.firing('stale-team-mac').map((a) => a.subject)).toEqual([{ host: 'HV2', vm: 'FILE01', vmId: FILE01 }]);
  });

  it('fires for a static → dynamic switch on the vendor-teamed host', () => {
    const base = dest('basp');
    const e = run([
      inventory('HV2', T0, variant(base, (h) => h.vm('FILE01', FILE01, 'Running', [nic('00:1d:d8:b7:1c:05', false)]))),
      inventory('HV2', T0 + min(2), variant(base, (h) => h.vm('FILE01', FILE01, 'Off', [nic(null)]))),
      vmEvent('HV2', T0 + min(3), 18500, 'FILE01', FILE01),
      inventory('HV2', T0 + min(4), variant(base, (h) => h.vm('FILE01', FILE01, 'Running', [nic(NEW)]))),
    ]);
    expect(e.firing('stale-team-mac').map((a) => a.finding.observed.values.vnics)).toMatchObject([[{ teamLearnedMac: '00:1d:d8:b7:1c:05', currentMac: NEW }]]);
  });

  it('raises the confidence when the IP is unresolved in a neighbor table, or VMSMP 28 is logged', () => {
    const e = run([...migrateAndRestart('basp'), monitor(T0, OLD, 'reachable'), monitor(T0 + min(5) + sec(20), null, 'incomplete')]);
    const v = e.firing('stale-team-mac')[0].finding.observed.values;
    expect(v.confidence).toBe('high');
    expect(v.confidenceReasons).toEqual([`${IP} is unresolved (incomplete) in NOC-MON01's neighbor table`]);

    const pinned = event('HV2', T0 + min(5), { provider: 'VMSMP', eventId: 28, level: 3, message: "Port '97B1A2BA-D679-4290-AD9B-262DE33C16D6' was prevented from using MAC address '00-15-5D-01-0C-00' because it is pinned to port 'BFA4D592-1F9D-8484-8ABF-9EDA1534529E'." });
    const f = run([...migrateAndRestart('basp'), pinned]);
    expect(f.firing('stale-team-mac')[0].finding.observed.values).toMatchObject({ confidence: 'high', confidenceReasons: [`VMSMP 28 on HV2: a port was prevented from using MAC ${NEW}`] });
  });

  it('the same on inbox LBFO stays silent', () => {
    expect(run(migrateAndRestart('lbfo')).everFired('stale-team-mac')).toEqual([]);
  });

  it('the same on SET stays silent', () => {
    expect(run(migrateAndRestart('set')).everFired('stale-team-mac')).toEqual([]);
  });

  it('a static-MAC VM on the vendor team stays silent (its MAC survives the restart)', () => {
    expect(run(migrateAndRestart('basp', { static: true })).everFired('stale-team-mac')).toEqual([]);
  });

  it('a VM that keeps its dynamic MAC across live migration stays silent', () => {
    const obs = migrateAndRestart('basp').filter((o) => o.time <= T0 + min(2));
    expect(run(obs, T0 + min(20)).everFired('stale-team-mac')).toEqual([]);
  });

  it('a MAC that changed on the source before the VM moved stays silent (the team learned it on arrival)', () => {
    const e = run([
      inventory('HV1', T0, hv1().vm('FILE01', FILE01, 'Running', [nic(OLD)]).build()),
      inventory('HV2', T0, dest('basp').build()),
      vmEvent('HV1', T0 + min(1), 18500, 'FILE01', FILE01),
      lmCompleted('HV1', T0 + min(2), 'FILE01', FILE01, 0.5),
      inventory('HV2', T0 + min(3), dest('basp').vm('FILE01', FILE01, 'Running', [nic(NEW)]).build()),
    ]);
    expect(e.everFired('stale-team-mac')).toEqual([]);
  });

  it('ignores a MAC seen on another host whose stay there ended before the VM could have arrived here', () => {
    // FILE01 left HV1 at +10 min; whatever happened to its MAC in between (on a host whose
    // snapshots have aged out) is unknown, so the MAC it arrives with is what the team learns.
    const e = run(
      [
        inventory('HV1', T0, hv1().vm('FILE01', FILE01, 'Running', [nic(OLD)]).build()),
        inventory('HV1', T0 + min(10), hv1().build()),
        inventory('HV2', T0, dest('basp').build()),
        inventory('HV2', T0 + min(29), dest('basp').build()),
        inventory('HV2', T0 + min(30), dest('basp').vm('FILE01', FILE01, 'Running', [nic(NEW)]).build()),
      ],
      T0 + min(40),
    );
    expect(e.everFired('stale-team-mac')).toEqual([]);
  });

  it('stays silent when a neighbor table shows the VM Reachable at its new MAC after the change', () => {
    expect(run([...migrateAndRestart('basp'), monitor(T0 + min(5) + sec(20), NEW, 'reachable')]).everFired('stale-team-mac')).toEqual([]);
  });

  it('resolves on a team reset (team adapter Disabled, then Up)', () => {
    const e = run(migrateAndRestart('basp'));
    expect(e.firing('stale-team-mac')).toHaveLength(1);
    const vm = (h: HostInv) => h.vm('FILE01', FILE01, 'Running', [nic(NEW)]);
    e.post(inventory('HV2', T0 + min(10), vm(dest('basp', 'Disabled')).build()));
    expect(e.active('stale-team-mac')).toEqual([]);
    e.post(inventory('HV2', T0 + min(11), vm(dest('basp')).build()));
    expect(e.active('stale-team-mac')).toEqual([]);
    expect(e.everFired('stale-team-mac')[0].status).toBe('resolved');
  });

  it('resolves on a team reset seen as Hyper-V-VmSwitch 22 on the team adapter', () => {
    const e = run(migrateAndRestart('basp'));
    e.post(event('HV2', T0 + min(10), { provider: 'Microsoft-Windows-Hyper-V-VmSwitch', eventId: 22, level: 3, message: 'Media disconnected on NIC /DEVICE/{48B96D3A-0222-4222-B5F8-98511DC8FFA0} (Friendly Name: BASP Virtual Adapter).' }));
    expect(e.active('stale-team-mac')).toEqual([]);
  });

  it('resolves when the MAC goes back to the value the team learned, and when the VM is turned off', () => {
    const e = run(migrateAndRestart('basp'));
    e.post(inventory('HV2', T0 + min(10), dest('basp').vm('FILE01', FILE01, 'Running', [nic(OLD, false)]).build()));
    expect(e.active('stale-team-mac')).toEqual([]);

    const f = run(migrateAndRestart('basp'));
    f.post(vmEvent('HV2', T0 + min(10), 18502, 'FILE01', FILE01));
    expect(f.active('stale-team-mac')).toEqual([]);
  });

  it('gives the same alerts whatever order the observations arrive in', () => {
    const obs = [...migrateAndRestart('basp'), monitor(T0 + sec(30), OLD, 'reachable'), monitor(T0 + min(5) + sec(20), null, 'incomplete')];
    const outcome = (e: EngineHarness) => e.active('stale-team-mac').map((a) => ({ fingerprint: a.fingerprint, subject: a.finding.subject, status: a.status, confidence: a.finding.observed.values.confidence }));
    const inOrder = outcome(run(obs));
    expect(inOrder).toEqual([{ fingerprint: 'stale-team-mac|host=hv2|vm=file01', subject: { host: 'HV2', vm: 'FILE01', vmId: FILE01 }, status: 'firing', confidence: 'high' }]);
    for (const seed of [1, 2, 3, 4, 5, 6]) expect(outcome(run(shuffledKeepingSnapshotOrder(obs, seed)))).toEqual(inOrder);
  });
});
