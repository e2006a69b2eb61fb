/**
 * The renderers write the real wire formats: everything they produce goes through the project's
 * own parsers (collectors/parsers) with no rejects and reads back as what was simulated.
 */
import { describe, expect, it } from 'vitest';
import { parseInput } from '../../../collectors/parsers/index.ts';
import type { EventObservation, InventoryObservation, MacTableObservation, NeighborsObservation, SwitchLogObservation } from '../../../server/model/observation.ts';
import { driverEvent, lbfoEvent, migrationCompletedEvent, workerEvent, type WinEvent } from '../../../server/simulator/events.ts';
import { renderEventXml } from '../../../server/simulator/render/event-xml.ts';
import { renderBundle } from '../../../server/simulator/render/bundle.ts';
import { renderWindowsArp } from '../../../server/simulator/render/windows-arp.ts';
import { renderCiscoIosMac } from '../../../server/simulator/render/cisco-ios-mac.ts';
import { renderCiscoNxosMac } from '../../../server/simulator/render/cisco-nxos-mac.ts';
import { renderSyslog } from '../../../server/simulator/render/syslog.ts';
import { toPs51Json } from '../../../server/simulator/render/ps-json.ts';
import { NIC_MODELS } from '../../../server/simulator/vendors.ts';
import { fleetOf, inv, T0 } from './helpers.ts';

const stamp = (spec: ReturnType<typeof lbfoEvent>, recordId = 4711): WinEvent => ({
  ...spec,
  host: 'HV-A01',
  computer: 'HV-A01.corp.contoso.com',
  time: T0,
  ticks: 6509,
  recordId,
  processId: 4,
  threadId: 6236,
});

const parse = (body: string, format: string, query: Record<string, unknown> = {}) => {
  const r = parseInput(body, { receivedAt: T0 + 60_000, ...query }, format);
  expect(r.rejects).toEqual([]);
  return r.observations;
};

describe('event XML', () => {
  it('is the compact wevtutil shape: single quotes, namespace, 7-digit SystemTime, no root', () => {
    const xml = renderEventXml(stamp(lbfoEvent(16945, 'Microsoft Network Adapter Multiplexor Driver', 'ED11A973-5884-42C7-81E4-593FF39B3B41')));
    expect(xml).toMatch(/^<Event xmlns='http:\/\/schemas\.microsoft\.com\/win\/2004\/08\/events\/event'><System><Provider Name='Microsoft-Windows-MsLbfoSysEvtProvider' Guid='\{387ED463-8B1B-42C9-9EF0-803FDFD5D94E\}'\/><EventID>16945<\/EventID>/);
    expect(xml).toContain(`<TimeCreated SystemTime='2025-03-10T09:00:00.0006509Z'/>`);
    expect(xml).not.toContain('"');
    expect(xml).not.toMatch(/>\s+</);
  });

  it('reads back through the event-xml parser: legacy Qualifiers, positional data, Hyper-V UserData', () => {
    const events = [
      stamp(driverEvent(NIC_MODELS.intel.linkDown!, 'Intel(R) Ethernet Controller X710 for 10GbE SFP+ #2', 6), 1),
      stamp(workerEvent(18500, 'SQL01', 'E0D09432-A320-44CC-8A12-E1300549B99D'), 2),
      stamp(migrationCompletedEvent('SQL01', 'E0D09432-A320-44CC-8A12-E1300549B99D', 0.5, false), 3),
    ];
    const obs = parse(events.map((e) => renderEventXml(e)).join(''), 'event-xml') as EventObservation[];
    expect(obs.map((o) => [o.provider, o.eventId, o.qualifiers, o.level])).toEqual([
      ['e1iexpress', 27, 40964, 3],
      ['Microsoft-Windows-Hyper-V-Worker', 18500, null, 4],
      ['Microsoft-Windows-Hyper-V-VMMS', 20415, null, 4],
    ]);
    expect(obs[0].params[1]).toBe('Intel(R) Ethernet Controller X710 for 10GbE SFP+ #2');
    expect(obs[1].data.VmName).toBe('SQL01');
    expect(obs[1].userDataName).toBe('VmlEventLog');
    expect(obs[2].data.Parameter2).toBe('0.5');
    expect(obs[0].time).toBe(T0);
    expect(obs[0].ticks).toBe(6509);
  });

  it('in the RenderedXml form carries the message with CR LF', () => {
    const xml = renderEventXml(stamp(driverEvent(NIC_MODELS.intel.linkDown!, 'Intel X', 6)), true);
    expect(xml).toContain("<RenderingInfo Culture='en-US'><Message>Intel X&#13;&#10;&#13;&#10;Network link is disconnected.&#13;&#10;</Message>");
    const [ev] = parse(xml, 'event-xml') as EventObservation[];
    expect(ev.message).toContain('Network link is disconnected.');
  });
});

