/**
 * duplicate-vm-mac: one MAC is used on two hosts at once (docs/domain.md F5) — typically hosts with
 * overlapping dynamic pools: a VM live-migrates away keeping its MAC and the source host hands the
 * same address to a new VM. Duplicates inside one host are mac-pinned-conflict's.
 *
 * Seen two ways:
 * 1. Inventories: vNICs (VM or host vNIC) on two hosts carry the MAC. It must be simultaneous:
 *    every involved host's latest inventory was taken after the MAC appeared on the other — so a VM
 *    that live-migrated, listed by the destination's fresh inventory and the source's older one,
 *    is not a duplicate. One VM (same VMId) listed on two hosts is a migration between inventories,
 *    a Hyper-V Replica copy or a stale registration: silent while one side is not Running; both
 *    Running after both hosts reported since its last migration is a real copy and fires.
 *    A copy that is Off counts — it collides as soon as it starts (the F5 hazard) — unless its MAC
 *    is dynamic and outside its host's pool: Hyper-V hands it a new one at the next start.
 * 2. Switch tables/logs: the MAC moves between a port of one host and a port of another (ports are
 *    mapped to hosts by the other MACs seen on them in the kept table history, see portIndex) at
 *    least twice within 10 min, counting table diffs and syslog apart, and not explained by a live
 *    migration of its VM. Limitation: in a tiny fleet an inter-switch link that has only ever
 *    carried one host's MACs looks like that host's port.
 */
import type { MacMove, SwitchView } from '../engine/view.ts';
import type { HostView } from '../engine/view.ts';
import type { Mac } from '../model/mac.ts';
import { macToHyperV, macToWindows } from '../model/mac.ts';
import { allocateDynamicMac, inPool } from '../simulator/macpool.ts';
import type { Finding, Pattern, PatternContext } from './types.ts';
import { capEvidence, psq } from './kit.ts';
import { activeEpisode, episodes, type Episode } from './mac-episodes.ts';
import { fleetMigrations, sameVm, type Fact } from './mac-facts.ts';
import { describeOwner, fleetMacOwners, type MacOwner } from './mac-owners.ts';
import { SETTLE_FALLBACK_MS, isFlapLine, judge, moveFacts, movePoints, type MovePoint } from './mac-moves.ts';

export const ALTERNATION_THRESHOLD = 2;
export const ALTERNATION_WINDOW_MS = 10 * 60_000;
export const ALTERNATION_HOLD_MS = SETTLE_FALLBACK_MS + 10 * 60_000;

interface InventoryDup {
  holders: MacOwner[];
  since: number;
}

const entity = (o: MacOwner) => (o.kind === 'vm' ? `vm:${(o.vmId ?? o.vm ?? '').toLowerCase()}` : `${o.kind}:${o.hostKey}|${o.name.toLowerCase()}`);

/** Since when the host's inventory history lists the MAC on a vNIC without a gap. */
function listedSince(h: HostView, mac: Mac): number {
  let since = h.inventoryAt ?? 0;
  for (let i = h.inventoryHistory.length - 1; i >= 0; i--) {
    if (!(h.inventoryHistory[i].value.vmNetworkAdapters ?? []).some((n) => n.mac === mac)) break;
    since = h.inventoryHistory[i].time;
  }
  return since;
}

function inventoryDuplicate(ctx: PatternContext, mac: Mac, owners: MacOwner[], migrations: Fact[]): InventoryDup | null {
  const holders = owners.filter((o) => {
    if (o.kind !== 'vm' && o.kind !== 'host-vnic') return false;
    const pool = ctx.fleet.hosts.get(o.hostKey)?.inventory?.macPool;
    return !(o.kind === 'vm' && o.vmState === 'Off' && o.dynamic === true && pool && !inPool(mac, pool));
  });
  const hosts = [...new Set(holders.map((o) => o.hostKey))].map((k) => ctx.fleet.hosts.get(k)!);
  if (hosts.length < 2) return null;
  const different = holders.some((p) => holders.some((q) => p.hostKey !== q.hostKey && entity(p) !== entity(q)));
  if (!different && holders.some((o) => o.vmState !== 'Running')) return null;
  const since = Math.max(...hosts.map((h) => listedSince(h, mac)));
  if (hosts.some((h) => (h.inventoryAt ?? -Infinity) < since)) return null;
  if (!different) {
    const moved = migrations.filter((m) => sameVm(m, holders[0])).map((m) => m.to);
    if (moved.length && hosts.some((h) => (h.inventoryAt ?? -Infinity) <= Math.max(...moved))) return null;
  }
  return { holders, since };
}

