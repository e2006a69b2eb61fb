import { describe, expect, it } from 'vitest';
import { eventFromXml, parser } from '../../../collectors/parsers/event-xml.ts';
import { ParseError, type ParseContext } from '../../../collectors/parsers/types.ts';
import type { EventObservation } from '../../../server/model/observation.ts';
import { readExternalText, readOwn } from '../../helpers/fixtures.ts';
import { mutations } from './event-mutate.ts';

const ctx: ParseContext = { receivedAt: 1_800_000_000_000 };
const WINLOGBEAT = 'elastic-beats/winlogbeat/sys/wineventlog/testdata';
const EVTX_SNAP = 'omerbenamram-evtx/snapshots/test_record_samples__event_xml_sample_with_event_data_with_attributes_and_text.snap';

/** The insta snapshot's body: everything after the header between the first two `---` lines. */
function snapBody(text: string): string {
  const lines = text.split('\n');
  const second = lines.indexOf('---', lines.indexOf('---') + 1);
  return lines.slice(second + 1).join('\n');
}

const own = (name: string) => readOwn(`events/${name}`).toString('utf8');

/** Epoch ms and ticks of a 7-digit SystemTime, written out so the expectation is readable. */
function at(iso: string, ticks: number): { time: number; ticks: number } {
  return { time: Date.parse(iso), ticks };
}

type Expected = Partial<EventObservation>;

const LBFO = {
  provider: 'Microsoft-Windows-MsLbfoSysEvtProvider',
  providerGuid: '{387ed463-8b1b-42c9-9ef0-803fdfd5d94e}',
  qualifiers: null,
  version: 0,
  task: 0,
  opcode: 0,
  keywords: '0x8000000000000000',
  channel: 'System',
  computer: 'HV-07.corp.example.com',
  host: 'HV-07',
  userDataName: null,
  binary: null,
} satisfies Expected;

const INTEL_27 = {
  host: 'HV-07',
  provider: 'e1iexpress',
  providerGuid: null,
  eventId: 27,
  qualifiers: 40964,
  version: 0,
  level: 3,
  task: 0,
  opcode: 0,
  keywords: '0x80000000000000',
  ...at('2026-03-02T08:20:43.987Z', 6543),
  recordId: 812354,
  channel: 'System',
  computer: 'HV-07.corp.example.com',
  data: { param1: '', param2: 'Intel(R) Ethernet Connection (5) I219-LM' },
  params: ['', 'Intel(R) Ethernet Connection (5) I219-LM'],
  userDataName: null,
  binary: '0000040002003000000000001B0004A0000000000000000000000000000000000000000000000000',
} satisfies Expected;

const LBFO_16949 = {
  ...LBFO,
  eventId: 16949,
  level: 3,
  ...at('2026-03-02T08:20:44.500Z', 1),
  recordId: 812355,
  data: { param1: '{0A1B2C3D-4E5F-4061-8273-94A5B6C7D8E9}', param2: 'Intel(R) Ethernet 10G 2P X520 Adapter #2' },
  params: ['{0A1B2C3D-4E5F-4061-8273-94A5B6C7D8E9}', 'Intel(R) Ethernet 10G 2P X520 Adapter #2'],
} satisfies Expected;

const LBFO_16950 = {
  ...LBFO,
  eventId: 16950,
  level: 4,
  ...at('2026-03-02T08:21:09.000Z', 0),
  recordId: 812361,
  data: LBFO_16949.data,
  params: LBFO_16949.params,
} satisfies Expected;

