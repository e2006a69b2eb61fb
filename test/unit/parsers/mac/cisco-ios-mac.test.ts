import { describe, expect, it } from 'vitest';
import { parser } from '../../../../collectors/parsers/cisco-ios-mac.ts';
import { ParseError } from '../../../../collectors/parsers/types.ts';
import { readExternalText, readOwn } from '../../../helpers/fixtures.ts';
import { CTX, napalmRows, napalmView, ntcEntries, ntcRows, table, type NapalmRow } from './golden.ts';
import { IOS_NAPALM, IOS_NAPALM_DIR as NAPALM, IOS_NTC, IOS_NTC_DIR as NTC } from './cases.ts';

/**
 * Where we knowingly differ from NAPALM: a Catalyst 4500 routed port printed in the VLAN column
 * (`Te5/1  0078.88e7.5a3f  static … Switch`). NAPALM reports that port as the interface with
 * VLAN -1; we keep the printed port column (here `Switch`, which NAPALM's own rules blank for
 * static entries) and a null VLAN.
 */
const NAPALM_DIVERGENCES: Record<string, Record<number, Partial<NapalmRow>>> = {
  '4500_format3': {
    2: { vlan: 0, interface: '' },
    3: { vlan: 0 },
    4: { vlan: 0, interface: '' },
    5: { vlan: 0 },
  },
};

describe('cisco-ios-mac against ntc-templates golden files', () => {
  it.each(IOS_NTC)('%s (%i rows: %s)', (name, rows) => {
    const golden = ntcRows(`${NTC}/${name}.yml`);
    expect(golden).toHaveLength(rows);
    const result = parser.parse(readExternalText(`${NTC}/${name}.raw`), CTX);
    expect(result.rejects).toEqual([]);
    expect(table(result).entries).toEqual(
      ntcEntries(golden, { mac: 'destination_address', vlan: 'vlan_id', port: 'destination_port', type: 'type' }),
    );
  });
});

describe('cisco-ios-mac against NAPALM expected results', () => {
  it.each(IOS_NAPALM)('%s (%i entries)', (name, count) => {
    const expected = napalmRows(`${NAPALM}/${name}/expected_result.json`).map((row, i) => ({
      ...row,
      ...NAPALM_DIVERGENCES[name]?.[i],
    }));
    expect(expected).toHaveLength(count);
    const result = parser.parse(readExternalText(`${NAPALM}/${name}/show_mac_address_table.txt`), CTX);
    expect(result.rejects).toEqual([]);
    expect(napalmView('ios', table(result).entries)).toEqual(expected);
  });

  it('keeps the printed port and a null VLAN for 4500 routed-port rows', () => {
    const entries = table(parser.parse(readExternalText(`${NAPALM}/4500_format3/show_mac_address_table.txt`), CTX)).entries;
    expect(entries.slice(2, 6)).toEqual([
      { mac: '00:78:88:e7:5a:3f', vlan: null, port: 'Switch', type: 'static' },
      { mac: '50:0f:80:b5:43:40', vlan: null, port: 'TenGigabitEthernet5/1', type: 'dynamic' },
      { mac: '00:78:88:e7:5a:3f', vlan: null, port: 'Switch', type: 'static' },
      { mac: '28:6f:7f:68:09:80', vlan: null, port: 'TenGigabitEthernet6/1', type: 'dynamic' },
    ]);
  });

  it('gives a system entry printed without ports the port ""', () => {
    const entries = table(parser.parse(readExternalText(`${NAPALM}/4500_format3/show_mac_address_table.txt`), CTX)).entries;
    expect(entries[6]).toEqual({ mac: 'ff:ff:ff:ff:ff:ff', vlan: 1, port: '', type: 'system' });
  });
});

describe('cisco-ios-mac on a capture with prompts and CRLF (test/fixtures/switch/ios-prompt-crlf.txt)', () => {
  const text = readOwn('switch/ios-prompt-crlf.txt').toString('utf8');

  it('names the device from the prompt, keeps good rows, rejects bad ones by line', () => {
    const result = parser.parse(text, { receivedAt: 1_000 });
    const obs = table(result);
    expect(obs).toMatchObject({ kind: 'macTable', device: 'sw-core-01', time: 1_000, format: 'cisco-ios-mac' });
    expect(obs.entries).toEqual([
      { mac: '01:00:0c:cc:cc:cc', vlan: null, port: 'CPU', type: 'static' },
      { mac: '00:15:5d:01:02:03', vlan: 10, port: 'Po1', type: 'dynamic' },
      { mac: '00:15:5d:01:02:04', vlan: 10, port: 'Gi1/0/1', type: 'dynamic' },
      { mac: '00:15:5d:01:02:05', vlan: 20, port: 'Gi1/0/2', type: 'secure' },
    ]);
    expect(result.rejects).toEqual([
      { line: 11, reason: 'mac "00zz.5d01.0206" is not a MAC address' },
      { line: 12, reason: 'dynamic entry for 00:15:5d:01:02:07 has no port' },
    ]);
  });

  it('prefers ?device= over ?host= over the prompt, and ?at= over the receive time', () => {
    expect(table(parser.parse(text, { device: 'd', host: 'h', at: 5, receivedAt: 9 }))).toMatchObject({ device: 'd', time: 5 });
    expect(table(parser.parse(text, { host: 'h', receivedAt: 9 }))).toMatchObject({ device: 'h', time: 9 });
  });

  it('refuses a table that names no device when none is given', () => {
    const noPrompt = readExternalText(`${NTC}/cisco_ios_show_mac-address-table4.raw`);
    expect(() => parser.parse(noPrompt, { receivedAt: 0 })).toThrow(ParseError);
    expect(() => parser.parse(noPrompt, { receivedAt: 0 })).toThrow(/pass \?device=/);
  });
});

describe('cisco-ios-mac refuses what is not an IOS MAC table', () => {
  it.each([
    ['empty', ''],
    ['an ARP table', 'Protocol  Address          Age (min)  Hardware Addr   Type   Interface\nInternet  10.0.0.1               -   0015.5d01.0203  ARPA   Vlan1'],
    ['prose', 'hello world\nnothing to see'],
  ])('%s', (_label, text) => {
    expect(() => parser.parse(text, CTX)).toThrow(ParseError);
  });
});