/**
 * Per port of a switch, the hosts whose MACs (owned by exactly one host) it has carried in the
 * kept table history, with the MACs that put them there. A port is a host's port for a candidate
 * MAC when, leaving that MAC out, it only ever carried one host's MACs: an inter-switch link or an
 * uplink carries several hosts' MACs over time and maps to none.
 */
type PortIndex = Map<string, Map<string, Set<Mac>>>;

function portIndex(s: SwitchView, owners: Map<Mac, MacOwner[]>): PortIndex {
  const out: PortIndex = new Map();
  const tables = s.tableHistory.length ? s.tableHistory.map((t) => t.value) : [s.table];
  for (const table of tables) {
    for (const [mac, locs] of table) {
      const hosts = new Set((owners.get(mac) ?? []).map((o) => o.hostKey));
      if (hosts.size !== 1) continue;
      const host = [...hosts][0];
      for (const l of locs) {
        const byHost = out.get(l.port) ?? new Map<string, Set<Mac>>();
        const macs = byHost.get(host) ?? new Set<Mac>();
        macs.add(mac);
        byHost.set(host, macs);
        out.set(l.port, byHost);
      }
    }
  }
  return out;
}

function hostOfPort(index: PortIndex, port: string | null, candidate: Mac): string | undefined {
  const byHost = port ? index.get(port) : undefined;
  if (!byHost) return undefined;
  const hosts = [...byHost].filter(([, macs]) => [...macs].some((m) => m !== candidate)).map(([h]) => h);
  return hosts.length === 1 ? hosts[0] : undefined;
}

interface Alternation {
  ep: Episode;
  moves: MacMove[];
  hostKeys: string[];
}

/** Per-evaluation caches shared by every candidate MAC. */
interface Shared {
  owners: Map<Mac, MacOwner[]>;
  migrations: Fact[];
  ports: Map<SwitchView, PortIndex>;
  /** Per switch, its moves by MAC (time-ordered); only MACs that moved at least twice. */
  moves: Map<SwitchView, Map<Mac, MacMove[]>>;
  facts: Map<string, Fact[]>;
}

/** Unexplained moves of `mac` between ports of two different hosts, on every switch. */
function alternations(ctx: PatternContext, mac: Mac, owners: MacOwner[], sh: Shared, later: (t?: number) => void): Alternation | null {
  let facts: Fact[] | null = null;
  let best: Alternation | null = null;
  for (const [s, byMac] of sh.moves) {
    const moves = byMac.get(mac);
    if (!moves) continue;
    let index = sh.ports.get(s);
    if (!index) sh.ports.set(s, (index = portIndex(s, sh.owners)));
    const hostOf = (port: string | null) => hostOfPort(index!, port, mac);
    const between = (p: MovePoint) => {
      const a = hostOf(p.move.from);
      const b = hostOf(p.move.to);
      return !!a && !!b && a !== b;
    };
    const pts = movePoints(moves);
    for (const points of [pts.table.filter(between), pts.syslog.filter(between)]) {
      if (points.length < ALTERNATION_THRESHOLD) continue;
      facts ??= moveFacts(ctx, owners, sh.migrations, sh.facts).filter((f) => f.kind === 'migration');
      const { judged, nextCheck } = judge(ctx, points, facts, owners);
      later(nextCheck);
      const open = judged.filter((j) => !j.explainedBy && j.settled);
      const ep = activeEpisode(episodes(open.map((j) => j.point.time), ALTERNATION_THRESHOLD, ALTERNATION_WINDOW_MS, ALTERNATION_HOLD_MS), ctx.clock);
      if (!ep) continue;
      later(ep.end);
      const used = ep.members.map((i) => open[i].point.move);
      const hostKeys = [...new Set(used.flatMap((m) => [hostOf(m.from)!, hostOf(m.to)!]))];
      const start = Math.min(ep.start, best?.ep.start ?? Infinity);
      if (!best || used.length > best.moves.length) best = { ep, moves: used, hostKeys };
      best.ep = { ...best.ep, start };
    }
  }
  return best;
}

