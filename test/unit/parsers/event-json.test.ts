import { describe, expect, it } from 'vitest';
import { parser } from '../../../collectors/parsers/event-json.ts';
import { parser as eventXml } from '../../../collectors/parsers/event-xml.ts';
import { parser as ecs } from '../../../collectors/parsers/ecs.ts';
import { decodeText } from '../../../collectors/parsers/decode.ts';
import { ParseError, type ParseContext } from '../../../collectors/parsers/types.ts';
import type { EventObservation } from '../../../server/model/observation.ts';
import { readOwn } from '../../helpers/fixtures.ts';
import { mutations } from './event-mutate.ts';

const ctx: ParseContext = { receivedAt: 1_800_000_000_000 };
const own = (name: string) => decodeText(readOwn(`events/${name}`));

const NETVSC_13 = {
  kind: 'event',
  host: 'DESKTOP-U3FCUKI',
  time: 1595374458918,
  ticks: 0,
  provider: 'Microsoft-Windows-Hyper-V-Netvsc',
  providerGuid: '{152fbe4b-c7ad-4f68-bada-a4fcc1464f6c}',
  eventId: 13,
  qualifiers: null,
  version: 0,
  level: 4,
  task: 1003,
  opcode: 0,
  keywords: '0x8000000000000000',
  channel: 'System',
  recordId: 2555,
  computer: 'DESKTOP-U3FCUKI',
  message: "Miniport NIC 'Microsoft Hyper-V Network Adapter #3' disconnected",
  data: {},
  params: [],
  userDataName: null,
  binary: null,
} satisfies Partial<EventObservation>;

const LBFO_16949 = {
  host: 'HV-07',
  provider: 'Microsoft-Windows-MsLbfoSysEvtProvider',
  providerGuid: '{387ed463-8b1b-42c9-9ef0-803fdfd5d94e}',
  eventId: 16949,
  qualifiers: null,
  level: 3,
  keywords: '0x8000000000000000',
  recordId: 812355,
  channel: 'System',
  computer: 'HV-07.corp.example.com',
  message: 'Member Nic Intel(R) Ethernet 10G 2P X520 Adapter #2 Disconnected.',
  data: { param1: '{0A1B2C3D-4E5F-4061-8273-94A5B6C7D8E9}', param2: 'Intel(R) Ethernet 10G 2P X520 Adapter #2' },
  params: ['{0A1B2C3D-4E5F-4061-8273-94A5B6C7D8E9}', 'Intel(R) Ethernet 10G 2P X520 Adapter #2'],
} satisfies Partial<EventObservation>;

describe('event-json: Windows PowerShell 5.1', () => {
  it.each([
    ['UTF-8, LF (domain.md §2.2 verbatim)', () => own('netvsc-13-ps51.json')],
    ['UTF-16LE with BOM and CRLF, as `> file` writes it', () => own('netvsc-13-ps51-utf16le.json')],
    ['CRLF', () => own('netvsc-13-ps51.json').replace(/\n/g, '\r\n')],
    ['a one-element array', () => `[${own('netvsc-13-ps51.json')}]`],
  ])('reads the Netvsc 13 record: %s', (_label, load) => {
    const text = load();
    expect(parser.sniff(text)).toBe(0.9);
    const { observations, rejects } = parser.parse(text, ctx);
    expect(rejects).toEqual([]);
    expect(observations).toEqual([{ ...NETVSC_13, raw: expect.any(String) }]);
  });

  it('keeps Keywords exact in raw, which is the record as JSON', () => {
    const [obs] = parser.parse(own('netvsc-13-ps51.json'), ctx).observations as EventObservation[];
    expect(obs.raw).toContain('"Keywords":-9223372036854775808,');
    expect(obs.raw).toContain('"TimeCreated":"/Date(1595374458918)/"');
    expect(JSON.parse(obs.raw)).toMatchObject({ Id: 13, RecordId: 2555 });
  });

  it('reads an array of good and bad records, rejecting the bad ones by index', () => {
    const { observations, rejects } = parser.parse(own('ps51-array-mixed.json'), ctx);
    expect(observations).toHaveLength(3);
    expect(observations[0]).toMatchObject({
      provider: 'e1iexpress',
      providerGuid: null,
      eventId: 27,
      qualifiers: 40964,
      level: 3,
      keywords: '0x80000000000000',
      time: Date.parse('2026-03-02T08:20:43.987Z'),
      recordId: 812354,
      message: 'Intel(R) Ethernet Connection (5) I219-LM\r\n\r\nNetwork link is disconnected.\r\n',
      data: {},
      params: [],
    });
    expect(observations[1]).toMatchObject({ ...LBFO_16949, time: Date.parse('2026-03-02T08:20:44.500Z') });
    expect(observations[2]).toMatchObject({
      provider: 'Microsoft-Windows-Hyper-V-Worker',
      eventId: 18500,
      time: Date.parse('2026-03-02T09:00:12.345Z'),
      channel: 'Microsoft-Windows-Hyper-V-Worker-Admin',
      data: { VmName: 'APP-01', VmId: '8A30FE52-0169-432B-A1B5-E3A906EF0CEC' },
      params: ['APP-01', '8A30FE52-0169-432B-A1B5-E3A906EF0CEC'],
      userDataName: null,
      message: "'APP-01' started successfully. (Virtual machine ID 8A30FE52-0169-432B-A1B5-E3A906EF0CEC)",
    });
    expect(rejects).toEqual([
      { index: 2, reason: 'Id is missing' },
      { index: 4, reason: "TimeCreated 'last Tuesday' is not a recognised time" },
      { index: 5, reason: 'record is a string, not an object' },
      { index: 6, reason: "Level 'loud' is not a level number or name" },
    ]);
  });
});

