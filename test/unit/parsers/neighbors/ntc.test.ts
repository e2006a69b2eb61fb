/**
 * ntc-templates: each `.raw` parsed by our parser must give exactly the rows of its `.yml`
 * `parsed_sample`, in order. TextFSM field names differ per template, so each case maps a golden
 * row to our entry. Conventions: MACs normalised, `Incomplete`/`incomplete` → null MAC and state
 * `incomplete`; IOS age is minutes, `-` → no age and state `static`; empty interface → null;
 * `Vlan<N>` interfaces carry VLAN N.
 */
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { NeighborEntry, NeighborState } from '../../../../server/model/observation.ts';
import { readExternalText } from '../../../helpers/fixtures.ts';
import { NTC_CASES } from './catalogue.ts';
import { goldenMac, run } from './support.ts';

type Golden = Record<string, string>;

const hms = (s: string) => s.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
const vlanOf = (iface: string | null) => {
  const m = /^Vlan(\d+)/.exec(iface ?? '');
  return m ? Number(m[1]) : null;
};
const orNull = (s: string) => (s === '' || s === '-' ? null : s);

function entry(ip: string, rawMac: string, state: NeighborState, iface: string | null, ageSec: number | null): NeighborEntry {
  const mac = /^incomplete$/i.test(rawMac) ? null : goldenMac(rawMac);
  return { ip, mac, state: mac === null ? 'incomplete' : state, iface, vlan: vlanOf(iface), ageSec };
}

const iosAge = (age: string) => (age === '-' ? null : Number(age) * 60);
const iosState = (age: string): NeighborState => (age === '-' ? 'static' : 'dynamic');

const MAPPERS: Record<string, (g: Golden) => NeighborEntry> = {
  cisco_ios_show_ip_arp: (g) => entry(g.ip_address, g.mac_address, iosState(g.age), orNull(g.interface), iosAge(g.age)),
  cisco_ios_show_arp: (g) => entry(g.address, g.hardware_address, iosState(g.age_min), orNull(g.interface), iosAge(g.age_min)),
  cisco_xr_show_arp2: (g) =>
    entry(g.ip_address, g.mac_address, g.state === 'Dynamic' ? 'dynamic' : 'static', g.interface, g.age === '-' ? null : hms(g.age)),
  cisco_nxos_show_ip_arp: (g) => entry(g.ip_address, g.mac_address, g.age === '-' ? 'static' : 'dynamic', g.interface, g.age === '-' ? null : hms(g.age)),
  cisco_nxos_show_ip_arp_detail: (g) =>
    entry(g.ip_address, g.mac_address, g.age === '-' ? 'static' : 'dynamic', orNull(g.interface), g.age === '-' ? null : hms(g.age)),
  cisco_nxos_show_ip_arp_detail_flags: (g) => entry(g.ip_address, g.mac_address, 'dynamic', g.interface, hms(g.age)),
  // Every age in the two Arista samples is 0, 0:00:00 or N/A; N/A means no age and state unknown.
  arista_eos_show_ip_arp: (g) =>
    entry(g.ip_address, g.mac_address, g.age === 'N/A' ? 'unknown' : 'dynamic', g.interface.replace(', not learned', ''), g.age === 'N/A' ? null : hms(g.age)),
  arista_eos_show_ip_arp1: (g) =>
    entry(g.ip_address, g.mac_address, g.age === 'N/A' ? 'unknown' : 'dynamic', g.interface.replace(', not learned', ''), g.age === 'N/A' ? null : hms(g.age)),
  'juniper_junos_show_arp_no-resolve': (g) => entry(g.ip_address, g.mac_address, g.flags.includes('permanent') ? 'permanent' : 'dynamic', g.interface, null),
  linux_arp_a: (g) => ({ ...entry(g.ip_address, g.mac_address, 'dynamic', g.interface, null), vlan: null }),
};

const cases = NTC_CASES.map((c) => {
  const name = c.input.slice(c.input.lastIndexOf('/') + 1, -'.raw'.length);
  const golden = (parseYaml(readExternalText(c.input.replace(/\.raw$/, '.yml'))) as { parsed_sample: Golden[] }).parsed_sample;
  return { name, ...c, golden };
});

describe('ntc-templates ARP samples match their parsed_sample', () => {
  it.each(cases)('$name ($format): $golden.length rows', ({ name, input, format, golden }) => {
    const { obs, rejects } = run(format, readExternalText(input));
    expect(rejects).toEqual([]);
    expect(obs.entries).toEqual(golden.map(MAPPERS[name]));
  });

  it('keeps multicast-bit MACs (hand-edited NX-OS rows) for the engine to ignore, never drops them', () => {
    const { obs } = run('cisco-nxos-arp', readExternalText('ntc-templates/cisco_nxos/show_ip_arp/cisco_nxos_show_ip_arp.raw'));
    expect(obs.entries.find((e) => e.ip === '10.3.0.251')?.mac).toBe('03:c5:a4:e8:c3:42');
    expect(obs.entries).toHaveLength(23); // the header says 22; the rows win
  });

  it('NX-OS INCOMPLETE rows keep their interface and age', () => {
    const { obs } = run('cisco-nxos-arp', readExternalText('ntc-templates/cisco_nxos/show_ip_arp/cisco_nxos_show_ip_arp.raw'));
    expect(obs.entries.at(-1)).toEqual({ ip: '10.5.6.10', mac: null, state: 'incomplete', iface: 'Vlan1425', vlan: 1425, ageSec: 16 });
  });
});