const FIXTURES: Array<[string, () => string, Expected[]]> = [
  [
    'winlogbeat ec1.xml (EventCreate, one event)',
    () => readExternalText(`${WINLOGBEAT}/ec1.xml`),
    [
      {
        host: 'vagrant',
        provider: 'EventCreate',
        providerGuid: null,
        eventId: 1000,
        qualifiers: 0,
        version: 0,
        level: 2,
        task: 0,
        opcode: 0,
        keywords: '0x80000000000000',
        ...at('2022-03-22T02:03:11.310Z', 6672),
        recordId: 316,
        channel: 'Application',
        computer: 'vagrant',
        message: null,
        data: { param1: 'My custom error event for the application log' },
        params: ['My custom error event for the application log'],
        userDataName: null,
        binary: null,
      },
    ],
  ],
  [
    'winlogbeat ec3and4.xml (two events, one per line)',
    () => readExternalText(`${WINLOGBEAT}/ec3and4.xml`),
    [
      { provider: 'Backup', eventId: 5, qualifiers: 0, level: 2, ...at('2022-03-22T02:03:11.861Z', 6638), recordId: 1414, channel: 'System', data: { param1: 'Backup failure' } },
      { provider: 'system', eventId: 5, qualifiers: 0, level: 2, ...at('2022-03-22T02:03:11.545Z', 5572), recordId: 1413, channel: 'System', data: { param1: 'Catastrophe!' } },
    ],
  ],
  [
    'winlogbeat application-windows-error-reporting.xml (no Version/Opcode, 23 unnamed Data)',
    () => readExternalText(`${WINLOGBEAT}/application-windows-error-reporting.xml`),
    [
      {
        provider: 'Windows Error Reporting',
        eventId: 1001,
        qualifiers: 0,
        version: null,
        level: 4,
        task: 0,
        opcode: null,
        keywords: '0x80000000000000',
        ...at('2020-02-18T02:52:37.121Z', 1986),
        recordId: 420107,
        channel: 'Application',
        computer: 'vagrant',
      },
    ],
  ],
  [
    'evtx snapshot: EventLog 6009, pretty-printed with XML declaration and Binary',
    () => snapBody(readExternalText(EVTX_SNAP)),
    [
      {
        host: 'WIN-P4SIAA0SQCO',
        provider: 'EventLog',
        providerGuid: null,
        eventId: 6009,
        qualifiers: 32768,
        version: null,
        level: 4,
        task: 0,
        opcode: null,
        keywords: '0x80000000000000',
        ...at('2017-07-12T17:16:28.214Z', 1610),
        recordId: 1,
        channel: 'System',
        computer: 'WIN-P4SIAA0SQCO',
        data: { param1: '10.00.', param2: '15063', param3: '', param4: 'Multiprocessor Free', param5: '0' },
        params: ['10.00.', '15063', '', 'Multiprocessor Free', '0'],
        binary: '',
      },
    ],
  ],
  [
    'MsLbfoSys 16945/16949/16950, compact, CRLF between events',
    () => own('lbfo-16945-16949-16950.xml'),
    [
      {
        ...LBFO,
        eventId: 16945,
        level: 3,
        ...at('2026-03-02T08:15:01.123Z', 4567),
        recordId: 812340,
        message: null,
        data: { param1: '{7D5B1C2E-3F4A-4B5C-8D6E-9F0A1B2C3D4E}', param2: 'Microsoft Network Adapter Multiplexor Driver' },
        params: ['{7D5B1C2E-3F4A-4B5C-8D6E-9F0A1B2C3D4E}', 'Microsoft Network Adapter Multiplexor Driver'],
      },
      LBFO_16949,
      LBFO_16950,
    ],
  ],
  ['Intel e1iexpress 27, legacy event with Qualifiers 40964 and Binary', () => own('intel-e1iexpress-27.xml'), [INTEL_27]],
  [
    'Hyper-V-Worker 18500 with UserData VmlEventLog',
    () => own('hyperv-worker-18500.xml'),
    [
      {
        host: 'HV-07',
        provider: 'Microsoft-Windows-Hyper-V-Worker',
        providerGuid: '{51ddfa29-d5c8-4803-be4b-2ecb715570fe}',
        eventId: 18500,
        level: 4,
        keywords: '0x8000000000000000',
        ...at('2026-03-02T09:00:12.345Z', 6789),
        recordId: 4711,
        channel: 'Microsoft-Windows-Hyper-V-Worker-Admin',
        data: { VmName: 'APP-01', VmId: '8A30FE52-0169-432B-A1B5-E3A906EF0CEC' },
        params: ['APP-01', '8A30FE52-0169-432B-A1B5-E3A906EF0CEC'],
        userDataName: 'VmlEventLog',
        binary: null,
      },
    ],
  ],
  [
    'VMMS 20415, Event Viewer pretty-printed export (domain.md example)',
    () => own('vmms-20415-export.xml'),
    [
      {
        host: '773330-hyp1',
        provider: 'Microsoft-Windows-Hyper-V-VMMS',
        providerGuid: '{6066F867-7CA1-4418-85FD-36E3F9C0600C}',
        eventId: 20415,
        qualifiers: null,
        version: 0,
        level: 4,
        task: 0,
        opcode: 0,
        keywords: '0x8000000000000000',
        ...at('2017-11-21T10:57:53.874Z', 8473),
        recordId: 52262,
        channel: 'Microsoft-Windows-Hyper-V-VMMS-Admin',
        computer: '773330-hyp1.MPC1495823.local',
        data: { Parameter0: '773356-USTSTDB5', Parameter1: 'E0D09432-A320-44CC-8A12-E1300549B99D', Parameter2: '0.5' },
        params: ['773356-USTSTDB5', 'E0D09432-A320-44CC-8A12-E1300549B99D', '0.5'],
        userDataName: 'VmlEventLog',
      },
    ],
  ],
  [
    '/f:RenderedXml: message from RenderingInfo, &#13;&#10; and &#xD;&#xA; decoded',
    () => own('rendered-27-16949.xml'),
    [
      { ...INTEL_27, message: 'Intel(R) Ethernet Connection (5) I219-LM\r\n\r\nNetwork link is disconnected.\r\n' },
      { ...LBFO_16949, message: 'Member Nic Intel(R) Ethernet 10G 2P X520 Adapter #2 Disconnected.\r\n' },
    ],
  ],
  ['/e:Events wrapped batch with XML declaration', () => own('events-wrapped-batch.xml'), [INTEL_27, LBFO_16949, LBFO_16950]],
  ['pretty-printed export with CRLF line endings', () => own('vmms-20415-export.xml').replace(/\n/g, '\r\n'), [{ eventId: 20415, data: { Parameter0: '773356-USTSTDB5', Parameter1: 'E0D09432-A320-44CC-8A12-E1300549B99D', Parameter2: '0.5' } }]],
];

