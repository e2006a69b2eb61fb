import { describe, expect, it } from 'vitest';
import { parser } from '../../../../collectors/parsers/cisco-nxos-mac.ts';
import { ParseError } from '../../../../collectors/parsers/types.ts';
import { readExternalText } from '../../../helpers/fixtures.ts';
import { CTX, napalmRows, napalmView, ntcEntries, ntcRows, table } from './golden.ts';
import { NXOS_NAPALM, NXOS_NAPALM_DIR, NXOS_NTC, NXOS_NTC_DIR } from './cases.ts';

describe('cisco-nxos-mac against ntc-templates golden files', () => {
  it.each(NXOS_NTC)('%s (%i rows)', (name, rows) => {
    const golden = ntcRows(`${NXOS_NTC_DIR}/${name}.yml`);
    expect(golden).toHaveLength(rows);
    const result = parser.parse(readExternalText(`${NXOS_NTC_DIR}/${name}.raw`), CTX);
    expect(result.rejects).toEqual([]);
    expect(table(result).entries).toEqual(ntcEntries(golden, { mac: 'mac_address', vlan: 'vlan_id', port: 'ports', type: 'type' }));
  });
});

describe('cisco-nxos-mac against NAPALM expected results', () => {
  it.each(NXOS_NAPALM)('%s (%i entries: %s)', (name, count) => {
    const expected = napalmRows(`${NXOS_NAPALM_DIR}/${name}/expected_result.json`);
    expect(expected).toHaveLength(count);
    const result = parser.parse(readExternalText(`${NXOS_NAPALM_DIR}/${name}/show_mac_address_table.txt`), CTX);
    expect(result.rejects).toEqual([]);
    expect(napalmView('nxos', table(result).entries)).toEqual(expected);
  });

  it('keeps ports as printed: lower-case po/eth, the two-word vPC Peer-Link, sup-eth1(R)', () => {
    const normal = table(parser.parse(readExternalText(`${NXOS_NAPALM_DIR}/normal/show_mac_address_table.txt`), CTX)).entries;
    expect(normal[0]).toEqual({ mac: '00:26:f0:64:00:00', vlan: 27, port: 'po1', type: 'dynamic' });
    expect(normal[8]).toEqual({ mac: '00:26:98:0a:df:44', vlan: 17, port: 'vPC Peer-Link', type: 'dynamic' });
    const gateway = table(parser.parse(readExternalText(`${NXOS_NAPALM_DIR}/gateway_mac/show_mac_address_table.txt`), CTX)).entries;
    expect(gateway).toEqual([{ mac: '2c:c2:60:5e:5d:e8', vlan: null, port: 'sup-eth1(R)', type: 'static' }]);
  });

  it('gives one entry per port, including ports on continuation lines', () => {
    const entries = table(parser.parse(readExternalText(`${NXOS_NAPALM_DIR}/multiple_interfaces/show_mac_address_table.txt`), CTX)).entries;
    expect(entries.filter((e) => e.mac === '01:00:5e:00:01:18').map((e) => e.port)).toEqual([
      'Po1',
      'Po2',
      'Eth142/1/1',
      'Eth112/1/6',
      'Eth122/1/5',
    ]);
  });
});

describe('cisco-nxos-mac on hand-made rows', () => {
  const header = '   VLAN     MAC Address      Type      age     Secure NTFY Ports\n---------+-----------------+--------+---------+------+----+------------------\n';

  it.each([
    ['a secure entry with hardware age', '* 10       0015.5d01.0203    dynamic  ~~~         T    F    Eth1/5', { mac: '00:15:5d:01:02:03', vlan: 10, port: 'Eth1/5', type: 'dynamic' }],
    ['a vPC peer-link entry', '+ 20       0015.5d01.0204    dynamic   0          F    F  Po100', { mac: '00:15:5d:01:02:04', vlan: 20, port: 'Po100', type: 'dynamic' }],
    ['a bridge-domain number above 4095', '* 5000     0015.5d01.0205    dynamic   0          F    F  nve1(192.0.2.1)', { mac: '00:15:5d:01:02:05', vlan: null, port: 'nve1(192.0.2.1)', type: 'dynamic' }],
  ])('reads %s', (_label, row, entry) => {
    expect(table(parser.parse(header + row, CTX)).entries).toEqual([entry]);
  });

  it.each([
    ['a non-numeric VLAN', '* ten      0015.5d01.0203    dynamic   0          F    F  Eth1/5', 'vlan "ten" is not a VLAN number'],
    ['a bad MAC', '* 10       0015.5d01.02zz    dynamic   0          F    F  Eth1/5', 'mac "0015.5d01.02zz" is not a MAC address'],
    ['a dynamic entry without port', '* 10       0015.5d01.0203    dynamic   0          F    F', 'dynamic entry for 00:15:5d:01:02:03 has no port'],
  ])('rejects %s by line', (_label, row, reason) => {
    const result = parser.parse(header + row, CTX);
    expect(table(result).entries).toEqual([]);
    expect(result.rejects).toEqual([{ line: 3, reason }]);
  });

  it('refuses text with neither its header nor a row', () => {
    expect(() => parser.parse('Legend:\n  * - primary entry\n', CTX)).toThrow(ParseError);
  });
});
