import { describe, expect, it } from 'vitest';
import { EngineHarness, T0, inventory, macTable, min, neighbors, sec } from '../../helpers/engine.ts';
import type { MacTableEntry, Observation } from '../../../server/model/observation.ts';
import { HostInv, X710, lmCompleted, shuffledKeepingSnapshotOrder } from './vm-fixtures.ts';

const WEB = 'b2f1e7a4-3c5d-4e8f-9a01-7d6c5b4a3f20';
const VM_MAC = '00:15:5d:01:0b:20';
const VM_IP = '10.0.30.20';

/** Each host: an LBFO team (Ethernet 1 + 2, Dynamic) under vSwitch VM-Net, plus a management vNIC. */
const host = (n: 1 | 2) =>
  new HostInv(`10.0.1.1${n}`)
    .adapter('Ethernet 1', X710(1), `3c:fd:fe:00:0${n}:01`)
    .adapter('Ethernet 2', X710(2), `3c:fd:fe:00:0${n}:02`)
    .lbfo('Team1', ['Ethernet 1', 'Ethernet 2'], 'VM-Net', `3c:fd:fe:00:0${n}:01`)
    .hostVnic('Management', 'VM-Net', `00:15:5d:00:0${n}:01`);
const withWeb = (h: HostInv) => h.vm('WEB01', WEB, 'Running', [{ switch: 'VM-Net', mac: VM_MAC, ips: [VM_IP] }]);

const row = (mac: string, port: string): MacTableEntry => ({ mac, vlan: 10, port, type: 'dynamic' });
/** HV1 is cabled to Gi1/0/1–2 and HV2 to Gi1/0/3–4 of one switch; `vmPort` is where WEB01's MAC is learned. */
const sw1 = (time: number, vmPort: string | null) =>
  macTable('SW1', time, [
    row('00:15:5d:00:01:01', 'Gi1/0/1'),
    row('3c:fd:fe:00:01:02', 'Gi1/0/2'),
    row('00:15:5d:00:02:01', 'Gi1/0/3'),
    row('3c:fd:fe:00:02:02', 'Gi1/0/4'),
    ...(vmPort ? [row(VM_MAC, vmPort)] : []),
  ]);

/** WEB01 runs on HV1 and live-migrates to HV2 at +1:00 (20415 on HV1, HV2's inventory at +1:05). */
function migration(withEvent = true): Observation[] {
  const out: Observation[] = [
    inventory('HV1', T0, withWeb(host(1)).build()),
    inventory('HV2', T0, host(2).build()),
    sw1(T0 + sec(30), 'Gi1/0/2'),
    inventory('HV2', T0 + min(1) + sec(5), withWeb(host(2)).build()),
    inventory('HV1', T0 + min(1) + sec(30), host(1).build()),
  ];
  if (withEvent) out.push(lmCompleted('HV1', T0 + min(1), 'WEB01', WEB, 0.5));
  return out.sort((a, b) => a.time - b.time);
}

function run(obs: Observation[], until: number): EngineHarness {
  const e = new EngineHarness();
  for (const o of obs) e.post(o);
  e.tick(until);
  return e;
}

