/**
 * Every neighbor parser against hostile input: no crash, bounded time, precise rejects, observers
 * from prompts, and a clear refusal for input that is not its format.
 */
import { describe, expect, it } from 'vitest';
import { findParser } from '../../../../collectors/parsers/index.ts';
import { MAX_REJECTS } from '../../../../collectors/parsers/neigh-common.ts';
import { MAX_LINE } from '../../../../collectors/parsers/neigh-lines.ts';
import { ctxFor, RECEIVED_AT, run } from './support.ts';

const TEXT_FORMATS = ['windows-arp', 'netsh-neighbors', 'ip-neigh', 'unix-arp', 'cisco-ios-arp', 'cisco-nxos-arp', 'arista-arp', 'juniper-arp'];
const ALL_FORMATS = [...TEXT_FORMATS, 'get-netneighbor', 'ip-neigh-json', 'arista-arp-json', 'juniper-arp-xml'];

/** Lines built to make a careless regular expression backtrack. */
const NASTY = [
  'a'.repeat(4000),
  '1.'.repeat(2000),
  '('.repeat(4000),
  `Interface${' '.repeat(3990)}x`,
  `user@${'a'.repeat(3990)}`,
  `sw1${'#'.repeat(3990)}`,
  `${'0:'.repeat(1999)}`,
  `Internet ${'1 '.repeat(1990)}`,
  `10.0.0.1 ${'dev '.repeat(990)}`,
  `? (10.0.0.1) at ${'on '.repeat(1300)}`,
  `Entries: ${'1'.repeat(1000)} ${':'.repeat(2000)}`,
  `{${'a:'.repeat(1999)}`,
];

