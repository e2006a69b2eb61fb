import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OWN_ROOT, readExternalText } from '../../../helpers/fixtures.ts';
import { decodeText } from '../../../../collectors/parsers/decode.ts';
import { ctxFor, RECEIVED_AT, run } from './support.ts';

const ownText = (name: string) => decodeText(readFileSync(join(OWN_ROOT, 'neighbors', name)));
const HOST = ctxFor({ host: 'hv-07' });
const dyn = (ip: string, mac: string, iface: string) => ({ ip, mac, state: 'dynamic', iface, vlan: null, ageSec: null });
const sta = (ip: string, mac: string | null, iface: string) => ({ ip, mac, state: 'static', iface, vlan: null, ageSec: null });

describe('windows-arp: getmac windows_10 captures', () => {
  const { obs, rejects } = run('windows-arp', readExternalText('getmac/windows_10/arp_-a.out'), HOST);
  const first = '10.0.0.185 (0x5)';

  it('reads all 47 rows of the 7 interface blocks without rejects', () => {
    expect(rejects).toEqual([]);
    expect(obs.entries).toHaveLength(47);
    expect(obs.observer).toBe('hv-07');
    expect(obs.time).toBe(RECEIVED_AT);
  });

  it.each([
    ['10.0.0.185 (0x5)', 12],
    ['192.168.84.1 (0xc)', 6],
    ['192.168.17.1 (0x10)', 6],
    ['192.168.56.1 (0x17)', 6],
    ['192.168.38.1 (0x18)', 6],
    ['192.168.235.1 (0x1c)', 6],
    ['172.17.112.1 (0x48)', 5],
  ])('block %s holds %i rows', (iface, n) => {
    expect(obs.entries.filter((e) => e.iface === iface)).toHaveLength(n);
  });

  it('first block: four dynamic neighbors, then eight static broadcast/multicast rows', () => {
    expect(obs.entries.slice(0, 12)).toEqual([
      dyn('10.0.0.1', '6a:d7:9a:29:2b:82', first),
      dyn('10.0.0.175', '78:28:ca:c4:66:fe', first),
      dyn('10.0.0.187', '5c:aa:fd:5e:49:48', first),
      dyn('10.0.0.198', 'b8:e9:37:46:ff:76', first),
      sta('10.0.0.255', 'ff:ff:ff:ff:ff:ff', first),
      sta('224.0.0.2', '01:00:5e:00:00:02', first),
      sta('224.0.0.22', '01:00:5e:00:00:16', first),
      sta('224.0.0.251', '01:00:5e:00:00:fb', first),
      sta('224.0.0.252', '01:00:5e:00:00:fc', first),
      sta('224.168.100.1', '01:00:5e:28:64:01', first),
      sta('239.255.255.250', '01:00:5e:7f:ff:fa', first),
      sta('255.255.255.255', 'ff:ff:ff:ff:ff:ff', first),
    ]);
  });

  it('the other blocks hold static rows only', () => {
    expect(obs.entries.slice(12).every((e) => e.state === 'static')).toBe(true);
  });

  it('arp -a <ip> prints one block with the one row', () => {
    const one = run('windows-arp', readExternalText('getmac/windows_10/arp_-a_10.0.0.175.out'), HOST);
    expect(one.rejects).toEqual([]);
    expect(one.obs.entries).toEqual([dyn('10.0.0.175', '78:28:ca:c4:66:fe', first)]);
  });
});

describe('windows-arp: own captures (UTF-16LE, CRLF, localised)', () => {
  it('reads UTF-16LE with BOM and CRLF once decoded, including an unresolved (invalid) row', () => {
    const { obs, rejects } = run('windows-arp', ownText('windows-arp-utf16le.txt'), HOST);
    expect(rejects).toEqual([]);
    expect(obs.entries).toHaveLength(11);
    expect(obs.entries[0]).toEqual(dyn('10.20.0.1', '00:1b:54:c2:31:40', '10.20.0.21 (0x7)'));
    expect(obs.entries[3]).toEqual({ ...sta('10.20.0.24', null, '10.20.0.21 (0x7)'), state: 'incomplete' });
    expect(obs.entries[8]).toEqual(dyn('172.16.5.22', '00:15:5d:14:01:0a', '172.16.5.21 (0x1a)'));
  });

  it.each([
    ['windows-arp-de.txt', '192.168.178.20 (0xb)', [['192.168.178.1', 'dynamic'], ['192.168.178.30', 'dynamic'], ['192.168.178.255', 'static'], ['224.0.0.22', 'static'], ['255.255.255.255', 'static']]],
    ['windows-arp-fr.txt', '10.1.1.15 (0x4)', [['10.1.1.1', 'dynamic'], ['10.1.1.255', 'static']]],
    ['windows-arp-es.txt', '192.168.1.50 (0x12)', [['192.168.1.1', 'dynamic'], ['192.168.1.255', 'static']]],
    ['windows-arp-ptbr-cp850.txt', '192.168.0.10 (0x9)', [['192.168.0.1', 'dynamic'], ['192.168.0.255', 'static']]],
  ])('%s: rows found by shape, type words mapped', (file, iface, rows) => {
    const { obs, rejects } = run('windows-arp', ownText(file), HOST);
    expect(rejects).toEqual([]);
    expect(obs.entries.map((e) => [e.ip, e.state])).toEqual(rows);
    expect(obs.entries.every((e) => e.iface === iface && e.mac !== null)).toBe(true);
  });

  it('hand-edited bad rows become rejects with their line; good and unknown-type rows are kept', () => {
    const { obs, rejects } = run('windows-arp', ownText('windows-arp-invalid.txt'), HOST);
    expect(obs.entries.map((e) => [e.ip, e.state])).toEqual([
      ['10.20.0.1', 'dynamic'],
      ['10.20.0.25', 'unknown'],
      ['10.20.0.27', 'static'],
    ]);
    expect(rejects).toEqual([
      { line: 5, reason: 'Internet address "10.20.0.300" is not a valid IPv4 address' },
      { line: 6, reason: 'physical address "00-15-5d-14-00" is not a MAC address' },
      { line: 7, reason: 'physical address "jenn-30-57-84-23-00" is not a MAC address' },
      { line: 9, reason: 'row for 10.20.0.26 has no physical address' },
    ]);
  });
});