function remediation(ctx: PatternContext, mac: Mac, holders: MacOwner[]) {
  const used = new Set<Mac>(fleetMacOwners(ctx).keys());
  // Keep a host vNIC or a running VM (re-addressing means an outage); re-address the others.
  const ordered = [...holders].sort((a, b) => Number(b.vmState === 'Running' || b.kind === 'host-vnic') - Number(a.vmState === 'Running' || a.kind === 'host-vnic'));
  const commands: string[] = [];
  for (const o of ordered.slice(1)) {
    const pool = ctx.fleet.hosts.get(o.hostKey)?.inventory?.macPool ?? null;
    const free = pool ? allocateDynamicMac(pool, used) : null;
    if (free) used.add(free);
    if (o.kind === 'host-vnic') {
      if (free) commands.push(`Set-VMNetworkAdapter -ComputerName ${psq(o.host)} -ManagementOS -Name ${psq(o.name)} -StaticMacAddress ${macToHyperV(free)}`);
      continue;
    }
    const target = `-ComputerName ${psq(o.host)} -VMName ${psq(o.vm)} -Name ${psq(o.name)}`;
    commands.push(`Stop-VM -ComputerName ${psq(o.host)} -Name ${psq(o.vm)}`);
    commands.push(free ? `Set-VMNetworkAdapter ${target} -StaticMacAddress ${macToHyperV(free)}` : `Set-VMNetworkAdapter ${target} -DynamicMacAddress`);
    commands.push(`Start-VM -ComputerName ${psq(o.host)} -Name ${psq(o.vm)}`);
  }
  const hosts = [...new Set(holders.map((o) => o.host))];
  commands.push(`Get-VMNetworkAdapter -ComputerName ${hosts.map((h) => `${psq(h)}`).join(',') || "'<host>'"} -All | Where-Object MacAddress -eq ${psq(macToHyperV(mac))} | Format-Table ComputerName,VMName,Name,MacAddress,DynamicMacAddressEnabled`);
  return {
    text: ordered.length > 1
      ? `Keep ${describeOwner(ordered[0])} and give the other holder(s) a MAC of their own (VM off). If the hosts' dynamic pools overlap (mac-pool-overlap), fix the pools first or the next VM start can collide again.`
      : 'Find the second device using this MAC behind the hosts named in the alert and re-address it; then check the hosts\' dynamic MAC pools for overlap.',
    commands,
  };
}

