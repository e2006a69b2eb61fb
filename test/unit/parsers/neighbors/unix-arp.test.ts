import { describe, expect, it } from 'vitest';
import { readExternalText } from '../../../helpers/fixtures.ts';
import { ctxFor, RECEIVED_AT, run } from './support.ts';

const HOST = ctxFor({ host: 'unix1' });
const e = (ip: string, mac: string | null, state: string, iface: string | null) => ({ ip, mac, state, iface, vlan: null, ageSec: null });
const GATEWAY = e('192.168.16.2', '00:50:56:f1:4c:50', 'dynamic', 'ens33');

describe('unix-arp: getmac captures (getmac’s asserted value, plus every row)', () => {
  it.each([
    ['getmac/ubuntu_18.04/arp_-a.out', [e('192.168.16.254', '00:50:56:e1:2f:51', 'dynamic', 'ens33'), GATEWAY]],
    ['getmac/ubuntu_18.04/arp_-an.out', [e('192.168.16.254', '00:50:56:e1:2f:51', 'dynamic', 'ens33'), GATEWAY]],
    ['getmac/ubuntu_18.04/cat_proc-net-arp.out', [e('192.168.16.254', '00:50:56:e1:2f:51', 'dynamic', 'ens33'), GATEWAY]],
    [
      'getmac/freebsd11/arp_-a.out',
      [e('10.0.2.15', '08:00:27:ab:b0:67', 'permanent', 'em0'), e('10.0.2.2', '52:54:00:12:35:02', 'dynamic', 'em0'), e('10.0.2.3', '52:54:00:12:35:03', 'dynamic', 'em0')],
    ],
    [
      'getmac/openbsd_6/arp_an.out',
      [e('10.0.2.2', '52:54:00:12:35:02', 'dynamic', 'em0'), e('10.0.2.3', '52:54:00:12:35:03', 'stale', 'em0'), e('10.0.2.15', '08:00:27:18:64:56', 'permanent', 'em0')],
    ],
    [
      'getmac/macos_10.12.6/arp_-an.out',
      [e('10.0.2.2', '52:54:00:12:35:02', 'dynamic', 'en0'), e('10.0.2.3', '52:54:00:12:35:03', 'dynamic', 'en0'), e('224.0.0.251', '01:00:5e:00:00:fb', 'permanent', 'en0')],
    ],
  ])('%s', (file, entries) => {
    const { obs, rejects } = run('unix-arp', readExternalText(file), HOST);
    expect(rejects).toEqual([]);
    expect(obs.entries).toEqual(entries);
  });

  it('Solaris Net to Media Table: numeric rows read, host-name rows rejected with their line', () => {
    const { obs, rejects } = run('unix-arp', readExternalText('getmac/solaris10/arp_-a.out'), HOST);
    expect(obs.entries).toEqual([e('10.0.2.2', '52:54:00:12:35:02', 'dynamic', 'e1000g0'), e('10.0.2.3', '52:54:00:12:35:03', 'dynamic', 'e1000g0')]);
    expect(rejects).toEqual([
      { line: 6, reason: 'IP Address column holds the host name "vagrant-solaris10.dev", not an IP address (run arp with -n)' },
      { line: 7, reason: 'IP Address column holds the host name "base-address.mcast.net", not an IP address (run arp with -n)' },
    ]);
  });
});

