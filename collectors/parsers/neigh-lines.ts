/**
 * Line-oriented reading shared by the text neighbor tables: splitting (LF, CRLF or lone CR),
 * skipping blank and over-long lines, recognising CLI and shell prompts (whose host name becomes
 * the observer), and splitting a row into whitespace-separated tokens.
 */
import type { RejectList } from './neigh-common.ts';

/** Longest line we look at. Real rows are under 200 characters; longer lines are rejected unread. */
export const MAX_LINE = 4096;

/** How much of the text a sniffer reads. */
export const SNIFF_BYTES = 4096;

/** Network OS prompt: `switch1#show ip arp`, `sw1(config)# sh arp`, `RP/0/RP0/CPU0:xr1#show arp`, `leaf1>`. */
const DEVICE_PROMPT = /^([A-Za-z0-9][\w.\-/:]{0,80})(?:\([\w-]{0,32}\))?[#>] ?(.{0,512})$/;
/** Junos `user@router> show arp` (optionally after `{master:0}`) and shells `root@hv1:~# arp -a`, `[root@hv1 ~]# ip neigh`. */
const USER_AT_HOST_PROMPT = /^(?:\{[\w:-]{0,40}\}\s?)?\[?[\w.-]{1,64}@([A-Za-z0-9][\w.-]{0,62})(?:[: ][^\s#$>\]]{0,256})?\]?[#$>%] ?(.{0,512})$/;
/** Commands that follow a prompt in the captures we accept; a bare `name#` line also counts. */
const COMMAND = /^(?:sh(?:ow)?|arp|ip|cat|netsh|get-netneighbor)\b/i;

/**
 * The host name in a prompt line, or null when the line is not a prompt. IOS-XR prompts carry the
 * route-processor path before the name (`RP/0/RP0/CPU0:xr1#`); only the part after the last `:` is
 * the host.
 */
export function promptHost(line: string): string | null {
  if (line.length > 700) return null;
  const user = USER_AT_HOST_PROMPT.exec(line);
  if (user && (user[2] === '' || COMMAND.test(user[2]))) return user[1];
  const dev = DEVICE_PROMPT.exec(line);
  if (dev && (dev[2].trim() === '' || COMMAND.test(dev[2]))) {
    const name = dev[1].slice(dev[1].lastIndexOf(':') + 1);
    return /^[A-Za-z0-9][\w.-]*$/.test(name) ? name : null;
  }
  return null;
}

/** Tokens of a row. Splits on any run of spaces or tabs. */
export function tokens(line: string): string[] {
  const t = line.trim();
  return t === '' ? [] : t.split(/[ \t]+/);
}

export interface ScanResult {
  /** The host name from the first prompt line, if any. */
  prompt: string | null;
}

/**
 * Calls `visit` for every non-blank, non-prompt line (without its line break, 1-based number).
 * Lines longer than MAX_LINE are rejected without being read further. A leading BOM is dropped.
 */
export function scanLines(text: string, rejects: RejectList, visit: (line: string, lineNo: number) => void): ScanResult {
  let prompt: string | null = null;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let lineNo = 0;
  while (pos <= text.length) {
    let end = pos;
    // A manual scan, so one enormous line is skipped without building it as a string.
    while (end < text.length) {
      const c = text.charCodeAt(end);
      if (c === 0x0a || c === 0x0d) break;
      end++;
    }
    lineNo++;
    if (end - pos > MAX_LINE) {
      rejects.line(lineNo, `line is ${end - pos} characters long; lines over ${MAX_LINE} characters are not read`);
    } else {
      const line = text.slice(pos, end);
      if (line.trim() !== '') {
        const host = promptHost(line);
        if (host !== null) prompt ??= host;
        else visit(line, lineNo);
      }
    }
    if (end >= text.length) break;
    pos = end + (text.charCodeAt(end) === 0x0d && text.charCodeAt(end + 1) === 0x0a ? 2 : 1);
  }
  return { prompt };
}

/** The first SNIFF_BYTES characters split into lines, for sniffers. */
export function headLines(text: string): string[] {
  const head = text.length > SNIFF_BYTES ? text.slice(0, SNIFF_BYTES) : text;
  return head.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}
