import { describe, expect, it } from 'vitest';
import { isEvtx, parseEvtx } from '../../../collectors/parsers/evtx.ts';
import { eventFromXml } from '../../../collectors/parsers/event-xml.ts';
import type { ParseContext, ParseResult } from '../../../collectors/parsers/types.ts';
import type { EventObservation } from '../../../server/model/observation.ts';
import { formatInstant } from '../../../server/model/time.ts';
import { readExternal, readExternalText } from '../../helpers/fixtures.ts';
import { ChunkWriter, eventData, evtxFile, filetimeOf, systemEvent, v, type Writer } from '../../fixtures/evtx/builder.ts';

const ctx: ParseContext = { receivedAt: Date.parse('2024-05-14T12:34:56Z') };
const SYSTEM = 'omerbenamram-evtx/samples/system.evtx';
const VSS = 'omerbenamram-evtx/samples/2-vss_7-System.evtx';
const ZERO = 'omerbenamram-evtx/samples/sample-with-zero-data-size-event.evtx';
const PLASO = 'plaso/test_data/evtx/System.evtx';

const parsed = new Map<string, ParseResult>();
function parse(file: string): ParseResult {
  if (!parsed.has(file)) parsed.set(file, parseEvtx(readExternal(file), ctx));
  return parsed.get(file)!;
}
const events = (file: string) => parse(file).observations as EventObservation[];
const record = (file: string, id: number) => events(file).find((e) => e.recordId === id)!;
const count = (file: string, provider: string) => {
  const out: Record<string, number> = {};
  for (const e of events(file)) if (e.provider === provider) out[e.eventId] = (out[e.eventId] ?? 0) + 1;
  return out;
};
const when = (e: EventObservation) => formatInstant(e.time, e.ticks);