describe('event-xml: fixtures', () => {
  it.each(FIXTURES)('%s', (_label, load, expected) => {
    const text = load();
    expect(parser.sniff(text)).toBeGreaterThanOrEqual(0.9);
    const { observations, rejects } = parser.parse(text, ctx);
    expect(rejects).toEqual([]);
    expect(observations).toHaveLength(expected.length);
    observations.forEach((obs, i) => expect(obs).toMatchObject({ kind: 'event', ...expected[i] }));
  });

  it.each(FIXTURES)('%s: raw is each event exactly as received', (_label, load) => {
    const text = load();
    for (const obs of parser.parse(text, ctx).observations as EventObservation[]) {
      expect(obs.raw.startsWith('<Event ')).toBe(true);
      expect(obs.raw.endsWith('</Event>')).toBe(true);
      expect(text.includes(obs.raw)).toBe(true);
      expect(eventFromXml(obs.raw, ctx)).toEqual(obs);
    }
  });

  it('keeps all 23 Error Reporting values in order, CRLF inside a value read as LF', () => {
    const [obs] = parser.parse(readExternalText(`${WINLOGBEAT}/application-windows-error-reporting.xml`), ctx).observations as EventObservation[];
    expect(obs.params).toHaveLength(23);
    expect(obs.params.slice(0, 11)).toEqual(['', '0', 'WindowsWcpOtherFailure3', 'Not available', '0', '10.0.17763.850:3', 'inc\\auto_hive.h', 'Windows::Rtl::AutoHive::Unload', '358', 'c0000121', '0xaad0d4fb']);
    expect(obs.data.param20).toBe('5e9de0ad-0fa4-4daa-aec1-8127dc88e6c7');
    expect(obs.data.param16.startsWith('\n\\\\?\\C:\\Windows\\Logs\\CBS\\CBS.log\n')).toBe(true);
  });
});

describe('event-xml: host attribution', () => {
  it.each([
    ['first label of Computer as written', {}, '773330-hyp1'],
    ['ctx.host wins', { host: 'hv-99' }, 'hv-99'],
    ['blank ctx.host is ignored', { host: ' ' }, '773330-hyp1'],
  ])('%s', (_label, extra, host) => {
    const [obs] = parser.parse(own('vmms-20415-export.xml'), { ...ctx, ...extra }).observations;
    expect(obs).toMatchObject({ host, computer: '773330-hyp1.MPC1495823.local' });
  });
});

const NS = "xmlns='http://schemas.microsoft.com/win/2004/08/events/event'";
function ev(system: string, payload = ''): string {
  return `<Event ${NS}><System>${system}</System>${payload}</Event>`;
}
const GOOD_SYSTEM =
  "<Provider Name='P'/><EventID>7</EventID><Level>4</Level><TimeCreated SystemTime='2026-01-01T00:00:00.0000000Z'/><Channel>System</Channel><Computer>h1</Computer>";

