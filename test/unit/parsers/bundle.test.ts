import { describe, expect, it } from 'vitest';
import { parser } from '../../../collectors/parsers/bundle.ts';
import { decodeText } from '../../../collectors/parsers/decode.ts';
import { parseInput } from '../../../collectors/parsers/index.ts';
import { ParseError, type ParseContext } from '../../../collectors/parsers/types.ts';
import type { EventObservation, InventoryObservation, NeighborsObservation, Observation } from '../../../server/model/observation.ts';
import { readOwn } from '../../helpers/fixtures.ts';

const ctx: ParseContext = { receivedAt: Date.parse('2024-05-14T12:34:56Z') };
const text = (name: string) => decodeText(readOwn(`bundles/${name}`));
const parse = (name: string) => parser.parse(text(name), ctx);
const inventoryOf = (obs: Observation[]) => obs.find((o): o is InventoryObservation => o.kind === 'inventory');
const eventsOf = (obs: Observation[]) => obs.filter((o): o is EventObservation => o.kind === 'event');

const HEALTHY_INVENTORY = {
  netAdapters: [
    { name: 'NIC1', description: 'Intel(R) Ethernet Controller X710 for 10GbE SFP+', ifIndex: 4, status: 'Up', mac: '3c:fd:fe:a1:b2:c0', linkSpeedBps: 10e9 },
    { name: 'NIC2', description: 'Intel(R) Ethernet Controller X710 for 10GbE SFP+ #2', ifIndex: 5, status: 'Up', mac: '3c:fd:fe:a1:b2:c1', linkSpeedBps: 10e9 },
    { name: 'Team1', description: 'Microsoft Network Adapter Multiplexor Driver', ifIndex: 12, status: 'Up', mac: '3c:fd:fe:a1:b2:c0', linkSpeedBps: 20e9 },
    { name: 'vEthernet (Management)', description: 'Hyper-V Virtual Ethernet Adapter', ifIndex: 15, status: 'Up', mac: '00:15:5d:0a:0b:00', linkSpeedBps: 20e9 },
  ],
  lbfoTeams: [
    { name: 'Team1', members: ['NIC1', 'NIC2'], teamNics: ['Team1'], teamingMode: 'SwitchIndependent', loadBalancingAlgorithm: 'Dynamic', status: 'Up' },
  ],
  lbfoTeamMembers: [
    {
      name: 'NIC1',
      description: 'Intel(R) Ethernet Controller X710 for 10GbE SFP+',
      team: 'Team1',
      administrativeMode: 'Active',
      operationalStatus: 'Active',
      transmitLinkSpeedBps: 10e9,
      receiveLinkSpeedBps: 10e9,
      failureReason: 'NoFailure',
    },
    {
      name: 'NIC2',
      description: 'Intel(R) Ethernet Controller X710 for 10GbE SFP+ #2',
      team: 'Team1',
      administrativeMode: 'Active',
      operationalStatus: 'Active',
      transmitLinkSpeedBps: 10e9,
      receiveLinkSpeedBps: 10e9,
      failureReason: 'NoFailure',
    },
  ],
  vmSwitches: [
    {
      name: 'vSwitch-Team1',
      id: '8c3e1b7a-2f4d-4c39-9a51-6d0e2b7f1a20',
      switchType: 'External',
      netAdapterDescriptions: ['Microsoft Network Adapter Multiplexor Driver'],
      embeddedTeamingEnabled: false,
      allowManagementOS: true,
      iovEnabled: false,
    },
  ],
  vms: [
    { name: 'app01', id: '1f6a3c2e-8b0d-4e47-a1f3-52c9d7e08b11', state: 'Running' },
    { name: 'db01', id: '2a7b4d3f-9c1e-4f58-b204-63dae8f19c22', state: 'Running' },
    { name: 'web01', id: '3b8c5e40-ad2f-4069-c315-74ebf9a2ad33', state: 'Off' },
  ],
  macPool: { min: '00:15:5d:0a:0b:00', max: '00:15:5d:0a:0b:ff' },
  netAdapterRdma: [
    { name: 'NIC1', enabled: false },
    { name: 'NIC2', enabled: false },
  ],
  os: { name: 'Microsoft Windows Server 2019 Datacenter', build: 17763 },
  hostIps: ['10.0.10.11'],
};

