import { describe, expect, it } from 'vitest';
import { parser } from '../../../../collectors/parsers/juniper-mac.ts';
import { ParseError } from '../../../../collectors/parsers/types.ts';
import { readExternalText, readOwn } from '../../../helpers/fixtures.ts';
import { CTX, goldenVlan, ntcEntries, ntcRows, table } from './golden.ts';
import { JUNOS_NTC, JUNOS_NTC_DIR } from './cases.ts';

/** ELS flags in the golden files → our type: every sample entry is dynamic (`D`), locally learned or remote. */
const FLAG_TYPES: Record<string, string> = { D: 'dynamic', DL: 'dynamic', DR: 'dynamic' };

describe('juniper-mac against ntc-templates golden files', () => {
  it.each(JUNOS_NTC)('%s (%i rows: %s)', (name, rows) => {
    const golden = ntcRows(`${JUNOS_NTC_DIR}/${name}.yml`);
    expect(golden).toHaveLength(rows);
    const result = parser.parse(readExternalText(`${JUNOS_NTC_DIR}/${name}.raw`), CTX);
    expect(result.rejects).toEqual([]);
    // TextFSM splits `Vlan100` into vlan_id 100 and `BD-903691` into a bridge-domain id; a
    // bridge domain is not a VLAN, so ours is null there.
    const expected = ntcEntries(golden, { mac: 'mac_address', vlan: 'vlan_id', port: 'logical_interface', type: 'mac_flag' }, (f) => FLAG_TYPES[f]);
    golden.forEach((r, i) => expect(expected[i].vlan).toBe(goldenVlan(String(r.vlan_id))));
    expect(table(result).entries).toEqual(expected);
  });
});

describe('juniper-mac on the pre-ELS layout (test/fixtures/switch/juniper-legacy.txt)', () => {
  const text = readOwn('switch/juniper-legacy.txt').toString('utf8');

  it('skips flood rows, maps Learn/Static, reads the tag from vlanNNN names only, names the device from the prompt', () => {
    const obs = table(parser.parse(text, { receivedAt: 42 }));
    expect(obs).toMatchObject({ device: 'ex4200-01', time: 42, format: 'juniper-mac' });
    expect(obs.entries).toEqual([
      { mac: '00:15:5d:01:02:03', vlan: null, port: 'ge-0/0/0.0', type: 'dynamic' },
      { mac: '00:15:5d:01:02:04', vlan: 100, port: 'ge-0/0/1.0', type: 'dynamic' },
      { mac: '00:1f:12:34:56:78', vlan: 100, port: 'Router', type: 'static' },
      { mac: '00:15:5d:01:02:05', vlan: null, port: 'ae0.0', type: 'dynamic' },
    ]);
  });
});

describe('juniper-mac row handling', () => {
  const header = 'Ethernet switching table : 1 entries, 1 learned\n    Vlan                MAC                 MAC         Age    Logical\n';

  it.each([
    ['static flags', '    Vlan10   00:15:5d:01:02:03   S    -   xe-0/0/1.0', { vlan: 10, type: 'static', port: 'xe-0/0/1.0' }],
    ['persistent static', '    10       00:15:5d:01:02:03   P    -   xe-0/0/1.0', { vlan: 10, type: 'static', port: 'xe-0/0/1.0' }],
    ['statistics-enabled dynamic', '    v10      00:15:5d:01:02:03   DSE  -   xe-0/0/1.0', { vlan: null, type: 'dynamic', port: 'xe-0/0/1.0' }],
    ['no age column', '    Vlan10   00:15:5d:01:02:03   DL   ae0.0', { vlan: 10, type: 'dynamic', port: 'ae0.0' }],
  ])('reads %s', (_label, row, expected) => {
    expect(table(parser.parse(header + row, CTX)).entries).toEqual([{ mac: '00:15:5d:01:02:03', ...expected }]);
  });

  it.each([
    ['a bad MAC', '    Vlan10   00:15:5d:01:02:0g   D    -   xe-0/0/1.0', 'mac "00:15:5d:01:02:0g" is not a MAC address'],
    ['a missing VLAN', '00:15:5d:01:02:03   D    -   xe-0/0/1.0', 'row has no VLAN name before the MAC'],
    ['a dynamic entry without interface', '    Vlan10   00:15:5d:01:02:03   D    -', 'dynamic entry for 00:15:5d:01:02:03 has no port'],
  ])('rejects %s by line', (_label, row, reason) => {
    const result = parser.parse(header + row, CTX);
    expect(result.rejects).toEqual([{ line: 3, reason }]);
  });

  it('refuses text that is not an ethernet-switching table', () => {
    expect(() => parser.parse('MAC Address       Address         Name          Interface     Flags\n', CTX)).toThrow(ParseError);
  });
});
