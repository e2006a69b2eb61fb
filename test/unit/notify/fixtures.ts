/** Alert DTOs for the notification tests: a plausible firing team-degraded alert, overridable. */
import type { AlertDto } from '../../../server/contract.ts';

export const T0 = Date.parse('2026-09-01T10:00:00Z');

export function alert(over: Partial<AlertDto> & { id: number }): AlertDto {
  return {
    fingerprint: `team-degraded|host=hv-07|team=team-vm|${over.id}`,
    pattern: 'team-degraded',
    severity: 'warning',
    status: 'firing',
    subject: { host: 'HV-07', team: 'TEAM-VM' },
    startsAt: new Date(T0).toISOString(),
    endsAt: null,
    updatedAt: new Date(T0).toISOString(),
    summary: 'Team TEAM-VM on HV-07 runs on 1 of 2 members',
    expected: { summary: '2 active members', values: { active: 2 } },
    observed: { summary: '1 active member (NIC2 failed: cable unplugged)', values: { active: 1 } },
    evidence: [{ kind: 'event', id: 17, time: new Date(T0).toISOString(), label: 'MsLbfoProvider 16 on HV-07' }],
    explanation: 'A member of the team lost its link; the team keeps working without redundancy.',
    remediation: { text: 'Check the cable and the switch port of NIC2.', commands: ['Get-NetLbfoTeamMember -Team "TEAM-VM"'] },
    incidentId: 3,
    ...over,
  };
}

export const resolved = (a: AlertDto, at = T0 + 60_000): AlertDto => ({ ...a, status: 'resolved', endsAt: new Date(at).toISOString(), updatedAt: new Date(at).toISOString() });
