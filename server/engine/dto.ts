/** Alert/incident records → wire DTOs (server/contract.ts). */
import type { AlertDto, IncidentDto, SilenceDto } from '../contract.ts';
import type { AlertRecord, IncidentRecord, SilenceRecord } from '../../db/alerts.ts';
import type { AlertState, IncidentState } from './state.ts';
import { iso } from '../model/time.ts';
import { silenceStatus } from './silences.ts';

export function stateToRecord(a: AlertState): AlertRecord {
  return {
    id: a.id,
    fingerprint: a.fingerprint,
    pattern: a.pattern,
    severity: a.severity,
    scope: a.scope,
    status: a.status,
    fired: a.firedAt !== null,
    subject: a.subject,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    updatedAt: a.updatedAt,
    finding: a.finding,
    ack: a.ack,
    suppressedBy: a.suppressedBy,
    incidentId: a.incidentId,
  };
}

export function alertDto(a: AlertRecord, demo: boolean): AlertDto {
  const dto: AlertDto = {
    id: a.id,
    fingerprint: a.fingerprint,
    pattern: a.pattern,
    severity: a.severity,
    status: a.status,
    subject: a.subject,
    startsAt: iso(a.startsAt),
    endsAt: a.endsAt === null ? null : iso(a.endsAt),
    updatedAt: iso(a.updatedAt),
    summary: a.finding.summary,
    expected: a.finding.expected,
    observed: a.finding.observed,
    evidence: a.finding.evidence,
    explanation: a.finding.explanation,
    remediation: a.finding.remediation,
    incidentId: a.incidentId,
  };
  if (a.ack) dto.acknowledged = { by: a.ack.by, comment: a.ack.comment, at: iso(a.ack.at) };
  if (a.suppressedBy) {
    dto.suppressedBy = a.suppressedBy;
    if (a.suppressedBy.kind === 'silence') dto.silencedBy = a.suppressedBy.id;
  }
  if (demo) dto.demo = true;
  return dto;
}

const SEVERITY_RANK = { critical: 3, warning: 2, info: 1 } as const;

export function incidentRecord(i: IncidentState, alerts: (id: number) => AlertState | AlertRecord | undefined): IncidentRecord {
  let severity: IncidentRecord['severity'] = 'info';
  for (const id of i.alertIds) {
    const a = alerts(id);
    if (a && SEVERITY_RANK[a.severity] > SEVERITY_RANK[severity]) severity = a.severity;
  }
  return {
    id: i.id,
    title: i.title,
    hosts: [...i.hosts],
    cluster: i.cluster,
    status: i.status,
    severity,
    startsAt: i.startsAt,
    endsAt: i.endsAt,
    alertIds: [...i.alertIds].sort((a, b) => a - b),
  };
}

export function incidentDto(i: IncidentRecord): IncidentDto {
  return {
    id: i.id,
    title: i.title,
    scope: { hosts: i.hosts, cluster: i.cluster },
    status: i.status,
    severity: i.severity,
    startsAt: iso(i.startsAt),
    endsAt: i.endsAt === null ? null : iso(i.endsAt),
    alertIds: i.alertIds,
  };
}

export function silenceDto(s: SilenceRecord, at: number): SilenceDto {
  return {
    id: s.id,
    matchers: s.matchers,
    startsAt: iso(s.startsAt),
    endsAt: iso(s.endsAt),
    createdBy: s.createdBy,
    comment: s.comment,
    kind: s.kind,
    status: s.deletedAt !== null ? 'expired' : silenceStatus(s, at),
  };
}
