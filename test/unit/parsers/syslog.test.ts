import { describe, expect, it } from 'vitest';
import { parser, parseSyslogLine, MAX_SYSLOG_LINE } from '../../../collectors/parsers/syslog.ts';
import { rankParsers } from '../../../collectors/parsers/index.ts';
import { ParseError, type ParseContext, type ParseResult } from '../../../collectors/parsers/types.ts';
import type { SwitchLogObservation } from '../../../server/model/observation.ts';
import { readOwn } from '../../helpers/fixtures.ts';

/** Received 2026-03-14 12:00:00 UTC. */
const RECEIVED = Date.UTC(2026, 2, 14, 12, 0, 0);
const CTX: ParseContext = { receivedAt: RECEIVED };
const WITH_DEVICE: ParseContext = { device: 'given-dev', receivedAt: RECEIVED };

function observe(line: string, ctx: ParseContext = WITH_DEVICE): SwitchLogObservation {
  const result = parseSyslogLine(line, ctx);
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.observation;
}

const utc = (iso: string): number => Date.parse(iso);

/** The observations of a body parse, all of which must be switch logs. */
function logs(result: ParseResult): SwitchLogObservation[] {
  return result.observations.map((o) => {
    if (o.kind !== 'switchLog') throw new Error(`expected switchLog, got ${o.kind}`);
    return o;
  });
}

