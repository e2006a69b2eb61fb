import { describe, expect, it } from 'vitest';
import { parseBulk, parser } from '../../../collectors/parsers/ecs.ts';
import { parser as eventJson } from '../../../collectors/parsers/event-json.ts';
import { parser as eventXml } from '../../../collectors/parsers/event-xml.ts';
import { ParseError, type ParseContext } from '../../../collectors/parsers/types.ts';
import type { EventObservation } from '../../../server/model/observation.ts';
import { readOwn } from '../../helpers/fixtures.ts';
import { mutations } from './event-mutate.ts';

const ctx: ParseContext = { receivedAt: 1_800_000_000_000 };
const own = (name: string) => readOwn(`events/${name}`).toString('utf8');
const INTEL_XML = own('intel-e1iexpress-27.xml');

const SYSMON_4 = {
  kind: 'event',
  host: 'vagrant-2012-r2',
  time: Date.parse('2019-03-18T16:57:38.011Z'),
  ticks: 0,
  provider: 'Microsoft-Windows-Sysmon',
  providerGuid: '{5770385F-C22A-43E0-BF4C-06F5698FFBD9}',
  eventId: 4,
  qualifiers: null,
  version: 3,
  level: 4,
  task: null,
  opcode: 0,
  keywords: null,
  channel: 'Microsoft-Windows-Sysmon/Operational',
  recordId: 2,
  computer: 'vagrant-2012-r2',
  message: 'Sysmon service state changed:\nUtcTime: …\nState: Started\nVersion: 9.01\nSchemaVersion: 4.20',
  data: { SchemaVersion: '4.20', State: 'Started', Version: '9.01' },
  params: ['4.20', 'Started', '9.01'],
  userDataName: null,
  binary: null,
} satisfies Partial<EventObservation>;

const LBFO_16945 = {
  host: 'HV-07',
  time: Date.parse('2026-03-02T08:15:01.123Z'),
  provider: 'Microsoft-Windows-MsLbfoSysEvtProvider',
  providerGuid: '{387ed463-8b1b-42c9-9ef0-803fdfd5d94e}',
  eventId: 16945,
  version: 0,
  level: 3,
  task: null,
  opcode: 0,
  keywords: null,
  channel: 'System',
  recordId: 812340,
  computer: 'HV-07.corp.example.com',
  message: 'MAC conflict: A port on the virtual switch has the same MAC as one of the underlying team members on Team Nic Microsoft Network Adapter Multiplexor Driver',
  data: { param1: '{7D5B1C2E-3F4A-4B5C-8D6E-9F0A1B2C3D4E}', param2: 'Microsoft Network Adapter Multiplexor Driver' },
  params: ['{7D5B1C2E-3F4A-4B5C-8D6E-9F0A1B2C3D4E}', 'Microsoft Network Adapter Multiplexor Driver'],
  userDataName: null,
} satisfies Partial<EventObservation>;

const WORKER_18500 = {
  host: 'HV-07',
  time: Date.parse('2026-03-02T09:00:12.345Z'),
  provider: 'Microsoft-Windows-Hyper-V-Worker',
  providerGuid: '{51DDFA29-D5C8-4803-BE4B-2ECB715570FE}',
  eventId: 18500,
  level: 4,
  keywords: null,
  channel: 'Microsoft-Windows-Hyper-V-Worker-Admin',
  recordId: 4711,
  data: { VmId: '8A30FE52-0169-432B-A1B5-E3A906EF0CEC', VmName: 'APP-01' },
  params: ['8A30FE52-0169-432B-A1B5-E3A906EF0CEC', 'APP-01'],
  userDataName: 'VmlEventLog',
} satisfies Partial<EventObservation>;

const INTEL_27 = {
  host: 'HV-07',
  provider: 'e1iexpress',
  eventId: 27,
  level: 3,
  keywords: null,
  recordId: 812354,
  data: { param1: '', param2: 'Intel(R) Ethernet Connection (5) I219-LM' },
  params: ['', 'Intel(R) Ethernet Connection (5) I219-LM'],
  binary: '0000040002003000000000001B0004A0000000000000000000000000000000000000000000000000',
  raw: INTEL_XML,
} satisfies Partial<EventObservation>;

/** event.code as the id, agent.hostname as the computer when winlog.computer_name and host.name are absent. */
const FALLBACK_16950 = { host: 'HV-08', computer: 'HV-08', eventId: 16950, level: 4, recordId: 9001 } satisfies Partial<EventObservation>;

