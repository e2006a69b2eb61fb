import { describe, expect, it } from 'vitest';
import { parser } from '../../../../collectors/parsers/arista-mac.ts';
import { ParseError } from '../../../../collectors/parsers/types.ts';
import { readExternalText } from '../../../helpers/fixtures.ts';
import { CTX, ntcEntries, ntcRows, table } from './golden.ts';
import { ARISTA_NTC, ARISTA_NTC_DIR } from './cases.ts';

describe('arista-mac against the ntc-templates golden file', () => {
  it.each(ARISTA_NTC)('%s (%i rows, one with an invalid MAC)', (name, rows) => {
    const golden = ntcRows(`${ARISTA_NTC_DIR}/${name}.yml`);
    expect(golden).toHaveLength(rows);
    const result = parser.parse(readExternalText(`${ARISTA_NTC_DIR}/${name}.raw`), CTX);
    // The sample was hand-edited upstream: `jenn.3057.8423` is not a MAC; TextFSM keeps it, we reject it.
    const valid = golden.filter((r) => r.mac_address !== 'jenn.3057.8423');
    expect(valid).toHaveLength(rows - 1);
    expect(table(result).entries).toEqual(ntcEntries(valid, { mac: 'mac_address', vlan: 'vlan_id', port: 'destination_port', type: 'type' }));
    expect(result.rejects).toEqual([{ line: 34, reason: 'mac "jenn.3057.8423" is not a MAC address' }]);
  });

  it('gives one entry per port of a multicast row, keeping the printed spelling', () => {
    const entries = table(parser.parse(readExternalText(`${ARISTA_NTC_DIR}/${ARISTA_NTC[0][0]}.raw`), CTX)).entries;
    expect(entries.filter((e) => e.mac === '42:42:30:57:84:23')).toEqual(
      ['Po135', 'Po12', 'po5', 'eth1/1'].map((port) => ({ mac: '42:42:30:57:84:23', vlan: 47, port, type: 'static' })),
    );
  });

  it('ignores the move count and the "N days, hh:mm:ss ago" last move', () => {
    const entries = table(parser.parse(readExternalText(`${ARISTA_NTC_DIR}/${ARISTA_NTC[0][0]}.raw`), CTX)).entries;
    expect(entries[2]).toEqual({ mac: '00:1c:82:24:36:d7', vlan: 101, port: 'Po2', type: 'dynamic' });
  });

  it('names the device from an EOS prompt', () => {
    const text = `leaf-03#show mac address-table\n${readExternalText(`${ARISTA_NTC_DIR}/${ARISTA_NTC[0][0]}.raw`)}\nleaf-03#`;
    expect(table(parser.parse(text, { receivedAt: 0 })).device).toBe('leaf-03');
  });

  it('refuses text with neither its header nor a row', () => {
    expect(() => parser.parse('Total Mac Addresses for this criterion: 0\n', CTX)).toThrow(ParseError);
  });
});
