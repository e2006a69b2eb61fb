/**
 * team-interface-disabled: the members of an LBFO team have link, but the team interface (tNIC)
 * is Disabled or missing from Get-NetAdapter, so nothing above the team — vSwitch, host vNICs,
 * VMs — can use it. The classic cause is `Disable-NetAdapter *` followed by `Enable-NetAdapter *`:
 * disabling every member removes the tNIC, re-enabling the members recreates it disabled
 * (docs/domain.md F22).
 *
 * A team interface that went from enabled straight to Disabled while the members stayed up may be a
 * deliberate reset (disable/enable, the remedy for stale MACs): it must stay disabled for
 * DIRECT_DISABLE_GRACE_MS before it counts. The trap itself — the interface missing, or Disabled
 * right after it was missing or every member was down (in the previous inventory, or per member
 * disconnect events since it) — counts at once.
 *
 * Reads the inventory only (Get-NetAdapter + Get-NetLbfoTeam must both have been sent, otherwise
 * "absent" cannot be told from "not reported"). "Members up" means at least one member is active,
 * standby or in its connect timer per observeMembers; with every member down it is team-down's
 * case instead. Vendor teams are out of scope: Windows does not report their members, so "members
 * up, team adapter disabled" cannot be observed (a disabled vendor team adapter is usually a
 * deliberate team reset, the stale-team-mac remedy).
 */
import type { EvidenceRef } from '../contract.ts';
import type { HostView } from '../engine/view.ts';
import type { Inventory } from '../model/inventory.ts';
import type { Finding, Pattern } from './types.ts';
import { capEvidence, eventRef, minutes, sameDescription, signalsOf, teamsOf } from './kit.ts';
import { observeMembers } from './team-members.ts';
import { inventoryConditionRun, ps, sameName } from './team-conditions.ts';

/** How long a team interface disabled straight from enabled may stay so before it counts (a deliberate reset). */
export const DIRECT_DISABLE_GRACE_MS = 3 * 60_000;

export interface TeamNicProblem {
  /** The team interface name (the team's own name for the default tNIC). */
  nic: string;
  state: 'Disabled' | 'absent';
  description: string | null;
}

/** The team interfaces of `team` that are disabled or missing in this inventory (null when it cannot tell). */
export function teamNicProblems(inv: Inventory, team: string): TeamNicProblem[] | null {
  if (!inv.netAdapters || !inv.lbfoTeams) return null;
  const row = inv.lbfoTeams.find((t) => sameName(t.name, team));
  if (!row) return null;
  // No team interface listed at all: the default tNIC (named after the team) is gone.
  if (row.teamNics.length === 0) return [{ nic: row.name, state: 'absent', description: null }];
  const out: TeamNicProblem[] = [];
  for (const nic of row.teamNics) {
    const a = inv.netAdapters.find((x) => sameName(x.name, nic));
    if (!a || a.status.toLowerCase() === 'not present') out.push({ nic, state: 'absent', description: a?.description ?? null });
    else if (a.status.toLowerCase() === 'disabled') out.push({ nic, state: 'Disabled', description: a.description });
  }
  return out;
}

/** True when, in `inv`, the team interface was missing or every member of the team was down: the trap's first half. */
function trapBefore(inv: Inventory | null, team: string): boolean {
  if (!inv) return false;
  if (teamNicProblems(inv, team)?.some((p) => p.state === 'absent')) return true;
  const rows = (inv.lbfoTeamMembers ?? []).filter((m) => sameName(m.team, team));
  return rows.length > 0 && rows.every((m) => m.operationalStatus === 'Failed');
}

/**
 * True when every member logged a disconnect (16949 or a driver link-down) in (from, to]: the
 * trap's first half seen in events, when the host could not report inventory in between (its
 * management path usually runs over the team).
 */
function everyMemberWentDown(h: HostView, members: readonly string[], from: number, to: number): boolean {
  const description = (m: string) => h.inventory?.lbfoTeamMembers?.find((x) => sameName(x.name, m))?.description ?? h.inventory?.netAdapters?.find((x) => sameName(x.name, m))?.description;
  return (
    members.length > 0 &&
    members.every((m) =>
      h.signals.some((s) => {
        if (s.time <= from || s.time > to) return false;
        const who = s.signal.kind === 'lbfo-member-disconnected' ? s.signal.member : s.signal.kind === 'nic-link-down' ? s.signal.adapter : null;
        return sameName(who, m) || sameDescription(who, description(m));
      }),
    )
  );
}

const key = (problems: TeamNicProblem[] | null) => (problems ?? []).map((p) => `${p.nic.toLowerCase()}=${p.state}`).join('|');