describe('ecs: the Winlogbeat golden document (domain.md §2.3)', () => {
  it.each([
    ['pretty-printed single document', () => own('winlogbeat-sysmon-golden.json')],
    ['one NDJSON line', () => JSON.stringify(JSON.parse(own('winlogbeat-sysmon-golden.json')))],
    ['a JSON array', () => `[${own('winlogbeat-sysmon-golden.json')}]`],
    ['CRLF', () => own('winlogbeat-sysmon-golden.json').replace(/\n/g, '\r\n')],
  ])('%s', (_label, load) => {
    const text = load();
    expect(parser.sniff(text)).toBe(0.9);
    const { observations, rejects } = parser.parse(text, ctx);
    expect(rejects).toEqual([]);
    expect(observations).toEqual([{ ...SYSMON_4, raw: expect.any(String) }]);
    expect(JSON.parse((observations[0] as EventObservation).raw)).toMatchObject({ winlog: { event_id: '4' } });
  });
});

describe('ecs: System-channel NDJSON', () => {
  it('keeps the good documents and rejects the bad lines by line number', () => {
    const text = own('winlogbeat-system.ndjson');
    expect(parser.sniff(text)).toBe(0.9);
    const { observations, rejects } = parser.parse(text, ctx);
    expect(observations).toHaveLength(4);
    expect(observations[0]).toMatchObject(LBFO_16945);
    expect(observations[1]).toMatchObject(WORKER_18500);
    expect(observations[2]).toMatchObject(INTEL_27);
    expect(observations[3]).toMatchObject(FALLBACK_16950);
    expect(rejects).toHaveLength(2);
    expect(rejects[0]).toMatchObject({ line: 3 });
    expect(rejects[0].reason).toMatch(/^invalid JSON: /);
    expect(rejects[1]).toEqual({ line: 5, reason: 'winlog.event_id (or event.code) is missing' });
  });

  it('reads the same documents with CRLF line endings and blank lines', () => {
    const text = own('winlogbeat-system.ndjson').replace(/\n/g, '\r\n\r\n');
    const { observations, rejects } = parser.parse(text, ctx);
    expect(observations).toHaveLength(4);
    expect(rejects.map((r) => r.line)).toEqual([5, 9]);
  });

  it('reads them as a JSON array, rejecting by index', () => {
    const docs = own('winlogbeat-system.ndjson').trim().split('\n');
    docs[2] = '"not a document"';
    const { observations, rejects } = parser.parse(`[\n${docs.join(',\n')}\n]`, ctx);
    expect(observations).toHaveLength(4);
    expect(rejects).toEqual([
      { index: 2, reason: 'document is a string, not an object' },
      { index: 4, reason: 'winlog.event_id (or event.code) is missing' },
    ]);
  });

  it('uses the raw line as raw when there is no event.original', () => {
    const line = own('winlogbeat-system.ndjson').split('\n')[0];
    expect((parser.parse(line, ctx).observations[0] as EventObservation).raw).toBe(line);
  });
});

describe('ecs: _bulk bodies', () => {
  it('answers one item per action, in order', () => {
    const { items } = parseBulk(own('winlogbeat-bulk.ndjson'), ctx);
    expect(items.map((i) => (i.ok ? i.observation.eventId : i.reason.slice(0, 24)))).toEqual([
      16945,
      18500,
      'invalid JSON: Unterminat',
      'delete actions carry no ',
      27,
      'winlog.event_id (or even',
    ]);
    expect(items[0]).toMatchObject({ ok: true, observation: LBFO_16945 });
    expect(items[4]).toMatchObject({ ok: true, observation: INTEL_27 });
  });

  it('gives parse() the same outcome with line numbers', () => {
    const text = own('winlogbeat-bulk.ndjson');
    expect(parser.sniff(text)).toBe(0.9);
    const { observations, rejects } = parser.parse(text, ctx);
    expect(observations).toHaveLength(3);
    expect(rejects.map((r) => r.line)).toEqual([6, 7, 11]);
  });

  it.each([
    ['an action with no document', '{"index":{}}\n{"index":{}}\n' + JSON.stringify(JSON.parse(own('winlogbeat-sysmon-golden.json'))), ['the index action has no document after it', 4]],
    ['an update action', '{"update":{"_id":"1"}}\n{"doc":{"a":1}}', ['update actions carry no event']],
    ['a broken action line skips its document', `{"index":{}}\n${own('winlogbeat-system.ndjson').split('\n')[0]}\n{"index":\n{"a":1}`, [16945, 'invalid JSON in _bulk action line']],
    ['a document where an action was expected', `{"create":{}}\n{"winlog":{}}\n{"winlog":{}}`, ['winlog.event_id (or event.code) is missing', 'expected a _bulk action line']],
  ])('%s', (_label, body, expected) => {
    const { items } = parseBulk(body, ctx);
    expect(items).toHaveLength(expected.length);
    items.forEach((item, i) => {
      const want = expected[i];
      if (typeof want === 'number') expect(item).toMatchObject({ ok: true, observation: { eventId: want } });
      else expect(item.ok ? '' : item.reason).toContain(want);
    });
  });
});