describe('hostile input', () => {
  it.each(ALL_FORMATS)('%s: pathological lines and a huge body finish quickly and never throw anything but ParseError', (format) => {
    const parser = findParser(format)!;
    const body = [...NASTY, ...NASTY.map((l) => `  ${l}`)].join('\n').repeat(20);
    const started = performance.now();
    for (const text of [body, NASTY.join('\r\n'), 'x'.repeat(2_000_000)]) {
      parser.sniff(text);
      try {
        parser.parse(text, ctxFor());
      } catch (err) {
        expect((err as Error).name).toBe('ParseError');
      }
    }
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('an over-long line is rejected unread and the rows around it are kept', () => {
    const text = ['Protocol  Address   Age (min)  Hardware Addr   Type   Interface', `Internet  ${'9'.repeat(MAX_LINE + 1)}`, 'Internet  10.0.0.1  5  0015.5d00.0001  ARPA  Vlan10'].join('\n');
    const { obs, rejects } = run('cisco-ios-arp', text);
    expect(obs.entries).toHaveLength(1);
    expect(rejects).toEqual([{ line: 2, reason: `line is ${MAX_LINE + 11} characters long; lines over ${MAX_LINE} characters are not read` }]);
  });

  it('control characters inside a row make it a reject, not a crash', () => {
    const text = 'Internet  10.0.0.1\u0000  5  0015.5d00.0001  ARPA  Vlan10\nInternet  10.0.0.2  5  0015.5d00.0002  ARPA  Vlan10\n';
    const { obs, rejects } = run('cisco-ios-arp', text);
    expect(obs.entries.map((e) => e.ip)).toEqual(['10.0.0.2']);
    expect(rejects).toEqual([{ line: 1, reason: 'Address "10.0.0.1\\u0000" is not a valid IPv4 or IPv6 address' }]);
  });

  it(`rejects are capped at ${MAX_REJECTS} with a summary`, () => {
    const text = Array.from({ length: MAX_REJECTS + 50 }, (_, i) => `10.0.${i >> 8}.${i & 255} dev eth0 lladdr zz STALE`).join('\n');
    const { rejects } = run('ip-neigh', text);
    expect(rejects).toHaveLength(MAX_REJECTS + 1);
    expect(rejects.at(-1)).toEqual({ reason: `50 further rejects were not listed (limit ${MAX_REJECTS}).` });
  });

  it.each(['{"a":1}', '[1,2', '<x/>', 'not json'])('JSON/XML parsers refuse %j with ParseError', (text) => {
    for (const format of ['get-netneighbor', 'ip-neigh-json', 'arista-arp-json', 'juniper-arp-xml']) {
      expect(() => findParser(format)!.parse(text, ctxFor())).toThrow(expect.objectContaining({ name: 'ParseError' }));
    }
  });

  it('XML with a DTD is refused (no entity expansion)', () => {
    const xml = '<!DOCTYPE x [<!ENTITY a "b">]><arp-table-information/>';
    expect(() => run('juniper-arp-xml', xml)).toThrow(expect.objectContaining({ code: 'not_juniper_arp_xml' }));
  });
});

describe('observer', () => {
  it.each([
    ['cisco-ios-arp', 'core-sw1#show ip arp\nProtocol  Address   Age (min)  Hardware Addr   Type   Interface\nInternet  10.0.0.1  5  0015.5d00.0001  ARPA  Vlan10\ncore-sw1#', 'core-sw1'],
    ['cisco-ios-arp', 'RP/0/RP0/CPU0:xr-edge1#show arp\nAddress         Age        Hardware Addr   State      Type  Interface\n10.0.0.1  00:00:02  0015.5d00.0001  Dynamic  ARPA  Gi0/0/0/0', 'xr-edge1'],
    ['cisco-nxos-arp', 'nx-leaf3# show ip arp vrf all\nAddress         Age       MAC Address     Interface\n10.0.0.1  00:00:04  0015.5d00.0001  Vlan10', 'nx-leaf3'],
    ['arista-arp', 'eos-spine1>show ip arp\nAddress      Age (min) Hardware Addr  Interface\n10.0.0.1  0 0015.5d00.0001 Vlan10, Ethernet1', 'eos-spine1'],
    ['juniper-arp', '{master:0}\r\nnetops@mx-01> show arp no-resolve\r\nMAC Address       Address         Interface     Flags\r\n00:15:5d:00:00:01 10.0.0.1 ge-0/0/0.0 none\r\n', 'mx-01'],
    ['juniper-arp-xml', 'netops@mx-02> show arp no-resolve | display xml\n<rpc-reply><arp-table-information><arp-table-entry><mac-address>00:15:5d:00:00:01</mac-address><ip-address>10.0.0.1</ip-address><interface-name>ge-0/0/0.0</interface-name></arp-table-entry></arp-table-information></rpc-reply>\n{master:0}\nnetops@mx-02> ', 'mx-02'],
  ])('%s takes the device from the CLI prompt', (format, text, observer) => {
    const { obs, rejects } = run(format, text, { receivedAt: RECEIVED_AT });
    expect(rejects).toEqual([]);
    expect(obs.observer).toBe(observer);
    expect(obs.entries).toHaveLength(1);
    expect(obs.entries[0]).toMatchObject({ ip: '10.0.0.1', mac: '00:15:5d:00:00:01' });
  });

  it('?device= wins over the prompt, and ?at= sets the time', () => {
    const { obs } = run('cisco-ios-arp', 'sw9#show ip arp\nInternet  10.0.0.1  5  0015.5d00.0001  ARPA  Vlan10', { device: 'sw-inventory-name', at: 42, receivedAt: RECEIVED_AT });
    expect(obs.observer).toBe('sw-inventory-name');
    expect(obs.time).toBe(42);
  });

  it.each([
    ['windows-arp', 'Interface: 10.0.0.5 --- 0x5\n  10.0.0.1   00-15-5d-00-00-01   dynamic'],
    ['netsh-neighbors', 'Interface 5: Ethernet\n----------------------  ------  -------\n10.0.0.1  00-15-5d-00-00-01  Reachable'],
    ['ip-neigh', '10.0.0.1 dev eth0 lladdr 00:15:5d:00:00:01 REACHABLE'],
    ['unix-arp', '? (10.0.0.1) at 00:15:5d:00:00:01 [ether] on eth0'],
    ['cisco-ios-arp', 'Internet  10.0.0.1  5  0015.5d00.0001  ARPA  Vlan10'],
    ['cisco-nxos-arp', 'IP ARP Table for context default\n10.0.0.1  00:00:04  0015.5d00.0001  Vlan10'],
    ['arista-arp', 'Address      Age (min) Hardware Addr  Interface\n10.0.0.1  0 0015.5d00.0001 Vlan10'],
    ['juniper-arp', 'MAC Address       Address         Interface     Flags\n00:15:5d:00:00:01 10.0.0.1 ge-0/0/0.0 none'],
    ['arista-arp-json', '{"ipV4Neighbors":[{"address":"10.0.0.1","hwAddress":"0015.5d00.0001","interface":"Vlan10","age":0}]}'],
    ['juniper-arp-xml', '<arp-table-information/>'],
  ])('%s without a prompt, ?host= or ?device= is refused as missing_source', (format, text) => {
    expect(() => run(format, text, { receivedAt: RECEIVED_AT })).toThrow(expect.objectContaining({ code: 'missing_source' }));
  });
});

describe('not this format', () => {
  const mac = 'Vlan    Mac Address       Type        Ports\n----    -----------       --------    -----\n   1    30a3.30a3.a1c3    DYNAMIC     Po1\n';
  it.each(TEXT_FORMATS.filter((f) => f !== 'ip-neigh'))('%s refuses a MAC table with a not_* ParseError', (format) => {
    expect(() => run(format, mac)).toThrow(expect.objectContaining({ name: 'ParseError', code: expect.stringMatching(/^not_/) }));
  });
  it('ip-neigh refuses a MAC table too', () => {
    expect(() => run('ip-neigh', mac)).toThrow(expect.objectContaining({ code: 'not_ip_neigh' }));
  });
});