describe('evtx: the four real System logs', () => {
  it.each([
    [SYSTEM, 1881, 0],
    [VSS, 1160, 0],
    [ZERO, 335, 1],
    [PLASO, 5009, 0],
  ])('%s gives %i events and %i rejects', (file, records, rejects) => {
    expect(isEvtx(readExternal(file))).toBe(true);
    expect(events(file)).toHaveLength(records);
    expect(parse(file).rejects).toHaveLength(rejects);
  });

  it('counts the Intel NIC link events of system.evtx with their levels and qualifiers', () => {
    const link = events(SYSTEM).filter((e) => e.provider === 'e1iexpress');
    const by = (id: number) => link.filter((e) => e.eventId === id);
    expect(by(27)).toHaveLength(142);
    expect(by(32)).toHaveLength(147);
    expect(new Set(by(27).map((e) => `${e.level}/${e.qualifiers}`))).toEqual(new Set(['3/40964']));
    expect(new Set(by(32).map((e) => `${e.level}/${e.qualifiers}`))).toEqual(new Set(['4/24580']));
  });

  it.each([
    [70, '2017-07-12T17:16:36.9490374Z', 32, 4, 'WIN-P4SIAA0SQCO'],
    [265, '2017-07-12T07:33:36.4736661Z', 27, 3, 'DESKTOP-2KGM189'],
    [266, '2017-07-12T07:33:36.5829513Z', 32, 4, 'DESKTOP-2KGM189'],
  ])('system.evtx record %i: %s, e1iexpress %i, level %i on %s', (id, time, eventId, level, computer) => {
    const e = record(SYSTEM, id);
    expect([when(e), e.provider, e.eventId, e.level, e.computer, e.host]).toEqual([time, 'e1iexpress', eventId, level, computer, computer]);
    expect(e.params).toEqual(['', 'Intel(R) 82574L Gigabit Network Connection']);
    expect(e.data.param2).toBe('Intel(R) 82574L Gigabit Network Connection');
  });

  it('reads the VSS-recovered log, NDIS 10317 included, with named data', () => {
    const e = record(VSS, 967);
    expect([when(e), e.provider, e.eventId, e.level, e.computer]).toEqual([
      '2018-07-30T23:11:48.1897852Z', 'Microsoft-Windows-NDIS', 10317, 2, 'DESKTOP-1N4R894',
    ]);
    expect(e.data).toEqual({
      IfGuid: '{09ACE3DC-BA4E-4E84-82C8-5EC73DBDE6FD}',
      IfIndex: '24',
      IfLuid: '282024732524544',
      AdapterName: 'TeamViewer VPN Adapter',
      MiniportEventEnum: '76',
    });
  });

  it('rejects exactly the zero-size record and keeps the Hyper-V guest NIC events', () => {
    expect(parse(ZERO).rejects).toEqual([{ index: 2, reason: expect.stringMatching(/has size 0/) }]);
    expect(count(ZERO, 'Microsoft-Windows-Hyper-V-Netvsc')).toEqual({ 1: 5, 3: 5, 10: 3, 11: 8, 12: 8, 13: 1 });
    const miniport = { MiniportNameLen: '33', MiniportName: 'Microsoft Hyper-V Network Adapter' };
    expect([139, 140, 431].map((id) => [when(record(ZERO, id)), record(ZERO, id).eventId, record(ZERO, id).computer, record(ZERO, id).data])).toEqual([
      ['2019-07-24T13:07:19.3567942Z', 1, 'DESKTOP-3HCGNNO', { VersionLen: '3', Version: '6.0', Status: '0' }],
      ['2019-07-24T13:07:19.3656058Z', 12, 'DESKTOP-3HCGNNO', miniport],
      ['2022-10-25T07:36:23.0574091Z', 13, 'W10-1507-LTSB', miniport],
    ]);
  });

  it('gives record 1 of plaso System.evtx the values plaso pins', () => {
    const { raw, ...e } = events(PLASO)[0];
    expect(e).toEqual({
      kind: 'event', host: '37L4247F27-26', time: Date.parse('2010-11-21T03:55:59.626Z'), ticks: 4271,
      provider: 'Service Control Manager', providerGuid: '{555908d1-a6d7-4695-8e1e-26931d2012f4}',
      eventId: 7036, qualifiers: 16384, version: 0, level: 4, task: 0, opcode: 0, keywords: '0x8080000000000000',
      channel: 'System', recordId: 1, computer: '37L4247F27-26', message: null,
      data: { param1: 'Windows Event Log', param2: 'stopped' }, params: ['Windows Event Log', 'stopped'],
      userDataName: null, binary: '6500760065006E0074006C006F0067002F0031000000',
    });
    expect(raw).toContain(`<Execution ProcessID='492' ThreadID='1188'/>`);
    expect(raw).toContain(`EventSourceName='Service Control Manager'`);
    expect([count(PLASO, 'Service Control Manager')[7036], count(PLASO, 'Service Control Manager')[7040]]).toEqual([3434, 1018]);
  });

  it('matches the evtx crate golden rendering of system.evtx record 1 (classic EventLog 6009)', () => {
    const snap = readExternalText('omerbenamram-evtx/snapshots/test_record_samples__event_xml_sample_with_event_data_with_attributes_and_text.snap');
    const golden = eventFromXml(snap.split(/^---$/m)[2].trim(), ctx);
    const { raw, ticks, binary, ...mine } = events(SYSTEM)[0];
    const { raw: _r, ticks: goldenTicks, binary: goldenBinary, ...expected } = golden;
    expect(mine).toEqual(expected);
    expect(Math.floor(ticks / 10) * 10).toBe(goldenTicks); // the crate prints microseconds
    expect([binary, goldenBinary]).toEqual([null, '']); // an absent Binary: Windows omits it, the crate prints it empty
    expect(raw).toBe(
      "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='EventLog'/>" +
        "<EventID Qualifiers='32768'>6009</EventID><Level>4</Level><Task>0</Task><Keywords>0x80000000000000</Keywords>" +
        "<TimeCreated SystemTime='2017-07-12T17:16:28.2141616Z'/><EventRecordID>1</EventRecordID><Channel>System</Channel>" +
        '<Computer>WIN-P4SIAA0SQCO</Computer><Security/></System><EventData><Data>10.00.</Data><Data>15063</Data><Data></Data>' +
        '<Data>Multiprocessor Free</Data><Data>0</Data></EventData></Event>',
    );
  });

  it('renders every record to XML that the event-XML parser reads back to the same observation', () => {
    // Event XML cannot tell a value that is only a line break from pretty-printing and reads it
    // as empty; the binary log can, so that one difference is allowed for.
    const asXmlReads = (s: string) => (s.trim() === '' && s.includes('\n') ? '' : s);
    for (const file of [SYSTEM, VSS, ZERO, PLASO]) {
      for (const e of events(file)) {
        const data = Object.fromEntries(Object.entries(e.data).map(([k, val]) => [k, asXmlReads(val)]));
        expect(eventFromXml(e.raw, ctx)).toEqual({ ...e, data, params: e.params.map(asXmlReads) });
      }
    }
  });

  it('reads UserData payloads by child element name', () => {
    const e = events(VSS).find((x) => x.userDataName === 'InstallDeviceID')!;
    expect(e.data.DeviceInstanceID).toBe('PCI\\VEN_1AF4&DEV_1000&SUBSYS_00011AF4&REV_00\\3&13C0B0C5&0&18');
    expect(e.raw).toContain('PCI\\VEN_1AF4&amp;DEV_1000');
    expect(e.params).toHaveLength(10);
  });

  it('uses the given host instead of the computer name', () => {
    expect(new Set(parseEvtx(readExternal(ZERO), { ...ctx, host: 'HV-07' }).observations.map((o) => (o as EventObservation).host))).toEqual(new Set(['HV-07']));
  });
});

