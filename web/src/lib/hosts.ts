/** Host identity and the links between alerts and hosts. Pure. */
import type { AlertDto, HostSummaryDto, TeamTileDto } from '../contract.ts';

/**
 * Identity of a host for joins, the same rule as the server's `hostKey()`: an IP address is its
 * own key; a name is cut at the first dot and lower-cased (`HV-07.corp.local` → `hv-07`).
 */
export function hostKeyOf(name: string): string {
  const t = name.trim();
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(t) || t.includes(':')) return t.toLowerCase();
  return (t.split('.')[0] ?? t).toLowerCase();
}

/** The hosts an alert is about (its subject's host, or both hosts of a pair). */
export function alertHostKeys(a: AlertDto): string[] {
  const out: string[] = [];
  if (a.subject.host) out.push(hostKeyOf(a.subject.host));
  for (const h of a.subject.hosts ?? []) out.push(hostKeyOf(h));
  return out;
}

export function hostKeyOfSummary(h: HostSummaryDto): string {
  return h.key || hostKeyOf(h.name);
}

/** A team is degraded when it says so, is down, or has a failed member. */
export function teamDegraded(t: TeamTileDto): boolean {
  const s = t.status.toLowerCase();
  return s === 'degraded' || s === 'down' || t.members.some((m) => m.state === 'failed');
}

/**
 * Vendor teams (Broadcom BASP, Intel ANS) come with no member list: Windows does not report their
 * members, so a tile shows the team's own status with a "members not reported" marker instead of dots.
 */
export function membersUnreported(t: TeamTileDto): boolean {
  return t.kind === 'vendor' && t.members.length === 0;
}

export function hostHref(name: string): string {
  return `/hosts/${encodeURIComponent(name)}`;
}