describe('unix-arp: layouts and hostile rows', () => {
  it('net-tools arp -n without heading (localised), incomplete and permanent rows', () => {
    const text = [
      'Adresse                  HWTyp   HWAdresse           Flags Maske           Iface',
      '10.0.0.1                 ether   00:15:5d:00:00:01   C                     eth0',
      '10.0.0.2                         (incomplete)                              eth0',
      '10.0.0.3                 ether   00:15:5d:00:00:03   CM                    eth0',
      '10.0.0.4                 ether   00:15:5d:00:00:zz   C                     eth0',
    ].join('\n');
    const { obs, rejects } = run('unix-arp', text, HOST);
    expect(obs.entries).toEqual([e('10.0.0.1', '00:15:5d:00:00:01', 'dynamic', 'eth0'), e('10.0.0.2', null, 'incomplete', 'eth0'), e('10.0.0.3', '00:15:5d:00:00:03', 'permanent', 'eth0')]);
    expect(rejects).toEqual([{ line: 5, reason: 'HWaddress "00:15:5d:00:00:zz" is not a MAC address' }]);
  });

  it('Linux arp -a PERM/PUB rows, a shell prompt as observer, and bad rows as rejects', () => {
    const text = [
      '[root@hv-lin2 ~]# arp -an',
      '? (10.0.0.1) at 00:15:5d:00:00:01 [ether] PERM on eth0',
      '? (10.0.0.2) at <from_interface> PERM PUB on eth0',
      '? (10.0.0.300) at 00:15:5d:00:00:03 [ether] on eth0',
      '? (10.0.0.4) at jenn.3057.8423 [ether] on eth0',
    ].join('\r\n');
    const { obs, rejects } = run('unix-arp', text, { receivedAt: RECEIVED_AT });
    expect(obs.observer).toBe('hv-lin2');
    expect(obs.entries).toEqual([e('10.0.0.1', '00:15:5d:00:00:01', 'permanent', 'eth0'), e('10.0.0.2', null, 'incomplete', 'eth0')]);
    expect(rejects).toEqual([
      { line: 4, reason: 'address "(10.0.0.300)" is not a valid IPv4 or IPv6 address' },
      { line: 5, reason: 'hardware address "jenn.3057.8423" is not a MAC address' },
    ]);
  });

  it('/proc/net/arp flags: 0x0 incomplete with zero MAC, 0x6 permanent', () => {
    const text = [
      'IP address       HW type     Flags       HW address            Mask     Device',
      '10.0.0.1         0x1         0x0         00:00:00:00:00:00     *        eth0',
      '10.0.0.2         0x1         0x6         00:15:5d:00:00:02     *        eth0',
      '10.0.0.3         0x1         zz          00:15:5d:00:00:03     *        eth0',
    ].join('\n');
    const { obs, rejects } = run('unix-arp', text, HOST);
    expect(obs.entries).toEqual([e('10.0.0.1', null, 'incomplete', 'eth0'), e('10.0.0.2', '00:15:5d:00:00:02', 'permanent', 'eth0')]);
    expect(rejects).toEqual([{ line: 4, reason: 'Flags "zz" is not a hex number' }]);
  });

  it('Solaris rows with empty flags and unresolved (U) rows', () => {
    const text = [
      'Net to Media Table: IPv4',
      'Device   IP Address               Mask      Flags      Phys Addr',
      '------ -------------------- --------------- -------- ---------------',
      'bge0   10.0.0.1             255.255.255.255          00:15:5d:00:00:01',
      'bge0   10.0.0.2             255.255.255.255 U',
      'bge0   10.0.0.3             255.255.255.255 SPLA     00:15:5d:00:00:03',
    ].join('\n');
    const { obs, rejects } = run('unix-arp', text, HOST);
    expect(rejects).toEqual([]);
    expect(obs.entries).toEqual([e('10.0.0.1', '00:15:5d:00:00:01', 'dynamic', 'bge0'), e('10.0.0.2', null, 'incomplete', 'bge0'), e('10.0.0.3', '00:15:5d:00:00:03', 'permanent', 'bge0')]);
  });

  it('refuses text with no arp layout at all', () => {
    expect(() => run('unix-arp', 'Vlan    Mac Address       Type        Ports\n   1    30a3.30a3.a1c3    DYNAMIC     Po1\n', HOST)).toThrow(
      expect.objectContaining({ code: 'not_unix_arp' }),
    );
  });
});
