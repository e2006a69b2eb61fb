/**
 * mixed-speed-team: the active members of one team run at different link speeds. Teaming
 * algorithms ignore speed (a 1 GbE and a 10 GbE member each get half the flows), and when the fast
 * member fails the team collapses to the slow one (docs/domain.md F18).
 *
 * A member's speed is its Get-NetLbfoTeamMember Transmit/ReceiveLinkSpeed, or Get-NetAdapter
 * LinkSpeed when there is no member row (SET). Only members observeMembers sees as active count —
 * failed, standby and connect-timer members are ignored, as are members with no known speed.
 * Vendor teams are skipped (Windows does not report their members). Speed renegotiation right
 * after a link comes up is transient (seconds), so a mix counts only once a later collector report
 * still shows it — one snapshot taken mid-renegotiation never alerts, whatever the report interval —
 * and it must then have held MIXED_SPEED_HOLD_MS (forMs) since the first inventory of the unbroken
 * run showing the same mix.
 */
import type { ExpectedTeam } from '../engine/predictor.ts';
import type { HostView } from '../engine/view.ts';
import type { Inventory } from '../model/inventory.ts';
import type { Finding, Pattern } from './types.ts';
import { teamsOf } from './kit.ts';
import { observeMembers } from './team-members.ts';
import { formatLinkSpeed } from '../simulator/vendors.ts';
import { inventoryConditionSince, ps, psList, sameName } from './team-conditions.ts';

/** How long a mix must hold before the alert fires: far longer than speed renegotiation after link-up. */
export const MIXED_SPEED_HOLD_MS = 2 * 60_000;

interface MemberSpeed {
  name: string;
  tx: number;
  rx: number;
}

function speedOf(inv: Inventory, member: string): MemberSpeed | null {
  const row = inv.lbfoTeamMembers?.find((m) => sameName(m.name, member));
  const nic = inv.netAdapters?.find((a) => sameName(a.name, member));
  const tx = row?.transmitLinkSpeedBps || row?.receiveLinkSpeedBps || nic?.linkSpeedBps || 0;
  const rx = row?.receiveLinkSpeedBps || row?.transmitLinkSpeedBps || nic?.linkSpeedBps || 0;
  return tx > 0 && rx > 0 ? { name: member, tx, rx } : null;
}

const label = (s: MemberSpeed) => (s.tx === s.rx ? formatLinkSpeed(s.tx) : `${formatLinkSpeed(s.tx)} tx / ${formatLinkSpeed(s.rx)} rx`);

/** Speeds of the given members in `inv`, and whether they differ. */
function mix(inv: Inventory, members: string[]): { speeds: MemberSpeed[]; mixed: boolean } {
  const speeds = members.map((m) => speedOf(inv, m)).filter((s): s is MemberSpeed => s !== null);
  return { speeds, mixed: new Set(speeds.map(label)).size > 1 };
}

function activeMembers(h: HostView, team: ExpectedTeam): string[] {
  return observeMembers(h, team)
    .filter((m) => m.state === 'active')
    .map((m) => m.name);
}