describe('ecs: field rules', () => {
  const base = { '@timestamp': '2026-01-01T00:00:00.123Z', winlog: { event_id: '7', provider_name: 'P', channel: 'System', computer_name: 'hv-01.x' } };
  const one = (doc: unknown, c: ParseContext = ctx) => parser.parse(JSON.stringify(doc), c);

  it.each([
    ['numeric event_id and record_id', { winlog: { ...base.winlog, event_id: 7, record_id: 12 } }, { eventId: 7, recordId: 12 }],
    ['log.level names', { log: { level: 'Critical' } }, { level: 1 }],
    ['log.level error', { log: { level: 'error' } }, { level: 2 }],
    ['log.level verbose', { log: { level: 'verbose' } }, { level: 5 }],
    ['an unknown (localised) level name keeps the event at level 0', { log: { level: 'Avertissement' } }, { level: 0 }],
    ['keywords with a hex value', { winlog: { ...base.winlog, keywords: ['Classic', '0x80000000000000'] } }, { keywords: '0x80000000000000' }],
    ['opcode Start', { winlog: { ...base.winlog, opcode: 'Start' } }, { opcode: 1 }],
    ['host.name when computer_name is absent', { winlog: { ...base.winlog, computer_name: undefined }, host: { name: 'hv-02.y' } }, { host: 'hv-02', computer: 'hv-02.y' }],
    ['event.original preferred as raw', { event: { original: '<Event>x</Event>' } }, { raw: '<Event>x</Event>' }],
  ])('%s', (_label, extra, expected) => {
    const { observations, rejects } = one({ ...base, ...extra });
    expect(rejects).toEqual([]);
    expect(observations[0]).toMatchObject(expected);
  });

  it('reads flattened dotted keys', () => {
    const doc = { '@timestamp': '2026-01-01T00:00:00Z', 'winlog.event_id': '16949', 'winlog.provider_name': 'P', 'winlog.event_data': { param1: 'x' }, 'host.name': 'hv-03' };
    expect(one(doc).observations[0]).toMatchObject({ eventId: 16949, provider: 'P', host: 'hv-03', data: { param1: 'x' } });
  });

  it('lets ctx.host win over the document', () => {
    expect(one(base, { ...ctx, host: 'HV-99' }).observations[0]).toMatchObject({ host: 'HV-99', computer: 'hv-01.x' });
  });

  it.each([
    ['missing @timestamp', { ...base, '@timestamp': undefined }, '@timestamp is missing'],
    ['bad @timestamp', { ...base, '@timestamp': 'soon' }, "@timestamp 'soon' is not a recognised time"],
    ['non-numeric event_id', { ...base, winlog: { ...base.winlog, event_id: 'abc' } }, "winlog.event_id 'abc' is not an integer"],
    ['no provider', { ...base, winlog: { ...base.winlog, provider_name: undefined } }, 'provider name is missing'],
  ])('rejects %s', (_label, doc, reason) => {
    expect(one(doc).rejects).toEqual([{ line: 1, reason }]);
  });

  it.each([
    ['not JSON', 'hello', /starts with neither/],
    ['every line broken', '{"a":\n{"b":', /not JSON or NDJSON/],
    ['a broken array', '[{"a":1}', /not valid JSON/],
    ['empty', ' \n ', /empty/],
  ])('throws ParseError for %s', (_label, body, message) => {
    expect(() => parser.parse(body, ctx)).toThrow(ParseError);
    expect(() => parser.parse(body, ctx)).toThrow(message);
  });
});

describe('ecs: sniff', () => {
  it.each([
    ['PowerShell JSON', () => own('netvsc-13-ps51.json'), 0],
    ['event XML', () => INTEL_XML, 0],
    ['plain JSON', () => '{"a": 1}', 0],
  ])('%s → 0', (_label, load, score) => {
    expect(parser.sniff(load())).toBe(score);
  });

  it('is not claimed by the other event parsers', () => {
    for (const f of ['winlogbeat-sysmon-golden.json', 'winlogbeat-system.ndjson', 'winlogbeat-bulk.ndjson']) {
      expect(eventJson.sniff(own(f))).toBe(0);
      expect(eventXml.sniff(own(f))).toBe(0);
    }
  });
});

describe('hostile input', () => {
  it('never throws anything but ParseError on 2,000 mutated fixtures, and every observation has a time and provider', () => {
    for (const text of mutations(['winlogbeat-sysmon-golden.json', 'winlogbeat-system.ndjson', 'winlogbeat-bulk.ndjson'].map(own), 2000)) {
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
