import { describe, expect, it } from 'vitest';
import { parseInput } from '../../../../collectors/parsers/index.ts';
import type { Parser } from '../../../../collectors/parsers/types.ts';
import { parser as ios } from '../../../../collectors/parsers/cisco-ios-mac.ts';
import { parser as nxos } from '../../../../collectors/parsers/cisco-nxos-mac.ts';
import { parser as arista } from '../../../../collectors/parsers/arista-mac.ts';
import { parser as juniper } from '../../../../collectors/parsers/juniper-mac.ts';
import { MAX_TABLE_LINE } from '../../../../collectors/parsers/mac-common.ts';
import { readExternal, readExternalText } from '../../../helpers/fixtures.ts';
import { CTX, table } from './golden.ts';
import { ARISTA_NTC_DIR, IOS_NTC_DIR, JUNOS_NTC_DIR, NXOS_NAPALM_DIR } from './cases.ts';

/** One real sample per text parser, with the number of entries it yields. */
const TEXT_PARSERS: [Parser, string, number][] = [
  [ios, `${IOS_NTC_DIR}/cisco_ios_show_mac-address-table4.raw`, 17],
  [nxos, `${NXOS_NAPALM_DIR}/normal/show_mac_address_table.txt`, 13],
  [arista, `${ARISTA_NTC_DIR}/arista_eos_show_mac_address-table.raw`, 28],
  [juniper, `${JUNOS_NTC_DIR}/juniper_junos_show_ethernet-switching_table.raw`, 3],
];

describe.each(TEXT_PARSERS)('hostile input to $id', (parser, rel, count) => {
  const sample = readExternalText(rel);
  const lines = sample.split(/\r?\n/);

  it('rejects an absurdly long line by number without scanning it, and keeps the rest', () => {
    const text = [...lines.slice(0, -1), 'x'.repeat(100_000), lines[lines.length - 1]].join('\n');
    const result = parser.parse(text, CTX);
    expect(table(result).entries).toHaveLength(count);
    expect(result.rejects).toContainEqual({
      line: lines.length,
      reason: `line is 100000 characters long; table lines are at most ${MAX_TABLE_LINE}`,
    });
  });

  it('reads the same table with CRLF, CR-only and LF line endings', () => {
    const lf = table(parser.parse(lines.join('\n'), CTX)).entries;
    expect(table(parser.parse(lines.join('\r\n'), CTX)).entries).toEqual(lf);
    expect(table(parser.parse(lines.join('\r'), CTX)).entries).toEqual(lf);
  });

  it('rejects a data row with a NUL byte inside its MAC instead of storing a wrong MAC', () => {
    const i = lines.findIndex((l) => /[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}|([0-9a-f]{2}:){5}/.test(l));
    const broken = [...lines];
    broken[i] = broken[i].replace(/([0-9a-f]{2})([.:])/, '$1\0$2');
    const result = parser.parse(broken.join('\n'), CTX);
    expect(table(result).entries).toHaveLength(count - 1);
    expect(result.rejects).toHaveLength(parser === arista ? 2 : 1);
  });

  it('stays linear on a megabyte of row-like garbage', () => {
    const garbage = `${sample}\n${' 1 0015.5d01.0203 '.repeat(50).slice(0, 1000)}\n`.repeat(1);
    const junk = `${'*'.repeat(900)} ${'a'.repeat(90)}\n`.repeat(1100);
    const started = performance.now();
    parser.parse(garbage + junk, CTX);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('decoding before parsing', () => {
  it('reads a UTF-16LE capture (PowerShell `>` redirect) the same as the UTF-8 original', () => {
    const rel = `${IOS_NTC_DIR}/cisco_ios_show_mac-address-table4.raw`;
    const utf8 = readExternal(rel);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf8.toString('utf8'), 'utf16le')]);
    const a = parseInput(utf8, CTX, 'cisco-ios-mac');
    const b = parseInput(utf16, CTX, 'cisco-ios-mac');
    expect(b.observations).toEqual(a.observations);
    expect(parseInput(utf16, CTX).format).toBe('cisco-ios-mac');
  });
});
