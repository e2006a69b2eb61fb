/**
 * post-migration-stale-mac: a live migration completed, yet ≥ 2 min later the upstream switches
 * still forward the VM's MAC to the source host's ports (or peers still resolve its IP to a MAC of
 * the source host), so traffic for the VM is delivered to a host it has left. Normally the
 * destination announces the VM and the switches learn its MAC on the first frame, within seconds
 * (docs/domain.md F7 calls that one move benign).
 *
 * Rule, for the newest completed migration of each VM in the last hour (vm-migrations.ts):
 * - wait until completion + 2 min (recheckAt) — the window in which learning is expected;
 * - read each switch's newest MAC table taken ≥ 30 s after completion and judge where the VM's
 *   MACs sit (post-migration-stale-mac-switches.ts: ports attributed to hosts by the MACs they
 *   own);
 * - fire when some switch places a MAC on the source's ports, or when a neighbor table entry
 *   refreshed since the completion (Reachable/Delay/Probe, or an age shorter than the time since
 *   completion) resolves the VM's IP to one of the source host's own MACs (team, members, host
 *   vNICs) — and no switch shows the MAC behind the destination or moved off the source.
 * Resolves when the MAC shows up behind the destination, when it is no longer placed on the
 * source (aged out), when the VM stops, or an hour after the migration (the switch window).
 *
 * Scope is 'fleet': a migration involves two hosts, the switches and neighbor observers.
 */
import type { EvidenceRef } from '../contract.ts';
import type { Mac } from '../model/mac.ts';
import { macToCisco } from '../model/mac.ts';
import type { Finding, Pattern, PatternContext } from './types.ts';
import { capEvidence, minutes, psq } from './kit.ts';
import { hostsListing, isRunning, vmIps, vmNics, vmSubject } from './vm-identity.ts';
import { recentMigrations, type Migration } from './vm-migrations.ts';
import { LEARN_GRACE_MS, hostOwnMacs, macOwners, switchVerdicts, type SwitchVerdict } from './post-migration-stale-mac-switches.ts';

/** How long after completion the switches may take to learn the MAC behind the destination. */
export const LEARN_WINDOW_MS = 2 * 60_000;
/** Migrations older than this are no longer judged (the switch history window). */
export const MIGRATION_WINDOW_MS = 60 * 60_000;

const FRESH_STATES = new Set(['reachable', 'delay', 'probe']);

interface StaleNeighbor {
  observer: string;
  ip: string;
  mac: Mac;
  state: string;
  ref: EvidenceRef;
}

function staleNeighbors(ctx: PatternContext, m: Migration, ips: string[]): StaleNeighbor[] {
  const own = hostOwnMacs(m.source!.inventory);
  const out: StaleNeighbor[] = [];
  for (const nv of [...ctx.fleet.neighbors.values()].sort((a, b) => a.key.localeCompare(b.key))) {
    if (nv.at < m.completedAt + LEARN_GRACE_MS) continue;
    for (const e of nv.entries) {
      if (!e.mac || !ips.includes(e.ip) || !own.has(e.mac)) continue;
      const fresh = FRESH_STATES.has(e.state) || (e.ageSec !== null && e.ageSec * 1000 <= nv.at - m.completedAt);
      if (fresh) out.push({ observer: nv.name, ip: e.ip, mac: e.mac, state: e.state, ref: nv.ref });
    }
  }
  return out;
}

