/**
 * Silences and maintenance windows: matchers on pattern/severity/subject fields plus a time range
 * (event time). A silence keeps a matching alert's status but marks it suppressed (not notified);
 * a maintenance window keeps matching findings from becoming alerts at all (planned work is not
 * a fault: e.g. a member disabled during maintenance).
 */
import type { AlertSubject, Matcher, Severity } from '../contract.ts';

export interface Silence {
  id: string;
  matchers: Matcher[];
  startsAt: number;
  endsAt: number;
  createdBy: string;
  comment: string;
  kind: 'silence' | 'maintenance';
  createdAt: number;
}

function fieldValue(name: Matcher['name'], pattern: string, severity: Severity, subject: AlertSubject): string[] {
  switch (name) {
    case 'pattern':
      return [pattern];
    case 'severity':
      return [severity];
    case 'host':
      return subject.host !== undefined ? [subject.host] : (subject.hosts ?? []);
    case 'vlan':
      return subject.vlan !== undefined ? [String(subject.vlan)] : [];
    default: {
      const v = subject[name];
      return v === undefined ? [] : [String(v)];
    }
  }
}

const regexCache = new Map<string, RegExp | null>();
function regex(src: string): RegExp | null {
  if (!regexCache.has(src)) {
    try {
      regexCache.set(src, new RegExp(`^(?:${src})$`, 'i'));
    } catch {
      regexCache.set(src, null);
    }
  }
  return regexCache.get(src)!;
}

export function matcherMatches(m: Matcher, pattern: string, severity: Severity, subject: AlertSubject): boolean {
  const values = fieldValue(m.name, pattern, severity, subject);
  let hit: boolean;
  if (m.isRegex) {
    const re = regex(m.value);
    hit = re !== null && values.some((v) => re.test(v));
  } else {
    hit = values.some((v) => v.toLowerCase() === m.value.toLowerCase());
  }
  return m.isNegative ? !hit : hit;
}

export function silenceMatches(s: Silence, pattern: string, severity: Severity, subject: AlertSubject, at: number): boolean {
  if (at < s.startsAt || at >= s.endsAt) return false;
  return s.matchers.length > 0 && s.matchers.every((m) => matcherMatches(m, pattern, severity, subject));
}

export function silenceStatus(s: Silence, at: number): 'pending' | 'active' | 'expired' {
  return at < s.startsAt ? 'pending' : at >= s.endsAt ? 'expired' : 'active';
}