describe('event-json: PowerShell 7', () => {
  it('reads ISO TimeCreated with an offset and with 7 fractional digits, and a projected Data array', () => {
    const text = own('ps7-array.json');
    expect(parser.sniff(text)).toBe(0.9);
    const { observations, rejects } = parser.parse(text, ctx);
    expect(rejects).toEqual([]);
    expect(observations[0]).toMatchObject({ ...LBFO_16949, time: Date.parse('2026-03-02T08:20:44.500Z'), ticks: 1 });
    expect(observations[1]).toMatchObject({
      host: '773330-hyp1',
      eventId: 20415,
      providerGuid: '{6066f867-7ca1-4418-85fd-36e3f9c0600c}',
      time: Date.parse('2017-11-21T10:57:53.874Z'),
      ticks: 8473,
      data: { param1: '773356-USTSTDB5', param2: 'E0D09432-A320-44CC-8A12-E1300549B99D', param3: '0.5' },
    });
  });
});

describe('event-json: field rules', () => {
  const base = { Id: 16945, Level: 3, ProviderName: 'P', LogName: 'System', MachineName: 'hv-01.x', TimeCreated: '2026-01-01T00:00:00Z' };
  const one = (extra: Record<string, unknown>, raw?: string) => parser.parse(raw ?? JSON.stringify({ ...base, ...extra }), ctx);

  it.each([
    ['-9223372036854775808', '0x8000000000000000'],
    ['36028797018963968', '0x80000000000000'],
    ['-9221120237041090560', '0x8008000000000000'],
    ['0', '0x0'],
    ['null', null],
    ['"0x8000000000000000"', '0x8000000000000000'],
    ['99999999999999999999999', null],
  ])('Keywords %s → %s', (written, hex) => {
    const raw = `{"Id": 1, "ProviderName": "P", "MachineName": "h", "TimeCreated": "2026-01-01T00:00:00Z", "Keywords":  ${written}}`;
    expect(parser.parse(raw, ctx).observations[0]).toMatchObject({ keywords: hex });
  });

  it.each([
    ['Level absent, LevelDisplayName used', { Level: null, LevelDisplayName: 'Error' }, { level: 2 }],
    ['Level absent entirely', { Level: undefined }, { level: 0 }],
    ['ctx.host is not used when absent; first label of MachineName', {}, { host: 'hv-01', computer: 'hv-01.x' }],
    ['Properties as Value objects with a SID object', { Properties: [{ Value: 'a' }, { Value: { BinaryLength: 12, Value: 'S-1-5-18' } }, { Value: 7 }] }, { params: ['a', 'S-1-5-18', '7'] }],
    ['ContainerLog when LogName is absent', { LogName: undefined, ContainerLog: 'Application' }, { channel: 'Application' }],
  ])('%s', (_label, extra, expected) => {
    const { observations, rejects } = one(extra);
    expect(rejects).toEqual([]);
    expect(observations[0]).toMatchObject(expected);
  });

  it('lets ctx.host win', () => {
    expect(parser.parse(JSON.stringify(base), { ...ctx, host: 'HV-99' }).observations[0]).toMatchObject({ host: 'HV-99' });
  });

  it.each([
    ['not JSON', '{"Id": 13,', 'unparseable', /not valid JSON/],
    ['a JSON string', '"hello"', 'unparseable', /neither an event object nor an array/],
  ])('throws ParseError for %s', (_label, body, code, message) => {
    try {
      parser.parse(body, ctx);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ParseError);
      expect((err as ParseError).code).toBe(code);
      expect((err as ParseError).message).toMatch(message);
    }
  });
});

describe('event-json: sniff', () => {
  it.each([
    ['5.1 object', () => own('netvsc-13-ps51.json'), 0.9],
    ['5.1 array', () => own('ps51-array-mixed.json'), 0.9],
    ['ECS document', () => '{"@timestamp":"2026-01-01T00:00:00Z","winlog":{"provider_name":"P","event_id":"1"},"ProviderName":1,"Id":1,"TimeCreated":1}', 0],
    ['Get-NetNeighbor JSON', () => '[{"IPAddress": "10.0.0.1", "LinkLayerAddress": "00-15-5D-01-02-03", "State": 2}]', 0],
    ['event XML', () => "<Event xmlns='x'>", 0],
  ])('%s', (_label, load, score) => {
    expect(parser.sniff(load())).toBe(score);
  });

  it('does not claim the other event formats, and they do not claim it', () => {
    const text = own('netvsc-13-ps51.json');
    expect(eventXml.sniff(text)).toBe(0);
    expect(ecs.sniff(text)).toBe(0);
  });
});

describe('hostile input', () => {
  it('never throws anything but ParseError on 2,000 mutated fixtures, and every observation has a time and provider', () => {
    for (const text of mutations(['netvsc-13-ps51.json', 'ps51-array-mixed.json', 'ps7-array.json'].map(own), 2000)) {
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