export const duplicateVmMac: Pattern = {
  id: 'duplicate-vm-mac',
  severity: 'critical',
  scope: 'fleet',
  subjectKeys: ['mac'],
  wakeOn: ['inventory', 'events', 'macTable', 'switchLog'],
  forMs: 0,
  doc: {
    title: 'Same MAC on two hosts',
    meaning:
      'One MAC address is used on two Hyper-V hosts at the same time. The upstream switches send its traffic to one host or the other as frames arrive, so both VMs lose packets intermittently ("pings sometimes work"). Usually the hosts\' dynamic MAC pools overlap, or a VM was copied with its MAC.',
    signals: [
      'Get-VMNetworkAdapter -All on every host: the same MacAddress on vNICs of two hosts, both inventories taken after the MAC appeared on the other',
      'Switch MAC tables / flap and move lines: the MAC moving between a port of one host and a port of another at least twice within 10 min without a live migration of its VM',
      'VM state (Get-VM) and the host dynamic pool (Get-VMHost) to judge Off copies',
    ],
    benign: [
      'A VM that live-migrated: its MAC leaves the source host (inventories taken before and after the move may both list it for a moment)',
      'One VM (same VMId) listed on two hosts while one side is not Running: a Hyper-V Replica copy or a stale registration',
      'An Off VM whose dynamic MAC lies outside its host\'s pool: it gets a new MAC at its next start',
    ],
    remediation: 'Re-address all but one holder (Set-VMNetworkAdapter -StaticMacAddress <free MAC> or -DynamicMacAddress, VM off) and give each host a unique dynamic MAC range.',
    sources: ['JHOWARD', 'TECHGENIX-MAC', 'KB2804678', 'DTONIAS', 'GBANIN', 'VMNA-PROPS'],
  },
  evaluate(ctx) {
    const owners = fleetMacOwners(ctx);
    const migrations = fleetMigrations(ctx);
    const shared: Shared = { owners, migrations, ports: new Map(), facts: new Map(), moves: new Map() };
    const findings: Finding[] = [];
    let recheckAt: number | undefined;
    const later = (t?: number) => {
      if (t !== undefined && t > ctx.clock && (recheckAt === undefined || t < recheckAt)) recheckAt = t;
    };
    for (const s of ctx.fleet.switches.values()) {
      const byMac = new Map<Mac, MacMove[]>();
      for (const m of s.moves) {
        const list = byMac.get(m.mac);
        if (list) list.push(m);
        else byMac.set(m.mac, [m]);
      }
      // One move (plus the implied companion of a flap line) can still alternate; a lone table move cannot.
      for (const [mac, list] of byMac) if (list.length < ALTERNATION_THRESHOLD && !list.some(isFlapLine)) byMac.delete(mac);
      shared.moves.set(s, byMac);
    }
    const moving = new Set<Mac>([...shared.moves.values()].flatMap((m) => [...m.keys()]));
    const candidates = new Set<Mac>([...[...owners].filter(([, os]) => new Set(os.map((o) => o.hostKey)).size > 1).map(([m]) => m), ...moving]);
    for (const mac of [...candidates].sort()) {
      const own = owners.get(mac) ?? [];
      const inv = inventoryDuplicate(ctx, mac, own, migrations);
      const alt = moving.has(mac) ? alternations(ctx, mac, own, shared, later) : null;
      if (!inv && !alt) continue;
      const holders = inv?.holders ?? own.filter((o) => o.kind === 'vm' || o.kind === 'host-vnic');
      const hostNames = [...new Set([...holders.map((o) => o.host), ...(alt?.hostKeys ?? []).map((k) => ctx.fleet.hosts.get(k)?.name ?? k)])].sort();
      const vms = [...new Set(holders.flatMap((o) => (o.vm ? [o.vm] : [])))];
      const who = holders.length ? holders.map((o) => `${describeOwner(o)}${o.vmState && o.vmState !== 'Running' ? ` (${o.vmState})` : ''}`).join(' and ') : `devices behind ${hostNames.join(' and ')}`;
      const latent = holders.some((o) => o.kind === 'vm' && o.vmState !== 'Running');
      const refs = [...new Set(holders.map((o) => o.hostKey))].flatMap((k) => ctx.fleet.hosts.get(k)?.inventoryRef ?? []);
      findings.push({
        subject: { mac, hosts: hostNames, ...(vms.length === 1 ? { vm: vms[0] } : {}) },
        since: Math.min(inv?.since ?? Infinity, alt?.ep.start ?? Infinity),
        summary: `MAC ${macToWindows(mac)} is used on ${hostNames.join(' and ')}: ${who}`,
        expected: {
          summary: 'A MAC belongs to one vNIC in the whole fleet; a live-migrated VM takes its MAC along and the source host stops using it',
          values: { hostsPerMac: 1 },
        },
        observed: {
          summary: `${inv ? `the inventories of ${hostNames.join(' and ')} list ${macToWindows(mac)} on ${who}` : `${macToWindows(mac)} is not listed twice in inventory`}${alt ? `; the switches moved it ${alt.moves.length} times between ports of ${hostNames.join(' and ')} with no live migration` : ''}`,
          values: {
            holders: holders.map((o) => ({ host: o.host, kind: o.kind, vm: o.vm, vNic: o.name, vmState: o.vmState, dynamicMac: o.dynamic })),
            hosts: hostNames,
            switchMoves: alt?.moves.map((m) => ({ switch: m.device, time: new Date(m.time).toISOString(), from: m.from, to: m.to })) ?? [],
          },
        },
        evidence: capEvidence([...refs, ...(alt?.moves.map((m) => m.ref) ?? [])]),
        explanation: `Hyper-V only avoids duplicate MACs within one host. With ${macToWindows(mac)} on ${hostNames.join(' and ')}, the switches deliver its frames to whichever host sent last, so ${latent ? 'the running holder works until the stopped one starts — then both' : 'both holders'} lose packets intermittently. Overlapping dynamic MAC pools (the default pool derives from two octets of the host IP) and copied VMs are the usual causes.`,
        remediation: remediation(ctx, mac, holders),
      });
    }
    return { findings, recheckAt };
  },
};
