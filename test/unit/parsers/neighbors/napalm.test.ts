/**
 * NAPALM get_arp_table mocks: our entries must carry the same (interface, ip, mac, age) rows in the
 * same order. NAPALM's conventions, mapped: MACs upper-case colon form; `""` interface → null;
 * IOS age is the printed minutes with `-` → -1.0 (ours: seconds, or null); NX-OS and EOS ages are
 * seconds (NAPALM rounds sub-second ages to 0.1). Junos `age` is really `time-to-expire`, a
 * countdown rather than an age, so it is not compared: our Junos entries have no age.
 */
import { describe, expect, it } from 'vitest';
import { readExternalText } from '../../../helpers/fixtures.ts';
import { NAPALM_CASES } from './catalogue.ts';
import { goldenMac, run } from './support.ts';

interface NapalmArp {
  interface: string;
  ip: string;
  mac: string;
  age: number;
}

const AGE: Record<string, (age: number) => number | null> = {
  'cisco-ios-arp': (age) => (age === -1 ? null : age * 60),
  'cisco-nxos-arp': (age) => age,
  'arista-arp-json': (age) => age,
  'juniper-arp-xml': () => null,
};

const cases = NAPALM_CASES.map((c) => ({
  ...c,
  scenario: c.input.split('/').slice(0, -1).slice(-3).join('/').replace('mocked_data/test_get_arp_table/', ''),
  golden: JSON.parse(readExternalText(c.input.replace(/[^/]+$/, 'expected_result.json'))) as NapalmArp[],
}));

describe('napalm get_arp_table mocks match expected_result.json', () => {
  it.each(cases)('$scenario ($format)', ({ input, format, golden }) => {
    const { obs, rejects } = run(format, readExternalText(input));
    expect(rejects).toEqual([]);
    const ours = obs.entries.map((e) => ({
      interface: e.iface,
      ip: e.ip,
      mac: e.mac,
      age: e.ageSec === null ? null : Math.round(e.ageSec * 10) / 10,
    }));
    expect(ours).toEqual(
      golden.map((g) => ({ interface: g.interface === '' ? null : g.interface, ip: g.ip, mac: goldenMac(g.mac), age: AGE[format](g.age) })),
    );
  });

  it('Junos: <permanent/> flag → permanent, <none/> → dynamic', () => {
    const { obs } = run('juniper-arp-xml', readExternalText(NAPALM_CASES.find((c) => c.format === 'juniper-arp-xml')!.input));
    expect(obs.entries.map((e) => e.state)).toEqual(['dynamic', 'dynamic', 'permanent']);
  });

  it('IOS: a static entry without interface keeps a null iface; `-` ages are static entries', () => {
    const { obs } = run('cisco-ios-arp', readExternalText(NAPALM_CASES[1].input));
    expect(obs.entries[0]).toEqual({ ip: '172.29.50.1', mac: '84:b8:02:76:ac:0e', state: 'dynamic', iface: null, vlan: null, ageSec: 480 });
    expect(obs.entries[2]).toMatchObject({ ip: '172.29.50.3', state: 'static', iface: 'Vlan20', vlan: 20, ageSec: null });
  });

  it('NX-OS: a sub-second age is kept as fractional seconds', () => {
    const { obs } = run('cisco-nxos-arp', readExternalText(NAPALM_CASES[4].input));
    expect(obs.entries[3]).toMatchObject({ ip: '10.5.159.78', ageSec: 0.282854 });
  });
});
