/**
 * The syslog header of one line, in the shapes switches and relays send:
 *
 * - RFC 5424: `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [SD…] MSG`, `-` for any NILVALUE;
 * - RFC 3164 / BSD: `<PRI>Mmm dd hh:mm:ss HOSTNAME MSG` (PRI optional when read from a file);
 * - Cisco IOS: `<PRI>SEQ: [*|.]Mmm dd [yyyy] hh:mm:ss[.mmm] [ZONE]: %FAC-SEV-MNEMONIC: …` — no
 *   hostname (the sender's address names the device), sequence number and timestamp optional;
 * - NX-OS: `<PRI>: yyyy Mmm dd hh:mm:ss [ZONE]: %FAC-SEV-MNEMONIC: …`, or from `show logging`
 *   `yyyy Mmm dd hh:mm:ss HOSTNAME %…`;
 * - RFC 3339 timestamps instead of BSD ones (rsyslog high-precision, Arista);
 * - a bare message with no header at all.
 *
 * An invalid PRI (`<999>`, `<x>`) is skipped, not fatal: the rest of the line is still read. The
 * hostname is only taken after a timestamp, and only when the timestamp did not end with `:` and
 * the word looks like a host (not a `tag:`, `prog[pid]:` or `%MNEMONIC`).
 */
import { parseInstant } from '../../server/model/time.ts';
import { readHeaderTime } from './syslog-time.ts';

export interface SyslogHeader {
  /** PRI when present and valid (0–191). */
  pri: number | null;
  hostname: string | null;
  /** Epoch ms of the header timestamp, or null when absent or unusable. */
  time: number | null;
  /** RFC 5424 APP-NAME, when given. */
  appName: string | null;
  /** RFC 5424 MSGID, when given. */
  msgid: string | null;
  /** The message part: everything after the header (RFC 5424: MSG, or the SD when MSG is empty). */
  message: string;
}

const HOSTNAME = /^[A-Za-z0-9][A-Za-z0-9._:\-]{0,254}$/;

/**
 * Cisco origin-id: `HOST: ` followed by a Cisco timestamp (`*Mar`, `.Mar`, `Mar`, `2026 Mar`), or
 * after a sequence number also directly by a `%` mnemonic. Without the sequence number a word
 * before `%` is more likely a program tag (`PortSec: %ETH-…`) and is left in the message.
 */
const ORIGIN_STAMP = /^([A-Za-z0-9][\w.\-]{0,254}): +(?=[*.]?[A-Z][a-z]{2} |\d{4} [A-Z][a-z]{2} )/;
const ORIGIN_ANY = /^([A-Za-z0-9][\w.\-]{0,254}): +(?=[*.]?[A-Z][a-z]{2} |\d{4} [A-Z][a-z]{2} |%)/;

/** Reads `<PRI>`; returns the PRI (or null if malformed) and where the rest starts. */
function readPri(line: string): { pri: number | null; at: number } {
  if (line.charCodeAt(0) !== 0x3c) return { pri: null, at: 0 };
  const gt = line.indexOf('>', 1);
  if (gt < 0 || gt > 6) return { pri: null, at: 0 };
  const inner = line.slice(1, gt);
  const pri = /^\d{1,3}$/.test(inner) && Number(inner) <= 191 ? Number(inner) : null;
  return { pri, at: gt + 1 };
}

/** Next space-delimited token from `at` (multiple spaces tolerated). */
function token(line: string, at: number): { value: string; next: number } {
  let i = at;
  while (i < line.length && line.charCodeAt(i) === 0x20) i++;
  const start = i;
  while (i < line.length && line.charCodeAt(i) !== 0x20) i++;
  return { value: line.slice(start, i), next: i };
}

const nil = (v: string): string | null => (v === '-' || v === '' ? null : v);

/** End of the STRUCTURED-DATA starting at `at` (`[id k="v\]"]…`), or -1 when it is not closed. */
function sdEnd(line: string, at: number): number {
  let i = at;
  while (i < line.length && line.charCodeAt(i) === 0x5b) {
    let inQuote = false;
    i++;
    for (; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (inQuote) {
        if (c === 0x5c) i++;
        else if (c === 0x22) inQuote = false;
      } else if (c === 0x22) inQuote = true;
      else if (c === 0x5d) break;
    }
    if (i >= line.length) return -1;
    i++;
  }
  return i;
}

function parse5424(line: string, at: number, pri: number | null): SyslogHeader {
  const version = token(line, at);
  const ts = token(line, version.next);
  const host = token(line, ts.next);
  const app = token(line, host.next);
  const proc = token(line, app.next);
  const msgid = token(line, proc.next);
  let i = msgid.next;
  while (i < line.length && line.charCodeAt(i) === 0x20) i++;
  let sd = '';
  if (line.charCodeAt(i) === 0x2d) {
    i++;
  } else if (line.charCodeAt(i) === 0x5b) {
    const end = sdEnd(line, i);
    sd = end < 0 ? line.slice(i) : line.slice(i, end);
    i = end < 0 ? line.length : end;
  }
  let msg = line.slice(i).replace(/^ /, '');
  if (msg.charCodeAt(0) === 0xfeff) msg = msg.slice(1);
  const instant = nil(ts.value) ? parseInstant(ts.value) : null;
  return {
    pri,
    hostname: nil(host.value),
    time: instant ? instant.ms : null,
    appName: nil(app.value),
    msgid: nil(msgid.value),
    message: msg.trim() === '' ? sd : msg,
  };
}

export function parseHeader(line: string, receivedAt: number): SyslogHeader {
  const { pri, at: afterPri } = readPri(line);
  let at = afterPri;
  if (afterPri > 0 && /^[1-9]\d{0,2} (?:-|\d{4}-)/.test(line.slice(at, at + 16))) return parse5424(line, at, pri);

  // NX-OS writes `<PRI>: `; Cisco IOS writes a sequence number `000123: `.
  const lead = /^(?::|\d{1,10}:)? */.exec(line.slice(at, at + 16));
  if (lead) at += lead[0].length;
  // Cisco `logging origin-id hostname|ip|string` names the device after the sequence number.
  let origin: string | null = null;
  const sequenced = lead !== null && /\d/.test(lead[0]);
  if (afterPri > 0 || sequenced) {
    const o = (sequenced ? ORIGIN_ANY : ORIGIN_STAMP).exec(line.slice(at, at + 320));
    if (o) {
      origin = o[1];
      at += o[0].length;
    }
  }
  const afterLead = at;
  const marker = line.charCodeAt(at);
  const hasMarker = (marker === 0x2a || marker === 0x2e) && /[A-Za-z0-9]/.test(line.charAt(at + 1));
  if (hasMarker) at++;
  const stamp = readHeaderTime(line.slice(at, at + 96), receivedAt, hasMarker && marker === 0x2a);
  if (!stamp) {
    // No timestamp: a bare message, or `<PRI>SEQ: %MNEMONIC…` whose sequence number is header.
    const message = afterLead > afterPri && line.charCodeAt(afterLead) === 0x25 ? line.slice(afterLead) : line.slice(afterPri);
    return { pri, hostname: origin, time: null, appName: null, msgid: null, message };
  }
  at += stamp.length;
  let hostname: string | null = origin;
  if (hostname === null && !stamp.colon) {
    const word = token(line, at);
    if (HOSTNAME.test(word.value) && !word.value.endsWith(':')) {
      hostname = word.value;
      at = word.next;
      while (at < line.length && line.charCodeAt(at) === 0x20) at++;
    }
  }
  return { pri, hostname, time: stamp.ms, appName: null, msgid: null, message: line.slice(at) };
}