describe('bundle parser: the healthy 2019 LBFO host', () => {
  const { observations, rejects } = parse('healthy-2019.json');
  const inv = inventoryOf(observations)!;

  it('accepts every record', () => {
    expect(rejects).toEqual([]);
  });

  it('emits one inventory observation at collectedAt with the collector and every part', () => {
    expect(inv).toMatchObject({ kind: 'inventory', host: 'HV-01', time: Date.parse('2024-05-14T09:30:00Z') });
    expect(inv.collector).toEqual({ version: '1.0.0', osName: 'Microsoft Windows Server 2019 Datacenter', osBuild: 17763 });
    expect(inv.inventory).toMatchObject(HEALTHY_INVENTORY);
    expect(inv.inventory.cluster).toBeUndefined();
  });

  it.each([
    ['Management', true, null, '00:15:5d:0a:0b:00', []],
    ['Network Adapter', false, 'app01', '00:15:5d:0a:0b:01', ['10.0.20.21', 'fe80::215:5dff:fe0a:b01']],
    ['Network Adapter', false, 'db01', '00:15:5d:0a:0b:02', ['10.0.20.22']],
    ['Network Adapter', false, 'web01', '00:15:5d:0a:0b:03', []],
  ])('reads vNIC %s of %s', (name, isManagementOs, vmName, mac, ips) => {
    const vnic = inv.inventory.vmNetworkAdapters!.find((v) => v.name === name && v.vmName === vmName);
    expect(vnic).toMatchObject({
      isManagementOs,
      mac,
      ipAddresses: ips,
      switchName: 'vSwitch-Team1',
      status: ['Ok'],
      allowTeaming: false,
      macAddressSpoofing: false,
      dynamicMacAddressEnabled: true,
      connected: true,
      iovWeight: 0,
    });
  });

  it('emits the neighbor table observed by the bundle host', () => {
    const n = observations.find((o): o is NeighborsObservation => o.kind === 'neighbors');
    expect(n).toMatchObject({ observer: 'HV-01', format: 'get-netneighbor', time: inv.time });
    expect(n!.entries.map((e) => [e.ip, e.mac, e.state])).toEqual([
      ['10.0.10.1', '00:00:0c:07:ac:0a', 'reachable'],
      ['10.0.10.12', '00:15:5d:0a:0c:00', 'stale'],
      ['10.0.10.255', 'ff:ff:ff:ff:ff:ff', 'permanent'],
    ]);
  });

  it('emits one event per event string, owned by the bundle host whatever <Computer> says', () => {
    const events = eventsOf(observations);
    expect(events.map((e) => [e.provider, e.eventId, e.host, e.computer])).toEqual([
      ['Microsoft-Windows-MsLbfoSysEvtProvider', 16945, 'HV-01', 'HV-01.corp.example'],
      ['Microsoft-Windows-Hyper-V-Worker', 18500, 'HV-01', 'HV-01.corp.example'],
    ]);
    expect(events[1].data).toMatchObject({ VmName: 'app01' });
  });
});

describe('bundle parser: the same host as Windows PowerShell 5.1 writes it', () => {
  const bytes = readOwn('bundles/healthy-2019-ps51.json');

  it('is UTF-16LE with a BOM and CRLF line ends', () => {
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfe]);
    expect(decodeText(bytes)).toContain('\r\n    "schema":  "teamwatch.bundle/1"');
  });

  it('gives the same inventory, events and time as the string-enum bundle', () => {
    const ps51 = parser.parse(decodeText(bytes), ctx);
    const plain = parse('healthy-2019.json');
    expect(ps51.rejects).toEqual([]);
    expect(inventoryOf(ps51.observations)).toEqual(inventoryOf(plain.observations));
    expect(eventsOf(ps51.observations).map((e) => e.raw)).toEqual(eventsOf(plain.observations).map((e) => e.raw));
  });

  it('is picked by sniffing from the raw bytes', () => {
    expect(parseInput(bytes, ctx).format).toBe('bundle');
  });
});

describe('bundle parser: the other fixture hosts', () => {
  it('reads a degraded team: one member Failed with PhysicalMediaDisconnected', () => {
    const { observations, rejects } = parse('degraded-team.json');
    const inv = inventoryOf(observations)!.inventory;
    expect(rejects).toEqual([]);
    expect(inv.lbfoTeams![0].status).toBe('Degraded');
    expect(inv.lbfoTeamMembers!.map((m) => [m.name, m.operationalStatus, m.failureReason, m.receiveLinkSpeedBps])).toEqual([
      ['NIC1', 'Active', 'NoFailure', 1e9],
      ['NIC2', 'Failed', 'PhysicalMediaDisconnected', 0],
    ]);
    expect(inv.netAdapters!.find((a) => a.name === 'NIC2')).toMatchObject({ status: 'Disconnected', linkSpeedBps: 0 });
    expect(eventsOf(observations).map((e) => [e.provider, e.eventId, e.qualifiers])).toEqual([
      ['e1rexpress', 27, 40964],
      ['Microsoft-Windows-MsLbfoSysEvtProvider', 16949, null],
    ]);
  });

  it('reads a Broadcom BASP vendor team: no LBFO teams, vSwitch bound to the BASP adapter', () => {
    const { observations, rejects } = parse('vendor-basp.json');
    const inv = inventoryOf(observations)!.inventory;
    expect(rejects).toEqual([]);
    expect(inv.lbfoTeams).toEqual([]);
    expect(inv.lbfoTeamMembers).toEqual([]);
    expect(inv.netAdapterRdma).toBeUndefined();
    expect(inv.vmSwitches![0].netAdapterDescriptions).toEqual(['BASP Virtual Adapter']);
    expect(inv.netAdapters!.find((a) => a.description === 'BASP Virtual Adapter')).toMatchObject({ mac: 'd4:ae:52:6e:01:10', linkSpeedBps: 2e9 });
    expect(inv).toMatchObject({ cluster: 'HVCLU-LEGACY', os: { build: 9600 } });
  });

  it('reads a SET switch: embedded teaming with both NIC descriptions', () => {
    const { observations, rejects } = parse('set-host.json');
    const inv = inventoryOf(observations)!.inventory;
    expect(rejects).toEqual([]);
    expect(inv.vmSwitches![0]).toMatchObject({
      embeddedTeamingEnabled: true,
      iovEnabled: true,
      netAdapterDescriptions: ['Mellanox ConnectX-4 Lx Ethernet Adapter', 'Mellanox ConnectX-4 Lx Ethernet Adapter #2'],
    });
    expect(inv.vmNetworkAdapters!.find((v) => v.vmName === 'sql01')).toMatchObject({ mac: null, iovWeight: 100 });
    expect(inv.netAdapterRdma!.every((r) => r.enabled)).toBe(true);
  });

  it('reads a partial bundle with only events: no inventory, every event on the bundle host', () => {
    const { observations, rejects } = parse('partial-events-only.json');
    expect(rejects).toEqual([]);
    expect(observations.map((o) => o.kind)).toEqual(['event', 'event']);
    expect(eventsOf(observations).map((e) => [e.host, e.computer])).toEqual([
      ['HV-01', 'HVCLU01.corp.example'],
      ['HV-01', 'HV-01.corp.example'],
    ]);
  });
});