describe('event-xml: one bad event is rejected, the others kept', () => {
  it.each([
    ['missing EventID', ev(GOOD_SYSTEM.replace('<EventID>7</EventID>', '')), 'EventID is missing'],
    ['non-numeric EventID', ev(GOOD_SYSTEM.replace('>7<', '>seven<')), "EventID 'seven' is not an integer"],
    ['EventID out of range', ev(GOOD_SYSTEM.replace('>7<', '>70000<')), 'EventID 70000 is outside 0–65535'],
    ['unparseable time', ev(GOOD_SYSTEM.replace('2026-01-01T00:00:00.0000000Z', 'yesterday')), "TimeCreated SystemTime 'yesterday' is not a recognised time"],
    ['missing TimeCreated', ev(GOOD_SYSTEM.replace(/<TimeCreated[^>]*>/, '')), 'TimeCreated SystemTime is missing'],
    ['non-numeric level', ev(GOOD_SYSTEM.replace('<Level>4</Level>', '<Level>loud</Level>')), "Level 'loud' is not a level number or name"],
    ['missing System', `<Event ${NS}><EventData/></Event>`, '<System> is missing'],
    ['missing provider', ev(GOOD_SYSTEM.replace("<Provider Name='P'/>", '')), 'provider name is missing'],
    ['no computer and no host', ev(GOOD_SYSTEM.replace('<Computer>h1</Computer>', '')), 'no host: the computer name is missing and no host was given'],
    ['unclosed tag inside event 2', ev(GOOD_SYSTEM, '<EventData><Data>x</EventData>'), 'event is not well-formed XML: end tag </EventData> does not match <Data>'],
  ])('event 2 of 3: %s', (_label, bad, reason) => {
    const good = ev(GOOD_SYSTEM);
    const { observations, rejects } = parser.parse(`${good}\r\n${bad}\r\n${good.replace('>7<', '>8<')}`, ctx);
    expect(observations.map((o) => (o as EventObservation).eventId)).toEqual([7, 8]);
    expect(rejects).toHaveLength(1);
    expect(rejects[0].index).toBe(1);
    expect(rejects[0].reason).toContain(reason);
  });

  it('counts indexes inside <Events> and rejects non-Event children', () => {
    const { observations, rejects } = parser.parse(`<Events><Foo/>${ev(GOOD_SYSTEM)}</Events>`, ctx);
    expect(observations).toHaveLength(1);
    expect(rejects).toEqual([{ index: 0, reason: '<Foo> is not an <Event> element' }]);
  });

  it('treats an absent Level as 0 (LogAlways) and keeps unusable optional fields as null', () => {
    const [obs] = parser.parse(ev(GOOD_SYSTEM.replace('<Level>4</Level>', '<Version>x</Version><Keywords>Classic</Keywords>')), ctx).observations;
    expect(obs).toMatchObject({ level: 0, version: null, keywords: null });
  });

  it('names payload values with named and unnamed Data and a safe __proto__ key', () => {
    const payload = "<EventData><Data Name='A'>1</Data><Data>2</Data><Data Name='__proto__'>3</Data><Data Name='A'>4</Data></EventData>";
    const [obs] = parser.parse(ev(GOOD_SYSTEM, payload), ctx).observations as EventObservation[];
    expect(obs.params).toEqual(['1', '2', '3', '4']);
    expect(Object.entries(obs.data)).toEqual([['A', '1'], ['param2', '2'], ['__proto__', '3']]);
    expect(Object.getPrototypeOf(obs.data)).toBe(Object.prototype);
  });
});

