import { describe, expect, it } from 'vitest';
import { EngineHarness, T0, inventory, macTable, min, sec, switchLog } from '../../helpers/engine.ts';
import type { Observation } from '../../../server/model/observation.ts';
import { hyperVHost, migrationCompleted, pmac, shuffleWithin, vmac, vmId, live, type VmSpec } from './mac-fleet.ts';

const ID = 'duplicate-vm-mac';
/** A MAC from HV1's dynamic pool. */
const X = vmac(1, 5);
const host = (n: number, vms: VmSpec[]) => hyperVHost({ n, vms });

/** Posts in order with live ticks every 30 s (mac-fleet.ts `live`). */
const run = (obs: Observation[], until: number) => live(obs, until);

/** sw1: HV1's members on Gi0/1, HV2's on Gi0/2 (that is how ports map to hosts), and `mac` on `port`. */
const table = (time: number, port: string, mac = X) =>
  macTable('sw1', time, [
    { mac: pmac(1, 2), vlan: 10, port: 'Gi0/1', type: 'dynamic' },
    { mac: pmac(2, 2), vlan: 10, port: 'Gi0/2', type: 'dynamic' },
    { mac, vlan: 10, port, type: 'dynamic' },
  ]);

describe('duplicate-vm-mac', () => {
  it('fires when two VMs on two hosts carry the same MAC, once both hosts reported it', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, host(1, [{ name: 'web1', mac: X }])));
    e.post(inventory('HV2', T0 + sec(30), host(2, [{ name: 'app7', mac: X }])));
    expect(e.active(ID)).toEqual([]);
    e.post(inventory('HV1', T0 + sec(60), host(1, [{ name: 'web1', mac: X }])));
    const [a] = e.firing(ID);
    expect(a.subject).toEqual({ mac: X, hosts: ['HV1', 'HV2'] });
    expect(a.finding.since).toBe(T0 + sec(30));
    expect(a.finding.summary).toContain('VM web1 (Network Adapter) on HV1 and VM app7 (Network Adapter) on HV2');
    expect(a.finding.remediation.commands).toContain("Set-VMNetworkAdapter -ComputerName 'HV2' -VMName 'app7' -Name 'Network Adapter' -StaticMacAddress 00155D020000");
  });

  it('fires for a stopped copy with the same MAC on another host (it collides when started)', () => {
    const e = run([inventory('HV1', T0, host(1, [{ name: 'web1', mac: X }])), inventory('HV2', T0, host(2, [{ name: 'web1-copy', mac: X, state: 'Off', dynamic: false }]))], T0 + min(1));
    expect(e.firing(ID).map((a) => a.subject)).toEqual([{ mac: X, hosts: ['HV1', 'HV2'] }]);
    expect(e.firing(ID)[0].finding.explanation).toContain('until the stopped one starts');
  });

  it('stays silent for a VM that live-migrated while the source inventory is older than the move', () => {
    const web1 = { name: 'web1', mac: X };
    const obs: Observation[] = [
      inventory('HV1', T0, host(1, [web1])),
      inventory('HV2', T0, host(2, [])),
      migrationCompleted('HV1', T0 + sec(50), 'web1'),
      inventory('HV2', T0 + sec(60), host(2, [web1])),
      inventory('HV2', T0 + sec(120), host(2, [web1])),
      inventory('HV2', T0 + sec(180), host(2, [web1])),
      inventory('HV1', T0 + sec(200), host(1, [])),
    ];
    expect(run(obs, T0 + min(10)).everFired(ID)).toEqual([]);
  });

  it('stays silent for one VM listed on two hosts while one side is not running (replica, stale registration)', () => {
    const obs = [inventory('HV1', T0, host(1, [{ name: 'web1', mac: X }])), inventory('HV2', T0, host(2, [{ name: 'web1', mac: X, state: 'Off' }]))];
    expect(run(obs, T0 + min(10)).everFired(ID)).toEqual([]);
  });

  it('stays silent for a stopped VM whose dynamic MAC lies outside its host pool: it gets a new one at start', () => {
    const obs = [inventory('HV1', T0, host(1, [{ name: 'web1', mac: X }])), inventory('HV2', T0, host(2, [{ name: 'old', mac: X, state: 'Off', dynamic: true }]))];
    expect(run(obs, T0 + min(10)).everFired(ID)).toEqual([]);
  });

  it('fires for one VM id running on two hosts after both reported since its last migration', () => {
    const copy = { name: 'web1', mac: X, id: vmId('web1') };
    const obs = [migrationCompleted('HV1', T0, 'web1'), inventory('HV1', T0 + sec(10), host(1, [copy])), inventory('HV2', T0 + sec(20), host(2, [copy])), inventory('HV1', T0 + sec(70), host(1, [copy]))];
    expect(run(obs, T0 + min(2)).firing(ID).map((a) => a.subject)).toEqual([{ mac: X, hosts: ['HV1', 'HV2'], vm: 'web1' }]);
  });

  it('fires when switch tables show the MAC alternating between two hosts\' ports', () => {
    const obs: Observation[] = [inventory('HV1', T0, host(1, [{ name: 'web1', mac: X }])), inventory('HV2', T0, host(2, [])), table(T0 + sec(10), 'Gi0/1'), table(T0 + sec(40), 'Gi0/2'), table(T0 + sec(70), 'Gi0/1')];
    const e = run(obs, T0 + min(6));
    expect(e.firing(ID).map((a) => a.subject)).toEqual([{ mac: X, hosts: ['HV1', 'HV2'], vm: 'web1' }]);
    expect(e.firing(ID)[0].finding.observed.values.switchMoves).toHaveLength(2);
  });

  it('reads a flap line between two hosts\' ports as the alternation it reports', () => {
    const obs: Observation[] = [
      inventory('HV1', T0, host(1, [{ name: 'web1', mac: X }])),
      inventory('HV2', T0, host(2, [])),
      table(T0 + sec(10), 'Gi0/1'),
      switchLog('sw1', T0 + sec(20), { logKind: 'flap', mnemonic: 'SW_MATM-4-MACFLAP_NOTIF', mac: X, vlan: 10, fromPort: 'Gi0/1', toPort: 'Gi0/2' }),
    ];
    expect(run(obs, T0 + min(6)).firing(ID)).toHaveLength(1);
  });

  it('stays silent when the MAC moves between hosts because its VM live-migrated there and back', () => {
    const obs: Observation[] = [
      inventory('HV1', T0, host(1, [{ name: 'web1', mac: X }])),
      inventory('HV2', T0, host(2, [])),
      table(T0 + sec(10), 'Gi0/1'),
      migrationCompleted('HV1', T0 + sec(30), 'web1'),
      table(T0 + sec(40), 'Gi0/2'),
      migrationCompleted('HV2', T0 + sec(90), 'web1'),
      table(T0 + sec(100), 'Gi0/1'),
      inventory('HV1', T0 + min(3), host(1, [{ name: 'web1', mac: X }])),
      inventory('HV2', T0 + min(3), host(2, [])),
    ];
    expect(run(obs, T0 + min(10)).everFired(ID)).toEqual([]);
  });

  it('resolves when the duplicate is gone from the inventories', () => {
    const e = run([inventory('HV1', T0, host(1, [{ name: 'web1', mac: X }])), inventory('HV2', T0, host(2, [{ name: 'app7', mac: X }]))], T0 + min(1));
    expect(e.firing(ID)).toHaveLength(1);
    e.post(inventory('HV2', T0 + min(5), host(2, [{ name: 'app7', mac: vmac(2, 1) }])));
    expect(e.active(ID)).toEqual([]);
    expect(e.everFired(ID)[0].status).toBe('resolved');
  });

  it('gives the same alerts when the same observations arrive out of order', () => {
    const web1 = { name: 'web1', mac: X };
    const obs: Observation[] = [
      inventory('HV1', T0, host(1, [web1, { name: 'db1', mac: vmac(1, 9) }])),
      inventory('HV2', T0, host(2, [{ name: 'copy', mac: vmac(1, 9) }])),
      migrationCompleted('HV1', T0 + sec(50), 'web1'),
      inventory('HV2', T0 + sec(60), host(2, [web1, { name: 'copy', mac: vmac(1, 9) }])),
      inventory('HV1', T0 + sec(100), host(1, [{ name: 'db1', mac: vmac(1, 9) }])),
    ];
    for (let seed = 1; seed <= 5; seed++) {
      const e = run(shuffleWithin(obs, min(1), seed), T0 + min(5));
      expect(e.everFired(ID).map((a) => a.subject)).toEqual([{ mac: vmac(1, 9), hosts: ['HV1', 'HV2'] }]);
    }
  });
});
