/**
 * mac-conflict-storm: MsLbfoSys 16945 ("A port on the virtual switch has the same MAC as one of the
 * underlying team members") keeps coming on a team although nothing the expected state knows of
 * explains it — the SCVMM-cloned management vNIC of docs/domain.md F2, not the one-off of F1.
 *
 * Rule (thresholds are the catalogue defaults):
 * - each 16945 is attributed to the team whose interface description is its `%2`; when no team
 *   matches, to the host's only LBFO team (or its only team with a vSwitch); otherwise it is left out;
 * - a 16945 is explained by one fact on that team within ±60 s: a vSwitch bound to it or a host
 *   vNIC added/re-addressed on it, a VM on one of its vSwitches started/stopped/reset (Hyper-V-Worker
 *   18500/18502/18504/18508/18512/18514) or live-migrated in/out (VMMS 20415/20417, or the VM
 *   appearing/leaving in inventory), a member link change (16948/16949/16950, NIC driver link
 *   events, member status in inventory) or a team interface reset. Each fact explains at most one
 *   16945 (KB 2920261: one per change), so a storm cannot hide behind one VM start;
 * - a 16945 is judged once its explanation window has closed: the host has reported something at
 *   least 60 s later, or the engine clock is 2 min past it (explanations logged in another channel
 *   may arrive a little later than the warning);
 * - ≥ 3 unexplained within 15 min fire; the alert resolves after 30 min without an unexplained one.
 */
import type { ExpectedTeam } from '../engine/predictor.ts';
import type { HostView } from '../engine/view.ts';
import type { Mac } from '../model/mac.ts';
import { macToHyperV, macToWindows } from '../model/mac.ts';
import { allocateDynamicMac } from '../simulator/macpool.ts';
import type { Finding, Pattern } from './types.ts';
import { capEvidence, eventRef, minutes, sameDescription, signalsOf, teamsOf, type SignalOf, psq, inPsq } from './kit.ts';
import { concernsTeam, hostFacts, matchOneToOne } from './mac-facts.ts';
import { activeEpisode, episodes } from './mac-episodes.ts';

export const STORM_THRESHOLD = 3;
export const STORM_WINDOW_MS = 15 * 60_000;
export const STORM_QUIET_MS = 30 * 60_000;
export const EXPLAIN_WINDOW_MS = 60_000;
/** Fallback for judging a 16945 when its host reports nothing newer. */
export const SETTLE_CLOCK_MS = 2 * 60_000;

const lc = (s: string | null | undefined) => (s ?? '').toLowerCase();

/** The LBFO team a 16945 is about, from its `%2` (team interface description). */
function teamOf16945(teams: ExpectedTeam[], teamNic: string | null): ExpectedTeam | null {
  const byDesc = teams.find((t) => sameDescription(t.teamNic?.description, teamNic));
  if (byDesc) return byDesc;
  if (teams.length === 1) return teams[0];
  const withSwitch = teams.filter((t) => t.vSwitches.length > 0);
  return withSwitch.length === 1 ? withSwitch[0] : null;
}

interface Holder {
  name: string;
  vm: string | null;
  mac: Mac;
  dynamic: boolean | null;
  switchName: string | null;
}

/** vSwitch ports on the team's vSwitches whose MAC is a member's (the team MAC is the primary's). */
function holdersOf(h: HostView, team: ExpectedTeam): Holder[] {
  const inv = h.inventory!;
  const memberMacs = new Set<Mac>(team.members.map((m) => inv.netAdapters?.find((a) => lc(a.name) === lc(m))?.mac).filter((m): m is Mac => !!m));
  if (team.teamMac) memberMacs.add(team.teamMac);
  return (inv.vmNetworkAdapters ?? [])
    .filter((n) => n.mac && memberMacs.has(n.mac) && team.vSwitches.some((s) => lc(s) === lc(n.switchName)))
    .map((n) => ({ name: n.name, vm: n.isManagementOs ? null : n.vmName, mac: n.mac!, dynamic: n.dynamicMacAddressEnabled, switchName: n.switchName }));
}

/**
 * The port(s) to re-address. One holder is the duplicate (a storm with one port on a member MAC is
 * the SCVMM clone). With several, an inherited management vNIC is legitimate, so the suspects are
 * the statically addressed ones (SCVMM writes a static MAC), else every holder but the first.
 */
function suspectsOf(holders: Holder[]): Holder[] {
  if (holders.length <= 1) return holders;
  const fixed = holders.filter((x) => x.dynamic === false);
  return fixed.length ? fixed : holders.slice(1);
}

