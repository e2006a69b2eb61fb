import { describe, expect, it } from 'vitest';
import { PARSERS, rankParsers } from '../../../../collectors/parsers/index.ts';
import { decodeText } from '../../../../collectors/parsers/decode.ts';
import { listExternal, readExternal } from '../../../helpers/fixtures.ts';
import * as cases from './cases.ts';

/**
 * Every third-party MAC-table fixture is covered by a golden-value test: a file added upstream
 * (or dropped) changes these counts and names, so it cannot go untested silently.
 */
const FOLDERS: [string, RegExp, string[]][] = [
  [cases.IOS_NTC_DIR, /\.raw$/, cases.IOS_NTC.map(([n]) => `${cases.IOS_NTC_DIR}/${n}.raw`)],
  [cases.IOS_NAPALM_DIR, /^expected_result\.json$/, cases.IOS_NAPALM.map(([n]) => `${cases.IOS_NAPALM_DIR}/${n}/expected_result.json`)],
  [cases.NXOS_NTC_DIR, /\.raw$/, cases.NXOS_NTC.map(([n]) => `${cases.NXOS_NTC_DIR}/${n}.raw`)],
  [cases.NXOS_NAPALM_DIR, /^expected_result\.json$/, cases.NXOS_NAPALM.map(([n]) => `${cases.NXOS_NAPALM_DIR}/${n}/expected_result.json`)],
  [cases.ARISTA_NTC_DIR, /\.raw$/, cases.ARISTA_NTC.map(([n]) => `${cases.ARISTA_NTC_DIR}/${n}.raw`)],
  [cases.EOS_NAPALM_DIR, /^expected_result\.json$/, cases.EOS_NAPALM.map(([n]) => `${cases.EOS_NAPALM_DIR}/${n}/expected_result.json`)],
  [cases.JUNOS_NTC_DIR, /\.raw$/, cases.JUNOS_NTC.map(([n]) => `${cases.JUNOS_NTC_DIR}/${n}.raw`)],
  [cases.JUNOS_NAPALM_DIR, /^expected_result\.json$/, cases.JUNOS_NAPALM.map(([n]) => `${cases.JUNOS_NAPALM_DIR}/${n}/expected_result.json`)],
];

describe('MAC-table fixture coverage', () => {
  it.each([
    [cases.IOS_NTC_DIR, 8],
    [cases.IOS_NAPALM_DIR, 14],
    [cases.NXOS_NTC_DIR, 1],
    [cases.NXOS_NAPALM_DIR, 4],
    [cases.ARISTA_NTC_DIR, 1],
    [cases.EOS_NAPALM_DIR, 1],
    [cases.JUNOS_NTC_DIR, 3],
    [cases.JUNOS_NAPALM_DIR, 1],
  ])('%s: %i cases, each tested against its golden file', (dir, count) => {
    const [, pattern, tested] = FOLDERS.find(([d]) => d === dir)!;
    const present = listExternal(dir, pattern);
    expect(present).toHaveLength(count);
    expect([...tested].sort()).toEqual(present);
  });

  it('covers 33 MAC-table inputs in all', () => {
    expect(cases.allMacInputs()).toHaveLength(33);
  });
});

describe('format sniffing picks the right MAC-table parser for every fixture', () => {
  it.each(cases.allMacInputs())('%s → %s', (rel, expected) => {
    const ranked = rankParsers(decodeText(readExternal(rel)));
    expect(ranked[0]?.parser.id).toBe(expected);
    // The runner-up, if any, must be clearly behind, so a small change cannot flip the choice.
    if (ranked[1]) expect(ranked[0].score - ranked[1].score).toBeGreaterThanOrEqual(0.1);
  });
});

describe('the MAC-table and syslog sniffers stay silent on every other third-party input', () => {
  const OURS = ['cisco-ios-mac', 'cisco-nxos-mac', 'arista-mac', 'arista-mac-json', 'juniper-mac', 'juniper-mac-xml', 'syslog'];
  const others = listExternal('.', /\.(raw|out|txt|json|xml)$/).filter(
    (f) => !/mac_address|mac-address|ethernet-switching|expected_result/.test(f),
  );

  it('has the ARP, neighbor, event and ipconfig samples to check against', () => {
    expect(others.length).toBeGreaterThanOrEqual(60);
  });

  it.each(others)('%s', (rel) => {
    const text = decodeText(readExternal(rel));
    const scores = PARSERS.filter((p) => OURS.includes(p.id)).map((p) => [p.id, p.sniff(text)]);
    expect(scores.filter(([, s]) => (s as number) > 0)).toEqual([]);
  });
});
