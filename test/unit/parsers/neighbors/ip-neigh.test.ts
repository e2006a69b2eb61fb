import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OWN_ROOT, readExternalText } from '../../../helpers/fixtures.ts';
import { ctxFor, RECEIVED_AT, run } from './support.ts';

const own = (name: string) => readFileSync(join(OWN_ROOT, 'neighbors', name), 'utf8');
const HOST = ctxFor({ host: 'lin1' });
const e = (ip: string, mac: string | null, state: string, iface: string | null) => ({ ip, mac, state, iface, vlan: null, ageSec: null });

describe('ip-neigh: getmac captures (values getmac asserts, plus every row)', () => {
  it.each([
    ['getmac/ubuntu_18.04/ip_neighbor_show.out', [e('192.168.16.254', '00:50:56:e1:2f:51', 'stale', 'ens33'), e('192.168.16.2', '00:50:56:f1:4c:50', 'reachable', 'ens33')]],
    ['getmac/ubuntu_18.04/ip_neighbor_show_192-168-16-2.out', [e('192.168.16.2', '00:50:56:f1:4c:50', 'delay', 'ens33')]],
    ['getmac/android_6/ip_neighbor.out', [e('fe80::2', '52:56:00:00:00:02', 'stale', 'eth0'), e('10.0.2.2', '52:55:0a:00:02:02', 'stale', 'eth0')]],
    [
      'getmac/android_9/ip_neighbor.out',
      [
        e('192.168.232.1', '02:00:00:00:01:00', 'stale', 'wlan0'),
        e('192.168.200.1', '8e:8f:aa:c9:d2:8b', 'stale', 'radio0'),
        e('fe80::ff:fe00:100', '02:00:00:00:01:00', 'stale', 'wlan0'),
        e('fe80::8c8f:aaff:fec9:d28b', '8e:8f:aa:c9:d2:8b', 'stale', 'radio0'),
      ],
    ],
  ])('%s', (file, entries) => {
    const { obs, rejects } = run('ip-neigh', readExternalText(file), HOST);
    expect(rejects).toEqual([]);
    expect(obs.entries).toEqual(entries);
  });
});

describe('ip-neigh: own capture (ip -s neigh, unresolved, tunnel, bad rows)', () => {
  const { obs, rejects } = run('ip-neigh', own('ip-neigh-stats.txt'), { receivedAt: RECEIVED_AT });

  it('takes the observer from the shell prompt', () => expect(obs.observer).toBe('hv-lin1'));

  it('reads statistics keywords, unresolved entries and a tunnel link address (null MAC)', () => {
    expect(obs.entries).toEqual([
      e('192.168.101.1', '00:98:2b:f8:3f:11', 'reachable', 'enp0s25'),
      e('192.168.101.7', null, 'failed', 'enp0s25'),
      e('192.168.101.10', null, 'incomplete', 'enp0s25'),
      e('fe80::298:2bff:fef8:3f11', '00:98:2b:f8:3f:11', 'stale', 'enp0s25'),
      e('10.9.0.2', null, 'permanent', 'gre1'),
    ]);
  });

  it('rejects a bad address and a bad lladdr with their line numbers', () => {
    expect(rejects).toEqual([
      { line: 7, reason: 'address "192.168.101.300" is not a valid IPv4 or IPv6 address' },
      { line: 8, reason: 'lladdr "jenn.3057.8423" is not a MAC address' },
    ]);
  });

  it('an empty table (no output) is a valid, empty snapshot', () => {
    expect(run('ip-neigh', '', HOST).obs.entries).toEqual([]);
  });

  it('refuses text with no neighbor line at all', () => {
    expect(() => run('ip-neigh', 'hello\nworld\n', HOST)).toThrow(expect.objectContaining({ code: 'not_ip_neigh' }));
  });
});

describe('ip-neigh-json: ip -j neigh', () => {
  const { obs, rejects } = run('ip-neigh-json', own('ip-neigh.json'), HOST);

  it('reads state arrays, missing lladdr, router flags', () => {
    expect(obs.entries).toEqual([
      e('192.168.101.1', '00:98:2b:f8:3f:11', 'reachable', 'enp0s25'),
      e('192.168.101.7', null, 'failed', 'enp0s25'),
      e('fe80::298:2bff:fef8:3f11', '00:98:2b:f8:3f:11', 'stale', 'enp0s25'),
      e('192.168.101.9', '00:15:5d:00:07:01', 'permanent', 'enp0s25'),
      e('192.168.101.10', null, 'incomplete', 'enp0s25'),
    ]);
  });

  it('rejects bad objects by index', () => {
    expect(rejects).toEqual([
      { index: 5, reason: 'dst "192.168.101.300" is not a valid IPv4 or IPv6 address' },
      { index: 6, reason: 'lladdr "00:15:5d:00:07" is not a MAC address' },
      { index: 7, reason: 'dst is missing' },
      { index: 8, reason: 'item is not an object' },
    ]);
  });

  it.each([
    ['not JSON', 'garbage', 'not_ip_neigh_json'],
    ['an object, not an array', '{"dst":"10.0.0.1"}', 'not_ip_neigh_json'],
    ['no observer', '[]', 'missing_source'],
  ])('refuses %s', (_w, body, code) => {
    expect(() => run('ip-neigh-json', body, { receivedAt: RECEIVED_AT })).toThrow(expect.objectContaining({ code }));
  });
});
