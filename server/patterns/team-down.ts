/**
 * team-down: no member of a team carries traffic any more — every VM and host vNIC on the
 * vSwitches bound to it is cut off. Observed when every member is failed (inventory plus newer
 * link events, see team-members.ts), when Hyper-V-VmSwitch 22 reports media disconnected on the
 * team interface right after member link loss (or on every member of a SET switch) and no link has
 * come back since, or — when no member rows were sent — when Get-NetLbfoTeam says Status Down / a
 * vendor team adapter is Disconnected.
 *
 * A 22 on the team interface counts only when a member link loss (16949 or a driver link-down)
 * precedes it within MEDIA_LOSS_LOOKBACK_MS: the vSwitch logs the same 22 when the team interface
 * itself is disabled — a deliberate team reset, or team-interface-disabled's trap — with every
 * member still up. For vendor teams, whose members Windows does not list, any link loss on an
 * adapter that belongs to no other team counts. This is what makes 22 the fast signal for vendor
 * teams, where it is the only event the team itself causes.
 *
 * Not down: a brand-new team (or a link that just came back) whose members wait on the connect
 * timer (WaitingForStableConnectivity) — Windows reports that as Degraded; a waiting member only
 * counts as failed once it has waited WAITING_GRACE_MS, as in team-degraded. A standby member
 * that is still available keeps the team up (it takes over).
 */
import type { EvidenceRef } from '../contract.ts';
import type { ExpectedTeam } from '../engine/predictor.ts';
import type { HostView, SignalRecord } from '../engine/view.ts';
import type { Finding, Pattern } from './types.ts';
import { capEvidence, eventRef, minutes, sameDescription, teamOfMember, teamsOf } from './kit.ts';
import { observeMembers, type MemberObservation } from './team-members.ts';
import { WAITING_GRACE_MS } from './team-degraded.ts';
import { inventoryConditionSince, ps, psList, sameName } from './team-conditions.ts';

/** How far before a team-interface 22 a member link loss must be to explain it. */
export const MEDIA_LOSS_LOOKBACK_MS = 2 * 60_000;

interface DownVerdict {
  since: number;
  how: string;
  failed: MemberObservation[];
  evidence: EvidenceRef[];
}

function descriptionOf(h: HostView, adapter: string): string | null {
  const inv = h.inventory;
  return inv?.netAdapters?.find((a) => sameName(a.name, adapter))?.description ?? inv?.lbfoTeamMembers?.find((m) => sameName(m.name, adapter))?.description ?? null;
}

/** A signal names an adapter by name or by description (driver and MsLbfoSys events use the description). */
function namesAdapter(h: HostView, adapter: string, reported: string | null): boolean {
  return !!reported && (sameName(reported, adapter) || sameDescription(reported, descriptionOf(h, adapter)));
}

function isLinkUp(h: HostView, adapter: string, s: SignalRecord): boolean {
  const sig = s.signal;
  return (sig.kind === 'nic-link-up' && namesAdapter(h, adapter, sig.adapter)) || (sig.kind === 'lbfo-member-connected' && namesAdapter(h, adapter, sig.member));
}

/** The adapter a link signal names (name or description), or null for other signals. */
function linkSignal(s: SignalRecord): { adapter: string | null; up: boolean } | null {
  const sig = s.signal;
  if (sig.kind === 'nic-link-down' || sig.kind === 'nic-link-up') return { adapter: sig.adapter, up: sig.kind === 'nic-link-up' };
  if (sig.kind === 'lbfo-member-disconnected' || sig.kind === 'lbfo-member-connected') return { adapter: sig.member, up: sig.kind === 'lbfo-member-connected' };
  return null;
}

/**
 * Whether a link signal concerns `team`: a listed member, or — for a vendor team, whose members
 * Windows does not list — any adapter that is no member of another team.
 */
function concernsTeam(h: HostView, teams: ExpectedTeam[], team: ExpectedTeam, adapter: string | null): boolean {
  if (team.members.some((m) => namesAdapter(h, m, adapter))) return true;
  return team.kind === 'vendor' && !!adapter && teamOfMember(teams, h, adapter) === null;
}

/** Newest Hyper-V-VmSwitch 22 in (after, until] whose friendly name is `description`. */
function media22Between(h: HostView, description: string | null | undefined, after: number, until = Infinity): SignalRecord | null {
  let found: SignalRecord | null = null;
  for (const s of h.signals) if (s.time > after && s.time <= until && s.signal.kind === 'vswitch-media-disconnected' && sameDescription(s.signal.friendlyName, description)) found = s;
  return found;
}

/** Newest Hyper-V-VmSwitch 22 after the inventory whose friendly name is `description`. */
const media22After = (h: HostView, description: string | null | undefined, after: number) => media22Between(h, description, after);

/**
 * SET members are bound to the vSwitch directly, so the vSwitch logs 22 for the member itself:
 * a member with such an event newer than its last link-up is failed from then on.
 */
