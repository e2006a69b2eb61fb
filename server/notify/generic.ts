/**
 * The generic webhook: teamwatch's own alert DTOs (server/contract.ts AlertDto), unchanged, for
 * receivers written against teamwatch's API. `event` is the group's status; `links` holds the
 * dashboard links of each alert (its drill-down and its incident's), in the order of `alerts`.
 */
import type { AlertDto } from '../contract.ts';
import { alertUrl, incidentUrl, JSON_HEADERS, type Notifier } from './notifier.ts';

export interface GenericPayload {
  event: 'firing' | 'resolved';
  reason: 'new' | 'repeat' | 'test';
  receiver: string;
  groupKey: string;
  truncatedAlerts: number;
  externalURL: string;
  links: { alert: string; incident: string | null }[];
  alerts: AlertDto[];
}

export const generic: Notifier = {
  id: 'generic',
  render(group) {
    const payload: GenericPayload = {
      event: group.status,
      reason: group.reason,
      receiver: group.receiver,
      groupKey: group.groupKey,
      truncatedAlerts: group.truncatedAlerts,
      externalURL: group.externalURL,
      links: group.alerts.map((a) => ({ alert: alertUrl(group.externalURL, a), incident: a.incidentId === null ? null : incidentUrl(group.externalURL, a.incidentId) })),
      alerts: group.alerts,
    };
    return { headers: { ...JSON_HEADERS }, body: JSON.stringify(payload) };
  },
};