describe('post-migration-stale-mac', () => {
  it('live migration where the switch never learns the MAC on the destination fires 2 min after completion', () => {
    const obs = [...migration(), sw1(T0 + min(1) + sec(40), 'Gi1/0/2'), sw1(T0 + min(2) + sec(30), 'Gi1/0/2')];
    const e = run(obs, T0 + min(2) + sec(50));
    expect(e.active('post-migration-stale-mac')).toEqual([]);
    e.tick(T0 + min(3));
    const fired = e.firing('post-migration-stale-mac');
    expect(fired.map((a) => a.subject)).toEqual([{ vm: 'WEB01', vmId: WEB }]);
    expect(fired[0].startsAt).toBe(T0 + min(1));
    expect(fired[0].finding.observed.values).toMatchObject({ source: 'HV1', destination: 'HV2', switches: [{ switch: 'SW1', mac: VM_MAC, port: 'Gi1/0/2', portBeforeMigration: 'Gi1/0/2' }] });
    expect(fired[0].finding.expected.values.destinationPorts).toEqual(['SW1 Gi1/0/3', 'SW1 Gi1/0/4']);
    expect(fired[0].finding.remediation.commands).toContain('! on SW1\nclear mac address-table dynamic address 0015.5d01.0b20');
  });

  it('live migration where the switch learns the MAC on the destination stays silent', () => {
    const e = run([...migration(), sw1(T0 + min(1) + sec(40), 'Gi1/0/4'), sw1(T0 + min(2) + sec(30), 'Gi1/0/4')], T0 + min(10));
    expect(e.everFired('post-migration-stale-mac')).toEqual([]);
  });

  it('stays silent when the MAC has simply aged out of the table', () => {
    const e = run([...migration(), sw1(T0 + min(2) + sec(30), null)], T0 + min(10));
    expect(e.everFired('post-migration-stale-mac')).toEqual([]);
  });

  it('sees the migration from inventories alone when no VMMS event was collected', () => {
    const e = run([...migration(false), sw1(T0 + min(2), 'Gi1/0/2')], T0 + min(4));
    const fired = e.firing('post-migration-stale-mac');
    expect(fired.map((a) => a.subject)).toEqual([{ vm: 'WEB01', vmId: WEB }]);
    expect(fired[0].finding.observed.values.completionFrom).toBe('inventory');
  });

  it('reads a two-switch fabric: the ISL towards the only host behind it belongs to that host', () => {
    const sw = (device: string, time: number, rows: [string, string][]) => macTable(device, time, rows.map(([m, p]) => row(m, p)));
    const hv1Rows: [string, string][] = [['00:15:5d:00:01:01', 'Gi1/0/1'], ['3c:fd:fe:00:01:02', 'Gi1/0/2']];
    const hv2Rows: [string, string][] = [['00:15:5d:00:02:01', 'Gi1/0/1'], ['3c:fd:fe:00:02:02', 'Gi1/0/2']];
    const viaIsl = (rows: [string, string][]): [string, string][] => rows.map(([m]) => [m, 'Te1/1/1']);
    const fabric = (time: number, vmOnHv2: boolean) => [
      sw('SW1', time, [...hv1Rows, ...viaIsl(hv2Rows), [VM_MAC, vmOnHv2 ? 'Te1/1/1' : 'Gi1/0/2']]),
      sw('SW2', time, [...hv2Rows, ...viaIsl(hv1Rows), [VM_MAC, vmOnHv2 ? 'Gi1/0/2' : 'Te1/1/1']]),
    ];
    const base = [...migration(), ...fabric(T0 + sec(30), false)];
    const stale = run([...base, ...fabric(T0 + min(2), false)], T0 + min(4));
    expect(stale.firing('post-migration-stale-mac')[0].finding.observed.values.switches).toEqual([
      expect.objectContaining({ switch: 'SW1', port: 'Gi1/0/2' }),
      expect.objectContaining({ switch: 'SW2', port: 'Te1/1/1' }),
    ]);
    expect(run([...base, ...fabric(T0 + min(2), true)], T0 + min(4)).everFired('post-migration-stale-mac')).toEqual([]);
  });

  it('fires when a neighbor table refreshed after the migration still resolves the IP to the source host', () => {
    const arp = (time: number, mac: string, state: 'reachable' | 'stale') => neighbors('NOC-MON01', time, [{ ip: VM_IP, mac, state, iface: '0x7', vlan: null, ageSec: null }]);
    const e = run([...migration(), arp(T0 + min(2), '3c:fd:fe:00:01:02', 'reachable')], T0 + min(4));
    expect(e.firing('post-migration-stale-mac')[0].finding.observed.values.neighbors).toEqual([{ observer: 'NOC-MON01', ip: VM_IP, mac: '3c:fd:fe:00:01:02', state: 'reachable' }]);
    // A Stale entry is only left over from before the migration.
    expect(run([...migration(), arp(T0 + min(2), '3c:fd:fe:00:01:02', 'stale')], T0 + min(4)).everFired('post-migration-stale-mac')).toEqual([]);
  });

  it('resolves when the MAC shows up behind the destination', () => {
    const e = run([...migration(), sw1(T0 + min(2) + sec(30), 'Gi1/0/2')], T0 + min(4));
    expect(e.firing('post-migration-stale-mac')).toHaveLength(1);
    e.post(sw1(T0 + min(6), 'Gi1/0/3'));
    expect(e.active('post-migration-stale-mac')).toEqual([]);
    expect(e.everFired('post-migration-stale-mac')[0].status).toBe('resolved');
  });

  it('gives the same alerts whatever order the observations arrive in', () => {
    const obs = [...migration(), sw1(T0 + min(1) + sec(40), 'Gi1/0/2'), sw1(T0 + min(2) + sec(30), 'Gi1/0/2')];
    const outcome = (e: EngineHarness) => e.active('post-migration-stale-mac').map((a) => ({ fingerprint: a.fingerprint, subject: a.finding.subject, status: a.status, source: a.finding.observed.values.source }));
    const inOrder = outcome(run(obs, T0 + min(4)));
    expect(inOrder).toEqual([{ fingerprint: 'post-migration-stale-mac|vm=web01', subject: { vm: 'WEB01', vmId: WEB }, status: 'firing', source: 'HV1' }]);
    for (const seed of [1, 2, 3, 4, 5, 6]) expect(outcome(run(shuffledKeepingSnapshotOrder(obs, seed), T0 + min(4)))).toEqual(inOrder);
  });
});
