/**
 * jc's processed output is the golden for the Unix `arp` layouts. Mapping: `address` → ip,
 * `hwaddress` → MAC (null when unresolved), `iface` → iface (AIX prints none), state `incomplete`
 * without a MAC, `permanent` when jc says so (or net-tools flag M), else `dynamic`. Rows whose
 * address column holds a host name (`arp` without -n prints `gateway`) have no IP to key on: they
 * must come back as rejects naming the host, never as entries.
 */
import { describe, expect, it } from 'vitest';
import type { NeighborEntry } from '../../../../server/model/observation.ts';
import { readExternalText } from '../../../helpers/fixtures.ts';
import { isIp } from '../../../../collectors/parsers/neigh-ip.ts';
import { JC_CASES } from './catalogue.ts';
import { ctxFor, goldenMac, run } from './support.ts';

type JcRow = Record<string, string | boolean | number | null | undefined>;

function addressOf(row: JcRow): string {
  return String(row.address ?? row.IP_address);
}

function expected(row: JcRow): NeighborEntry {
  const mac = goldenMac(row.hwaddress ?? row.HW_address);
  const permanent = row.permanent === true || String(row.flags_mask ?? '').includes('M');
  return {
    ip: addressOf(row),
    mac,
    state: mac === null ? 'incomplete' : permanent ? 'permanent' : 'dynamic',
    iface: (row.iface ?? row.Device ?? null) as string | null,
    vlan: null,
    ageSec: null,
  };
}

const cases = JC_CASES.map((c) => ({ ...c, golden: JSON.parse(readExternalText(`${c.input.replace(/\.out$/, '')}.json`)) as JcRow[] }));

describe('jc arp fixtures match jc’s processed output', () => {
  it.each(cases)('$input', ({ input, format, golden }) => {
    const { obs, rejects } = run(format, readExternalText(input), ctxFor({ host: 'unix1' }));
    expect(obs.entries).toEqual(golden.filter((g) => isIp(addressOf(g))).map(expected));
    const named = golden.filter((g) => !isIp(addressOf(g))).map(addressOf);
    expect(rejects.map((r) => r.reason)).toEqual(
      named.map((name) => `Address column holds the host name "${name}", not an IP address (run arp with -n)`),
    );
    expect(rejects.every((r) => typeof r.line === 'number')).toBe(true);
  });

  it('accounts for all 75 golden rows of the 13 files', () => {
    expect(cases.reduce((n, c) => n + c.golden.length, 0)).toBe(75);
  });
});