export const mixedSpeedTeam: Pattern = {
  id: 'mixed-speed-team',
  severity: 'warning',
  scope: 'host',
  subjectKeys: ['host', 'team'],
  // 'report': an alert held while the collector was silent is judged again on the next report,
  // even one whose inventory did not change.
  wakeOn: ['inventory', 'events', 'report'],
  forMs: MIXED_SPEED_HOLD_MS,
  doc: {
    title: 'Team members at different link speeds',
    meaning:
      'The active members of a NIC team run at different link speeds. The teaming algorithms ignore speed, so the slow member gets as many flows as the fast one, and if the fast member fails the whole team drops to the slow speed. Mixing speeds is possible but not supported.',
    signals: [
      'Get-NetLbfoTeamMember TransmitLinkSpeed / ReceiveLinkSpeed of the Active members',
      'Get-NetAdapter LinkSpeed of SET members (and of LBFO members without a member row)',
    ],
    benign: [
      'A failed, standby or connect-timer member at another speed (only active members are compared)',
      'Speed renegotiation right after a link comes up: the mix must still show in a later collector report and hold for 2 minutes',
      'Vendor teams: members are not reported, so they are not evaluated',
    ],
    remediation: 'Give every member the same speed: fix the cable/SFP or the switch port speed setting of the slow member, or replace it with a NIC of the same speed.',
    sources: ['ITPRO-SPEED', 'MSFT-LBFOTEAM', 'MS-SET'],
  },
  evaluate(ctx, key) {
    const h = ctx.fleet.hosts.get(key);
    const inv = h?.inventory;
    if (!h || !inv) return { findings: [] };
    const findings: Finding[] = [];
    for (const team of teamsOf(ctx, h)) {
      if (team.kind === 'vendor') continue;
      const active = activeMembers(h, team);
      const now = mix(inv, active);
      if (!now.mixed) continue;
      const signature = now.speeds.map((s) => `${s.name.toLowerCase()}=${label(s)}`).join('|');
      // In older inventories the team's active members are those inventories' own (the team may not
      // even have existed yet), never today's list applied to yesterday's adapters.
      const since = inventoryConditionSince(h, (i) => {
        const then = ctx.fleet.predictor.classifyTeams(i).find((t) => t.kind === team.kind && sameName(t.team, team.team));
        const m = then ? mix(i, then.activeMembers) : null;
        return !!m?.mixed && m.speeds.map((s) => `${s.name.toLowerCase()}=${label(s)}`).join('|') === signature;
      });
      // Confirmed by a later report (an unchanged bundle adds a report, not an inventory).
      if (!h.reports.some((t) => t > since)) continue;
      const fastest = Math.max(...now.speeds.map((s) => s.tx));
      const slow = now.speeds.filter((s) => s.tx < fastest);
      const slowest = Math.min(...now.speeds.map((s) => s.tx));
      findings.push({
        subject: { host: h.name, team: team.team },
        since,
        summary: `Team ${team.team} on ${h.name} mixes link speeds: ${now.speeds.map((s) => `${s.name} ${label(s)}`).join(', ')}`,
        expected: {
          summary: `All active members of ${team.team} at the same link speed`,
          values: { speedBps: fastest },
        },
        observed: {
          summary: `Active members at ${[...new Set(now.speeds.map(label))].join(' and ')}: ${now.speeds.map((s) => `${s.name} ${label(s)}`).join(', ')}`,
          values: { speeds: Object.fromEntries(now.speeds.map((s) => [s.name, { transmitBps: s.tx, receiveBps: s.rx }])), slowMembers: slow.map((s) => s.name) },
        },
        evidence: h.inventoryRef ? [h.inventoryRef] : [],
        explanation: `Flows are spread over the members without regard to speed, so traffic hashed to ${slow.map((s) => s.name).join(', ') || 'the slow member'} is limited to ${formatLinkSpeed(slowest)} while the team looks faster; if the fast member fails, everything on ${team.team} (${team.vSwitches.join(', ') || 'no vSwitch'}) runs at ${formatLinkSpeed(slowest)}. A member that came up at a lower speed than usual often points at a bad cable/SFP or a switch port forced to a lower speed.`,
        remediation: {
          text: `Bring ${slow.map((s) => s.name).join(', ') || 'the slow member'} to ${formatLinkSpeed(fastest)} (cable, SFP, switch port speed/duplex setting) or team only NICs of one speed.`,
          commands: [
            team.kind === 'lbfo'
              ? `Get-NetLbfoTeamMember -Team ${ps(team.team)} | Format-Table Name,OperationalStatus,TransmitLinkSpeed,ReceiveLinkSpeed`
              : `Get-VMSwitchTeam -Name ${ps(team.team)} | Format-List`,
            `Get-NetAdapter -Name ${psList(now.speeds.map((s) => s.name))} | Format-Table Name,InterfaceDescription,Status,LinkSpeed,FullDuplex`,
          ],
        },
      });
    }
    return { findings };
  },
};
