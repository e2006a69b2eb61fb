/**
 * The notifier contract. A notifier is one file exporting `{ id, render(group) }`: it turns one
 * notification group (the alerts announced together to one receiver) into the HTTP request body
 * and headers for its channel. Rendering is pure: no clock, no I/O; everything it needs (links,
 * receiver name, message id) is in the group. Delivery, signing, retries and dead-lettering are
 * the dispatcher's (dispatch.ts, deliver.ts), the same for every channel.
 */
import type { AlertDto } from '../contract.ts';

export type WebhookFormat = 'alertmanager' | 'teams' | 'slack' | 'generic';

export interface NotificationGroup {
  /** Unique per message and stable across its retries (sent as `webhook-id`). */
  id: string;
  /** Name of the receiver (from config, else `<format>-<n>`). */
  receiver: string;
  /** Alertmanager-style group key: `{}:{alertname="…", host="…"}`. */
  groupKey: string;
  groupLabels: { alertname: string; host: string };
  /** `firing` when any announced alert is firing, else `resolved`. */
  status: 'firing' | 'resolved';
  /** `new`: alerts that started firing or resolved; `repeat`: still firing after repeatInterval; `test`: POST /notifications/test. */
  reason: 'new' | 'repeat' | 'test';
  /** The alerts announced, firing first, most severe first. */
  alerts: AlertDto[];
  /** Alerts of this group left out of the message because of the per-message cap. */
  truncatedAlerts: number;
  /** The dashboard's base URL without a trailing slash (config publicUrl, else http://localhost:8080). */
  externalURL: string;
}

export interface Rendered {
  headers: Record<string, string>;
  /** The exact bytes to POST (signatures are computed over this string). */
  body: string;
}

export interface Notifier {
  id: WebhookFormat;
  render(group: NotificationGroup): Rendered;
}

export const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' } as const;

/** Used when publicUrl is not configured. */
export const DEFAULT_PUBLIC_URL = 'http://localhost:8080';

export function baseUrl(publicUrl: string | null | undefined): string {
  return (publicUrl || DEFAULT_PUBLIC_URL).replace(/\/+$/, '');
}

/** The dashboard's drill-down for one alert; the test alert (id 0) links to the alert list. */
export function alertUrl(base: string, a: Pick<AlertDto, 'id'>): string {
  return a.id > 0 ? `${base}/alerts/${a.id}` : `${base}/alerts`;
}

/** The dashboard's alert list filtered to one group (pattern + host), all statuses. */
export function groupUrl(base: string, group: Pick<NotificationGroup, 'groupLabels'>): string {
  const q = new URLSearchParams({ status: 'all', pattern: group.groupLabels.alertname });
  if (group.groupLabels.host) q.set('host', group.groupLabels.host);
  return `${base}/alerts?${q}`;
}

/** Where a whole message links: the alert when it announces one, else the group's list. */
export function messageUrl(group: NotificationGroup): string {
  return group.alerts.length === 1 && group.truncatedAlerts === 0 ? alertUrl(group.externalURL, group.alerts[0]) : groupUrl(group.externalURL, group);
}

export function incidentUrl(base: string, id: number): string {
  return `${base}/incidents/${id}`;
}

export function hostUrl(base: string, host: string): string {
  return `${base}/hosts/${encodeURIComponent(host)}`;
}

/** The pattern's documentation in the dashboard's catalogue page. */
export function runbookUrl(base: string, pattern: string): string {
  return `${base}/patterns#${encodeURIComponent(pattern)}`;
}

/**
 * The host an alert is grouped and labelled by: its host, else its hosts joined with commas
 * (fleet-scope patterns), else its switch, else empty.
 */
export function hostOf(a: Pick<AlertDto, 'subject'>): string {
  const s = a.subject;
  if (s.host) return s.host;
  if (s.hosts && s.hosts.length > 0) return [...s.hosts].sort().join(',');
  return s.switch ?? '';
}

export function statusWord(group: NotificationGroup): string {
  if (group.reason === 'test') return 'Test';
  if (group.reason === 'repeat') return 'Still firing';
  return group.status === 'firing' ? 'Firing' : 'Resolved';
}

/** One-line title of a message, e.g. `Firing: team-degraded on HV-07 (3 alerts)`. */
export function title(group: NotificationGroup): string {
  const host = group.groupLabels.host ? ` on ${group.groupLabels.host}` : '';
  const n = group.alerts.length + group.truncatedAlerts;
  return `${statusWord(group)}: ${group.groupLabels.alertname}${host}${n > 1 ? ` (${n} alerts)` : ''}`;
}