export const postMigrationStaleMac: Pattern = {
  id: 'post-migration-stale-mac',
  severity: 'critical',
  scope: 'fleet',
  subjectKeys: ['vm'],
  wakeOn: ['inventory', 'events', 'macTable', 'neighbors'],
  forMs: 0,
  doc: {
    title: 'Switches still send a migrated VM\'s traffic to the source host',
    meaning:
      'A live migration completed, but two minutes later the upstream switches still forward the VM\'s MAC address to the ports of the host it left (or peers still resolve its IP to that host\'s MAC). Traffic for the VM is delivered to the wrong host and dropped: the VM looks migrated and healthy but is unreachable from the network.',
    signals: [
      'Hyper-V-VMMS 20415/20417 (migration completed), or the VM appearing in another host\'s Get-VM / Get-VMNetworkAdapter',
      'Switch MAC address tables (show mac address-table …): the port the VM\'s MAC is learned on, compared with the ports where each host\'s own MACs are learned',
      'Neighbor tables (Get-NetNeighbor, arp -a, switch ARP) refreshed after the migration that resolve the VM\'s IP to a MAC of the source host',
    ],
    benign: [
      'The MAC appears behind the destination host\'s ports within 2 minutes — the normal case: switches learn on the first frame',
      'A MAC that has aged out of the tables, or a port shared by several hosts (ISL, uplink) that cannot be attributed',
      'Neighbor entries left over from before the migration (Stale, or older than the migration)',
    ],
    remediation:
      'Make the VM send traffic (ping from the guest, or arp -d on the peers), clear the stale switch entry (clear mac address-table dynamic address …), and check the destination host\'s team and uplinks; if it recurs for one destination, check that host\'s switch ports (port security, VLAN membership).',
    sources: ['MS-LM', 'MS-NICT-MAC', 'NTC', 'CISCO-LOGS', 'MSFT-NEIGH'],
  },
  evaluate(ctx) {
    const findings: Finding[] = [];
    let recheckAt: number | undefined;
    const later = (t: number) => (recheckAt = Math.min(recheckAt ?? Infinity, t));
    let owners: ReturnType<typeof macOwners> | null = null;
    for (const m of recentMigrations(ctx.fleet, ctx.clock - MIGRATION_WINDOW_MS)) {
      if (!m.source) continue;
      const due = m.completedAt + LEARN_WINDOW_MS;
      if (ctx.clock < due) {
        later(due);
        continue;
      }
      later(m.completedAt + MIGRATION_WINDOW_MS);
      const where = m.destination ?? hostsListing(ctx.fleet, m.vm).find((h) => h !== m.source) ?? null;
      if (where && !isRunning(where, m.vm)) continue;
      const listing = where?.inventory ?? hostsListing(ctx.fleet, m.vm)[0]?.inventory;
      const nics = listing ? vmNics(listing, m.vm) : [];
      const macs = new Set(nics.map((n) => n.mac).filter((x): x is Mac => !!x));
      if (macs.size === 0) continue;
      owners ??= macOwners(ctx.fleet);
      const verdicts = switchVerdicts(ctx.fleet, { source: m.source.key, destination: m.destination?.key ?? null, completedAt: m.completedAt }, macs, owners);
      if (verdicts.some((v) => v.verdict === 'destination' || v.verdict === 'moved')) continue;
      const onSource = verdicts.filter((v) => v.verdict === 'source');
      const ips = vmIps(ctx.fleet, m.vm);
      const arp = staleNeighbors(ctx, m, ips);
      if (onSource.length === 0 && arp.length === 0) continue;
      const id = m.vm.id ?? nics.find((n) => n.vmId)?.vmId ?? null;
      const src = m.source.name;
      const dst = m.destination?.name ?? null;
      const places = onSource.map((v) => `${v.mac} on ${v.switch} ${v.port}${v.vlan !== null ? ` (VLAN ${v.vlan})` : ''}`);
      const peers = arp.map((a) => `${a.observer} resolves ${a.ip} to ${a.mac} (${a.state})`);
      const dstPorts = [...new Set(onSource.flatMap((v) => v.destinationPorts.map((p) => `${v.switch} ${p}`)))];
      findings.push({
        subject: { ...vmSubject({ name: m.vm.name, id }) },
        since: m.completedAt,
        summary: `${m.vm.name} migrated from ${src}${dst ? ` to ${dst}` : ''} ${minutes(ctx.clock - m.completedAt)} ago, but ${[...places, ...peers].join('; ')} still point${places.length + peers.length > 1 ? '' : 's'} to ${src}`,
        expected: {
          summary: `Within ${minutes(LEARN_WINDOW_MS)} of the migration the switches learn ${[...macs].join(', ')} behind ${dst ?? 'the destination host'}${dstPorts.length ? ` (${dstPorts.join(', ')})` : ''}, and peers resolve ${ips.join(', ') || 'its IP'} to the VM's own MAC`,
          values: { macs: [...macs], behind: dst, destinationPorts: dstPorts, withinSec: LEARN_WINDOW_MS / 1000 },
        },
        observed: {
          summary: `${[...places, ...peers].join('; ')} — ${src}'s side, ${minutes(ctx.clock - m.completedAt)} after the migration completed`,
          values: {
            source: src,
            destination: dst,
            completedAt: new Date(m.completedAt).toISOString(),
            completionFrom: m.fromEvent ? 'VMMS 20415/20417' : 'inventory',
            switches: onSource.map((v: SwitchVerdict) => ({ switch: v.switch, mac: v.mac, port: v.port, vlan: v.vlan, portBeforeMigration: v.beforePort, tableAt: new Date(v.tableAt).toISOString() })),
            neighbors: arp.map((a) => ({ observer: a.observer, ip: a.ip, mac: a.mac, state: a.state })),
          },
        },
        evidence: capEvidence([...m.evidence, ...onSource.map((v) => v.ref), ...arp.map((a) => a.ref), ...(m.destination?.inventoryRef ? [m.destination.inventoryRef] : [])]),
        explanation: `${m.vm.name} now runs on ${dst ?? 'another host'}, but the network still delivers its traffic to ${src}, where nothing answers for it any more. The VM is unreachable for everything that goes through these switches until its MAC is learned again behind ${dst ?? 'the destination'} — normally the first frame it sends does that within seconds, so something (a silent guest, port security, a VLAN missing on the destination's ports, a destination team problem) kept it from happening.`,
        remediation: {
          text: `Make the VM send traffic (e.g. ping from inside the guest; arp -d on peers), clear the stale switch entries, and check ${dst ?? 'the destination'}'s team and uplinks; if it recurs whenever VMs move to ${dst ?? 'that host'}, check its switch ports (port security, VLAN membership).`,
          commands: [
            ...[...new Set(onSource.map((v) => `! on ${v.switch}\nclear mac address-table dynamic address ${macToCisco(v.mac)}`))],
            ...ips.map((ip) => `arp -d ${ip}`),
            ...(dst ? [`Get-VMNetworkAdapter -ComputerName ${psq(dst)} -VMName ${psq(m.vm.name)} | Format-Table Name,SwitchName,MacAddress,Status,VlanSetting`, `Invoke-Command -ComputerName ${psq(dst)} { Get-NetAdapter | Format-Table Name,InterfaceDescription,Status,LinkSpeed }`] : []),
            ...[...new Set(onSource.flatMap((v) => v.destinationPorts.map((p) => `! on ${v.switch}\nshow port-security interface ${p}\nshow interfaces ${p} switchport`)))],
          ],
        },
      });
    }
    return { findings, recheckAt };
  },
};
