/**
 * Bytes → text. Windows PowerShell 5.1 writes UTF-16LE with a BOM when output is redirected with
 * `>`; some tools write UTF-16 without a BOM, or UTF-8 with one. Line endings are left alone
 * (parsers split on /\r?\n/).
 */
export function decodeText(buf: Uint8Array): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return new TextDecoder('utf-8').decode(buf.subarray(3));
  // UTF-16 without BOM: ASCII-range text has a zero in every other byte.
  if (buf.length >= 4 && buf[1] === 0 && buf[3] === 0 && buf[0] !== 0) return new TextDecoder('utf-16le').decode(buf);
  if (buf.length >= 4 && buf[0] === 0 && buf[2] === 0 && buf[1] !== 0) return new TextDecoder('utf-16be').decode(buf);
  return new TextDecoder('utf-8').decode(buf);
}