function remediation(h: HostView, team: ExpectedTeam, suspects: Holder[]) {
  const inv = h.inventory!;
  const used = (inv.vmNetworkAdapters ?? []).map((n) => n.mac).filter((m): m is Mac => !!m);
  const free = inv.macPool ? allocateDynamicMac(inv.macPool, used) : null;
  const commands: string[] = [];
  for (const s of suspects.filter((x) => x.vm === null)) {
    commands.push(
      `$pool = Get-SCMACAddressPool -Name 'Default MAC address pool'`,
      `$nic = Get-SCVirtualNetworkAdapter -VMHost ${psq(h.name)} | Where-Object Name -eq ${psq(s.name)}`,
      `$mac = (Grant-SCMACAddress -MACAddressPool $pool -VirtualNetworkAdapter $nic).Address`,
      `Invoke-Command -ComputerName ${psq(h.name)} { Get-NetAdapter -Name 'vEthernet (${inPsq(s.name)})' | Set-NetAdapter -MacAddress ($using:mac -replace ':','-') -Confirm:$false }`,
    );
    if (free) commands.push(`# Without SCVMM, on ${inPsq(h.name)}: Set-VMNetworkAdapter -ManagementOS -Name ${psq(s.name)} -StaticMacAddress ${macToHyperV(free)}`);
  }
  for (const s of suspects.filter((x) => x.vm !== null)) {
    commands.push(`Stop-VM -ComputerName ${psq(h.name)} -Name ${psq(s.vm)}; Set-VMNetworkAdapter -ComputerName ${psq(h.name)} -VMName ${psq(s.vm)} -Name ${psq(s.name)} -DynamicMacAddress; Start-VM -ComputerName ${psq(h.name)} -Name ${psq(s.vm)}`);
  }
  if (!suspects.length) {
    commands.push(
      `Get-VMNetworkAdapter -ComputerName ${psq(h.name)} -All | Where-Object SwitchName -in @(${team.vSwitches.map((s) => `${psq(s)}`).join(',')}) | Format-Table Name,VMName,IsManagementOs,MacAddress,DynamicMacAddressEnabled`,
      `Get-NetAdapter -CimSession ${psq(h.name)} -Name ${[team.team, ...team.members].map((m) => `${psq(m)}`).join(',')} | Format-Table Name,InterfaceDescription,MacAddress`,
    );
  }
  return {
    text: suspects.length
      ? `Give ${suspects.map((s) => (s.vm ? `VM ${s.vm}'s vNIC ${s.name}` : `the host vNIC ${s.name}`)).join(' and ')} a MAC of its own: with SCVMM, grant one from the MAC pool and apply it (brief management outage while the vNIC re-addresses).`
      : `Find the vSwitch port on ${team.vSwitches.join(', ') || 'the team'} that carries a team member's MAC (compare the vNIC MACs with the member MACs) and give it a MAC of its own.`,
    commands,
  };
}

