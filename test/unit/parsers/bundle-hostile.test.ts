import { describe, expect, it } from 'vitest';
import { parser } from '../../../collectors/parsers/bundle.ts';
import type { ParseContext } from '../../../collectors/parsers/types.ts';
import type { EventObservation, InventoryObservation, Observation } from '../../../server/model/observation.ts';
import { readOwn } from '../../helpers/fixtures.ts';

const ctx: ParseContext = { receivedAt: Date.parse('2024-05-14T12:34:56Z') };
const inventoryOf = (obs: Observation[]) => obs.find((o): o is InventoryObservation => o.kind === 'inventory')!.inventory;
const bundle = (extra: object) => JSON.stringify({ schema: 'teamwatch.bundle/1', host: 'HV-X', ...extra });

describe('bundle parser: a bundle of wrong types keeps every good record', () => {
  const { observations, rejects } = parser.parse(readOwn('bundles/hostile-wrong-types.json').toString('utf8'), ctx);
  const inv = inventoryOf(observations);
  const reasons = (part: string) => rejects.filter((r) => r.part === part).map((r) => [r.index, r.reason]);

  it.each([
    ['collectedAt', [[undefined, 'collectedAt "yesterday-ish" is not a time; the receive time was used']]],
    ['collector', [[undefined, 'collector is "1.0", expected an object']]],
    ['hostIps', [[undefined, 'hostIps is an object, expected a list of strings']]],
    ['cluster', [[undefined, 'cluster is 42, expected a string']]],
    ['inventory.netAdapters', [[0, 'record is "NIC1", expected an object'], [2, 'Name is missing']]],
    ['inventory.lbfoTeams', [[undefined, 'inventory.lbfoTeams is 17, expected a list of objects']]],
    ['inventory.lbfoTeamMembers', [[0, 'AdministrativeMode is an object, expected a number or a name']]],
    ['inventory.vmNetworkAdapters', [[1, 'MacAddress "GGHHIIJJKKLL" is not a MAC address'], [3, 'Name is an array, expected a non-empty string']]],
    ['inventory.vms', [[undefined, 'inventory.vms is "app01, db01", expected a list of objects']]],
    ['inventory.vmHost', [[undefined, 'MacAddressMinimum "nope" is not a MAC address']]],
    ['inventory.netAdapterRdma', [[0, 'Enabled is "maybe", expected true or false']]],
    ['neighbors', [[undefined, 'neighbors is "10.0.0.1 00-11-22-33-44-55", expected a list of Get-NetNeighbor rows']]],
  ])('rejects %s with precise reasons', (part, expected) => {
    expect(reasons(part)).toEqual(expected);
  });

  it('rejects the events that are not XML strings and keeps the real one', () => {
    const events = rejects.filter((r) => r.part === 'events');
    expect(events.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(events[1].reason).toBe('event is 42, expected an XML string');
    const kept = observations.filter((o): o is EventObservation => o.kind === 'event');
    expect(kept.map((e) => [e.host, e.eventId])).toEqual([['HV-BAD', 16949]]);
  });

  it('keeps the good records of the damaged parts and leaves wrong-typed parts unknown', () => {
    expect(inv.netAdapters!.map((a) => [a.name, a.ifIndex, a.linkSpeedBps])).toEqual([['NIC2', null, null]]);
    expect(inv.vmNetworkAdapters!.map((v) => [v.name, v.mac])).toEqual([
      ['good-1', '00:15:5d:00:00:01'],
      ['good-2', '00:15:5d:00:00:03'],
    ]);
    expect(inv.vmNetworkAdapters![1]).toMatchObject({ allowTeaming: true, macAddressSpoofing: true, status: ['Ok', 'Degraded'] });
    expect(inv.vmSwitches).toEqual([expect.objectContaining({ name: 'sw', switchType: '99', netAdapterDescriptions: ['single'] })]);
    expect(inv.netAdapterRdma).toEqual([{ name: 'NIC2', enabled: true }]);
    expect(inv.lbfoTeamMembers).toEqual([]);
    for (const unknown of ['lbfoTeams', 'vms', 'macPool', 'hostIps', 'cluster', 'os'] as const) expect(inv[unknown]).toBeUndefined();
    expect(observations[0].time).toBe(ctx.receivedAt);
  });
});

describe('bundle parser: absurd sizes', () => {
  it('reads 50,000 vNICs, rejecting the bad MACs among them with capped reasons', () => {
    const vnics = Array.from({ length: 50_000 }, (_, i) => ({
      Name: `nic${i}`,
      VMName: `vm${i}`,
      MacAddress: i % 100 === 99 ? 'GG0000000000' : (0x00155d000000 + i).toString(16).padStart(12, '0'),
    }));
    const started = performance.now();
    const { observations, rejects } = parser.parse(bundle({ inventory: { vmNetworkAdapters: vnics } }), ctx);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(inventoryOf(observations).vmNetworkAdapters).toHaveLength(49_500);
    expect(rejects).toHaveLength(101);
    expect(rejects[0]).toEqual({ part: 'inventory.vmNetworkAdapters', index: 99, reason: 'MacAddress "GG0000000000" is not a MAC address' });
    expect(rejects[100].reason).toBe('400 more records in this part were rejected (only the first 100 are listed)');
  });

  it.each([
    ['a 1 MB adapter name', { netAdapters: [{ Name: 'n'.repeat(1 << 20) }, { Name: 'ok' }] }, 'inventory.netAdapters', 'Name is longer than 256 characters'],
    ['a 1 MB description', { netAdapters: [{ Name: 'a', InterfaceDescription: 'd'.repeat(1 << 20) }] }, 'inventory.netAdapters', 'InterfaceDescription is longer than 1024 characters'],
    ['300 team members', { lbfoTeams: [{ Name: 't', Members: Array(300).fill('m'), TeamingMode: 1, LoadBalancingAlgorithm: 5, Status: 0 }] }, 'inventory.lbfoTeams', 'Members has 300 items, more than 256'],
  ])('rejects %s with a reason that does not echo it', (_what, inventory, part, reason) => {
    const { rejects } = parser.parse(bundle({ inventory }), ctx);
    expect(rejects).toEqual([{ part, index: 0, reason }]);
  });

  it('rejects a 1 MB event string without parsing it', () => {
    const { rejects } = parser.parse(bundle({ events: [`<Event>${'x'.repeat(1 << 20)}</Event>`] }), ctx);
    expect(rejects).toEqual([{ part: 'events', index: 0, reason: `event is ${(1 << 20) + 15} characters, more than 262144` }]);
  });

  it('refuses a host name longer than 256 characters as no host at all', () => {
    expect(() => parser.parse(bundle({ host: 'h'.repeat(300) }), ctx)).toThrow('bundle has no host');
  });

  it('strips control characters from names and keeps the record', () => {
    const { observations } = parser.parse(bundle({ inventory: { vms: [{ Name: 'app\u000001\u001b', State: 2 }] } }), ctx);
    expect(inventoryOf(observations).vms).toEqual([{ name: 'app01', id: null, state: 'Running' }]);
  });

  it('reads a one-record part that PowerShell wrote as a bare object', () => {
    const { observations } = parser.parse(bundle({ inventory: { vms: { Name: 'solo', State: 'Running' } } }), ctx);
    expect(inventoryOf(observations).vms).toEqual([{ name: 'solo', id: null, state: 'Running' }]);
  });
});

describe('bundle parser: Windows PowerShell 5.1 array wrappers', () => {
  it('reads {"value": [...], "Count": n} as the array, for parts, list fields and events', () => {
    const wrapped = (value: unknown[]) => ({ value, Count: value.length });
    const { observations, rejects } = parser.parse(
      bundle({
        inventory: { lbfoTeams: wrapped([{ Name: 't', Members: wrapped(['a', 'b']), TeamNics: 't', TeamingMode: 2, LoadBalancingAlgorithm: 0, Status: 2 }]) },
        events: wrapped([]),
      }),
      ctx,
    );
    expect(rejects).toEqual([]);
    expect(inventoryOf(observations).lbfoTeams).toEqual([
      { name: 't', members: ['a', 'b'], teamNics: ['t'], teamingMode: 'Lacp', loadBalancingAlgorithm: 'TransportPorts', status: 'Degraded' },
    ]);
  });
});
