/** XML text helpers for the compact, single-quoted rendering wevtutil produces. */

export function xmlText(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;');
}

export function xmlAttr(s: string): string {
  return xmlText(s).replace(/'/g, '&apos;');
}

/** `2026-10-08T19:30:43.6509771Z`: UTC with 7 fractional digits (100-ns ticks), as Windows writes SystemTime. */
export function systemTime(ms: number, ticks: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}${String(ticks).padStart(4, '0')}Z`;
}
