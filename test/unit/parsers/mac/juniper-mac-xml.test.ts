import { describe, expect, it } from 'vitest';
import { parser } from '../../../../collectors/parsers/juniper-mac-xml.ts';
import { ParseError } from '../../../../collectors/parsers/types.ts';
import { readExternalText, readOwn } from '../../../helpers/fixtures.ts';
import { CTX, napalmRows, napalmView, table } from './golden.ts';
import { JUNOS_NAPALM, JUNOS_NAPALM_DIR } from './cases.ts';

describe('juniper-mac-xml against the NAPALM expected result', () => {
  it.each(JUNOS_NAPALM)('%s (%i entries; the flood entry is skipped)', (name, count) => {
    const expected = napalmRows(`${JUNOS_NAPALM_DIR}/${name}/expected_result.json`);
    expect(expected).toHaveLength(count);
    const result = parser.parse(readExternalText(`${JUNOS_NAPALM_DIR}/${name}/get-ethernet-switching-table-information.xml`), CTX);
    expect(result.rejects).toEqual([]);
    expect(napalmView('junos', table(result).entries)).toEqual(expected);
    expect(table(result).entries.map((e) => e.type)).toEqual(['dynamic', 'dynamic']);
  });
});

describe('juniper-mac-xml on an ELS brief reply (test/fixtures/switch/juniper-els-brief.xml)', () => {
  it('reads l2ng entries, inherits the VLAN id of the enclosing element, rejects bad entries by index', () => {
    const result = parser.parse(readOwn('switch/juniper-els-brief.xml').toString('utf8'), CTX);
    expect(table(result).entries).toEqual([
      { mac: '00:15:5d:01:02:03', vlan: 100, port: 'ae0.0', type: 'dynamic' },
      { mac: '00:15:5d:01:02:04', vlan: 100, port: 'xe-0/0/1.0', type: 'static' },
      { mac: '00:15:5d:01:02:06', vlan: 200, port: 'ae1.0', type: 'dynamic' },
    ]);
    expect(result.rejects).toEqual([{ index: 2, reason: 'mac "00:15:5d:zz:02:05" is not a MAC address' }]);
  });
});

describe('juniper-mac-xml refuses what it cannot read', () => {
  it.each([
    ['malformed XML', '<ethernet-switching-table-information><oops></ethernet-switching-table-information>', 'invalid_xml'],
    ['a DTD (entity expansion)', '<!DOCTYPE x [<!ENTITY a "b">]><ethernet-switching-table-information/>', 'invalid_xml'],
    ['another RPC reply', '<arp-table-information><arp-table-entry/></arp-table-information>', 'unrecognized'],
  ])('%s', (_label, body, code) => {
    expect(() => parser.parse(body, CTX)).toThrow(expect.objectContaining({ code }));
    expect(() => parser.parse(body, CTX)).toThrow(ParseError);
  });

  it('refuses a reply with no ?device= because RPC XML does not name its device', () => {
    expect(() => parser.parse('<ethernet-switching-table-information/>', { receivedAt: 0 })).toThrow(/pass \?device=/);
  });
});