describe('bundle parser: sniffing among all registered formats', () => {
  it.each(['healthy-2019.json', 'degraded-team.json', 'vendor-basp.json', 'set-host.json', 'partial-events-only.json', 'hostile-wrong-types.json'])(
    '%s is parsed as a bundle without ?format=',
    (name) => {
      expect(parseInput(readOwn(`bundles/${name}`), ctx).format).toBe('bundle');
    },
  );
});

describe('bundle parser: the envelope', () => {
  const body = (o: object) => JSON.stringify(o);

  it.each([
    ['another major schema', body({ schema: 'teamwatch.bundle/2', host: 'h' }), 'unsupported_schema'],
    ['no host', body({ schema: 'teamwatch.bundle/1' }), 'invalid_bundle'],
    ['an empty host', body({ schema: 'teamwatch.bundle/1', host: '  ' }), 'invalid_bundle'],
    ['a host that is an object', body({ schema: 'teamwatch.bundle/1', host: { name: 'h' } }), 'invalid_bundle'],
    ['a foreign schema', body({ schema: 'something/1', host: 'h' }), 'invalid_bundle'],
    ['no schema', body({ host: 'h' }), 'invalid_bundle'],
    ['a JSON array', '[1,2]', 'invalid_bundle'],
    ['truncated JSON', '{"schema":"teamwatch.bundle/1","host":"h",', 'invalid_json'],
  ])('refuses %s with ParseError %s', (_what, input, code) => {
    let caught: unknown;
    try {
      parser.parse(input, ctx);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ParseError);
    expect((caught as ParseError).code).toBe(code);
  });

  it('says "bundle has no host" for a bundle without host', () => {
    expect(() => parser.parse(body({ schema: 'teamwatch.bundle/1' }), ctx)).toThrow('bundle has no host');
  });

  it.each([
    ['ISO-8601 with 7 digits', '2024-05-14T09:30:00.1234567Z', Date.parse('2024-05-14T09:30:00.123Z')],
    ['PowerShell 5.1 \\/Date()\\/', '\\/Date(1715679000000)\\/', 1715679000000],
    ['missing (falls back to ?at=)', undefined, 1700000000000],
  ])('takes the time from collectedAt: %s', (_what, collectedAt, expected) => {
    const r = parser.parse(body({ schema: 'teamwatch.bundle/1.3', host: 'h', collectedAt, inventory: {} }), { ...ctx, at: 1700000000000 });
    expect(r.observations[0].time).toBe(expected);
  });

  it('emits an inventory with only the parts present, keeping empty lists as "none"', () => {
    const r = parser.parse(body({ schema: 'teamwatch.bundle/1', host: 'h', inventory: { vms: [], lbfoTeams: null } }), ctx);
    expect(inventoryOf(r.observations)!.inventory).toEqual({ vms: [] });
  });

  it.each([
    ['a bundle', 1, '{"schema":"teamwatch.bundle/1","host":"h"}'],
    ['a bundle with a BOM and PS 5.1 spacing', 1, '\uFEFF{\r\n    "schema":  "teamwatch.bundle/1"'],
    ['schema after 4 KB', 0, `{"pad":"${'x'.repeat(5000)}","schema":"teamwatch.bundle/1"}`],
    ['another JSON object', 0, '{"schema":"other/1"}'],
    ['event XML', 0, "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>"],
    ['empty text', 0, ''],
  ])('sniffs %s as %d', (_what, score, input) => {
    expect(parser.sniff(input)).toBe(score);
  });
});
