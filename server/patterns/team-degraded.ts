/**
 * team-degraded: a team lost a member while at least one member still carries traffic — no outage
 * yet, but redundancy is gone. Silent for standby members, for the connect timer after team
 * creation or a link coming back (WaitingForStableConnectivity under 2 min), and for members
 * inside a maintenance window (the engine applies maintenance windows).
 */
import type { Pattern } from './types.ts';
import { capEvidence, teamsOf, minutes, psq } from './kit.ts';
import { observeMembers } from './team-members.ts';

/** How long a member may wait for stable connectivity before it counts as failed. */
export const WAITING_GRACE_MS = 2 * 60_000;

export const teamDegraded: Pattern = {
  id: 'team-degraded',
  severity: 'warning',
  scope: 'host',
  subjectKeys: ['host', 'team'],
  wakeOn: ['inventory', 'events'],
  forMs: 30_000,
  doc: {
    title: 'Team degraded (redundancy lost)',
    meaning: 'At least one member of a NIC team has failed while another still carries traffic. VMs keep working, but the next failure takes the team down, and throughput may have halved.',
    signals: [
      'Get-NetLbfoTeamMember OperationalStatus Failed with a FailureReason',
      'MsLbfoSys 16949 "Member Nic … Disconnected."',
      'NIC driver link-down events on a member (Intel e1*express 27, Broadcom b57nd60a 4, QLogic evbda 2)',
      'SET member adapter not Up',
    ],
    benign: [
      'A member configured as Standby (AdministrativeMode Standby): not a failure',
      'WaitingForStableConnectivity for less than 2 minutes after team creation or after a link comes back (connect timer, event 16948)',
      'Members disabled inside a maintenance window',
    ],
    remediation: 'Check the cable, SFP and switch port of the failed member; replace the NIC if it is faulty; confirm with Get-NetLbfoTeamMember.',
    sources: ['MSFT-LBFOTEAM', 'WEVTKB-LBFO', 'WEVTKB-NIC', 'INTEL-MFD'],
  },
  evaluate(ctx, key) {
    const h = ctx.fleet.hosts.get(key);
    if (!h?.inventory) return { findings: [] };
    const findings = [];
    let recheckAt: number | undefined;
    for (const team of teamsOf(ctx, h)) {
      if (team.kind === 'vendor') continue;
      const members = observeMembers(h, team);
      const active = members.filter((m) => m.state === 'active');
      const failed = members.filter((m) => m.state === 'failed' || (m.state === 'waiting' && ctx.clock - m.since >= WAITING_GRACE_MS));
      for (const m of members) {
        if (m.state === 'waiting' && ctx.clock - m.since < WAITING_GRACE_MS) {
          const due = m.since + WAITING_GRACE_MS;
          recheckAt = recheckAt === undefined ? due : Math.min(recheckAt, due);
        }
      }
      if (failed.length === 0 || active.length === 0) continue;
      const since = Math.min(...failed.map((m) => m.since));
      const names = failed.map((m) => `${m.name} (${m.reason ?? 'failed'})`).join(', ');
      findings.push({
        subject: { host: h.name, team: team.team },
        since,
        summary: `Team ${team.team} on ${h.name} is degraded: ${failed.length} of ${members.length} members failed`,
        expected: {
          summary: `All ${members.length - members.filter((m) => m.state === 'standby').length} active members of ${team.team} up (status Up)`,
          values: { status: 'Up', failedMembers: [], activeMembers: members.filter((m) => m.state !== 'standby').map((m) => m.name) },
        },
        observed: {
          summary: `${names} failed for ${minutes(ctx.clock - since)}; ${active.length} member(s) still active`,
          values: { status: 'Degraded', failedMembers: failed.map((m) => m.name), activeMembers: active.map((m) => m.name), failureReasons: Object.fromEntries(failed.map((m) => [m.name, m.reason])) },
        },
        evidence: capEvidence(failed.flatMap((m) => m.evidence)),
        explanation: `The team still forwards traffic through ${active.map((m) => m.name).join(', ')}, so nothing is down yet, but the team has lost its redundancy: if the remaining member fails, every VM and host vNIC on the vSwitches bound to ${team.team} (${team.vSwitches.join(', ') || 'none'}) loses the network.`,
        remediation: {
          text: 'Restore the failed member: check its cable, SFP and switch port; replace the NIC if it is faulty.',
          commands: [`Get-NetLbfoTeamMember -Team ${psq(team.team)} | Format-List Name,OperationalStatus,FailureReason`, ...failed.map((m) => `Get-NetAdapter -Name ${psq(m.name)} | Format-List Name,Status,LinkSpeed,MediaConnectionState`)],
        },
      });
    }
    return { findings, recheckAt };
  },
};
