/** Alert filters (the same rules as GET /alerts, applied to live updates) and silence matchers. */
import type { AlertDto, AlertStatus, Matcher, Severity } from '../contract.ts';
import { formatSubject } from './format.ts';
import { hostKeyOf } from './hosts.ts';

export interface AlertFilter {
  status: AlertStatus | 'all';
  severity: Severity | '';
  pattern: string;
  host: string;
  q: string;
}

export const STATUSES: AlertFilter['status'][] = ['firing', 'pending', 'resolved', 'all'];
export const SEVERITIES: Severity[] = ['critical', 'warning', 'info'];

export function filterFromQuery(q: URLSearchParams): AlertFilter {
  const status = q.get('status') as AlertFilter['status'] | null;
  const severity = q.get('severity') as Severity | null;
  return {
    status: status && STATUSES.includes(status) ? status : 'firing',
    severity: severity && SEVERITIES.includes(severity) ? severity : '',
    pattern: q.get('pattern') ?? '',
    host: q.get('host') ?? '',
    q: q.get('q') ?? '',
  };
}

/**
 * Whether a live update belongs in a list filtered this way. Free text matches, case-insensitive,
 * the summary, the pattern id and the subject; `host` matches the subject's host(s) by host key.
 */
export function alertMatches(a: AlertDto, f: AlertFilter): boolean {
  if (f.status !== 'all' && a.status !== f.status) return false;
  if (f.severity && a.severity !== f.severity) return false;
  if (f.pattern && a.pattern !== f.pattern) return false;
  if (f.host) {
    const want = hostKeyOf(f.host);
    const hosts = [a.subject.host, ...(a.subject.hosts ?? [])].filter((h): h is string => Boolean(h)).map(hostKeyOf);
    if (!hosts.includes(want)) return false;
  }
  if (f.q) {
    const hay = `${a.summary}\n${a.pattern}\n${formatSubject(a.subject)}`.toLowerCase();
    if (!hay.includes(f.q.toLowerCase())) return false;
  }
  return true;
}

const SUBJECT_MATCHERS: Matcher['name'][] = ['host', 'team', 'vm', 'mac', 'ip', 'switch', 'vlan'];

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The matchers that silence exactly this alert's fault: its pattern plus its subject. */
export function matchersFor(a: AlertDto): Matcher[] {
  const out: Matcher[] = [{ name: 'pattern', value: a.pattern }];
  const s = a.subject as Record<string, unknown>;
  for (const name of SUBJECT_MATCHERS) {
    const v = s[name];
    if (v !== undefined && v !== null && v !== '') out.push({ name, value: String(v) });
  }
  if (!s.host && Array.isArray(a.subject.hosts) && a.subject.hosts.length > 0)
    out.push({ name: 'host', value: `^(?:${a.subject.hosts.map(escapeRegex).join('|')})$`, isRegex: true });
  return out;
}

export function describeMatcher(m: Matcher): string {
  const op = m.isRegex ? (m.isNegative ? '!~' : '=~') : m.isNegative ? '!=' : '=';
  return `${m.name}${op}${m.value}`;
}
