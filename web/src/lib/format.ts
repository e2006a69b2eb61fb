/** Display formatting shared by views: times, ages, severities, subjects. Pure functions. */
import type { AlertDto, AlertSubject, Severity } from '../contract.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** "12m 05s", "3h 07m", "2d 04h"; negative spans (clock skew) count as zero. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${pad(s % 60)}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${pad(m % 60)}m`;
  return `${Math.floor(h / 24)}d ${pad(h % 24)}h`;
}

/** Local wall-clock time, HH:MM:SS. */
export function formatClock(t: number | string | Date): string {
  const d = new Date(t);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Local date and time, YYYY-MM-DD HH:MM:SS; empty for null. */
export function formatTime(t: string | number | null | undefined): string {
  if (t === null || t === undefined || t === '') return '';
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return String(t);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${formatClock(d)}`;
}

/** Value for `<input type="datetime-local">` from an ISO time (local time, minute precision). */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** ISO (UTC) from an `<input type="datetime-local">` value; '' when empty or invalid. */
export function fromLocalInput(v: string): string {
  if (!v) return '';
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

export const SEVERITY_RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

export function severityRank(s: string): number {
  return SEVERITY_RANK[s as Severity] ?? 3;
}

const STATUS_RANK: Record<string, number> = { firing: 0, pending: 1, resolved: 2 };

/**
 * Firing before pending before resolved; then severity; then the youngest first, so a new fault
 * surfaces at the top of its band.
 */
export function compareAlerts(a: AlertDto, b: AlertDto): number {
  return (
    (STATUS_RANK[a.status] ?? 3) - (STATUS_RANK[b.status] ?? 3) ||
    severityRank(a.severity) - severityRank(b.severity) ||
    Date.parse(b.startsAt) - Date.parse(a.startsAt) ||
    b.id - a.id
  );
}

const SUBJECT_ORDER: (keyof AlertSubject)[] = ['host', 'hosts', 'team', 'vm', 'mac', 'ip', 'switch', 'vlan', 'vmId'];

/** "host HV-07 · team Team1 · vm APP-01" in a stable order. */
export function formatSubject(s: AlertSubject | null | undefined): string {
  if (!s) return '';
  const parts: string[] = [];
  for (const k of SUBJECT_ORDER) {
    const v = s[k];
    if (v === undefined || v === null || v === '') continue;
    parts.push(`${k} ${Array.isArray(v) ? v.join(', ') : String(v)}`);
  }
  return parts.join(' · ');
}

/** Event level names as Windows shows them. */
export const LEVELS: Record<number, string> = { 0: 'Always', 1: 'Critical', 2: 'Error', 3: 'Warning', 4: 'Information', 5: 'Verbose' };

export function levelName(l: number): string {
  return LEVELS[l] ?? String(l);
}

/** Renders an unknown JSON value as one line of text for tables. */
export function displayValue(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

export function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}