const T = filetimeOf('2024-05-01T10:00:00.123Z', 4567);
const SYS = { provider: 'Microsoft-Windows-MsLbfoSysEvtProvider', eventId: 16949, level: 3, time: T, recordId: 1, channel: 'System', computer: 'HV-07.corp.local' };

/** Parses a one-chunk file whose records are written by `bodies`. */
function synth(...bodies: ((w: Writer) => void)[]): ParseResult {
  const c = new ChunkWriter();
  bodies.forEach((body, i) => c.record(i + 1, T, body));
  return parseEvtx(evtxFile([c.finish()]), ctx);
}
const only = (r: ParseResult) => {
  expect(r.rejects).toEqual([]);
  return r.observations[0] as EventObservation;
};

describe('evtx: value types render as EvtRender prints them', () => {
  it.each<[string, ReturnType<typeof v.str>, string]>([
    ['Int8', v.int(0x03, -5, 1), '-5'],
    ['UInt8', v.int(0x04, 250, 1), '250'],
    ['Int16', v.int(0x05, -300, 2), '-300'],
    ['UInt16', v.int(0x06, 65535, 2), '65535'],
    ['Int32', v.int(0x07, -2, 4), '-2'],
    ['UInt32', v.int(0x08, 4294967295, 4), '4294967295'],
    ['Int64', v.int(0x09, -9007199254740993n, 8), '-9007199254740993'],
    ['UInt64', v.int(0x0a, 18446744073709551615n, 8), '18446744073709551615'],
    ['Real32', v.f32(0.1), '0.1'],
    ['Real64', v.f64(2.5), '2.5'],
    ['Bool', v.bool(true), 'true'],
    ['Binary', v.bin('deadbeef00'), 'DEADBEEF00'],
    ['GUID', v.guid('{09ace3dc-ba4e-4e84-82c8-5ec73dbde6fd}'), '{09ACE3DC-BA4E-4E84-82C8-5EC73DBDE6FD}'],
    ['SizeT', v.sizeT(0x1fn, 8), '0x1f'],
    ['FILETIME', v.filetime(filetimeOf('2019-07-24T13:07:19.356Z', 7942)), '2019-07-24T13:07:19.3567942Z'],
    ['SYSTEMTIME', v.systime([2020, 2, 2, 18, 2, 52, 37, 121]), '2020-02-18T02:52:37.1210000Z'],
    ['SID', v.sid('S-1-5-21-2297499104-2362337018-4092230427-1000'), 'S-1-5-21-2297499104-2362337018-4092230427-1000'],
    ['HexInt32', v.hex32(0xaad0d4fb), '0xaad0d4fb'],
    ['HexInt64', v.hex64(0x8000000000000404n), '0x8000000000000404'],
    ['AnsiString', v.ansi([0x63, 0x61, 0x66, 0xe9, 0]), 'café'],
    ['String with its terminator', v.str('Team1\0'), 'Team1'],
    ['NULL', v.null(), ''],
  ])('%s', (_, value, text) => {
    const e = only(synth((w) => systemEvent(w, SYS, eventData('one', [['Value', value]]))));
    expect(e.data).toEqual({ Value: text });
  });

  it('repeats the element of an array value once per item, and splits string arrays on NUL', () => {
    const e = only(synth((w) => systemEvent(w, SYS, eventData('arr', [['', v.strArray(['Team1', '', 'NIC 2'])], ['Ports', v.u16Array([1, 2])]]))));
    expect(e.params).toEqual(['Team1', '', 'NIC 2', '1', '2']);
    expect(e.data).toEqual({ param1: 'Team1', param2: '', param3: 'NIC 2', Ports: '1' });
    expect(e.raw).toContain("<Data>Team1</Data><Data></Data><Data>NIC 2</Data><Data Name='Ports'>1</Data><Data Name='Ports'>2</Data>");
  });

  it('omits elements that depend on a NULL value and attributes whose optional value is NULL', () => {
    const e = only(synth((w) => systemEvent(w, { ...SYS, qualifiers: 32768 }, null)));
    expect([e.version, e.task, e.opcode, e.keywords, e.providerGuid, e.qualifiers]).toEqual([null, null, null, null, null, 32768]);
    expect(e.raw).toContain("<Provider Name='Microsoft-Windows-MsLbfoSysEvtProvider'/><EventID Qualifiers='32768'>16949</EventID><Level>3</Level><TimeCreated");
    expect(e.raw).toContain('<Correlation/><Channel>System</Channel>'); // Execution depends on ProcessID
  });

  it('keeps the time to 100 ns and takes the host from the first label of Computer', () => {
    const e = only(synth((w) => systemEvent(w, SYS, null)));
    expect([e.time, e.ticks, e.host, e.computer]).toEqual([Date.parse('2024-05-01T10:00:00.123Z'), 4567, 'HV-07', 'HV-07.corp.local']);
  });
});
