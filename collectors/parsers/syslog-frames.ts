/**
 * Splits a syslog body into records. A TCP stream may use either framing of RFC 6587, and a
 * relay or a file may mix them, so each record decides for itself:
 *
 * - octet counting: `MSG-LEN SP SYSLOG-MSG`, where MSG-LEN is the decimal length in octets
 *   (UTF-8) and the message starts with `<` (its PRI). The message may contain newlines.
 * - non-transparent framing: one message per line (LF, CRLF; NUL bytes between records are
 *   dropped, as some senders use NUL as the trailer).
 *
 * A declared length above `maxFrame` is rejected and its octets skipped. A declared length that
 * runs past the end of the body is not trusted: the record is read as newline-framed instead.
 */

export type Frame = { line: number; text: string } | { line: number; reason: string };

const COUNT = /([1-9]\d{0,7}) (?=<)/y;

/** Index just after `octets` UTF-8 octets from `start`, or -1 if the text ends first. */
function advanceOctets(text: string, start: number, octets: number): number {
  let i = start;
  let left = octets;
  while (left > 0) {
    if (i >= text.length) return -1;
    const c = text.charCodeAt(i);
    if (c < 0x80) left -= 1;
    else if (c < 0x800) left -= 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      left -= 4;
      i++;
    } else left -= 3;
    i++;
  }
  return i;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

export function splitFrames(text: string, maxFrame: number): Frame[] {
  const frames: Frame[] = [];
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (pos < text.length) {
    const c = text.charCodeAt(pos);
    if (c === 0x0a) {
      line++;
      pos++;
      continue;
    }
    if (c === 0x0d || c === 0x00) {
      pos++;
      continue;
    }
    COUNT.lastIndex = pos;
    const counted = COUNT.exec(text);
    if (counted) {
      const octets = Number(counted[1]);
      const start = pos + counted[0].length;
      const end = advanceOctets(text, start, octets);
      if (end >= 0) {
        if (octets > maxFrame) frames.push({ line, reason: `frame declares ${octets} octets; at most ${maxFrame} are accepted` });
        else frames.push({ line, text: text.slice(start, end) });
        line += countNewlines(text, pos, end);
        pos = end;
        continue;
      }
    }
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    frames.push({ line, text: text.slice(pos, end) });
    pos = end;
  }
  return frames;
}