describe('classification of MAC flap / move lines (domain.md §3.9, F7)', () => {
  it.each([
    [
      'Cisco IOS MACFLAP_NOTIF',
      '<188>12: Mar 14 10:00:00.123 UTC: %SW_MATM-4-MACFLAP_NOTIF: Host f03a.b216.7ad7 in vlan 10 is flapping between port Gi0/5 and port Gi0/15',
      { logKind: 'flap', mnemonic: 'SW_MATM-4-MACFLAP_NOTIF', severity: 4, mac: 'f0:3a:b2:16:7a:d7', vlan: 10, fromPort: 'Gi0/5', toPort: 'Gi0/15' },
    ],
    [
      'Catalyst 4500 HOSTFLAPPING',
      'Jan 14 10:18:43 sw4k %C4K_EBM-4-HOSTFLAPPING: Host 00:0E:9B:53:44:1C in vlan 296 is flapping between port Fa2/2 and port Gi1/1',
      { logKind: 'flap', mnemonic: 'C4K_EBM-4-HOSTFLAPPING', severity: 4, mac: '00:0e:9b:53:44:1c', vlan: 296, fromPort: 'Fa2/2', toPort: 'Gi1/1' },
    ],
    [
      'Catalyst 6500 MAC_MOVE-SP NOTIF ("is moving between")',
      '%MAC_MOVE-SP-4-NOTIF: Host 0000.0000.0001 in vlan 1 is moving between port Gi1/1 and port Gi1/2',
      { logKind: 'flap', mnemonic: 'MAC_MOVE-SP-4-NOTIF', severity: 4, mac: '00:00:00:00:00:01', vlan: 1, fromPort: 'Gi1/1', toPort: 'Gi1/2' },
    ],
    [
      'Nexus 5k FWM MAC_MOVE_NOTIFICATION',
      '%FWM-6-MAC_MOVE_NOTIFICATION: Host fa16.2ead.e6cf in vlan 2001 is flapping between port Po19 and port Po22',
      { logKind: 'flap', mnemonic: 'FWM-6-MAC_MOVE_NOTIFICATION', severity: 6, mac: 'fa:16:2e:ad:e6:cf', vlan: 2001, fromPort: 'Po19', toPort: 'Po22' },
    ],
    [
      'NX-OS L2FM_MAC_MOVE2',
      '<188>: 2026 Mar 14 10:00:00 UTC: %L2FM-4-L2FM_MAC_MOVE2: Mac 0003.0001.005d in vlan 500 has moved from Eth1/24 to Eth1/63',
      { logKind: 'move', mnemonic: 'L2FM-4-L2FM_MAC_MOVE2', severity: 4, mac: '00:03:00:01:00:5d', vlan: 500, fromPort: 'Eth1/24', toPort: 'Eth1/63' },
    ],
    [
      'NX-OS older L2FM_MAC_MOVE',
      '%L2FM-4-L2FM_MAC_MOVE: Mac 0000.5e00.0101 in vlan 10 has moved from Eth1/1 to Po10',
      { logKind: 'move', mnemonic: 'L2FM-4-L2FM_MAC_MOVE', severity: 4, mac: '00:00:5e:00:01:01', vlan: 10, fromPort: 'Eth1/1', toPort: 'Po10' },
    ],
    [
      'NX-OS learning disabled',
      '%L2FM-2-L2FM_MAC_FLAP_DISABLE_LEARN: Disabling learning in vlan 500 for 120s due to too many mac moves',
      { logKind: 'learn-disabled', mnemonic: 'L2FM-2-L2FM_MAC_FLAP_DISABLE_LEARN', severity: 2, mac: null, vlan: 500, fromPort: null, toPort: null },
    ],
    [
      'Arista HOST_FLAPPING with agent tag, sequence number and repeat suffix',
      '2013-07-21T09:00:12.516555-07:00 a2-magnesium PortSec: 514: %ETH-4-HOST_FLAPPING: Host 00:1c:73:0c:55:d9 in VLAN 3908 is flapping between interface Port-Channel1 and interface Ethernet18 (message repeated 34 times in 21603.9 secs)',
      { logKind: 'flap', mnemonic: 'ETH-4-HOST_FLAPPING', severity: 4, mac: '00:1c:73:0c:55:d9', vlan: 3908, fromPort: 'Port-Channel1', toPort: 'Ethernet18' },
    ],
    [
      'Arista HOST_FLAPPING, Cisco-dotted MAC',
      '<188>Mar 14 10:00:00 leaf1 PortSec: %ETH-4-HOST_FLAPPING: Host 0050.56a1.b2c3 in VLAN 10 is flapping between interface Ethernet1 and interface Ethernet2',
      { logKind: 'flap', mnemonic: 'ETH-4-HOST_FLAPPING', severity: 4, mac: '00:50:56:a1:b2:c3', vlan: 10, fromPort: 'Ethernet1', toPort: 'Ethernet2' },
    ],
    [
      'Juniper L2ALD_MAC_MOVE_NOTIFICATION with details (VLAN name gives no tag)',
      '<28>Mar 14 10:00:00 ex1 l2ald[1234]: L2ALD_MAC_MOVE_NOTIFICATION: MAC 00:50:56:a1:b2:c3 moved from ge-0/0/1.0 to ge-0/0/2.0 in vlan v10',
      { logKind: 'move', mnemonic: 'L2ALD_MAC_MOVE_NOTIFICATION', severity: 4, mac: '00:50:56:a1:b2:c3', vlan: null, fromPort: 'ge-0/0/1.0', toPort: 'ge-0/0/2.0' },
    ],
    [
      'Juniper L2ALD_MAC_MOVE_NOTIFICATION, interface words and numeric VLAN',
      'Mar 14 10:00:00 qfx2 l2ald[77]: L2ALD_MAC_MOVE_NOTIFICATION: MAC address 00:50:56:a1:b2:c4 of vlan 20 moved from interface xe-0/0/1.0 to interface ae0.0',
      { logKind: 'move', mnemonic: 'L2ALD_MAC_MOVE_NOTIFICATION', severity: null, mac: '00:50:56:a1:b2:c4', vlan: 20, fromPort: 'xe-0/0/1.0', toPort: 'ae0.0' },
    ],
    [
      'Juniper documented bare text (Junos 10.3 reference)',
      '<28>1 2026-03-14T10:00:00.000Z ex1 l2ald 1234 L2ALD_MAC_MOVE_NOTIFICATION - MAC Moves detected in the system',
      { logKind: 'move', mnemonic: 'L2ALD_MAC_MOVE_NOTIFICATION', severity: 4, mac: null, vlan: null, fromPort: null, toPort: null },
    ],
    [
      'a flap mnemonic whose text is garbled keeps its kind with null fields',
      '%SW_MATM-4-MACFLAP_NOTIF: Host in vlan is flapping',
      { logKind: 'flap', mnemonic: 'SW_MATM-4-MACFLAP_NOTIF', severity: 4, mac: null, vlan: null, fromPort: null, toPort: null },
    ],
    [
      'an unrelated Cisco line',
      '<189>3013: Mar 14 10:00:06.000 UTC: %LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet1/0/5, changed state to down',
      { logKind: 'unclassified', mnemonic: 'LINEPROTO-5-UPDOWN', severity: 5, mac: null, vlan: null, fromPort: null, toPort: null },
    ],
    [
      'an unrelated Junos line',
      '<30>Mar 14 10:00:00 ex1 mgd[99]: UI_COMMIT: User root requested commit',
      { logKind: 'unclassified', mnemonic: 'UI_COMMIT', severity: 6, mac: null, vlan: null, fromPort: null, toPort: null },
    ],
    [
      'plain text',
      'something happened',
      { logKind: 'unclassified', mnemonic: null, severity: null, mac: null, vlan: null, fromPort: null, toPort: null },
    ],
  ])('%s', (_label, line, expected) => {
    expect(observe(line)).toMatchObject({ kind: 'switchLog', ...expected });
  });
});

