/**
 * Sniffing: over every ARP/neighbor fixture the registry's best guess must be the right parser,
 * and none of our sniffers may claim a MAC-address table, an event, or another non-ARP input.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listExternal, OWN_ROOT, readExternal } from '../../../helpers/fixtures.ts';
import { findParser, rankParsers } from '../../../../collectors/parsers/index.ts';
import { decodeText } from '../../../../collectors/parsers/decode.ts';
import { ALL_EXTERNAL, OWN_CASES } from './catalogue.ts';

const OURS = [
  'windows-arp',
  'get-netneighbor',
  'netsh-neighbors',
  'ip-neigh',
  'ip-neigh-json',
  'unix-arp',
  'cisco-ios-arp',
  'cisco-nxos-arp',
  'arista-arp',
  'arista-arp-json',
  'juniper-arp',
  'juniper-arp-xml',
];

const fixtures = [
  ...ALL_EXTERNAL.map((c) => ({ name: c.input, format: c.format, text: decodeText(readExternal(c.input)) })),
  ...OWN_CASES.map((c) => ({ name: `own/${c.input}`, format: c.format, text: decodeText(readFileSync(join(OWN_ROOT, 'neighbors', c.input))) })),
];

describe('rankParsers picks the right parser for every ARP/neighbor fixture', () => {
  it.each(fixtures)('$name → $format', ({ text, format }) => {
    const ranked = rankParsers(text);
    expect(ranked[0]?.parser.id).toBe(format);
    expect(ranked[0].score).toBeGreaterThanOrEqual(0.6);
  });
});

/** Inputs that are not ARP tables at all: switch MAC tables, Windows local-NIC listings, events. */
const notArp = [
  ...listExternal('ntc-templates', /\.raw$/).filter((f) => /mac|ethernet-switching/.test(f)),
  ...listExternal('napalm', /^(?!expected_result)/).filter((f) => f.includes('test_get_mac_address_table')),
  'getmac/windows_10/getmac.out',
  'getmac/windows_10/ipconfig-all.out',
  ...listExternal('jc/windows', /\.out$/),
  ...listExternal('elastic-beats', /\.xml$/),
];

describe('our sniffers leave other formats alone', () => {
  it('there are non-ARP samples to check against', () => expect(notArp.length).toBeGreaterThan(30));

  it.each(notArp)('%s scores 0 with every neighbor parser', (file) => {
    const text = decodeText(readExternal(file));
    const claims = OURS.map((id) => [id, findParser(id)!.sniff(text)] as const).filter(([, s]) => s > 0);
    expect(claims).toEqual([]);
  });
});
