/**
 * Switch syslog: one `SwitchLogObservation` per line, whatever the line says. MAC flap, move and
 * learning-disabled lines are classified with their MAC, VLAN and ports (syslog-classify.ts);
 * everything else is stored as `unclassified`, never rejected. Header forms are described in
 * syslog-header.ts and syslog-time.ts, stream framing in syslog-frames.ts.
 *
 * - device: the header's hostname, else `?device=`, else `?host=`; a line with none is rejected.
 * - time: the header's timestamp when usable, else `?at=`, else the receive time (an unparseable
 *   date never drops the line).
 * - severity: the PRI's severity when the PRI is valid, else the `-N-` of a Cisco-style mnemonic.
 * - message: the message part after the syslog header (tag and mnemonic included); raw: the line
 *   as received minus NUL bytes and the line terminator.
 */
import type { SwitchLogObservation } from '../../server/model/observation.ts';
import type { ParseContext, ParseResult, Parser } from './types.ts';
import { ParseError } from './types.ts';
import { BoundedRejects, head } from './mac-common.ts';
import { parseHeader } from './syslog-header.ts';
import { classify } from './syslog-classify.ts';
import { splitFrames } from './syslog-frames.ts';

const FORMAT = 'syslog';

/** Longest line accepted (RFC 5425's recommended receiver minimum is 2,048; 8,192 covers every switch). */
export const MAX_SYSLOG_LINE = 8192;

/**
 * The result of one line: the observation, or why the line was refused. The UDP/TCP listeners
 * call `parseSyslogLine` once per datagram or framed message and log `reason` for refusals.
 */
export type SyslogLineResult = { ok: true; observation: SwitchLogObservation } | { ok: false; reason: string };

/**
 * Parses one syslog line (a UDP datagram, or one message of a TCP stream without its framing).
 * Never throws. A trailing CR/LF and NUL bytes are ignored; other control characters are turned
 * into spaces in `message` (kept in `raw`). Refuses empty lines, lines over MAX_SYSLOG_LINE
 * characters, and lines whose device is unknown (no hostname, no `?device=`, no `?host=`).
 */
export function parseSyslogLine(line: string, ctx: ParseContext): SyslogLineResult {
  let end = line.length;
  while (end > 0 && (line.charCodeAt(end - 1) === 0x0a || line.charCodeAt(end - 1) === 0x0d || line.charCodeAt(end - 1) === 0)) end--;
  if (end > MAX_SYSLOG_LINE) {
    return { ok: false, reason: `line is ${end} characters long; syslog lines are at most ${MAX_SYSLOG_LINE}` };
  }
  const body = line.slice(0, end);
  let raw = body.includes('\0') ? body.replace(/\0/g, '') : body;
  if (raw.charCodeAt(0) === 0xfeff) raw = raw.slice(1);
  if (raw.trim() === '') return { ok: false, reason: 'empty line' };
  const text = raw.replace(/[\x00-\x08\x0a-\x1f\x7f]/g, ' ');

  // RFC 3164 stamps have no year: it is taken from ?at= when given (an import of old switch logs
  // names when they were written), else from the receive time.
  const header = parseHeader(text, ctx.at ?? ctx.receivedAt);
  const device = header.hostname ?? ctx.device ?? ctx.host;
  if (device === undefined || device.trim() === '') {
    return { ok: false, reason: 'no device: the line has no hostname and no ?device= was given' };
  }
  const c = classify(header.message, header.msgid);
  return {
    ok: true,
    observation: {
      kind: 'switchLog',
      device: device.trim(),
      time: header.time ?? ctx.at ?? ctx.receivedAt,
      logKind: c.logKind,
      mnemonic: c.mnemonic,
      severity: header.pri !== null ? header.pri & 7 : c.mnemonicSeverity,
      mac: c.mac,
      vlan: c.vlan,
      fromPort: c.fromPort,
      toPort: c.toPort,
      message: header.message.trim(),
      raw,
    },
  };
}

function parse(text: string, ctx: ParseContext): ParseResult {
  if (text.trim() === '') throw new ParseError('empty', 'The body is empty.');
  // A PRI is `<digits>`; a tag name followed by more markup is XML (an invalid PRI like `<x>` is not).
  if (/^\s*(?:[{[]|<\?xml|<!|<[A-Za-z][\w:.-]{0,63}[\s/>][^\n]{0,256}<\/?[A-Za-z])/.test(head(text, 512))) {
    throw new ParseError('unrecognized', 'The body looks like JSON or XML, not syslog lines.');
  }
  const observations: SwitchLogObservation[] = [];
  const rejects = new BoundedRejects();
  for (const frame of splitFrames(text, MAX_SYSLOG_LINE)) {
    if ('reason' in frame) {
      rejects.line(frame.line, frame.reason);
      continue;
    }
    if (frame.text.replace(/[\0\r]/g, '').trim() === '') continue;
    const result = parseSyslogLine(frame.text, ctx);
    if (result.ok) observations.push(result.observation);
    else rejects.line(frame.line, result.reason);
  }
  return { observations, rejects: rejects.list() };
}

const PRI_START = /^(?:[1-9]\d{0,7} )?<\d{1,3}>/;
const MNEMONIC = /%[A-Z0-9_]{1,40}(?:-[A-Z0-9_]{1,40}){0,3}-[0-7]-[A-Z0-9_]{1,60}:/;
const BSD_START = /^\*?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}\d{1,2} (?:\d{4} )?\d{2}:\d{2}:\d{2}/;
const NXOS_START = /^\d{4} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}\d{1,2} \d{2}:\d{2}:\d{2}/;

/**
 * Syslog if the first line starts with a PRI (optionally octet-counted), or if most of the first
 * five non-empty lines carry a Cisco-style `%FAC-SEV-MNEMONIC:` or start with a syslog timestamp.
 * Tables that merely contain a log line among their rows score lower than their own parsers.
 */
function sniff(text: string): number {
  const lines = head(text)
    .split('\n')
    .map((l) => l.replace(/^\uFEFF/, '').trim())
    .filter((l) => l !== '')
    .slice(0, 5)
    .map((l) => l.slice(0, 512));
  if (lines.length === 0) return 0;
  if (PRI_START.test(lines[0])) return 0.9;
  const mnemonics = lines.filter((l) => MNEMONIC.test(l)).length;
  const stamped = lines.filter((l) => BSD_START.test(l) || NXOS_START.test(l)).length;
  if (mnemonics * 2 > lines.length) return 0.7;
  if (stamped * 2 > lines.length) return 0.6;
  if (mnemonics > 0) return 0.3;
  return 0;
}

export const parser: Parser = {
  id: FORMAT,
  description: 'Switch syslog lines, RFC 3164 and RFC 5424 (Cisco IOS MACFLAP, NX-OS L2FM MAC move/flap, Arista, Juniper)',
  sniff,
  parse,
};
