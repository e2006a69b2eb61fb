/**
 * lacp-negotiation-failure: a member of an LBFO team in Lacp mode does not agree on LACP with its
 * switch port — MsLbfoSys 16947 "LACP Churn detected on Member Nic …", or the member's
 * FailureReason LacpNegotiationIssue. The member carries no traffic although its link is up.
 * Usual causes: the switch port is not in an LACP port-channel, the members sit in different
 * channels or on non-stacked switches (F11), or the switch runs static/passive.
 *
 * Holds while a 16947 for a member of the team is at most LACP_QUIET_MS old or the latest inventory
 * shows LacpNegotiationIssue; it resolves LACP_QUIET_MS after the last churn once the inventory
 * is clean (recheckAt makes the engine look again then). A 16947 is attributed to a team through
 * its member's description (or name); one naming no known member is not attributed.
 */
import type { ExpectedTeam } from '../engine/predictor.ts';
import type { HostView } from '../engine/view.ts';
import type { Inventory } from '../model/inventory.ts';
import type { Finding, Pattern } from './types.ts';
import { capEvidence, eventRef, minutes, signalsOf, teamOfMember, teamsOf, type SignalOf } from './kit.ts';
import { inventoryConditionSince, ps, sameName } from './team-conditions.ts';

/** How long after the last 16947 the condition still holds. */
export const LACP_QUIET_MS = 10 * 60_000;

function issueMembers(inv: Inventory, team: string): string[] {
  return (inv.lbfoTeamMembers ?? []).filter((m) => sameName(m.team, team) && m.failureReason === 'LacpNegotiationIssue').map((m) => m.name);
}

/** The member name a churn event refers to (it names the adapter description). */
function memberOf(h: HostView, team: ExpectedTeam, reported: string | null): string {
  const byName = team.members.find((m) => sameName(m, reported));
  if (byName) return byName;
  const rows = [...(h.inventory?.netAdapters ?? []), ...(h.inventory?.lbfoTeamMembers ?? [])];
  const row = rows.find((r) => team.members.some((m) => sameName(m, r.name)) && r.description.trim().toLowerCase() === (reported ?? '').trim().toLowerCase());
  return row?.name ?? reported ?? 'unknown member';
}

/** Start of the churn episode ending with the newest event: earlier events at most LACP_QUIET_MS apart. */
function episodeStart(churn: SignalOf<'lbfo-lacp-churn'>[]): number {
  let start = churn[churn.length - 1].time;
  for (let i = churn.length - 2; i >= 0 && start - churn[i].time <= LACP_QUIET_MS; i--) start = churn[i].time;
  return start;
}

