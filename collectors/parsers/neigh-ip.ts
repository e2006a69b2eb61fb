/**
 * IP address checks for neighbor tables. Written by hand (no `node:net`, which is an I/O module)
 * and without regular expressions over the whole token, so a hostile token costs at most its
 * length. Callers hand in single whitespace-free tokens.
 */

const DIGITS = /^\d{1,3}$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;
const ZONE = /^[\w.-]{1,32}$/;

/** Dotted-quad IPv4, each part 0–255 (leading zeros tolerated, as some devices pad). */
export function isIPv4(s: string): boolean {
  if (s.length < 7 || s.length > 15) return false;
  const parts = s.split('.');
  if (parts.length !== 4) return false;
  for (const p of parts) if (!DIGITS.test(p) || Number(p) > 255) return false;
  return true;
}

/** IPv6 in any RFC 4291 text form, optionally with an embedded IPv4 tail and a `%zone` suffix. */
export function isIPv6(input: string): boolean {
  let s = input;
  const pct = s.indexOf('%');
  if (pct >= 0) {
    if (!ZONE.test(s.slice(pct + 1))) return false;
    s = s.slice(0, pct);
  }
  if (s.length < 2 || s.length > 45) return false;
  const gap = s.indexOf('::');
  if (gap >= 0 && s.indexOf('::', gap + 1) >= 0) return false;
  const halves = gap >= 0 ? [s.slice(0, gap), s.slice(gap + 2)] : [s];
  let groups = 0;
  for (let h = 0; h < halves.length; h++) {
    if (halves[h] === '') continue;
    const parts = halves[h].split(':');
    for (let i = 0; i < parts.length; i++) {
      const last = h === halves.length - 1 && i === parts.length - 1;
      if (last && parts[i].includes('.')) {
        if (!isIPv4(parts[i])) return false;
        groups += 2;
      } else if (HEX_GROUP.test(parts[i])) {
        groups += 1;
      } else {
        return false;
      }
    }
  }
  return gap >= 0 ? groups <= 7 : groups === 8;
}

export function isIp(s: string): boolean {
  return isIPv4(s) || isIPv6(s);
}

/**
 * The canonical text we store: IPv4 as printed, IPv6 lower-case (sources differ only in case).
 * Returns null when `s` is not an address.
 */
export function canonicalIp(s: string): string | null {
  if (isIPv4(s)) return s;
  if (isIPv6(s)) return s.toLowerCase();
  return null;
}

/**
 * Whether a token is shaped like an address even if it is not a valid one (`10.0.0.300`,
 * `fe80::zz`): such a token marks its line as a data row, so a bad value is rejected rather than
 * skipped as a heading.
 */
export function looksLikeIp(s: string): boolean {
  if (s.length === 0 || s.length > 64) return false;
  if (IPV4_ISH.test(s)) return true;
  // Colon MACs (`00:15:5d:00:00:01`) are not addresses; no IPv6 text has six 1–2 digit groups.
  if (COLON_MAC.test(s)) return false;
  return /^[0-9a-fA-F]{0,4}:/.test(s) && s.split(':').length >= 3;
}

/** Two leading octets: `10.0.`, never a Cisco MAC (`0000.0c59.`, `30a3.`). */
const IPV4_ISH = /^\d{1,3}\.\d{1,3}\./;
const COLON_MAC = /^[0-9a-fA-F]{1,2}(?::[0-9a-fA-F]{1,2}){5}$/;