describe('headers: device and time', () => {
  it.each([
    ['RFC 3164 with hostname', '<189>Mar 14 10:00:00 sw1 hello', 'sw1', utc('2026-03-14T10:00:00Z'), 'hello'],
    ['RFC 3164 with an IP address as hostname', 'Mar 14 10:00:00 192.0.2.7 hello', '192.0.2.7', utc('2026-03-14T10:00:00Z'), 'hello'],
    ['single-digit day', 'Mar  4 10:00:00 sw1 hi', 'sw1', utc('2026-03-04T10:00:00Z'), 'hi'],
    ['Cisco sequence number and milliseconds, no hostname', '<189>000123: Mar 14 10:00:00.250: %SYS-5-CONFIG_I: Configured', 'given-dev', utc('2026-03-14T10:00:00.250Z'), '%SYS-5-CONFIG_I: Configured'],
    ['Cisco timestamp with year and zone', '<189>7: Mar 14 2025 10:00:00.001 UTC: %SYS-5-CONFIG_I: x', 'given-dev', utc('2025-03-14T10:00:00.001Z'), '%SYS-5-CONFIG_I: x'],
    ['Cisco named zone with a known offset', '<189>7: Mar 14 11:00:00 CET: %SYS-5-CONFIG_I: x', 'given-dev', utc('2026-03-14T10:00:00Z'), '%SYS-5-CONFIG_I: x'],
    ['Cisco numeric offset', '<189>7: Mar 14 05:00:00 -05:00: %SYS-5-CONFIG_I: x', 'given-dev', utc('2026-03-14T10:00:00Z'), '%SYS-5-CONFIG_I: x'],
    ['Cisco origin-id hostname', '<190>3011: sw-access-07: Mar 14 09:59:58.120 UTC: %SYS-6-X: y', 'sw-access-07', utc('2026-03-14T09:59:58.120Z'), '%SYS-6-X: y'],
    ['NX-OS <PRI>: yyyy Mmm dd', '<187>: 2026 Mar 14 10:00:00 UTC: %ETHPORT-5-IF_DOWN: x', 'given-dev', utc('2026-03-14T10:00:00Z'), '%ETHPORT-5-IF_DOWN: x'],
    ['NX-OS show logging line', '2026 Mar 14 10:00:00 n5k-1 %ETHPORT-5-IF_DOWN: x', 'n5k-1', utc('2026-03-14T10:00:00Z'), '%ETHPORT-5-IF_DOWN: x'],
    ['RFC 3339 relay timestamp', '2026-03-14T11:00:00.5+01:00 leaf1 Stp: x', 'leaf1', utc('2026-03-14T10:00:00.500Z'), 'Stp: x'],
    ['program tag, no hostname', 'Mar 14 10:00:00 sshd[12]: x', 'given-dev', utc('2026-03-14T10:00:00Z'), 'sshd[12]: x'],
    ['program tag word that could be a zone', 'Mar 14 10:00:00 sshd: x', 'given-dev', utc('2026-03-14T10:00:00Z'), 'sshd: x'],
    ['RFC 5424', '<165>1 2026-03-14T10:00:00.003Z core1 app 42 ID47 [x@1 a="1"] the msg', 'core1', utc('2026-03-14T10:00:00.003Z'), 'the msg'],
    ['RFC 5424 with NILVALUEs and a BOM', '<165>1 - - - - - - \uFEFFthe msg', 'given-dev', RECEIVED, 'the msg'],
    ['RFC 5424 with escaped ] in SD and no MSG', '<165>1 2026-03-14T10:00:00Z core1 - - - [x@1 a="b\\]c"]', 'core1', utc('2026-03-14T10:00:00Z'), '[x@1 a="b\\]c"]'],
    ['bare message', 'just text', 'given-dev', RECEIVED, 'just text'],
  ])('%s', (_label, line, device, time, message) => {
    expect(observe(line)).toMatchObject({ device, time, message, raw: line });
  });

  it('takes the year from the receive time and steps back a year when that would be over a day ahead', () => {
    const newYear: ParseContext = { device: 'd', receivedAt: Date.UTC(2026, 0, 1, 0, 0, 30) };
    expect(observe('Dec 31 23:59:58 sw1 x', newYear).time).toBe(utc('2025-12-31T23:59:58Z'));
    expect(observe('Jan  1 00:00:10 sw1 x', newYear).time).toBe(utc('2026-01-01T00:00:10Z'));
    expect(observe('Jan  1 23:00:00 sw1 x', newYear).time).toBe(utc('2026-01-01T23:00:00Z'));
    expect(observe('Jan  2 01:00:00 sw1 x', newYear).time).toBe(utc('2025-01-02T01:00:00Z'));
  });

  it.each([
    ['Cisco unsynchronized clock (*)', '<189>12: *Mar  1 00:01:02.123: %SYS-5-CONFIG_I: x'],
    ['an impossible date', 'Feb 30 10:00:00 sw1 x'],
    ['an impossible time', 'Mar 14 25:00:00 sw1 x'],
    ['an operator-named zone', '<189>7: Mar 14 10:00:00 OURTZ: %SYS-5-CONFIG_I: x'],
    ['an impossible RFC 5424 timestamp', '<165>1 2026-02-30T10:00:00Z core1 - - - - x'],
  ])('falls back to ?at= or the receive time for %s, keeping the line', (_label, line) => {
    expect(observe(line).time).toBe(RECEIVED);
    expect(observe(line, { ...WITH_DEVICE, at: 77 }).time).toBe(77);
  });

  it('prefers the header hostname over ?device=, and ?device= over ?host=', () => {
    expect(observe('Mar 14 10:00:00 sw1 x', { device: 'd', host: 'h', receivedAt: 0 }).device).toBe('sw1');
    expect(observe('x', { device: 'd', host: 'h', receivedAt: 0 }).device).toBe('d');
    expect(observe('x', { host: 'h', receivedAt: 0 }).device).toBe('h');
  });

  it('refuses a line that names no device when none is given', () => {
    expect(parseSyslogLine('%SW_MATM-4-MACFLAP_NOTIF: x', CTX)).toEqual({
      ok: false,
      reason: 'no device: the line has no hostname and no ?device= was given',
    });
  });

  it('takes the severity from a valid PRI first, then from the mnemonic', () => {
    expect(observe('<187>%SW_MATM-4-MACFLAP_NOTIF: x').severity).toBe(3);
    expect(observe('%SW_MATM-4-MACFLAP_NOTIF: x').severity).toBe(4);
  });
});