describe('the host bundle', () => {
  const fleet = fleetOf({
    hosts: [{ name: 'HV1', ip: '10.1.1.11', cluster: 'CL' }],
    vms: [{ count: 2, prefix: 'VM', host: 'HV1', ipBase: '10.1.2.50' }],
  });
  const input = (ps51: boolean) => ({
    host: 'HV1',
    collectedAt: T0,
    collector: { version: '1.0.0', osName: 'Windows Server 2019 Datacenter', osBuild: 17763 },
    cluster: 'CL',
    hostIps: ['10.1.1.11'],
    inventory: inv(fleet, 'HV1'),
    neighbors: [{ ip: '10.1.1.1', ifIndex: 12, alias: 'vEthernet (Management)', mac: '00:00:0c:07:ac:0a', state: 'reachable' as const }],
    events: [stamp(lbfoEvent(16949, 'Intel X', 'A'))],
    ps51,
    renderedXml: false,
  });

  it('reads back as the simulated inventory, in the PowerShell 7 and the 5.1 rendering alike', () => {
    const seven = parse(renderBundle(input(false)), 'bundle');
    const five = parse(renderBundle(input(true)), 'bundle');
    const inv7 = seven.find((o): o is InventoryObservation => o.kind === 'inventory')!;
    const inv5 = five.find((o): o is InventoryObservation => o.kind === 'inventory')!;
    expect(inv5.inventory).toEqual(inv7.inventory);
    const expected = inv(fleet, 'HV1');
    expect(inv7.inventory.lbfoTeams).toEqual(expected.lbfoTeams);
    expect(inv7.inventory.lbfoTeamMembers).toEqual(expected.lbfoTeamMembers);
    expect(inv7.inventory.vmNetworkAdapters).toEqual(expected.vmNetworkAdapters);
    expect(inv7.inventory.macPool).toEqual(expected.macPool);
    expect(seven.filter((o) => o.kind === 'event')).toHaveLength(1);
    expect(five.find((o): o is NeighborsObservation => o.kind === 'neighbors')?.entries[0]).toMatchObject({ ip: '10.1.1.1', mac: '00:00:0c:07:ac:0a', state: 'reachable' });
  });

  it('in the 5.1 rendering writes enums as numbers and the 5.1 layout', () => {
    const body = renderBundle(input(true));
    expect(body).toContain('"TeamingMode":  1');
    expect(body).toContain('"SwitchType":  2');
    expect(body).toContain('\\u003cEvent xmlns=\\u0027');
    expect(toPs51Json({ a: [1], b: {} })).toBe('{\n    "a":  [\n              1\n          ],\n    "b":  { }\n}');
  });
});

describe('switch and neighbor tables', () => {
  it('arp -a uses CR LF, per-interface blocks and reads back', () => {
    const text = renderWindowsArp([
      { ip: '10.1.1.5', ifIndex: 7, entries: [{ ip: '10.1.1.1', mac: '00:00:0c:07:ac:0a', type: 'dynamic' }, { ip: '10.1.1.9', mac: null, type: 'invalid' }] },
    ]);
    expect(text).toContain('\r\nInterface: 10.1.1.5 --- 0x7\r\n  Internet Address      Physical Address      Type\r\n  10.1.1.1              00-00-0c-07-ac-0a     dynamic');
    const [obs] = parse(text, 'windows-arp', { host: 'NOC-MON01' }) as NeighborsObservation[];
    expect(obs.entries.find((e) => e.ip === '10.1.1.1')?.mac).toBe('00:00:0c:07:ac:0a');
  });

  const rows = [
    { vlan: 20, mac: '00:15:5d:01:0b:00', port: 'Te1/0/1', ageSec: 12 },
    { vlan: 10, mac: '3c:fd:fe:26:e1:56', port: 'Po1', ageSec: 140 },
  ];

  it('Cisco IOS and NX-OS tables read back as the learned entries', () => {
    for (const [body, format] of [
      [renderCiscoIosMac(rows), 'cisco-ios-mac'],
      [renderCiscoNxosMac(rows, [{ vlan: 10, mac: '00:00:0c:07:ac:0a' }]), 'cisco-nxos-mac'],
    ]) {
      const [obs] = parse(body, format, { device: 'sw1', at: T0 }) as MacTableObservation[];
      for (const r of rows) expect(obs.entries).toContainEqual(expect.objectContaining({ mac: r.mac, vlan: r.vlan, port: r.port }));
    }
  });

  it('syslog lines are RFC 3164 with the Cisco mnemonic and classify as flap / move', () => {
    const flap = renderSyslog('sw1', T0, { severity: 4, mnemonic: 'SW_MATM-4-MACFLAP_NOTIF', text: 'Host 0015.5d01.0b00 in vlan 20 is flapping between port Te1/0/1 and port Po1' });
    const move = renderSyslog('sw2', T0, { severity: 4, mnemonic: 'L2FM-4-L2FM_MAC_MOVE2', text: 'Mac 0015.5d01.0b00 in vlan 20 has moved from Eth1/1 to Po1' });
    expect(flap).toBe('<188>Mar 10 09:00:00 sw1 %SW_MATM-4-MACFLAP_NOTIF: Host 0015.5d01.0b00 in vlan 20 is flapping between port Te1/0/1 and port Po1');
    const [f] = parse(flap, 'syslog', { at: T0 }) as SwitchLogObservation[];
    const [m] = parse(move, 'syslog', { at: T0 }) as SwitchLogObservation[];
    expect([f.logKind, f.mac, f.vlan, f.device, f.time]).toEqual(['flap', '00:15:5d:01:0b:00', 20, 'sw1', T0]);
    expect([m.logKind, m.fromPort, m.toPort]).toEqual(['move', 'Eth1/1', 'Po1']);
  });
});
