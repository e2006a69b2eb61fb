import { describe, expect, it } from 'vitest';
import { parser } from '../../../../collectors/parsers/arista-mac-json.ts';
import { ParseError } from '../../../../collectors/parsers/types.ts';
import { readExternalText, readOwn } from '../../../helpers/fixtures.ts';
import { CTX, napalmRows, napalmView, table } from './golden.ts';
import { EOS_NAPALM, EOS_NAPALM_DIR } from './cases.ts';

describe('arista-mac-json against the NAPALM expected result', () => {
  it.each(EOS_NAPALM)('%s (%i entries)', (name, count) => {
    const expected = napalmRows(`${EOS_NAPALM_DIR}/${name}/expected_result.json`);
    expect(expected).toHaveLength(count);
    const result = parser.parse(readExternalText(`${EOS_NAPALM_DIR}/${name}/show_mac_address_table.json`), CTX);
    expect(result.rejects).toEqual([]);
    expect(napalmView('eos', table(result).entries)).toEqual(expected);
  });
});

describe('arista-mac-json on an eAPI JSON-RPC reply (test/fixtures/switch/arista-mac-eapi.json)', () => {
  const text = readOwn('switch/arista-mac-eapi.json').toString('utf8');

  it('unwraps the envelope, keeps good entries and one entry per multicast port', () => {
    const result = parser.parse(text, CTX);
    expect(table(result).entries).toEqual([
      { mac: '00:15:5d:01:02:03', vlan: 10, port: 'Port-Channel1', type: 'dynamic' },
      { mac: '00:1c:73:00:00:01', vlan: 10, port: 'Router', type: 'static' },
      { mac: '01:00:5e:00:00:fb', vlan: 10, port: 'Ethernet1', type: 'static' },
      { mac: '01:00:5e:00:00:fb', vlan: 10, port: 'Ethernet2', type: 'static' },
    ]);
    expect(result.rejects).toEqual([
      { part: 'unicastTable', index: 2, reason: 'macAddress "not-a-mac" is not a MAC address' },
      { part: 'unicastTable', index: 3, reason: 'vlanId "ten" is not a VLAN number' },
      { part: 'unicastTable', index: 4, reason: 'dynamic entry for 00:15:5d:01:02:05 has no interface' },
    ]);
  });

  it.each([
    ['not JSON', '{"unicastTable": ', 'invalid_json'],
    ['JSON of another command', '{"ipV4Neighbors": []}', 'unrecognized'],
  ])('refuses %s', (_label, body, code) => {
    expect(() => parser.parse(body, CTX)).toThrow(expect.objectContaining({ code }));
  });

  it('rejects a table whose tableEntries is not a list, and entries of the wrong type', () => {
    const result = parser.parse('{"unicastTable": {"tableEntries": {}}, "multicastTable": {"tableEntries": [7, null]}}', CTX);
    expect(table(result).entries).toEqual([]);
    expect(result.rejects).toEqual([
      { part: 'unicastTable', reason: 'unicastTable.tableEntries is not an array' },
      { part: 'multicastTable', index: 0, reason: 'entry is not an object' },
      { part: 'multicastTable', index: 1, reason: 'entry is not an object' },
    ]);
  });

  it('throws ParseError, not a crash, for hostile JSON', () => {
    expect(() => parser.parse('[' .repeat(100_000), CTX)).toThrow(ParseError);
  });
});
