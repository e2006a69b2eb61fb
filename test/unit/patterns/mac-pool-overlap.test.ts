import { describe, expect, it } from 'vitest';
import { EngineHarness, T0, inventory, min } from '../../helpers/engine.ts';
import { hyperVHost } from './mac-fleet.ts';

const ID = 'mac-pool-overlap';
const pool = (x: number) => ({ min: `00:15:5d:01:${x.toString(16).padStart(2, '0')}:00`, max: `00:15:5d:01:${x.toString(16).padStart(2, '0')}:ff` });
/** Default pools derived from 10.1.5.20 and 10.2.5.20 are identical: 00-15-5D-05-14-00..FF. */
const derived = { min: '00:15:5d:05:14:00', max: '00:15:5d:05:14:ff' };

function fleet(pools: Record<string, { min: string; max: string } | null>, l2Domains: string[][] = []): EngineHarness {
  const e = new EngineHarness();
  e.state.settings.l2Domains = l2Domains;
  Object.entries(pools).forEach(([name, p], i) => e.post(inventory(name, T0 + i, hyperVHost({ n: i + 1, pool: p }))));
  e.tick(T0 + min(1));
  return e;
}

describe('mac-pool-overlap', () => {
  it('fires for two hosts with the same default pool, with a free range for one of them', () => {
    const e = fleet({ HV1: derived, HV2: derived });
    const [a] = e.firing(ID);
    expect(e.firing(ID).map((x) => x.subject)).toEqual([{ hosts: ['HV1', 'HV2'] }]);
    expect(a.finding.observed.values.overlap).toBe(256);
    expect(a.finding.remediation.commands).toContain("Set-VMHost -ComputerName 'HV2' -MacAddressMinimum 00155DF00000 -MacAddressMaximum 00155DF000FF");
  });

  it('fires for a partial overlap', () => {
    const e = fleet({ HV1: { min: '00:15:5d:01:00:00', max: '00:15:5d:01:01:ff' }, HV2: pool(1) });
    expect(e.firing(ID)[0].finding.observed.values.overlap).toBe(256);
  });

  it('suggests different free ranges when three hosts share one pool', () => {
    const e = fleet({ HV1: derived, HV2: derived, HV3: derived });
    const alerts = e.firing(ID);
    expect(alerts.map((x) => x.subject.hosts)).toEqual([['HV1', 'HV2'], ['HV1', 'HV3'], ['HV2', 'HV3']]);
    const cmds = alerts.flatMap((x) => x.finding.remediation.commands!).filter((c) => c.startsWith('Set-VMHost'));
    expect(new Set(cmds)).toEqual(
      new Set([
        "Set-VMHost -ComputerName 'HV2' -MacAddressMinimum 00155DF00000 -MacAddressMaximum 00155DF000FF",
        "Set-VMHost -ComputerName 'HV3' -MacAddressMinimum 00155DF00100 -MacAddressMaximum 00155DF001FF",
      ]),
    );
  });

  it('suggests a range that overlaps no pool in the fleet', () => {
    const e = fleet({ HV1: derived, HV2: derived, HV3: { min: '00:15:5d:f0:00:00', max: '00:15:5d:f0:00:ff' } });
    expect(e.firing(ID).map((x) => x.subject.hosts)).toEqual([['HV1', 'HV2']]);
    expect(e.firing(ID)[0].finding.remediation.commands).toContain("Set-VMHost -ComputerName 'HV2' -MacAddressMinimum 00155DF00100 -MacAddressMaximum 00155DF001FF");
  });

  it('stays silent for disjoint pools and hosts without a reported pool', () => {
    expect(fleet({ HV1: pool(1), HV2: pool(2), HV3: null }).everFired(ID)).toEqual([]);
  });

  it('stays silent for identical pools on hosts marked as separate L2 domains', () => {
    const e = fleet({ HV1: derived, 'hv2.corp.local': derived, HV3: pool(9) }, [['hv1', 'HV3'], ['HV2']]);
    expect(e.everFired(ID)).toEqual([]);
  });

  it('still compares hosts in the same L2 domain list, or in no list', () => {
    expect(fleet({ HV1: derived, HV2: derived }, [['HV1', 'HV2']]).firing(ID)).toHaveLength(1);
    expect(fleet({ HV1: derived, HV2: derived }, [['HV1'], ['HV3']]).firing(ID)).toHaveLength(1);
  });

  it('resolves when one host moves to a range of its own', () => {
    const e = fleet({ HV1: derived, HV2: derived });
    expect(e.firing(ID)).toHaveLength(1);
    e.post(inventory('HV2', T0 + min(10), hyperVHost({ n: 2, pool: { min: '00:15:5d:f0:00:00', max: '00:15:5d:f0:00:ff' } })));
    expect(e.active(ID)).toEqual([]);
    expect(e.everFired(ID)[0].status).toBe('resolved');
  });

  it('gives the same alerts whatever order the hosts report in', () => {
    const a = new EngineHarness();
    const b = new EngineHarness();
    const invs = [inventory('HV1', T0, hyperVHost({ n: 1, pool: derived })), inventory('HV2', T0 + 1, hyperVHost({ n: 2, pool: derived })), inventory('HV3', T0 + 2, hyperVHost({ n: 3, pool: derived }))];
    for (const o of invs) a.post(o);
    for (const o of [...invs].reverse()) b.post(o);
    const view = (e: EngineHarness) => e.firing(ID).map((x) => [x.subject.hosts!.join('+'), x.finding.remediation.commands, x.finding.since]).sort();
    expect(view(b)).toEqual(view(a));
  });
});