describe('hostile lines', () => {
  it('refuses an oversized line with its length, cheaply', () => {
    const started = performance.now();
    const result = parseSyslogLine(`<14>Mar 14 10:00:00 sw1 ${'A'.repeat(100_000)}`, WITH_DEVICE);
    expect(result).toEqual({ ok: false, reason: `line is 100024 characters long; syslog lines are at most ${MAX_SYSLOG_LINE}` });
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('drops NUL bytes and turns other control characters into spaces in the message', () => {
    const obs = observe('<188>Mar 14 10:00:00 sw1 %SW_MATM-4-MACFLAP_NOTIF: Host f03a.b216.7ad7 in vlan 10\0 is flapping between port Gi0/5 and\x1b port Gi0/15\0\r\n');
    expect(obs).toMatchObject({ device: 'sw1', logKind: 'flap', fromPort: 'Gi0/5', toPort: 'Gi0/15' });
    expect(obs.raw).toBe('<188>Mar 14 10:00:00 sw1 %SW_MATM-4-MACFLAP_NOTIF: Host f03a.b216.7ad7 in vlan 10 is flapping between port Gi0/5 and\x1b port Gi0/15');
    expect(obs.message).not.toMatch(/[\0\x1b]/);
  });

  it.each([
    ['out of range', '<999>Mar 14 10:00:00 sw1 hello'],
    ['not a number', '<x>Mar 14 10:00:00 sw1 hello'],
    ['empty', '<>Mar 14 10:00:00 sw1 hello'],
  ])('skips an invalid PRI (%s) and still reads the header', (_label, line) => {
    expect(observe(line)).toMatchObject({ device: 'sw1', severity: null, time: utc('2026-03-14T10:00:00Z'), message: 'hello' });
  });

  it('reads a body whose first line has an invalid PRI instead of taking it for XML', () => {
    expect(logs(parser.parse('<x>Mar 14 10:00:00 sw1 hello\n', CTX)).map((o) => o.device)).toEqual(['sw1']);
  });

  it('refuses an empty line', () => {
    expect(parseSyslogLine('\0\r\n', WITH_DEVICE)).toEqual({ ok: false, reason: 'empty line' });
  });

  it('stays fast on pathological text just under the limit', () => {
    const lines = [
      `%${'A-'.repeat(4000)}`,
      `Host ${'x '.repeat(4000)}`,
      `<14>1 2026-03-14T10:00:00Z h a p m [${'"['.repeat(2000)}`,
      `Mar 14 10:00:00 ${'a'.repeat(8000)}`,
      `l2ald[1]: L2ALD_MAC_MOVE_NOTIFICATION: ${'vlan '.repeat(1600)}`,
    ];
    const started = performance.now();
    for (const line of lines) parseSyslogLine(line, WITH_DEVICE);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('bodies: framing, rejects and the mixed sample (test/fixtures/switch/syslog-stream.txt)', () => {
  it('rejects headerless lines of the sample by line number when no ?device= is given', () => {
    const result = parser.parse(readOwn('switch/syslog-stream.txt').toString('utf8'), CTX);
    expect(logs(result).map((o) => o.device)).toEqual(['sw-access-07', 'sw-access-07', 'leaf-03', 'ex4300-02']);
    expect(result.rejects.map((r) => r.line)).toEqual([3, 4, 7]);
  });

  it('reads the sample completely with ?device=', () => {
    const result = parser.parse(readOwn('switch/syslog-stream.txt').toString('utf8'), WITH_DEVICE);
    expect(result.rejects).toEqual([]);
    expect(logs(result).map((o) => [o.device, o.logKind, o.mac])).toEqual([
      ['sw-access-07', 'unclassified', null],
      ['sw-access-07', 'flap', '00:15:5d:01:02:03'],
      ['given-dev', 'move', '00:15:5d:01:02:04'],
      ['given-dev', 'learn-disabled', null],
      ['leaf-03', 'flap', '00:15:5d:01:02:05'],
      ['ex4300-02', 'move', '00:15:5d:01:02:06'],
      ['given-dev', 'unclassified', null],
    ]);
  });

  it('reads RFC 6587 octet-counted frames, including one with a newline and non-ASCII text inside', () => {
    const a = '<14>1 2026-03-14T10:00:00Z h1 - - - - first\nline';
    const b = '<14>Mar 14 10:00:01 h2 Grüße';
    const frame = (m: string) => `${Buffer.byteLength(m, 'utf8')} ${m}`;
    const result = parser.parse(frame(a) + frame(b) + '\n<14>Mar 14 10:00:02 h3 newline framed\n', CTX);
    expect(result.rejects).toEqual([]);
    expect(logs(result).map((o) => [o.device, o.message])).toEqual([
      ['h1', 'first line'],
      ['h2', 'Grüße'],
      ['h3', 'newline framed'],
    ]);
  });

  it('rejects an oversized frame and goes on with the next one', () => {
    const big = `<14>Mar 14 10:00:00 h1 ${'x'.repeat(9000)}`;
    const result = parser.parse(`${big.length} ${big}12 <14>h2 after`, WITH_DEVICE);
    expect(result.rejects).toEqual([{ line: 1, reason: `frame declares ${big.length} octets; at most ${MAX_SYSLOG_LINE} are accepted` }]);
    expect(result.observations).toHaveLength(1);
  });

  it('keeps the other lines when one line is 100 KB long, and numbers lines correctly with CRLF', () => {
    const text = ['Mar 14 10:00:00 sw1 a', `Mar 14 10:00:00 sw1 ${'y'.repeat(100_000)}`, '', 'Mar 14 10:00:00 sw1 b'].join('\r\n');
    const result = parser.parse(text, CTX);
    expect(logs(result).map((o) => o.message)).toEqual(['a', 'b']);
    expect(result.rejects).toEqual([{ line: 2, reason: `line is 100020 characters long; syslog lines are at most ${MAX_SYSLOG_LINE}` }]);
  });

  it.each([
    ['an empty body', '  \n', 'empty'],
    ['JSON', '{"a": 1}', 'unrecognized'],
    ['XML', '<Event xmlns="x"><System/></Event>', 'unrecognized'],
    ['an XML declaration', '<?xml version="1.0"?>\n<a/>', 'unrecognized'],
  ])('refuses %s as a whole', (_label, body, code) => {
    expect(() => parser.parse(body, WITH_DEVICE)).toThrow(ParseError);
    expect(() => parser.parse(body, WITH_DEVICE)).toThrow(expect.objectContaining({ code }));
  });
});

describe('sniffing', () => {
  it.each([
    ['a PRI', '<189>12: Mar 14 10:00:00: %SYS-5-CONFIG_I: x', 0.9],
    ['an octet-counted frame', '45 <14>1 2026-03-14T10:00:00Z h - - - - x', 0.9],
    ['Cisco mnemonics without PRI', 'Mar 14 10:00:00 sw1 %SYS-5-CONFIG_I: x\nMar 14 10:00:01 sw1 %SYS-5-CONFIG_I: y', 0.7],
    ['BSD timestamps without mnemonics', 'Mar 14 10:00:00 ex1 mgd[1]: UI_COMMIT: x\nMar 14 10:00:01 ex1 mgd[1]: UI_COMMIT: y', 0.6],
  ])('recognizes %s', (_label, text, score) => {
    expect(parser.sniff(text)).toBe(score);
    expect(rankParsers(text)[0]?.parser.id).toBe('syslog');
  });

  it.each([
    ['event XML', '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System/></Event>'],
    ['JSON', '{"TimeCreated": "/Date(1)/"}'],
    ['an IOS MAC table', 'Vlan    Mac Address       Type        Ports\n----    -----------       --------    -----\n   1    0015.5d01.0203    DYNAMIC     Po1'],
  ])('leaves %s alone', (_label, text) => {
    expect(parser.sniff(text)).toBe(0);
  });
});

describe('the year of an RFC 3164 stamp', () => {
  it('comes from ?at= when given, so an import of last year\'s switch logs lands in last year', async () => {
    const { parser } = await import('../../../collectors/parsers/syslog.ts');
    const line = '<188>Dec 30 23:59:00 sw1 %SW_MATM-4-MACFLAP_NOTIF: Host 0015.5d01.0203 in vlan 10 is flapping between port Gi0/5 and port Gi0/15';
    const at = Date.UTC(2025, 11, 31);
    const r = parser.parse(line, { at, receivedAt: Date.UTC(2026, 10, 21) });
    expect(new Date(r.observations[0].time).toISOString()).toBe('2025-12-30T23:59:00.000Z');
  });
});
