import { describe, expect, it } from 'vitest';
import { EngineHarness, T0, inventory, min } from '../../helpers/engine.ts';
import type { Observation } from '../../../server/model/observation.ts';
import { HostInv, X710, shuffledKeepingSnapshotOrder, type VmNicSpec } from './vm-fixtures.ts';

const APP = '7b0e4d2c-1a9f-4c3e-8d5b-2f6a9e1c7d30';

/** A host with two External vSwitches on their own adapters and one Internal switch. */
function hostWith(nics: VmNicSpec[], name = 'HV1'): HostInv {
  return new HostInv(name === 'HV1' ? '10.0.0.11' : '10.0.0.12')
    .adapter('Ethernet 1', X710(1), name === 'HV1' ? '3c:fd:fe:00:01:01' : '3c:fd:fe:00:02:01')
    .adapter('Ethernet 2', X710(2), name === 'HV1' ? '3c:fd:fe:00:01:02' : '3c:fd:fe:00:02:02')
    .single('External-A', 'Ethernet 1')
    .single('External-B', 'Ethernet 2')
    .internal('Lab-Internal')
    .vm('APP01', APP, 'Running', nics);
}

const on = (sw: string | null, mac: string): VmNicSpec => ({ switch: sw, mac, allowTeaming: true });
const off = (sw: string | null, mac: string): VmNicSpec => ({ switch: sw, mac, allowTeaming: false });

function rulesFor(nics: VmNicSpec[]): string[] | null {
  const e = new EngineHarness();
  e.post(inventory('HV1', T0, hostWith(nics).build()));
  const a = e.firing('guest-team-misconfigured');
  if (a.length === 0) return null;
  expect(a.map((x) => x.subject)).toEqual([{ vm: 'APP01', vmId: APP }]);
  return a[0].finding.observed.values.rules as string[];
}

describe('guest-team-misconfigured', () => {
  it('fires when both teamed vNICs are on the same vSwitch', () => {
    expect(rulesFor([on('External-A', '00:15:5d:0a:00:01'), on('External-A', '00:15:5d:0a:00:02')])).toEqual(['same-vswitch']);
  });

  it('fires when a teamed vNIC is on an Internal or Private vSwitch', () => {
    expect(rulesFor([on('External-A', '00:15:5d:0a:00:01'), on('Lab-Internal', '00:15:5d:0a:00:02')])).toEqual(['internal-or-private']);
  });

  it('fires when AllowTeaming is On for one vNIC of the pair and Off for the other', () => {
    expect(rulesFor([on('External-A', '00:15:5d:0a:00:01'), off('External-B', '00:15:5d:0a:00:02')])).toEqual(['partner-off']);
  });

  it('fires when more than two vNICs are teamed', () => {
    expect(rulesFor([on('External-A', '00:15:5d:0a:00:01'), on('External-B', '00:15:5d:0a:00:02'), on('External-B', '00:15:5d:0a:00:03')])).toEqual(['more-than-two', 'same-vswitch']);
  });

  it('names every vNIC and the copyable fix in the finding', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, hostWith([on('External-A', '00:15:5d:0a:00:01'), off('External-B', '00:15:5d:0a:00:02')]).build()));
    const f = e.firing('guest-team-misconfigured')[0].finding;
    expect(f.remediation.commands).toContain("Set-VMNetworkAdapter -VMName 'APP01' -Name 'Network Adapter 2' -AllowTeaming On");
    expect(f.evidence).toHaveLength(1);
  });

  it('stays silent for a VM with AllowTeaming Off on all vNICs (no guest team)', () => {
    expect(rulesFor([off('External-A', '00:15:5d:0a:00:01'), off('External-A', '00:15:5d:0a:00:02')])).toBeNull();
  });

  it('stays silent for a correct guest team: two vNICs On on distinct External vSwitches, plus a third vNIC Off', () => {
    expect(rulesFor([on('External-A', '00:15:5d:0a:00:01'), on('External-B', '00:15:5d:0a:00:02'), off('Lab-Internal', '00:15:5d:0a:00:03')])).toBeNull();
  });

  it('stays silent for a single vNIC with AllowTeaming On (nothing to team)', () => {
    expect(rulesFor([on('External-A', '00:15:5d:0a:00:01')])).toBeNull();
  });

  it('resolves when the vNIC is moved to its own External vSwitch', () => {
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, hostWith([on('External-A', '00:15:5d:0a:00:01'), on('External-A', '00:15:5d:0a:00:02')]).build()));
    expect(e.firing('guest-team-misconfigured')).toHaveLength(1);
    e.post(inventory('HV1', T0 + min(5), hostWith([on('External-A', '00:15:5d:0a:00:01'), on('External-B', '00:15:5d:0a:00:02')]).build()));
    expect(e.active('guest-team-misconfigured')).toEqual([]);
    expect(e.everFired('guest-team-misconfigured')[0].status).toBe('resolved');
  });

  it('keeps one alert while the VM live-migrates and two hosts briefly list it', () => {
    const bad = [on('External-A', '00:15:5d:0a:00:01'), on('External-A', '00:15:5d:0a:00:02')];
    const e = new EngineHarness();
    e.post(inventory('HV1', T0, hostWith(bad).build()));
    e.post(inventory('HV2', T0 + min(1), hostWith(bad, 'HV2').build()));
    e.post(inventory('HV1', T0 + min(2), hostWith(bad).removeVm('APP01').build()));
    expect(e.everFired('guest-team-misconfigured')).toHaveLength(1);
    expect(e.firing('guest-team-misconfigured')).toHaveLength(1);
    expect(e.firing('guest-team-misconfigured')[0].finding.observed.values.host).toBe('HV2');
  });

  it('gives the same alerts whatever order the observations arrive in', () => {
    const bad = [on('External-A', '00:15:5d:0a:00:01'), on('Lab-Internal', '00:15:5d:0a:00:02')];
    const obs: Observation[] = [
      inventory('HV1', T0, hostWith(bad).build()),
      inventory('HV2', T0 + min(1), new HostInv('10.0.0.12').adapter('Ethernet 1', X710(1), '3c:fd:fe:00:02:01').single('External-A', 'Ethernet 1').build()),
      inventory('HV1', T0 + min(2), hostWith(bad).build()),
    ];
    const run = (list: Observation[]) => {
      const e = new EngineHarness();
      for (const o of list) e.post(o);
      return e.active('guest-team-misconfigured').map((a) => ({ subject: a.subject, status: a.status }));
    };
    const inOrder = run(obs);
    expect(inOrder).toEqual([{ subject: { vm: 'APP01', vmId: APP }, status: 'firing' }]);
    for (const seed of [1, 2, 3]) expect(run(shuffledKeepingSnapshotOrder(obs, seed))).toEqual(inOrder);
  });
});
