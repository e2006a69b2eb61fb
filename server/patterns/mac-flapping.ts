/**
 * mac-flapping: one MAC keeps moving between ports of one switch (docs/domain.md F7) although
 * nothing the expected state knows of moves it.
 *
 * Rule (per switch, VLAN and MAC):
 * - moves are counted per source — MAC-table diffs, switch syslog move/flap lines — and the larger
 *   count decides, so a move seen both ways counts once; the first flap line of a run counts as two
 *   moves (the switch logs it only after the MAC went back and forth, see mac-moves.ts);
 * - a move is explained, one fact per move, by a failover or recovery of the owner's team (member
 *   link events/status, team reset), a live migration (VMMS 20415/20417, the VM appearing/leaving in
 *   inventory) or a start/stop/reset of the owning VM, within ±60 s (switches relearn within
 *   seconds): HyperVPort/Dynamic re-affinitisation and the team MAC moving to the surviving member
 *   are one move each, so a failover plus failback stays silent;
 * - ≥ 3 unexplained moves within 5 min fire; the alert resolves once 5 min without one have been
 *   judged (moves are judged up to 3 min late, see mac-moves.ts): 8 min after the last one.
 * Owners (hosts, VMs, host vNICs, adapters with that MAC) come from the latest inventories.
 */
import type { EvidenceRef } from '../contract.ts';
import type { MacMove, SwitchView } from '../engine/view.ts';
import type { Mac } from '../model/mac.ts';
import { macToCisco } from '../model/mac.ts';
import type { Finding, Pattern, PatternContext } from './types.ts';
import { capEvidence, psq } from './kit.ts';
import { activeEpisode, episodes, type Episode } from './mac-episodes.ts';
import { fleetMigrations } from './mac-facts.ts';
import { describeOwner, fleetMacOwners, ownerIdentity, type MacOwner } from './mac-owners.ts';
import { SETTLE_FALLBACK_MS, judge, moveFacts, movePoints, movesByMac, type Judged } from './mac-moves.ts';

export const FLAP_THRESHOLD = 3;
export const FLAP_WINDOW_MS = 5 * 60_000;
export const FLAP_QUIET_MS = 5 * 60_000;
/**
 * Moves are judged up to SETTLE_FALLBACK_MS late, so the quiet period counts from the moment the
 * last unexplained move was surely judged: otherwise a short burst judged late would fire for a
 * minute only, and a move just before the end could resolve and re-fire the alert.
 */
export const FLAP_HOLD_MS = SETTLE_FALLBACK_MS + FLAP_QUIET_MS;

function refsOf(moves: MacMove[]): EvidenceRef[] {
  const seen = new Set<string>();
  const out: EvidenceRef[] = [];
  for (const m of moves) {
    const k = `${m.ref.kind}:${m.ref.id}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(m.ref);
  }
  return out;
}

/** Why this MAC may flap, from what its owners are. */
function likelyCause(ctx: PatternContext, owners: MacOwner[]): string {
  if (new Set(owners.map(ownerIdentity)).size > 1) return `The MAC is assigned to ${owners.map(describeOwner).join(' and ')}: both send with it, so the switch keeps relearning it (duplicate MAC).`;
  const o = owners[0];
  if (!o) return 'No monitored host owns this MAC: look for an L2 loop or a device sending with a copied MAC.';
  const inv = ctx.fleet.hosts.get(o.hostKey)?.inventory;
  const is = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && a.toLowerCase() === b.toLowerCase();
  const team = inv ? ctx.fleet.predictor.classifyTeams(inv).find((t) => t.vSwitches.some((v) => is(v, o.switchName)) || is(t.teamNic?.name, o.name) || t.members.some((m) => is(m, o.name))) : undefined;
  if (team?.switchDependent) return `${describeOwner(o)} sits behind ${team.team} (${team.mode}), a switch-dependent team: its member ports must form one port-channel on one switch or stack, otherwise the MAC flaps between them.`;
  if (team) return `${describeOwner(o)} sits behind ${team.team} (${team.mode}/${team.algorithm}); a Switch Independent team keeps each MAC on one member, so sustained flapping points at a duplicate MAC or an L2 loop.`;
  return `${describeOwner(o)} owns the MAC; sustained flapping points at a duplicate MAC or an L2 loop.`;
}

function finding(ctx: PatternContext, s: SwitchView, vlan: number | null, mac: Mac, owners: MacOwner[], ep: Episode, used: Judged[], all: Judged[]): Finding {
  const moves = used.map((j) => j.point.move);
  const ports = [...new Set(moves.flatMap((m) => [m.from, m.to]).filter((p): p is string => !!p))].sort();
  const ownerText = owners.length ? owners.map(describeOwner).join(', ') : 'no monitored host';
  const explainedBy = all.filter((j) => j.explainedBy).map((j) => `${new Date(j.point.time).toISOString()}: ${j.explainedBy!.label}`);
  const hosts = [...new Set(owners.map((o) => o.host))];
  const cisco = macToCisco(mac);
  const inVlan = vlan === null ? '' : ` in VLAN ${vlan}`;
  return {
    subject: vlan === null ? { switch: s.name, mac } : { switch: s.name, vlan, mac },
    since: ep.start,
    summary: `MAC ${cisco} flapping on ${s.name}${inVlan}: ${used.length} unexplained moves between ${ports.join(', ') || 'ports'} (${ownerText})`,
    expected: {
      summary: `${cisco} stays on one port of ${s.name}, moving once per failover, VM start or live migration of its owner`,
      values: { explainedMoves: explainedBy.length, explainedBy, owners: owners.map(describeOwner) },
    },
    observed: {
      summary: `${used.length} moves since ${new Date(ep.start).toISOString()} that no failover, VM start or live migration explains, between ${ports.join(', ') || 'unknown ports'}`,
      values: { unexplainedMoves: used.length, ports, owners: owners.map(describeOwner), hosts, lastMoveAt: new Date(ep.last).toISOString() },
    },
    evidence: capEvidence(refsOf(moves)),
    explanation: `A switch that keeps relearning one MAC on different ports forwards that MAC's traffic to the wrong place half of the time, so ${ownerText} loses packets intermittently, and a switch may stop learning on the VLAN altogether. ${likelyCause(ctx, owners)}`,
    remediation: {
      text: 'Find who sends with the MAC on each port: fix duplicate MACs (re-address one vNIC with the VM off), make switch-dependent teams end in one port-channel, or break the L2 loop.',
      commands: [
        `show mac address-table address ${cisco}`,
        ...(ports.length ? [`show interfaces ${ports.join(',')} status`] : []),
        'show etherchannel summary',
        ...(hosts.length ? [`Get-VMNetworkAdapter -ComputerName ${hosts.map((h) => `${psq(h)}`).join(',')} -All | Where-Object MacAddress -eq ${psq(mac.replace(/:/g, '').toUpperCase())}`] : []),
        ...hosts.map((h) => `Get-NetLbfoTeam -CimSession ${psq(h)} | Format-List Name,Members,TeamingMode,LoadBalancingAlgorithm,Status`),
      ],
    },
  };
}

