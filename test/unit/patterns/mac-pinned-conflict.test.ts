import { describe, expect, it } from 'vitest';
import { T0, event, inventory, min } from '../../helpers/engine.ts';
import type { Observation } from '../../../server/model/observation.ts';
import { hyperVHost, pmac, shuffleWithin, live, vmac } from './mac-fleet.ts';

const ID = 'mac-pinned-conflict';
const DUP = vmac(1, 5);

const vmsmp28 = (host: string, time: number, mac = '00-15-5D-01-00-05') =>
  event(host, time, {
    provider: 'VMSMP',
    eventId: 28,
    level: 3,
    message: `Port '97B1A2BA-D679-4290-AD9B-262DE33C16D6' was prevented from using MAC address '${mac}' because it is pinned to port 'BFA4D592-1F9D-8484-8ABF-9EDA1534529E'.`,
    params: ['97B1A2BA-D679-4290-AD9B-262DE33C16D6', mac, 'BFA4D592-1F9D-8484-8ABF-9EDA1534529E'],
  });

/** Posts in order with live ticks every 30 s (mac-fleet.ts `live`). */
const run = (obs: Observation[], until: number) => live(obs, until);

describe('mac-pinned-conflict', () => {
  it('fires on VMSMP 28 with the pinned MAC as subject', () => {
    const e = run([inventory('HV1', T0, hyperVHost({ n: 1, vms: [{ name: 'web1', mac: DUP }] })), vmsmp28('HV1', T0 + min(1))], T0 + min(2));
    expect(e.firing(ID).map((a) => a.subject)).toEqual([{ host: 'HV1', mac: DUP }]);
    expect(e.firing(ID)[0].finding.observed.values.switchPorts).toEqual(['97B1A2BA-D679-4290-AD9B-262DE33C16D6', 'BFA4D592-1F9D-8484-8ABF-9EDA1534529E']);
  });

  it('fires when the inventory shows two VMs on one host with the same MAC, and offers a free MAC', () => {
    const inv = hyperVHost({ n: 1, vms: [{ name: 'web1', mac: DUP, dynamic: false }, { name: 'web1-copy', mac: DUP, dynamic: false, state: 'Off' }] });
    const e = run([inventory('HV1', T0, inv)], T0 + min(1));
    const [a] = e.firing(ID);
    expect(a.subject).toEqual({ host: 'HV1', mac: DUP });
    expect(a.finding.summary).toContain('VM web1 vNIC Network Adapter and VM web1-copy vNIC Network Adapter');
    const cmds = a.finding.remediation.commands!.join('\n');
    expect(cmds).toContain("Set-VMNetworkAdapter -ComputerName 'HV1' -VMName 'web1-copy' -Name 'Network Adapter' -StaticMacAddress 00155D010000");
    expect(cmds).toContain('-DynamicMacAddress');
  });

  it('counts a host vNIC and a VM vNIC with one MAC, and keeps the host vNIC in the remediation', () => {
    const inv = hyperVHost({ n: 1, vms: [{ name: 'web1', mac: pmac(1, 1), dynamic: false }] });
    const [a] = run([inventory('HV1', T0, inv)], T0 + min(1)).firing(ID);
    expect(a.subject).toEqual({ host: 'HV1', mac: pmac(1, 1) });
    expect(a.finding.remediation.text).toContain('but host vNIC Management');
  });

  it('fires for the SCVMM case of two host vNICs carrying the team MAC', () => {
    const inv = hyperVHost({ n: 1, hostVnics: [{ name: 'Management', mac: pmac(1, 1) }, { name: 'Mgmt-SCVMM', mac: pmac(1, 1), dynamic: false }] });
    expect(run([inventory('HV1', T0, inv)], T0 + min(1)).firing(ID).map((a) => a.subject)).toEqual([{ host: 'HV1', mac: pmac(1, 1) }]);
  });

  it('stays silent for one management vNIC sharing the team interface MAC, never-started vNICs and repeated rows of one vNIC', () => {
    const inv = hyperVHost({ n: 1, vms: [{ name: 'new1', mac: null }, { name: 'new2', mac: null }, { name: 'zero', mac: '00:00:00:00:00:00' }, { name: 'zero2', mac: '00:00:00:00:00:00' }, { name: 'web1', mac: DUP }] });
    inv.vmNetworkAdapters!.push({ ...inv.vmNetworkAdapters!.find((n) => n.vmName === 'web1')! });
    expect(run([inventory('HV1', T0, inv)], T0 + min(30)).everFired(ID)).toEqual([]);
  });

  it('stays silent for the same MAC on vNICs not connected to a vSwitch', () => {
    const inv = hyperVHost({ n: 1, vms: [{ name: 'a', mac: DUP, switchName: null }, { name: 'b', mac: DUP }] });
    expect(run([inventory('HV1', T0, inv)], T0 + min(30)).everFired(ID)).toEqual([]);
  });

  it('resolves when the duplicate is gone from the inventory and no VMSMP 28 came for 10 minutes', () => {
    const dup = hyperVHost({ n: 1, vms: [{ name: 'a', mac: DUP }, { name: 'b', mac: DUP }] });
    const fixed = hyperVHost({ n: 1, vms: [{ name: 'a', mac: DUP }, { name: 'b', mac: vmac(1, 6) }] });
    const e = run([inventory('HV1', T0, dup), vmsmp28('HV1', T0 + min(1)), vmsmp28('HV1', T0 + min(3))], T0 + min(4));
    expect(e.firing(ID)).toHaveLength(1);
    e.post(inventory('HV1', T0 + min(5), fixed));
    expect(e.firing(ID)).toHaveLength(1);
    e.tick(T0 + min(13) - 1);
    expect(e.firing(ID)).toHaveLength(1);
    e.tick(T0 + min(13));
    expect(e.active(ID)).toEqual([]);
    expect(e.everFired(ID)).toHaveLength(1);
  });

  it('stays firing while the inventory still shows the duplicate, however old the last VMSMP 28', () => {
    const dup = hyperVHost({ n: 1, vms: [{ name: 'a', mac: DUP }, { name: 'b', mac: DUP }] });
    const e = run([inventory('HV1', T0, dup), vmsmp28('HV1', T0 + min(1)), inventory('HV1', T0 + min(30), dup)], T0 + min(40));
    expect(e.firing(ID)).toHaveLength(1);
    expect(e.firing(ID)[0].finding.since).toBe(T0);
  });

  it('gives the same alerts when the same observations arrive out of order', () => {
    const obs: Observation[] = [inventory('HV1', T0, hyperVHost({ n: 1, vms: [{ name: 'web1', mac: DUP }] }))];
    for (let i = 1; i <= 6; i++) obs.push(vmsmp28('HV1', T0 + min(i)), vmsmp28('HV1', T0 + min(i), '00-15-5D-01-00-07'));
    for (let seed = 1; seed <= 4; seed++) {
      const e = run(shuffleWithin(obs, min(3), seed), T0 + min(10));
      expect(e.everFired(ID).map((a) => a.subject.mac).sort()).toEqual([DUP, vmac(1, 7)]);
    }
  });
});