describe('event-xml: whole-body failures', () => {
  const BILLION_LAUGHS =
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><Event>&lol2;</Event>';

  it.each([
    ['billion laughs', BILLION_LAUGHS, 'xml_forbidden', /DTDs are not accepted \(entity expansion protection\)/],
    ['external entity', `<!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]>${ev(GOOD_SYSTEM, '<EventData><Data>&x;</Data></EventData>')}`, 'xml_forbidden', /DTDs are not accepted/],
    ['unknown entity', ev(GOOD_SYSTEM, '<EventData><Data>&x;</Data></EventData>'), 'xml_forbidden', /unknown entity &x;/],
    ['DTD after an earlier break', `${ev(GOOD_SYSTEM)}<Event><System></Event><!DOCTYPE x>`, 'xml_forbidden', /DTDs are not accepted/],
    ['unclosed single event', `<Event ${NS}><System>`, 'unparseable', /not well-formed XML: element <System> opened at offset 69 is not closed/],
    ['deeply nested elements', `<Event>${'<a>'.repeat(10_000)}`, 'unparseable', /nested deeper than 64 levels/],
    ['XML with no Event', '<rpc-reply><x/></rpc-reply>', 'unparseable', /holds no <Event> elements/],
    ['not XML at all', 'hello', 'unparseable', /text outside any element/],
    ['empty body', '   ', 'unparseable', /holds no XML elements/],
  ])('%s → ParseError %s', (_label, body, code, message) => {
    let caught: unknown;
    const t0 = performance.now();
    try {
      parser.parse(body, ctx);
    } catch (err) {
      caught = err;
    }
    expect(performance.now() - t0).toBeLessThan(50);
    expect(caught).toBeInstanceOf(ParseError);
    expect((caught as ParseError).code).toBe(code);
    expect((caught as ParseError).message).toMatch(message);
  });

  it('reads a 10 MB attribute value without trouble', () => {
    const body = ev(GOOD_SYSTEM.replace("Name='P'", `Name='P' Extra='${'x'.repeat(10 * 1024 * 1024)}'`));
    const t0 = performance.now();
    expect(parser.parse(body, ctx).observations).toHaveLength(1);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('eventFromXml', () => {
  it('turns one ToXml() string into an observation whose raw is the string', () => {
    const xml = own('hyperv-worker-18500.xml');
    expect(eventFromXml(xml, { ...ctx, host: 'HV-07' })).toMatchObject({ host: 'HV-07', eventId: 18500, raw: xml });
  });

  it.each([
    ['not well-formed', '<Event><System>', 'unparseable', /The event is not well-formed XML/],
    ['DTD', '<!DOCTYPE x><Event/>', 'xml_forbidden', /DTDs are not accepted/],
    ['two events', `${ev(GOOD_SYSTEM)}${ev(GOOD_SYSTEM)}`, 'unparseable', /expected one root element, found 2/],
    ['not an Event', '<Events/>', 'invalid_event', /The event is not usable: <Events> is not an <Event> element/],
    ['no EventID', ev(GOOD_SYSTEM.replace('<EventID>7</EventID>', '')), 'invalid_event', /The event is not usable: EventID is missing/],
  ])('throws a ParseError with the reason: %s', (_label, xml, code, message) => {
    expect(() => eventFromXml(xml, ctx)).toThrow(message);
    try {
      eventFromXml(xml, ctx);
    } catch (err) {
      expect((err as ParseError).code).toBe(code);
    }
  });
});

describe('event-xml: sniff', () => {
  it.each([
    ['compact event', "<Event xmlns='x'>", 0.95],
    ['Events wrapper after declaration and comment', '\uFEFF<?xml version="1.0"?>\r\n<!-- q --><Events>', 0.95],
    ['bare <Event>', '  <Event>', 0.95],
    ['EventData is not an event', '<EventData>', 0],
    ['Juniper RPC reply', '<rpc-reply xmlns:junos="x">', 0],
    ['PowerShell JSON', '{"Id": 13, "ProviderName": "x"}', 0],
    ['arp -a text', 'Interface: 10.0.0.1 --- 0x7', 0],
    ['unterminated declaration', '<?xml version="1.0"', 0],
  ])('%s → %s', (_label, text, score) => {
    expect(parser.sniff(text)).toBe(score);
  });
});

describe('hostile input', () => {
  it('never throws anything but ParseError on 2,000 mutated fixtures, and every observation has a time and provider', () => {
    for (const text of mutations(['lbfo-16945-16949-16950.xml', 'vmms-20415-export.xml', 'rendered-27-16949.xml', 'events-wrapped-batch.xml', 'hyperv-worker-18500.xml'].map(own), 2000)) {
      try {
        for (const o of parser.parse(text, ctx).observations as EventObservation[]) {
          expect(Number.isFinite(o.time) && o.provider.length > 0).toBe(true);
        }
      } catch (err) {
        if (!(err instanceof ParseError)) throw new Error(`${String(err)} for input ${JSON.stringify(text.slice(0, 300))}`);
      }
      expect(typeof parser.sniff(text)).toBe('number');
    }
  });
});
