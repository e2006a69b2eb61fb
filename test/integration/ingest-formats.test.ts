/**
 * Every format goes in through the real HTTP ingest API into a real SQLite file and comes back
 * out of the read API. Idempotency, partial batches and hostile inputs are checked on the way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import dgram from 'node:dgram';
import net from 'node:net';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { OWN_ROOT, readExternal } from '../helpers/fixtures.ts';

const own = (p: string) => readFileSync(join(OWN_ROOT, p));

async function until<T>(fn: () => Promise<T | undefined | null | false>, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('ingest: every format in, read back out', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('stores Windows event XML (wevtutil, concatenated events) and serves it from /events', async () => {
    const r = await s.ingest(own('events/lbfo-16945-16949-16950.xml'), { host: 'HV-LBFO-01' });
    expect(r.format).toBe('event-xml');
    expect(r.accepted).toBeGreaterThanOrEqual(3);
    const ev = await s.get('/api/v1/events?host=HV-LBFO-01&eventId=16945');
    expect(ev.status).toBe(200);
    expect(ev.json.events.length).toBeGreaterThanOrEqual(1);
    expect(ev.json.events[0]).toMatchObject({ host: 'HV-LBFO-01', provider: 'Microsoft-Windows-MsLbfoSysEvtProvider', eventId: 16945, channel: 'System' });
    expect(Object.values(ev.json.events[0].data)).toContain('Microsoft Network Adapter Multiplexor Driver');
  });

  it('posting the same events twice stores them once', async () => {
    const body = readExternal('elastic-beats/winlogbeat/sys/wineventlog/testdata/ec3and4.xml');
    const first = await s.ingest(body, { host: 'beats-host' });
    const second = await s.ingest(body, { host: 'beats-host' });
    expect(first.accepted).toBe(2);
    expect(second).toMatchObject({ accepted: 0, duplicates: 2 });
    const ev = await s.get('/api/v1/events?host=beats-host');
    expect(ev.json.events).toHaveLength(2);
  });

  it('keeps 100-ns precision of SystemTime', async () => {
    await s.ingest(own('events/vmms-20415-export.xml'));
    const ev = await s.get('/api/v1/events?eventId=20415');
    expect(ev.json.events[0].time).toBe('2017-11-21T10:57:53.8748473Z');
    expect(ev.json.events[0].host).toBe('773330-hyp1');
  });

  it('stores Get-WinEvent | ConvertTo-Json from PowerShell 5.1 in UTF-16LE', async () => {
    const r = await s.ingest(own('events/netvsc-13-ps51-utf16le.json'));
    expect(r).toMatchObject({ format: 'event-json', accepted: 1 });
  });

  it('stores Winlogbeat NDJSON', async () => {
    const r = await s.ingest(own('events/winlogbeat-system.ndjson'));
    expect(r.format).toBe('ecs');
    expect(r.accepted).toBeGreaterThan(0);
  });

  it('answers Winlogbeat like Elasticsearch: handshake and _bulk with per-item results', async () => {
    const auth = { authorization: `Bearer ${s.token}` };
    const hello = await fetch(`${s.url}/api/v1/es/`, { headers: auth });
    expect(hello.headers.get('x-elastic-product')).toBe('Elasticsearch');
    expect(((await hello.json()) as { version: { number: string } }).version.number).toMatch(/^8\./);
    const bulk = await fetch(`${s.url}/api/v1/es/_bulk`, { method: 'POST', headers: { ...auth, 'content-type': 'application/x-ndjson' }, body: own('events/winlogbeat-bulk.ndjson') });
    expect(bulk.status).toBe(200);
    const j = (await bulk.json()) as { items: unknown[] };
    expect(Array.isArray(j.items)).toBe(true);
    expect(j.items.length).toBeGreaterThan(0);
    const noToken = await fetch(`${s.url}/api/v1/es/_bulk`, { method: 'POST', body: '{}' });
    expect(noToken.status).toBe(401);
  });

  it('stores a host bundle as inventory, neighbors and events, and serves the latest inventory', async () => {
    const r = await s.ingest(own('bundles/healthy-2019.json'));
    expect(r.format).toBe('bundle');
    const hosts = await s.get('/api/v1/hosts');
    const host = hosts.json.hosts.find((h: { key: string }) => h.key === 'hv-prod-01') ?? hosts.json.hosts.find((h: { lastReport: string | null }) => h.lastReport !== null);
    expect(host).toBeDefined();
    expect(host.teams.length).toBeGreaterThan(0);
    const detail = await s.get(`/api/v1/hosts/${encodeURIComponent(host.name)}`);
    expect(detail.json.inventory.lbfoTeams.length).toBeGreaterThan(0);
    expect(detail.json.inventory.vmNetworkAdapters.length).toBeGreaterThan(0);
  });

  it('an identical snapshot adds only a "seen at" mark; a changed one stores only the change; ?at= rebuilds history', async () => {
    const t1 = '2026-11-01T10:00:00Z';
    const t2 = '2026-11-01T10:05:00Z';
    const t3 = '2026-11-01T10:10:00Z';
    const table = (port: string) => `sw-core-1#show mac address-table\nVlan    Mac Address       Type        Ports\n----    -----------       --------    -----\n  10    0015.5d01.0203    DYNAMIC     ${port}\n  10    0015.5d01.0204    DYNAMIC     Gi1/0/2\n`;
    await s.ingest(table('Gi1/0/1'), { at: t1 });
    await s.ingest(table('Gi1/0/1'), { at: t2 });
    await s.ingest(table('Gi1/0/7'), { at: t3 });
    const now = await s.get('/api/v1/mac-table?device=sw-core-1');
    expect(now.json.entries.find((e: { mac: string }) => e.mac === '00:15:5d:01:02:03').port).toBe('Gi1/0/7');
    const before = await s.get(`/api/v1/mac-table?device=sw-core-1&at=${encodeURIComponent('2026-11-01T10:06:00Z')}`);
    expect(before.json.at).toBe('2026-11-01T10:05:00.000Z');
    expect(before.json.entries.find((e: { mac: string }) => e.mac === '00:15:5d:01:02:03').port).toBe('Gi1/0/1');
    const rows = s.server.runtime.real().db.prepare("SELECT count(*) AS n FROM snapshot_rows WHERE kind='macTable' AND source='sw-core-1'").get() as { n: number };
    expect(rows.n).toBe(3);
  });

  it('stores Windows arp -a given ?host=, and refuses it without one (400 missing_source)', async () => {
    const body = readExternal('getmac/windows_10/arp_-a.out');
    const missing = await s.post(body);
    expect(missing.status).toBe(400);
    expect(missing.json.error.code).toBe('missing_source');
    const r = await s.ingest(body, { host: 'HV-ARP-01' });
    expect(r).toMatchObject({ format: 'windows-arp', accepted: 1 });
    const n = await s.get('/api/v1/neighbors?observer=HV-ARP-01');
    expect(n.json.entries).toHaveLength(47);
    expect(n.json.entries).toContainEqual(expect.objectContaining({ ip: '10.0.0.1', mac: '6a:d7:9a:29:2b:82' }));
  });

  it('stores NX-OS and Juniper tables and Cisco ARP from third-party samples', async () => {
    for (const [file, device] of [
      ['ntc-templates/cisco_nxos/show_mac_address-table/cisco_nxos_show_mac_address-table.raw', 'nx1'],
      ['ntc-templates/juniper_junos/show_ethernet-switching_table/juniper_junos_show_ethernet-switching_table.raw', 'ex1'],
      ['ntc-templates/cisco_ios/show_ip_arp/cisco_ios_show_ip_arp.raw', 'ios1'],
    ] as const) {
      const r = await s.ingest(readExternal(file), { device });
      expect(r.accepted).toBe(1);
    }
    const t = await s.get('/api/v1/mac-table?device=nx1');
    expect(t.json.entries.length).toBeGreaterThan(0);
  });

  it('keeps the good records of a partly bad batch and names the bad ones', async () => {
    const good = `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='e1iexpress'/><EventID Qualifiers='40964'>27</EventID><Level>3</Level><TimeCreated SystemTime='2026-11-01T10:00:00.0000000Z'/><EventRecordID>%ID%</EventRecordID><Channel>System</Channel><Computer>HV-PART</Computer></System><EventData><Data></Data><Data>Intel(R) 82574L</Data></EventData></Event>`;
    const bad = `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='e1iexpress'/><Level>3</Level><TimeCreated SystemTime='2026-11-01T10:00:00Z'/><Channel>System</Channel><Computer>HV-PART</Computer></System></Event>`;
    const r = await s.ingest(good.replace('%ID%', '1') + bad + good.replace('%ID%', '2'));
    expect(r.accepted).toBe(2);
    expect(r.rejected).toEqual([expect.objectContaining({ index: 1, reason: expect.stringMatching(/EventID/i) })]);
  });

  it('rejects an XML entity-expansion payload fast, without expanding it', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]><Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='x'/><EventID>1</EventID></System><EventData><Data>&lol9;</Data></EventData></Event>`;
    const started = performance.now();
    const r = await s.post(bomb, { format: 'event-xml' });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('xml_forbidden');
    expect(r.json.error.message).toMatch(/DTD/);
  });

  it('says which formats it tried for a body nobody recognises', async () => {
    const r = await s.post(Buffer.from([0, 1, 2, 3, 255, 254, 10, 13]));
    expect(r.status).toBe(415);
    expect(r.json.error.code).toBe('unknown_format');
  });

  it('turns a syslog line sent over UDP into a switch log record', async () => {
    const line = '<188>Nov  1 10:00:00 sw-udp-1 %SW_MATM-4-MACFLAP_NOTIF: Host 0015.5d01.0203 in vlan 10 is flapping between port Gi0/5 and port Gi0/15';
    const sock = dgram.createSocket('udp4');
    await new Promise<void>((r) => sock.send(line, s.server.syslog!.udpPort, '127.0.0.1', () => r()));
    sock.close();
    const logs = await until(async () => {
      const r = await s.get('/api/v1/switch-logs?device=sw-udp-1');
      return r.json.switchLogs.length ? r.json.switchLogs : null;
    });
    expect(logs[0]).toMatchObject({ device: 'sw-udp-1', kind: 'flap', mac: '00:15:5d:01:02:03', vlan: 10, fromPort: 'Gi0/5', toPort: 'Gi0/15' });
  });

  it('turns syslog lines sent over TCP (octet-counted and newline-framed) into switch log records', async () => {
    const a = '<187>1 2026-11-01T10:00:00.000Z nx-tcp-1 - - - - %L2FM-4-L2FM_MAC_MOVE2: Mac 0003.0001.005d in vlan 500 has moved from Eth1/24 to Eth1/63';
    const b = '<188>Nov  1 10:00:01 nx-tcp-1 %L2FM-2-L2FM_MAC_FLAP_DISABLE_LEARN: Disabling learning in vlan 500 for 120s due to too many mac moves';
    await new Promise<void>((resolve, reject) => {
      const c = net.connect(s.server.syslog!.tcpPort, '127.0.0.1', () => {
        c.end(`${Buffer.byteLength(a)} ${a}${b}\n`, () => resolve());
      });
      c.on('error', reject);
    });
    const logs = await until(async () => {
      const r = await s.get('/api/v1/switch-logs?device=nx-tcp-1');
      return r.json.switchLogs.length >= 2 ? r.json.switchLogs : null;
    });
    expect(logs.map((l: { kind: string }) => l.kind).sort()).toEqual(['learn-disabled', 'move']);
  });

  it('pages through events with a cursor', async () => {
    const page1 = await s.get('/api/v1/events?limit=2');
    expect(page1.json.events).toHaveLength(2);
    expect(page1.json.next).toBeTypeOf('string');
    const page2 = await s.get(`/api/v1/events?limit=2&cursor=${page1.json.next}`);
    expect(page2.json.events[0].id).not.toBe(page1.json.events[0].id);
    const ids = new Set([...page1.json.events, ...page2.json.events].map((e: { id: number }) => e.id));
    expect(ids.size).toBe(4);
  });
});

describe('ingest: binary .evtx files', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('stores every record of an exported System.evtx (sniffed from its bytes)', async () => {
    const r = await s.ingest(readExternal('omerbenamram-evtx/samples/2-vss_7-System.evtx'));
    expect(r).toMatchObject({ format: 'evtx', accepted: 1160, rejected: [] });
    const ev = await s.get('/api/v1/events?eventId=10317&provider=Microsoft-Windows-NDIS');
    expect(ev.json.events[0]).toMatchObject({ host: 'DESKTOP-1N4R894', recordId: 967, time: '2018-07-30T23:11:48.1897852Z' });
  });
});
