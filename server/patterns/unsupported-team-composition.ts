/**
 * unsupported-team-composition: an inbox LBFO team built from things Microsoft does not support
 * teaming (docs/domain.md F17, F19):
 * - Hyper-V host vNICs (`vEthernet (…)`, description `Hyper-V Virtual Ethernet Adapter[ #n]`) —
 *   "not supported in any configuration", may cut the host off on failure;
 * - a team interface of another LBFO team (`Microsoft Network Adapter Multiplexor Driver[ #n]`, or
 *   the name of another team) — teams of teams;
 * - a vendor team adapter (BASP, Intel ANS, HPE) — a vendor team under the inbox team;
 * - more than MAX_HOST_TEAM_MEMBERS members.
 *
 * Guest teams (inside a VM, supported with at most 2 members) are not visible from the host
 * inventory; guest-team-misconfigured covers what the host can see (AllowTeaming on > 2 vNICs).
 * SET switches are not evaluated: New-VMSwitch refuses non-identical or virtual members, and
 * vendor teams do not report their members.
 */
import type { Inventory } from '../model/inventory.ts';
import type { Predictor } from '../engine/predictor.ts';
import type { Finding, Pattern } from './types.ts';
import { teamsOf } from './kit.ts';
import { isHostVnicDescription, isTeamNicDescription, vendorTeamKindOf } from '../simulator/vendors.ts';
import { inventoryConditionSince, ps, psList, sameName } from './team-conditions.ts';

/** Members an inbox LBFO team on a host may have (Windows Server NIC Teaming limit). */
export const MAX_HOST_TEAM_MEMBERS = 32;

interface Problem {
  kind: 'host-vnic' | 'nested-team' | 'vendor-team' | 'too-many-members';
  members: string[];
  text: string;
}

function describe(inv: Inventory, member: string): string {
  return inv.lbfoTeamMembers?.find((m) => sameName(m.name, member))?.description ?? inv.netAdapters?.find((a) => sameName(a.name, member))?.description ?? '';
}