export const lacpNegotiationFailure: Pattern = {
  id: 'lacp-negotiation-failure',
  severity: 'warning',
  scope: 'host',
  subjectKeys: ['host', 'team'],
  wakeOn: ['inventory', 'events'],
  wakeOnSignals: ['lbfo-lacp-churn'],
  forMs: 0,
  doc: {
    title: 'LACP negotiation failure on a team member',
    meaning:
      'A member of an LBFO team in LACP mode cannot agree on LACP with its switch port, so the team does not use it although its link is up: capacity and redundancy are lost, and the team can go Degraded or Down with every cable plugged in.',
    signals: [
      'MsLbfoSys 16947 "LACP Churn detected on Member Nic …" for a member of a team with TeamingMode Lacp',
      'Get-NetLbfoTeamMember FailureReason LacpNegotiationIssue on a member of a Lacp team',
    ],
    benign: [
      'Teams in SwitchIndependent or Static mode do not run LACP and are not evaluated',
      'Resolves 10 minutes after the last 16947 once no member reports LacpNegotiationIssue; while the team is down, team-down inhibits this alert',
    ],
    remediation:
      'Configure one LACP port-channel (mode active) containing the switch ports of all members, on a single switch or an MLAG/vPC pair; Windows runs LACP active with the fast timer unless Set-NetLbfoTeam -LacpTimer Slow is set, so match the timer on both sides.',
    sources: ['MS-NICT-SET', 'WEVTKB-LBFO', 'MSFT-LBFOTEAM'],
  },
  evaluate(ctx, key) {
    const h = ctx.fleet.hosts.get(key);
    const inv = h?.inventory;
    if (!h || !inv) return { findings: [] };
    const teams = teamsOf(ctx, h);
    const churnAll = signalsOf(h, 'lbfo-lacp-churn', -Infinity, ctx.clock);
    const findings: Finding[] = [];
    let recheckAt: number | undefined;
    for (const team of teams) {
      if (team.kind !== 'lbfo' || team.mode?.toLowerCase() !== 'lacp') continue;
      const churn = churnAll.filter((s) => teamOfMember(teams, h, s.signal.member)?.team === team.team);
      const recent = churn.filter((s) => s.time > ctx.clock - LACP_QUIET_MS);
      const issues = issueMembers(inv, team.team);
      if (!recent.length && !issues.length) continue;
      const starts: number[] = [];
      if (recent.length) {
        starts.push(episodeStart(churn));
        const quietAt = recent[recent.length - 1].time + LACP_QUIET_MS;
        recheckAt = recheckAt === undefined ? quietAt : Math.min(recheckAt, quietAt);
      }
      if (issues.length) starts.push(inventoryConditionSince(h, (i) => issueMembers(i, team.team).length > 0));
      const since = Math.min(...starts);
      const churnMembers = [...new Set(recent.map((s) => memberOf(h, team, s.signal.member)))];
      const affected = [...new Set([...issues, ...churnMembers])];
      const parts = [
        recent.length ? `${recent.length} LACP churn event(s) (16947) in the last ${minutes(LACP_QUIET_MS)} on ${churnMembers.join(', ')}` : null,
        issues.length ? `FailureReason LacpNegotiationIssue on ${issues.join(', ')}` : null,
      ].filter((p): p is string => p !== null);
      findings.push({
        subject: { host: h.name, team: team.team },
        since,
        summary: `LACP negotiation failing on team ${team.team} on ${h.name} (${affected.join(', ')})`,
        expected: {
          summary: `Every member of the Lacp team ${team.team} aggregated with its switch port-channel (FailureReason NoFailure, no 16947)`,
          values: { teamingMode: team.mode, failureReason: 'NoFailure', churnEvents: 0 },
        },
        observed: {
          summary: `${parts.join('; ')}; since ${minutes(ctx.clock - since)} ago`,
          values: { teamingMode: team.mode, lacpNegotiationIssue: issues, churnMembers, churnEvents: recent.length, lastChurn: recent.length ? new Date(recent[recent.length - 1].time).toISOString() : null },
        },
        evidence: capEvidence([...(h.inventoryRef && issues.length ? [h.inventoryRef] : []), ...recent.map((s) => eventRef(s))]),
        explanation: `Windows runs LACP in active mode on every member of ${team.team}. A member whose switch port does not answer with a matching LACP partner (port not in the port-channel, a different channel or a second non-stacked switch, static or passive mode) is not aggregated: it carries no traffic although its link is up, so the team runs without the redundancy and capacity it appears to have.`,
        remediation: {
          text: `Put the switch ports of all members of ${team.team} into one LACP port-channel in mode active, on one switch or an MLAG/vPC pair, and check the LACP partner state on both sides. Only if the switch uses the slow LACP timer, set the same timer on the team.`,
          commands: [
            `Get-NetLbfoTeam -Name ${ps(team.team)} | Format-List Name,TeamingMode,LacpTimer,Status,Members`,
            `Get-NetLbfoTeamMember -Team ${ps(team.team)} | Format-Table Name,InterfaceDescription,OperationalStatus,FailureReason`,
            `Set-NetLbfoTeam -Name ${ps(team.team)} -LacpTimer Slow`,
            'show etherchannel summary',
            'show lacp neighbor',
          ],
        },
      });
    }
    return { findings, recheckAt };
  },
};