export const macFlapping: Pattern = {
  id: 'mac-flapping',
  severity: 'critical',
  scope: 'switch',
  subjectKeys: ['switch', 'vlan', 'mac'],
  wakeOn: ['macTable', 'switchLog'],
  forMs: 0,
  doc: {
    title: 'MAC flapping between switch ports',
    meaning:
      'An upstream switch keeps relearning one MAC address on different ports. Traffic for that MAC goes to the wrong port part of the time, so the VM or host owning it loses packets intermittently. Typical causes are duplicate MACs, a switch-dependent team whose ports are not one port-channel, or an L2 loop.',
    signals: [
      'show mac address-table snapshots: the same MAC on another port than in the previous table (per VLAN)',
      'Switch syslog: %SW_MATM-4-MACFLAP_NOTIF (and kin) "is flapping between port … and port …" — the first of a run counts as two moves — and %L2FM-4-L2FM_MAC_MOVE(2) "has moved from … to …"',
      '≥ 3 unexplained moves within 5 min, counting table diffs and syslog separately and taking the larger count; resolves 8 min after the last one (5 min quiet once moves up to 3 min late have been judged)',
      'Explanations (±60 s, one move each): member link events/status and team resets on the owner host, VMMS 20415/20417 or the VM moving in inventory, a start/stop/reset of the owning VM',
    ],
    benign: [
      'A single move after a team member failover (HyperVPort/Dynamic re-affinitisation, or the team MAC moving to the surviving member), and its failback',
      'A single move after a live migration of the owning VM',
    ],
    remediation: 'Fix duplicate MACs, configure switch-dependent teams as one port-channel (one switch or stack), or break the L2 loop; the alert names the owners and ports.',
    sources: ['MS-NICT-MAC', 'MS-NICT-SET', 'CISCO-LOGS', 'NTC', 'MIRU'],
  },
  evaluate(ctx, key) {
    const s = ctx.fleet.switches.get(key);
    if (!s || s.moves.length === 0) return { findings: [] };
    const findings: Finding[] = [];
    let recheckAt: number | undefined;
    const later = (t: number | undefined) => {
      if (t !== undefined && t > ctx.clock && (recheckAt === undefined || t < recheckAt)) recheckAt = t;
    };
    let owners: Map<Mac, MacOwner[]> | null = null;
    let migrations: ReturnType<typeof fleetMigrations> | null = null;
    const factCache = new Map<string, ReturnType<typeof fleetMigrations>>();
    for (const { vlan, mac, moves } of movesByMac(s, -Infinity).values()) {
      const pts = movePoints(moves);
      if (Math.max(pts.table.length, pts.syslog.length) < FLAP_THRESHOLD) continue;
      owners ??= fleetMacOwners(ctx);
      migrations ??= fleetMigrations(ctx);
      const own = owners.get(mac) ?? [];
      const facts = own.length ? moveFacts(ctx, own, migrations, factCache) : [];
      let best: { ep: Episode; used: Judged[]; all: Judged[] } | null = null;
      for (const points of [pts.table, pts.syslog]) {
        const { judged, nextCheck } = judge(ctx, points, facts, own);
        later(nextCheck);
        const unexplained = judged.filter((j) => !j.explainedBy && j.settled);
        const ep = activeEpisode(episodes(unexplained.map((j) => j.point.time), FLAP_THRESHOLD, FLAP_WINDOW_MS, FLAP_HOLD_MS), ctx.clock);
        if (!ep) continue;
        later(ep.end);
        const used = ep.members.map((i) => unexplained[i]);
        // The larger count decides; the condition began at the earlier of the two starts.
        const start = Math.min(ep.start, best?.ep.start ?? Infinity);
        if (!best || used.length > best.used.length) best = { ep, used, all: judged };
        best.ep = { ...best.ep, start };
      }
      if (best) findings.push(finding(ctx, s, vlan, mac, own, best.ep, best.used, best.all));
    }
    return { findings, recheckAt };
  },
};
