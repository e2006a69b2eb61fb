import { describe, expect, it } from 'vitest';
import { readExternalText } from '../../../helpers/fixtures.ts';
import { ctxFor, run } from './support.ts';

const HOST = ctxFor({ host: 'desktop-1' });
const v4 = run('netsh-neighbors', readExternalText('getmac/windows_10/netsh_int_ipv4_show_neigh.out'), HOST);
const v6 = run('netsh-neighbors', readExternalText('getmac/windows_10/netsh_int_ipv6_show_neigh.out'), HOST);

describe('netsh-neighbors: netsh interface ipv4 show neighbors (getmac windows_10)', () => {
  it('reads all 76 rows of the 11 interface blocks without rejects', () => {
    expect(v4.rejects).toEqual([]);
    expect(v4.obs.entries).toHaveLength(76);
    expect(new Set(v4.obs.entries.map((e) => e.iface)).size).toBe(11);
  });

  it.each([
    ['Ethernet 4', 12],
    ['Loopback Pseudo-Interface 1', 7],
    ['vEthernet (WSL)', 5],
    ['VirtualBox Host-Only Network #2', 6],
    ['VMware Network Adapter VMnet1', 7],
  ])('block %s holds %i rows', (iface, n) => {
    expect(v4.obs.entries.filter((e) => e.iface === iface)).toHaveLength(n);
  });

  it.each([
    ['10.0.0.1', '6a:d7:9a:29:2b:82', 'reachable', 'Ethernet 4'],
    ['10.0.0.175', '78:28:ca:c4:66:fe', 'stale', 'Ethernet 4'],
    ['10.0.0.187', '5c:aa:fd:5e:49:48', 'stale', 'Ethernet 4'],
    ['10.0.0.198', 'b8:e9:37:46:ff:76', 'stale', 'Ethernet 4'],
    ['192.168.17.1', null, 'unreachable', 'VMware Network Adapter VMnet1'],
    ['172.17.127.255', 'ff:ff:ff:ff:ff:ff', 'permanent', 'vEthernet (WSL)'],
  ])('%s → %s, %s on %s', (ip, mac, state, iface) => {
    expect(v4.obs.entries.filter((e) => e.ip === ip)).toEqual([{ ip, mac, state, iface, vlan: null, ageSec: null }]);
  });

  it('rows with an empty physical address (loopback multicast) keep their state and a null MAC', () => {
    const loop = v4.obs.entries.filter((e) => e.iface === 'Loopback Pseudo-Interface 1');
    expect(loop.every((e) => e.mac === null && e.state === 'permanent')).toBe(true);
    expect(v4.obs.entries.filter((e) => e.mac === null)).toHaveLength(8);
  });
});

describe('netsh-neighbors: netsh interface ipv6 show neighbors (getmac windows_10)', () => {
  it('reads all 180 rows: 87 unreachable with zero MAC (null), 93 permanent', () => {
    expect(v6.rejects).toEqual([]);
    expect(v6.obs.entries).toHaveLength(180);
    expect(v6.obs.entries.filter((e) => e.state === 'unreachable' && e.mac === null)).toHaveLength(87);
    expect(v6.obs.entries.filter((e) => e.state === 'permanent')).toHaveLength(93);
  });

  it('keeps IPv6 multicast mapped to 33-33-… MACs', () => {
    expect(v6.obs.entries.find((e) => e.ip === 'ff02::1:ff50:9b3c' && e.iface === 'Local Area Connection 2')).toEqual({
      ip: 'ff02::1:ff50:9b3c',
      mac: '33:33:ff:50:9b:3c',
      state: 'permanent',
      iface: 'Local Area Connection 2',
      vlan: null,
      ageSec: null,
    });
  });
});

describe('netsh-neighbors: hostile rows', () => {
  const text = [
    'Schnittstelle 7: vEthernet (Mgmt)',
    '',
    'Internetadresse                               Physische Adresse  Typ',
    '--------------------------------------------  -----------------  -----------',
    '10.20.0.1                                     00-1b-54-c2-31-40  Erreichbar',
    '10.20.0.2                                     00-1b-54-c2-31-zz  Erreichbar',
    '10.20.0.300                                   00-1b-54-c2-31-42  Veraltet',
    'fe80::1::2                                    00-1b-54-c2-31-43  Veraltet',
    '10.20.0.4                                     00-1b-54-c2-31-44',
    '10.20.0.5                                     00-1b-54-c2-31-45  Nicht erreichbar',
    '10.20.0.6                                     00-1b-54-c2-31-46  Schwebend',
  ].join('\r\n');

  it('localised blocks and states are read; bad rows are rejected with their line', () => {
    const { obs, rejects } = run('netsh-neighbors', text, HOST);
    expect(obs.entries.map((e) => [e.ip, e.state, e.iface])).toEqual([
      ['10.20.0.1', 'reachable', 'vEthernet (Mgmt)'],
      ['10.20.0.5', 'unreachable', 'vEthernet (Mgmt)'],
      ['10.20.0.6', 'unknown', 'vEthernet (Mgmt)'],
    ]);
    expect(rejects).toEqual([
      { line: 6, reason: 'physical address "00-1b-54-c2-31-zz" is not a MAC address' },
      { line: 7, reason: 'Internet address "10.20.0.300" is not a valid IPv4 or IPv6 address' },
      { line: 8, reason: 'Internet address "fe80::1::2" is not a valid IPv4 or IPv6 address' },
      { line: 9, reason: 'row for 10.20.0.4 has no type (neighbor state)' },
    ]);
  });
});