export const teamInterfaceDisabled: Pattern = {
  id: 'team-interface-disabled',
  severity: 'critical',
  scope: 'host',
  subjectKeys: ['host', 'team'],
  wakeOn: ['inventory', 'events'],
  forMs: 0,
  doc: {
    title: 'Team interface disabled or missing while its members are up',
    meaning:
      'The NIC team\'s members have link, but the team interface itself is Disabled or gone from Get-NetAdapter, so the vSwitch and every host vNIC and VM above the team are offline. Typically left behind by "Disable-NetAdapter *" then "Enable-NetAdapter *": re-enabling the members recreates the team interface disabled.',
    signals: [
      'Get-NetAdapter: the team interface (Microsoft Network Adapter Multiplexor Driver[ #n]) has Status Disabled or Not Present, or is missing',
      'Get-NetLbfoTeam: TeamNics empty or naming an adapter Get-NetAdapter does not list',
      'Get-NetLbfoTeamMember / Get-NetAdapter: at least one member Active (link up)',
      'Hyper-V-VmSwitch 22 media disconnected on the team interface (shown as evidence when present)',
    ],
    benign: [
      'Every member down as well: that is team-down (this alert then does not fire)',
      'A deliberate reset of the team interface (Disable-NetAdapter then Enable-NetAdapter on the team NIC, e.g. to make a team relearn MACs) shorter than 3 minutes; longer planned work needs a maintenance window',
      'Vendor teams (BASP, ANS): their members are not reported, so they are not evaluated',
    ],
    remediation: 'Enable the team interface with Enable-NetAdapter -Name <team NIC>; avoid Disable-NetAdapter * on teamed hosts.',
    sources: ['MS-NICT-TS', 'MSFT-LBFOTEAM', 'VMSWITCH-22'],
  },
  evaluate(ctx, hostKey) {
    const h = ctx.fleet.hosts.get(hostKey);
    const inv = h?.inventory;
    if (!h || !inv) return { findings: [] };
    const findings: Finding[] = [];
    let recheckAt: number | undefined;
    for (const team of teamsOf(ctx, h)) {
      if (team.kind !== 'lbfo') continue;
      const problems = teamNicProblems(inv, team.team);
      if (!problems?.length) continue;
      const up = observeMembers(h, team).filter((m) => m.state !== 'failed');
      if (!up.length) continue;
      const now = key(problems);
      const { since, before, beforeAt } = inventoryConditionRun(h, (i) => key(teamNicProblems(i, team.team)) === now);
      const immediate = problems.some((p) => p.state === 'absent') || trapBefore(before, team.team) || everyMemberWentDown(h, team.members, beforeAt, since);
      if (!immediate && ctx.clock - since < DIRECT_DISABLE_GRACE_MS) {
        const due = since + DIRECT_DISABLE_GRACE_MS;
        recheckAt = recheckAt === undefined ? due : Math.min(recheckAt, due);
        continue;
      }
      const evidence: EvidenceRef[] = h.inventoryRef ? [h.inventoryRef] : [];
      for (const s of signalsOf(h, 'vswitch-media-disconnected', since - 10 * 60_000)) {
        if (problems.some((p) => sameDescription(p.description, s.signal.friendlyName))) evidence.push(eventRef(s));
      }
      const what = problems.map((p) => `${p.nic} ${p.state === 'absent' ? 'is missing from Get-NetAdapter' : 'is Disabled'}`).join('; ');
      findings.push({
        subject: { host: h.name, team: team.team },
        since,
        summary: `Team interface of ${team.team} on ${h.name} is ${problems.every((p) => p.state === 'Disabled') ? 'disabled' : 'missing'} while its members are up`,
        expected: {
          summary: `Team interface ${problems.map((p) => p.nic).join(', ')} present and enabled (Status Up) while members have link`,
          values: { teamNics: problems.map((p) => ({ name: p.nic, status: 'Up' })) },
        },
        observed: {
          summary: `${what} for ${minutes(ctx.clock - since)}; members up: ${up.map((m) => m.name).join(', ')}`,
          values: { teamNics: problems.map((p) => ({ name: p.nic, status: p.state })), membersUp: up.map((m) => m.name), vSwitches: team.vSwitches },
        },
        evidence: capEvidence(evidence),
        explanation: `The physical links of ${team.team} are fine, but without an enabled team interface nothing can send through the team: the vSwitches bound to it (${team.vSwitches.join(', ') || 'none'}) have no uplink, so their VMs and host vNICs — possibly the host's management connection — are offline. Windows does not re-enable a team interface on its own after the members were disabled and re-enabled.`,
        remediation: {
          text: `Enable the team interface${problems.some((p) => p.state === 'absent') ? ' (if it is missing, look for it among hidden adapters first)' : ''}, then check that the vSwitch has connectivity again. Avoid Disable-NetAdapter * / Enable-NetAdapter * on teamed hosts.`,
          commands: [
            ...problems.filter((p) => p.state === 'absent').map((p) => `Get-NetAdapter -Name ${ps(p.nic)} -IncludeHidden | Format-List Name,InterfaceDescription,Status`),
            ...problems.map((p) => `Enable-NetAdapter -Name ${ps(p.nic)}`),
            `Get-NetLbfoTeam -Name ${ps(team.team)} | Format-List Name,Status,TeamNics`,
          ],
        },
      });
    }
    return { findings, recheckAt };
  },
};