function withMemberMedia22(h: HostView, members: MemberObservation[]): MemberObservation[] {
  const invAt = h.inventoryAt ?? -Infinity;
  return members.map((m) => {
    if (m.state === 'failed') return m;
    const e22 = media22After(h, descriptionOf(h, m.name), invAt);
    if (!e22 || h.signals.some((s) => s.time > e22.time && isLinkUp(h, m.name, s))) return m;
    return { ...m, state: 'failed', reason: 'MediaDisconnected', since: e22.time, evidence: [...m.evidence, eventRef(e22)] };
  });
}

function verdict(clock: number, h: HostView, teams: ExpectedTeam[], team: ExpectedTeam, recheck: (t: number) => void): DownVerdict | null {
  const inv = h.inventory!;
  const invAt = h.inventoryAt ?? -Infinity;
  const candidates: DownVerdict[] = [];
  const link = (s: SignalRecord) => {
    const l = linkSignal(s);
    return l && concernsTeam(h, teams, team, l.adapter) ? l : null;
  };

  // 1. Every member failed (a waiting member counts once its grace is over).
  const members = withMemberMedia22(h, observeMembers(h, team));
  const failed: MemberObservation[] = [];
  const failedAt: number[] = [];
  for (const m of members) {
    if (m.state === 'failed') failedAt.push(m.since);
    else if (m.state === 'waiting' && clock - m.since >= WAITING_GRACE_MS) failedAt.push(m.since + WAITING_GRACE_MS);
    else {
      if (m.state === 'waiting') recheck(m.since + WAITING_GRACE_MS);
      continue;
    }
    failed.push(m);
  }
  if (members.length) {
    if (failed.length === members.length) candidates.push({ since: Math.max(...failedAt), how: 'every member failed', failed, evidence: failed.flatMap((m) => m.evidence) });
  } else if (team.kind === 'lbfo') {
    // 2. No member rows at all: the team's own status is all there is.
    const isDown = (i: typeof inv) => i.lbfoTeams?.find((t) => sameName(t.name, team.team))?.status === 'Down';
    if (isDown(inv)) candidates.push({ since: inventoryConditionSince(h, isDown), how: 'Get-NetLbfoTeam reports Status Down', failed: [], evidence: h.inventoryRef ? [h.inventoryRef] : [] });
  }

  // 3. A vendor team adapter reports Disconnected: none of its (unreported) members has link —
  //    unless a link came up since that inventory.
  if (team.kind === 'vendor' && team.teamNic?.status === 'Disconnected' && !h.signals.some((s) => s.time > invAt && link(s)?.up === true)) {
    const nic = team.teamNic.name;
    const disc = (i: typeof inv) => i.netAdapters?.find((a) => sameName(a.name, nic))?.status === 'Disconnected';
    const since = inventoryConditionSince(h, disc);
    // The 22 the vSwitch logged shortly before that inventory tells when the outage began.
    const e22 = media22Between(h, team.teamNic.description, since - 10 * 60_000, since);
    candidates.push({
      since: e22?.time ?? since,
      how: `team adapter ${nic} is Disconnected`,
      failed,
      evidence: [...(e22 ? [eventRef(e22)] : []), ...(h.inventoryRef ? [h.inventoryRef] : [])],
    });
  }

  // 4. The vSwitch lost media on the team interface after the inventory, following member link
  //    loss, and no link came back since.
  if (team.teamNic) {
    const e22 = media22After(h, team.teamNic.description, invAt);
    const explained = e22 && h.signals.some((s) => s.time <= e22.time && s.time >= e22.time - MEDIA_LOSS_LOOKBACK_MS && link(s)?.up === false);
    const recovered = e22 && h.signals.some((s) => s.time > e22.time && link(s)?.up === true);
    if (e22 && explained && !recovered) {
      candidates.push({ since: e22.time, how: `Hyper-V-VmSwitch 22: media disconnected on ${team.teamNic.description}`, failed, evidence: [eventRef(e22)] });
    }
  }

  if (!candidates.length) return null;
  candidates.sort((a, b) => a.since - b.since);
  const first = candidates[0];
  return { since: first.since, how: candidates.map((c) => c.how).join('; '), failed, evidence: candidates.flatMap((c) => c.evidence) };
}

function remediation(team: ExpectedTeam, v: DownVerdict): Finding['remediation'] {
  const names = team.members.length ? team.members : team.teamNic ? [team.teamNic.name] : [];
  const commands: string[] = [];
  const disabled = v.failed.filter((m) => m.reason === 'AdministrativeDecision').map((m) => m.name);
  if (disabled.length) commands.push(`Enable-NetAdapter -Name ${psList(disabled)}`);
  if (team.kind === 'lbfo') {
    commands.push(`Get-NetLbfoTeam -Name ${ps(team.team)} | Format-List Name,Status,Members,TeamNics`);
    commands.push(`Get-NetLbfoTeamMember -Team ${ps(team.team)} | Format-Table Name,OperationalStatus,FailureReason`);
  }
  if (team.kind === 'set') commands.push(`Get-VMSwitchTeam -Name ${ps(team.team)} | Format-List`);
  if (names.length) commands.push(`Get-NetAdapter -Name ${psList(names)} | Format-Table Name,InterfaceDescription,Status,LinkSpeed,MediaConnectionState`);
  commands.push(`Get-VMSwitch | Format-Table Name,SwitchType,NetAdapterInterfaceDescription,EmbeddedTeamingEnabled`);
  return {
    text: disabled.length
      ? `Members ${disabled.join(', ')} were disabled administratively: re-enable them. Restore the links of the others (cable, SFP, switch port), then confirm the team is Up.`
      : 'Restore the links: check the cables, SFPs and the upstream switch ports (shut, err-disabled, switch reload) of every member, then confirm the team is Up and the vSwitch has connectivity.',
    commands,
  };
}

