/**
 * The Prometheus Alertmanager webhook body, version 4 (docs/anchors.md §2): exactly the fields
 * Alertmanager sends, so Alerta (`/api/webhooks/prometheus`), Keep, karma-style tooling and
 * in-house Alertmanager receivers accept it unchanged. LBFO context travels in labels and
 * annotations. Label and annotation values are strings; absent subject parts are omitted (as in
 * Alertmanager, where an empty label does not exist).
 */
import { createHash } from 'node:crypto';
import type { AlertDto } from '../contract.ts';
import { alertUrl, hostOf, incidentUrl, JSON_HEADERS, runbookUrl, type NotificationGroup, type Notifier } from './notifier.ts';
import { clip } from './text.ts';

/** Firing alerts carry Go's zero time as endsAt, as Alertmanager's own payloads do. */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

const LABEL_MAX = 1024;
const ANNOTATION_MAX = 8192;

export interface AmAlert {
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
  fingerprint: string;
}

export interface AmPayload {
  version: '4';
  groupKey: string;
  truncatedAlerts: number;
  status: 'firing' | 'resolved';
  receiver: string;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  externalURL: string;
  alerts: AmAlert[];
}

export function amLabels(a: AlertDto): Record<string, string> {
  const s = a.subject;
  const l: Record<string, string> = { alertname: a.pattern, severity: a.severity };
  const put = (k: string, v: string | number | undefined | null) => {
    if (v !== undefined && v !== null && v !== '') l[k] = clip(String(v), LABEL_MAX);
  };
  put('host', hostOf({ subject: { host: s.host, hosts: s.hosts } }));
  put('team', s.team);
  put('vm', s.vm);
  put('mac', s.mac);
  put('ip', s.ip);
  put('switch', s.switch);
  put('vlan', s.vlan);
  put('incident', a.incidentId);
  return l;
}

/** summary, expected, observed, explanation, remediation, runbook_url, and incident_url when the alert belongs to an incident. */
export function amAnnotations(a: AlertDto, base: string): Record<string, string> {
  const commands = a.remediation.commands?.length ? `\n\n${a.remediation.commands.join('\n')}` : '';
  const out: Record<string, string> = {
    summary: clip(a.summary, ANNOTATION_MAX),
    expected: clip(a.expected.summary, ANNOTATION_MAX),
    observed: clip(a.observed.summary, ANNOTATION_MAX),
    explanation: clip(a.explanation, ANNOTATION_MAX),
    remediation: clip(`${a.remediation.text}${commands}`, ANNOTATION_MAX),
    runbook_url: runbookUrl(base, a.pattern),
  };
  if (a.incidentId !== null) out.incident_url = incidentUrl(base, a.incidentId);
  return out;
}

/** Alertmanager-style fingerprint: 16 hex digits, stable for the alert's identity (pattern + subject). */
export function amFingerprint(a: AlertDto): string {
  return createHash('sha256').update(a.fingerprint).digest('hex').slice(0, 16);
}

function common(maps: Record<string, string>[]): Record<string, string> {
  if (maps.length === 0) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(maps[0])) if (maps.every((m) => m[k] === v)) out[k] = v;
  return out;
}

export function amPayload(group: NotificationGroup): AmPayload {
  const base = group.externalURL;
  const alerts: AmAlert[] = group.alerts.map((a) => ({
    status: a.status === 'resolved' ? 'resolved' : 'firing',
    labels: amLabels(a),
    annotations: amAnnotations(a, base),
    startsAt: a.startsAt,
    endsAt: a.status === 'resolved' ? (a.endsAt ?? a.updatedAt) : ZERO_TIME,
    generatorURL: alertUrl(base, a),
    fingerprint: amFingerprint(a),
  }));
  return {
    version: '4',
    groupKey: group.groupKey,
    truncatedAlerts: group.truncatedAlerts,
    status: group.status,
    receiver: group.receiver,
    groupLabels: Object.fromEntries(Object.entries(group.groupLabels).filter(([, v]) => v !== '')),
    commonLabels: common(alerts.map((a) => a.labels)),
    commonAnnotations: common(alerts.map((a) => a.annotations)),
    externalURL: base,
    alerts,
  };
}

export const alertmanager: Notifier = {
  id: 'alertmanager',
  render: (group) => ({ headers: { ...JSON_HEADERS }, body: JSON.stringify(amPayload(group)) }),
};
