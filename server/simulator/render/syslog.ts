/**
 * One switch syslog line, RFC 3164: `<PRI>Mmm dd hh:mm:ss HOST MSG`, facility local7 (23), and the
 * Cisco message `%FACILITY-SEVERITY-MNEMONIC: text` as MSG. The header has no year: a receiver
 * takes it from the reception time (the post's `at`).
 */
import type { SyslogMessage } from '../emission.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const FACILITY_LOCAL7 = 23;

export function rfc3164Timestamp(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

export function renderSyslog(device: string, at: number, m: SyslogMessage): string {
  const pri = FACILITY_LOCAL7 * 8 + m.severity;
  return `<${pri}>${rfc3164Timestamp(at)} ${device} %${m.mnemonic}: ${m.text}`;
}