export const macConflictStorm: Pattern = {
  id: 'mac-conflict-storm',
  severity: 'critical',
  scope: 'host',
  subjectKeys: ['host', 'team'],
  wakeOn: ['inventory', 'events', 'report'],
  forMs: 0,
  doc: {
    title: 'MAC conflict storm on a team (16945 repeating)',
    meaning:
      'A vSwitch port keeps using the MAC address of a team member, so the LBFO driver keeps warning (16945) and the switch sees the same MAC from two places: management connectivity flaps or is lost. The typical cause is SCVMM deploying a logical switch whose management vNIC copied the team MAC instead of taking one from its pool.',
    signals: [
      'MsLbfoSys 16945 "MAC conflict: A port on the virtual switch has the same MAC as one of the underlying team members on Team Nic …", attributed to the team by its interface description',
      '≥ 3 of them within 15 min that no lifecycle change explains, each judged once its ±60 s window has closed (the host reported ≥ 60 s later, or 2 min passed); resolves after 30 min without one',
      'Explanations (±60 s, one 16945 each): vSwitch bound to the team or host vNIC added (inventory), Hyper-V-Worker 18500/18502/18504/18508/18512/18514 for a VM on the team, VMMS 20415/20417, member link events 16948/16949/16950 and NIC driver link down/up',
      'Get-VMNetworkAdapter -ManagementOS / Get-NetAdapter: the vSwitch port whose MAC equals the team NIC or a member MAC',
    ],
    benign: [
      'One 16945 when a vSwitch is bound to the team (KB 2920261)',
      'One 16945 per VM start/stop/reset on the team or per member link change',
      'A host whose single management vNIC inherited the team/pNIC MAC and logs no repeats',
    ],
    remediation:
      'Give the port that carries the member MAC its own address: with SCVMM grant a MAC from the pool (Grant-SCMACAddress) and apply it with Set-NetAdapter -MacAddress (brief management outage); without SCVMM use Set-VMNetworkAdapter -ManagementOS -StaticMacAddress.',
    sources: ['KB2920261', 'MIRU', 'MS-CNIC', 'MS-NICT-MAC', 'WEVTKB-LBFO'],
  },
  evaluate(ctx, key) {
    const h = ctx.fleet.hosts.get(key);
    if (!h?.inventory) return { findings: [] };
    const conflicts = signalsOf(h, 'lbfo-mac-conflict');
    if (!conflicts.length) return { findings: [] };
    const teams = teamsOf(ctx, h).filter((t) => t.kind === 'lbfo');
    const byTeam = new Map<ExpectedTeam, SignalOf<'lbfo-mac-conflict'>[]>();
    for (const s of conflicts) {
      const team = teamOf16945(teams, s.signal.teamNic);
      if (!team) continue;
      byTeam.set(team, [...(byTeam.get(team) ?? []), s]);
    }
    const facts = hostFacts(ctx, h);
    const findings: Finding[] = [];
    let recheckAt: number | undefined;
    const later = (t: number) => {
      if (t > ctx.clock && (recheckAt === undefined || t < recheckAt)) recheckAt = t;
    };
    for (const [team, sigs] of byTeam) {
      const explained = matchOneToOne(sigs.map((s) => s.time), facts, EXPLAIN_WINDOW_MS, (f) => concernsTeam(f, lc(team.team)));
      const unexplained: SignalOf<'lbfo-mac-conflict'>[] = [];
      sigs.forEach((s, i) => {
        if (explained[i]) return;
        if (h.lastSeen >= s.time + EXPLAIN_WINDOW_MS || ctx.clock >= s.time + SETTLE_CLOCK_MS) unexplained.push(s);
        else later(s.time + SETTLE_CLOCK_MS);
      });
      const ep = activeEpisode(episodes(unexplained.map((s) => s.time), STORM_THRESHOLD, STORM_WINDOW_MS, STORM_QUIET_MS), ctx.clock);
      if (!ep) continue;
      later(ep.end);
      const inEpisode = ep.members.map((i) => unexplained[i]);
      const recent = unexplained.filter((s) => s.time > ctx.clock - STORM_WINDOW_MS).length;
      const explainedBy = sigs.flatMap((s, i) => (explained[i] ? [`${new Date(s.time).toISOString()}: ${explained[i]!.label}`] : []));
      const holders = holdersOf(h, team);
      const suspects = suspectsOf(holders);
      const where = suspects.length
        ? `; ${suspects.map((s) => `${s.vm ? `VM ${s.vm} vNIC` : 'host vNIC'} ${s.name} (${macToWindows(s.mac)})`).join(', ')} carries a member MAC`
        : '';
      findings.push({
        subject: { host: h.name, team: team.team },
        since: ep.start,
        summary: `MAC conflict storm on team ${team.team} of ${h.name}: ${inEpisode.length} unexplained 16945 in ${minutes(ep.last - ep.start)}${where}`,
        expected: {
          summary: `At most one 16945 per vSwitch binding, VM start/stop/reset or member link change on ${team.team} (KB 2920261), and no vSwitch port other than one inherited management vNIC carrying a member MAC`,
          values: { explainedWarnings: explainedBy.length, explainedBy, teamMac: team.teamMac, maxPortsWithMemberMac: 1 },
        },
        observed: {
          summary: `${inEpisode.length} 16945 on ${team.team} since ${new Date(ep.start).toISOString()} (${recent} in the last 15 min) with no lifecycle change within ±60 s${where}`,
          values: {
            unexplainedWarnings: inEpisode.length,
            unexplainedLast15Min: recent,
            lastWarningAt: new Date(ep.last).toISOString(),
            portsWithMemberMac: holders.map((x) => ({ port: x.name, vm: x.vm, mac: x.mac, vSwitch: x.switchName, dynamicMac: x.dynamic })),
            suspectPorts: suspects.map((x) => x.name),
          },
        },
        evidence: capEvidence([...(h.inventoryRef ? [h.inventoryRef] : []), ...inEpisode.map((s) => eventRef(s))]),
        explanation: `The LBFO driver warns with 16945 when a vSwitch port uses the MAC of one of ${team.team}'s members. Once per vSwitch binding, VM start/stop or link change is normal (KB 2920261); repeating warnings with no such change mean a port keeps transmitting with the team's MAC — typically a management vNIC that SCVMM deployed with the team NIC's MAC. The upstream switch then sees one MAC from two places, and the host's management connectivity flaps or is lost.`,
        remediation: remediation(h, team, suspects),
      });
    }
    return { findings, recheckAt };
  },
};