/** What is unsupported about one LBFO team in `inv` (empty when nothing). */
function problemsOf(predictor: Predictor, inv: Inventory, team: string): Problem[] {
  const teams = predictor.classifyTeams(inv);
  const me = teams.find((t) => t.kind === 'lbfo' && sameName(t.team, team));
  if (!me) return [];
  const otherTeamNames = new Set(
    teams
      .filter((t) => t !== me)
      .flatMap((t) => [t.team, t.teamNic?.name ?? ''])
      .filter(Boolean)
      .map((n) => n.toLowerCase()),
  );
  const vnics: string[] = [];
  const nested: string[] = [];
  const vendor: string[] = [];
  for (const m of me.members) {
    const d = describe(inv, m);
    if (/^vEthernet \(/i.test(m) || isHostVnicDescription(d)) vnics.push(m);
    else if (vendorTeamKindOf(d) !== null) vendor.push(m);
    else if (isTeamNicDescription(d) || otherTeamNames.has(m.toLowerCase())) nested.push(m);
  }
  const out: Problem[] = [];
  if (vnics.length) out.push({ kind: 'host-vnic', members: vnics, text: `Hyper-V host vNICs as members: ${vnics.join(', ')}` });
  if (nested.length) out.push({ kind: 'nested-team', members: nested, text: `team interfaces of other teams as members (team of teams): ${nested.join(', ')}` });
  if (vendor.length) out.push({ kind: 'vendor-team', members: vendor, text: `vendor team adapters as members (vendor team under the inbox team): ${vendor.join(', ')}` });
  if (me.members.length > MAX_HOST_TEAM_MEMBERS) out.push({ kind: 'too-many-members', members: [], text: `${me.members.length} members (limit ${MAX_HOST_TEAM_MEMBERS})` });
  return out;
}

const signature = (problems: Problem[]) => problems.map((p) => `${p.kind}:${p.members.join(',').toLowerCase()}`).join('|');

export const unsupportedTeamComposition: Pattern = {
  id: 'unsupported-team-composition',
  severity: 'warning',
  scope: 'host',
  subjectKeys: ['host', 'team'],
  wakeOn: ['inventory'],
  forMs: 0,
  doc: {
    title: 'Unsupported team composition',
    meaning:
      'An inbox LBFO team is built from members Microsoft does not support teaming: Hyper-V host vNICs, the team interface of another team (a team of teams), a vendor team adapter under the inbox team, or more than 32 members. Such teams may work until a failure and then cut the host off completely, and they are outside support.',
    signals: [
      'Get-NetLbfoTeam Members / Get-NetLbfoTeamMember: a member named vEthernet (…) or described Hyper-V Virtual Ethernet Adapter',
      'A member described Microsoft Network Adapter Multiplexor Driver[ #n] or named like another team',
      'A member described as a vendor team adapter (BASP Virtual Adapter, Intel(R) Advanced Network Services Virtual Adapter, HPE Network Team)',
      'More than 32 members in one host team',
    ],
    benign: [
      'Teams of physical NICs within the limits',
      'SET switches and vendor teams are not evaluated (Windows refuses unsupported SET members; vendor team members are not reported)',
      'Guest teams (inside VMs, at most 2 members) are not visible from the host inventory; guest-team-misconfigured covers the host side',
    ],
    remediation:
      'Rebuild the team from physical NICs only: remove host vNICs, inner teams and vendor teams from it (team the underlying physical NICs directly, or use SET), and keep host teams within 32 members.',
    sources: ['MS-NICT', 'LBFO-GUIDE-TOC', 'MS-NICT-VM', 'MS-SET'],
  },
  evaluate(ctx, key) {
    const h = ctx.fleet.hosts.get(key);
    const inv = h?.inventory;
    if (!h || !inv) return { findings: [] };
    const findings: Finding[] = [];
    for (const team of teamsOf(ctx, h)) {
      if (team.kind !== 'lbfo') continue;
      const problems = problemsOf(ctx.fleet.predictor, inv, team.team);
      if (!problems.length) continue;
      const sig = signature(problems);
      const since = inventoryConditionSince(h, (i) => signature(problemsOf(ctx.fleet.predictor, i, team.team)) === sig);
      const bad = problems.flatMap((p) => p.members);
      const commands = bad.length
        ? [`Remove-NetLbfoTeamMember -Team ${ps(team.team)} -Name ${psList(bad)}`]
        : [`Get-NetLbfoTeamMember -Team ${ps(team.team)} | Format-Table Name,InterfaceDescription,OperationalStatus`];
      commands.push(`Get-NetLbfoTeam -Name ${ps(team.team)} | Format-List Name,Members,TeamingMode,LoadBalancingAlgorithm,Status`);
      findings.push({
        subject: { host: h.name, team: team.team },
        since,
        summary: `Team ${team.team} on ${h.name} has an unsupported composition: ${problems.map((p) => p.kind).join(', ')}`,
        expected: {
          summary: `${team.team} built from 1–${MAX_HOST_TEAM_MEMBERS} physical NICs`,
          values: { maxMembers: MAX_HOST_TEAM_MEMBERS, memberKinds: 'physical' },
        },
        observed: {
          summary: problems.map((p) => p.text).join('; '),
          values: { problems: problems.map((p) => ({ kind: p.kind, members: p.members })), memberCount: team.members.length, members: team.members },
        },
        evidence: h.inventoryRef ? [h.inventoryRef] : [],
        explanation: `Microsoft supports LBFO teams of physical Ethernet NICs only. Teaming host vNICs is "not supported in any configuration" and can take the host off the network when a member fails; nesting teams or putting a vendor team under the inbox team stacks two failover logics that do not know each other, so failover and MAC handling become unpredictable. ${team.team} is outside that support.`,
        remediation: {
          text: 'Remove the unsupported members and team the underlying physical NICs directly (or use SET, which also gives host vNICs redundancy). Removing members changes the team: plan it in a maintenance window.',
          commands,
        },
      });
    }
    return { findings };
  },
};