export const teamDown: Pattern = {
  id: 'team-down',
  severity: 'critical',
  scope: 'host',
  subjectKeys: ['host', 'team'],
  wakeOn: ['inventory', 'events'],
  // Long enough to ride out a blip whose link-up events arrive in the next batch, short for an outage.
  forMs: 10_000,
  doc: {
    title: 'Team down (no member active)',
    meaning:
      'No member of a NIC team carries traffic: the team interface has no link, so every VM and host vNIC on the vSwitches bound to the team is cut off from the network. Cluster network events (1127/1130, 1135) and failed live migrations to the host (21145) usually follow.',
    signals: [
      'Get-NetLbfoTeamMember: every member OperationalStatus Failed (a member in WaitingForStableConnectivity counts only after 2 minutes)',
      'MsLbfoSys 16949 "Member Nic … Disconnected." and NIC driver link-down events for every member, newer than the inventory',
      'Microsoft-Windows-Hyper-V-VmSwitch 22 "Media disconnected on NIC … (Friendly Name: Microsoft Network Adapter Multiplexor Driver[ #n])" or a vendor team adapter, following member link loss within 2 minutes, with no link-up since',
      'SET: every member adapter not Up, or a VmSwitch 22 for each member',
      'Get-NetLbfoTeam Status Down when no member rows were reported; a vendor team adapter (BASP, ANS) with Status Disconnected',
    ],
    benign: [
      'A brand-new team, or a link that just came back, whose members wait on the connect timer (WaitingForStableConnectivity, event 16948): Windows reports the team Degraded, not Down',
      'A team whose remaining member is Standby: the standby member takes over',
      'A VmSwitch 22 on the team interface without member link loss: the team interface itself was disabled (a deliberate team reset, or team-interface-disabled), not the links',
      'A vendor team adapter that is Disabled (team reset) rather than Disconnected',
      'Planned outages are covered by maintenance windows on the host; the alert itself has no benign twin',
    ],
    remediation:
      'Restore at least one member link (cable, SFP, switch port); re-enable members disabled by an operator; confirm with Get-NetLbfoTeam and Get-VMSwitch. While this alert fires it inhibits team-degraded, lacp-negotiation-failure and mixed-speed-team of the same team.',
    sources: ['VMSWITCH-22', 'MSFT-LBFOTEAM', 'WEVTKB-LBFO', 'WEVTKB-NIC', 'MS-FC-EVENTS', 'BRAIN-HA'],
  },
  evaluate(ctx, key) {
    const h = ctx.fleet.hosts.get(key);
    if (!h?.inventory) return { findings: [] };
    const findings: Finding[] = [];
    let recheckAt: number | undefined;
    const recheck = (t: number) => {
      if (t > ctx.clock) recheckAt = recheckAt === undefined ? t : Math.min(recheckAt, t);
    };
    const teams = teamsOf(ctx, h);
    for (const team of teams) {
      const v = verdict(ctx.clock, h, teams, team, recheck);
      if (!v) continue;
      const failedText = v.failed.length ? v.failed.map((m) => `${m.name} (${m.reason ?? m.state})`).join(', ') : 'no member failure details reported';
      const sw = team.vSwitches.length ? team.vSwitches.join(', ') : 'none';
      findings.push({
        subject: { host: h.name, team: team.team },
        since: v.since,
        summary: `Team ${team.team} on ${h.name} is down: no member is active`,
        expected: {
          summary: `At least one member of ${team.team} active (team Up or Degraded)`,
          values: { status: 'Up', members: team.members },
        },
        observed: {
          summary: `${v.how} for ${minutes(ctx.clock - v.since)}; members: ${failedText}`,
          values: {
            status: 'Down',
            failedMembers: v.failed.map((m) => m.name),
            failureReasons: Object.fromEntries(v.failed.map((m) => [m.name, m.reason])),
            teamNic: team.teamNic ? { name: team.teamNic.name, description: team.teamNic.description, status: team.teamNic.status } : null,
            vSwitches: team.vSwitches,
          },
        },
        evidence: capEvidence(v.evidence),
        explanation: `With no active member the team has no path to the network: every VM and host vNIC on the vSwitches bound to ${team.team} (${sw}) is unreachable, cluster traffic on it fails, and live migrations to ${h.name} that need those vSwitches fail.`,
        remediation: remediation(team, v),
      });
    }
    return { findings, recheckAt };
  },
};
