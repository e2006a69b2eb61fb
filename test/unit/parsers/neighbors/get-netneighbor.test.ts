import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OWN_ROOT } from '../../../helpers/fixtures.ts';
import { neighborsFromGetNetNeighbor } from '../../../../collectors/parsers/get-netneighbor.ts';
import { ctxFor, RECEIVED_AT, run } from './support.ts';

const own = (name: string) => readFileSync(join(OWN_ROOT, 'neighbors', name), 'utf8');
const MGMT = 'vEthernet (Mgmt)';

describe('get-netneighbor: Get-NetNeighbor | ConvertTo-Json', () => {
  it('reads one object (PS 5.1 layout, numeric State) and takes the observer from SystemName', () => {
    const { obs, rejects } = run('get-netneighbor', own('get-netneighbor-object.json'), { receivedAt: RECEIVED_AT });
    expect(rejects).toEqual([]);
    expect(obs.observer).toBe('HV-07');
    expect(obs.time).toBe(RECEIVED_AT);
    expect(obs.entries).toEqual([{ ip: '10.20.0.1', mac: '00:1b:54:c2:31:40', state: 'reachable', iface: MGMT, vlan: null, ageSec: null }]);
  });

  it('prefers ?host= over the name in the objects, and ?at= over the receive time', () => {
    const { obs } = run('get-netneighbor', own('get-netneighbor-object.json'), { host: 'hv-07.corp', at: 1000, receivedAt: RECEIVED_AT });
    expect(obs.observer).toBe('hv-07.corp');
    expect(obs.time).toBe(1000);
  });

  it.each([
    ['10.20.0.1', '00:1b:54:c2:31:40', 'reachable'],
    ['10.20.0.12', '00:15:5d:14:00:0a', 'stale'],
    ['10.20.0.13', '00:15:5d:14:00:0b', 'delay'],
    ['10.20.0.14', '00:15:5d:14:00:0c', 'probe'],
    ['10.20.0.99', null, 'unreachable'],
    ['10.20.0.98', null, 'incomplete'],
    ['10.20.0.255', 'ff:ff:ff:ff:ff:ff', 'permanent'],
    ['224.0.0.22', '01:00:5e:00:00:16', 'permanent'],
    ['fe80::21b:54ff:fec2:3140', '00:1b:54:c2:31:40', 'stale'],
    ['ff02::1:2', '33:33:00:01:00:02', 'permanent'],
    ['239.255.255.250', null, 'permanent'],
  ])('array with numeric State: %s → %s (%s)', (ip, mac, state) => {
    const { obs, rejects } = run('get-netneighbor', own('get-netneighbor-array.json'), ctxFor({ host: 'hv-07' }));
    expect(rejects).toEqual([]);
    expect(obs.entries).toHaveLength(11);
    expect(obs.entries.find((e) => e.ip === ip)).toMatchObject({ mac, state });
  });

  it('reads the collector projection (-Compress, State and AddressFamily as names)', () => {
    const { obs, rejects } = run('get-netneighbor', own('get-netneighbor-compress.json'), ctxFor({ host: 'hv-07' }));
    expect(rejects).toEqual([]);
    expect(obs.entries.map((e) => [e.ip, e.mac, e.state, e.iface])).toEqual([
      ['10.20.0.1', '00:1b:54:c2:31:40', 'reachable', MGMT],
      ['10.20.0.12', '00:15:5d:14:00:0a', 'stale', MGMT],
      ['10.20.0.99', null, 'unreachable', MGMT],
      ['10.20.0.98', null, 'incomplete', MGMT],
      ['10.20.0.255', 'ff:ff:ff:ff:ff:ff', 'permanent', MGMT],
      ['fe80::215:5dff:fe14:a', '00:15:5d:14:00:0a', 'delay', MGMT],
      ['10.30.0.5', '00:15:5d:14:00:20', 'probe', '12'],
    ]);
  });

  it('rejects bad objects by index with the field and the problem, and keeps the good ones', () => {
    const { obs, rejects } = run('get-netneighbor', own('get-netneighbor-invalid.json'), ctxFor({ host: 'hv-07' }));
    expect(obs.entries.map((e) => [e.ip, e.state, e.iface])).toEqual([
      ['10.20.0.1', 'reachable', 'Team1'],
      ['10.20.0.16', 'unknown', 'Team1'],
      ['10.20.0.17', 'reachable', '9'],
    ]);
    expect(rejects).toEqual([
      { index: 1, reason: 'IPAddress "10.20.0.300" is not an IPv4 or IPv6 address' },
      { index: 2, reason: 'LinkLayerAddress "00-15-5D-14-00" is not a MAC address' },
      { index: 3, reason: 'IPAddress is missing' },
      { index: 4, reason: 'AddressFamily "2" says IPv4 but IPAddress "fe80::1" is IPv6' },
      { index: 5, reason: 'State is "true", not a number or name' },
      { index: 6, reason: 'item is a string, not a neighbor object' },
      { index: 7, reason: 'item is null, not a neighbor object' },
      { index: 8, reason: 'IPAddress is "167772161", not a string' },
    ]);
  });

  it('accepts the PowerShell 5.1 {value, Count} wrapper', () => {
    const body = JSON.stringify({ value: [{ IPAddress: '10.0.0.1', LinkLayerAddress: '00-15-5D-00-00-01', State: 5 }], Count: 1 });
    expect(run('get-netneighbor', body, ctxFor({ host: 'h' })).obs.entries).toHaveLength(1);
  });

  it('exports the reader the host bundle uses for its neighbors array', () => {
    const { entries, rejects } = neighborsFromGetNetNeighbor(
      [{ IPAddress: '10.0.0.1', InterfaceAlias: 'Team1', LinkLayerAddress: '00-15-5D-00-00-01', State: 'Stale' }, 42],
      'hv-01',
      RECEIVED_AT,
    );
    expect(entries).toEqual([{ ip: '10.0.0.1', mac: '00:15:5d:00:00:01', state: 'stale', iface: 'Team1', vlan: null, ageSec: null }]);
    expect(rejects).toEqual([{ index: 1, reason: 'item is a number, not a neighbor object' }]);
  });

  it.each([
    ['not JSON', 'Interface: 10.0.0.1 --- 0x5', 'not_get_netneighbor'],
    ['JSON of another shape', '{"dst":"10.0.0.1"}', 'not_get_netneighbor'],
    ['no observer anywhere', '[{"IPAddress":"10.0.0.1","State":5}]', 'missing_source'],
  ])('refuses %s', (_what, body, code) => {
    expect(() => run('get-netneighbor', body, { receivedAt: RECEIVED_AT })).toThrow(expect.objectContaining({ code }));
  });
});
