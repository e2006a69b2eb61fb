/**
 * duplicate-ip: two different machines on two different hosts answer for one IP address
 * (docs/domain.md F26), seen either way:
 * - Tcpip 4198/4199 on a host ("address conflict for IP address … with the system having network
 *   hardware address …"), unless that peer MAC is one the simulator says may legitimately answer
 *   for the IP on that host (`legitimateMacsForIp`: a Switch Independent address-hash/Dynamic team
 *   sources one IP from several member MACs);
 * - neighbor tables (ARP caches of hosts and switches, each table at most 5 min old at the moment
 *   compared) resolving the IP to two different MACs whose claimants sit on different hosts.
 *   A resolved MAC is a claim by: the VM whose vNIC has it (if the VM reports IPs, only for those);
 *   the host whose vNIC, team or adapter has it, when the simulator says it may answer for the IP
 *   (the host's own IP, or a VM IP behind a rewriting team — then the claim is that VM's). Other
 *   resolutions are stale (e.g. an old member MAC after the VM migrated) and ignored. One MAC is one
 *   claim wherever its VM runs, so a live-migrated VM is never a conflict;
 * - one neighbor table flip-flopping: the IP's entry switches between conflicting claimants and back
 *   within 10 min (a single switch is an address that moved).
 * Duplicates between two machines on ONE host are out of scope (the catalogue asks for two hosts).
 * The alert holds until no conflicting evidence has been seen for 10 min.
 */
import type { EvidenceRef } from '../contract.ts';
import type { HostView, NeighborView } from '../engine/view.ts';
import type { Mac } from '../model/mac.ts';
import { isNonHostMac, macToWindows } from '../model/mac.ts';
import type { NeighborEntry } from '../model/observation.ts';
import type { Finding, Pattern, PatternContext } from './types.ts';
import { capEvidence, eventRef, signalsOf, type SignalOf, psq } from './kit.ts';
import { activeEpisode, episodes } from './mac-episodes.ts';
import { describeOwner, fleetMacOwners, type MacOwner } from './mac-owners.ts';

export const IP_QUIET_MS = 10 * 60_000;
/** A neighbor table older than this at the compared moment does not count. */
export const FRESH_MS = 5 * 60_000;
/** How far back neighbor history is compared (the alert's start is searched within it). */
export const SCAN_MS = 30 * 60_000;
export const NO_INVENTORY_WAIT_MS = 2 * 60_000;

const UNRESOLVED = new Set(['incomplete', 'unreachable', 'failed', 'none']);

interface Claim {
  mac: Mac;
  /** `vm:<id>` or `host:<key>`: who answers. */
  entity: string;
  hostKeys: string[];
  who: string;
}

/** Who a resolved MAC speaks for on `ip`, or null when the resolution is stale or unknown. */
function claimOf(ctx: PatternContext, ip: string, mac: Mac, owners: MacOwner[]): Claim | null {
  for (const o of owners) {
    const h = ctx.fleet.hosts.get(o.hostKey);
    const inv = h?.inventory;
    if (!inv) continue;
    if (o.kind === 'vm') {
      const nic = inv.vmNetworkAdapters?.find((n) => n.mac === mac && !n.isManagementOs);
      if (nic && nic.ipAddresses.length && !nic.ipAddresses.includes(ip)) continue;
      const hostKeys = [...new Set(owners.filter((x) => x.kind === 'vm' && x.vmId === o.vmId && x.vm === o.vm).map((x) => x.hostKey))];
      return { mac, entity: `vm:${(o.vmId ?? o.vm ?? '').toLowerCase()}`, hostKeys, who: describeOwner(o) };
    }
    if (!ctx.fleet.predictor.legitimateMacsForIp(inv, ip).includes(mac)) continue;
    if ((inv.hostIps ?? []).includes(ip)) return { mac, entity: `host:${o.hostKey}`, hostKeys: [o.hostKey], who: `${h.name} (${describeOwner(o)})` };
    const vm = inv.vmNetworkAdapters?.find((n) => !n.isManagementOs && n.ipAddresses.includes(ip));
    if (vm) return { mac, entity: `vm:${(vm.vmId ?? vm.vmName ?? '').toLowerCase()}`, hostKeys: [o.hostKey], who: `VM ${vm.vmName} on ${h.name} (via ${describeOwner(o)})` };
  }
  return null;
}

/** Per observer: every resolvable (ip, mac) pair with the last time a table showed it. */
interface ObserverIndex {
  lastTime: number;
  pairs: Map<string, Map<Mac, number>>;
}

const observerIndex = new WeakMap<object, ObserverIndex>();

function indexOf(n: NeighborView): ObserverIndex {
  let idx = observerIndex.get(n.history);
  if (!idx) observerIndex.set(n.history, (idx = { lastTime: -Infinity, pairs: new Map() }));
  for (const h of n.history) {
    if (h.time <= idx.lastTime) continue;
    for (const e of h.value) {
      if (!resolvable(e)) continue;
      let macs = idx.pairs.get(e.ip);
      if (!macs) idx.pairs.set(e.ip, (macs = new Map()));
      macs.set(e.mac, h.time);
    }
    idx.lastTime = h.time;
  }
  return idx;
}

/**
 * claimOf results survive across evaluations: a claim depends only on the MAC's owners and on
 * their hosts' inventories, which are immutable objects (an unchanged inventory keeps its object,
 * and each host's owner objects are cached per inventory), so identity checks validate an entry.
 */
const claimMemo = new WeakMap<object, Map<string, { owners: MacOwner[]; deps: unknown[]; claim: Claim | null }>>();

function cachedClaim(ctx: PatternContext, ip: string, mac: Mac, owners: MacOwner[]): Claim | null {
  let memo = claimMemo.get(ctx.fleet.hosts);
  if (!memo) claimMemo.set(ctx.fleet.hosts, (memo = new Map()));
  const key = `${ip}|${mac}`;
  const deps = owners.map((o) => ctx.fleet.hosts.get(o.hostKey)?.inventory ?? null);
  const hit = memo.get(key);
  if (hit && hit.owners.length === owners.length && hit.owners.every((o, i) => o === owners[i]) && hit.deps.every((d, i) => d === deps[i])) return hit.claim;
  const claim = claimOf(ctx, ip, mac, owners);
  memo.set(key, { owners, deps, claim });
  return claim;
}

const conflicting = (a: Claim, b: Claim) => a.mac !== b.mac && a.entity !== b.entity && !a.hostKeys.some((k) => b.hostKeys.includes(k));

function resolvable(e: NeighborEntry): e is NeighborEntry & { mac: Mac } {
  return !!e.mac && !isNonHostMac(e.mac) && !UNRESOLVED.has(e.state);
}

/** The table an observer held at `t`, if it was fresh then. */
function tableAt(n: NeighborView, t: number): { time: number; entries: NeighborEntry[]; ref: EvidenceRef } | null {
  for (let i = n.history.length - 1; i >= 0; i--) {
    const h = n.history[i];
    if (h.time > t) continue;
    return t - h.time <= FRESH_MS ? { time: h.time, entries: h.value, ref: h.ref } : null;
  }
  return null;
}

interface IpEvidence {
  times: number[];
  refs: EvidenceRef[];
  claims: Map<Mac, Claim>;
  events: { s: SignalOf<'ip-conflict'>; host: HostView }[];
}

const emptyEvidence = (): IpEvidence => ({ times: [], refs: [], claims: new Map(), events: [] });

function neighborEvidence(ctx: PatternContext, owners: Map<Mac, MacOwner[]>, out: Map<string, IpEvidence>): void {
  const from = ctx.clock - SCAN_MS;
  const observers = [...ctx.fleet.neighbors.values()];
  const claim = (ip: string, mac: Mac) => cachedClaim(ctx, ip, mac, owners.get(mac) ?? []);
  // Candidate IPs: resolved to at least two MACs with conflicting claims in the scanned history.
  // Each observer keeps an incremental index (ip → mac → last seen), fed only by tables newer
  // than the last evaluation, so a steady fleet is not rescanned every time.
  const seen = new Map<string, Map<Mac, Claim>>();
  const macsByIp = new Map<string, Set<Mac>>();
  for (const n of observers) {
    for (const [ip, macs] of indexOf(n).pairs) {
      for (const [mac, last] of macs) {
        if (last < from - FRESH_MS) {
          macs.delete(mac);
          continue;
        }
        let set = macsByIp.get(ip);
        if (!set) macsByIp.set(ip, (set = new Set()));
        set.add(mac);
      }
      if (macs.size === 0) indexOf(n).pairs.delete(ip);
    }
  }
  for (const [ip, macs] of macsByIp) {
    if (macs.size < 2) continue;
    const m = new Map<Mac, Claim>();
    for (const mac of macs) {
      const c = claim(ip, mac);
      if (c) m.set(mac, c);
    }
    seen.set(ip, m);
  }
  const candidates = [...seen].filter(([, m]) => m.size > 1 && [...m.values()].some((a) => [...m.values()].some((b) => conflicting(a, b))));
  if (!candidates.length) return;
  const moments = [...new Set(observers.flatMap((n) => n.history.map((h) => h.time)))].filter((t) => t >= from && t <= ctx.clock).sort((a, b) => a - b);
  for (const [ip] of candidates) {
    for (const t of moments) {
      const now: { claim: Claim; ref: EvidenceRef }[] = [];
      for (const n of observers) {
        const tab = tableAt(n, t);
        if (!tab) continue;
        for (const e of tab.entries) {
          if (e.ip !== ip || !resolvable(e)) continue;
          const c = claim(ip, e.mac);
          if (c) now.push({ claim: c, ref: tab.ref });
        }
      }
      const hit = now.filter((a) => now.some((b) => conflicting(a.claim, b.claim)));
      if (!hit.length) continue;
      const ev = out.get(ip) ?? emptyEvidence();
      ev.times.push(t);
      for (const x of hit) {
        ev.refs.push(x.ref);
        ev.claims.set(x.claim.mac, x.claim);
      }
      out.set(ip, ev);
    }
    flipFlops(ip, observers, from, claim, out);
  }
}

/**
 * One observer alone shows a duplicate as a flip-flop: its entry for the IP switches to a MAC of
 * another claimant and back (or on to a third) within IP_QUIET_MS — whichever machine answered the
 * last ARP request wins. A single switch is an address that moved and is not counted.
 */
function flipFlops(ip: string, observers: NeighborView[], from: number, claim: (ip: string, mac: Mac) => Claim | null, out: Map<string, IpEvidence>): void {
  for (const n of observers) {
    let prev: { claim: Claim; ref: EvidenceRef } | null = null;
    let lastFlip: { time: number; refs: EvidenceRef[]; claims: Claim[] } | null = null;
    for (const h of n.history) {
      if (h.time < from - IP_QUIET_MS) continue;
      const e = h.value.find((x) => x.ip === ip && resolvable(x));
      const c = e?.mac ? claim(ip, e.mac) : null;
      if (!c) continue;
      if (prev && conflicting(prev.claim, c)) {
        const flip = { time: h.time, refs: [prev.ref, h.ref], claims: [prev.claim, c] };
        if (lastFlip && flip.time - lastFlip.time <= IP_QUIET_MS && flip.time >= from) {
          const ev = out.get(ip) ?? emptyEvidence();
          ev.times.push(flip.time);
          for (const r of [...lastFlip.refs, ...flip.refs]) ev.refs.push(r);
          for (const x of [...lastFlip.claims, ...flip.claims]) ev.claims.set(x.mac, x);
          out.set(ip, ev);
        }
        lastFlip = flip;
      }
      prev = { claim: c, ref: h.ref };
    }
  }
}

/**
 * Tcpip conflict events. Whether the peer MAC is the host's own team member needs the host's
 * inventory: without one (not yet arrived, or a host that only ships events) the event is judged
 * once it is NO_INVENTORY_WAIT_MS old.
 */
function eventEvidence(ctx: PatternContext, out: Map<string, IpEvidence>, later: (t: number) => void): void {
  for (const h of ctx.fleet.hosts.values()) {
    for (const s of signalsOf(h, 'ip-conflict')) {
      const { ip, mac } = s.signal;
      if (!ip) continue;
      if (!h.inventory && ctx.clock < s.time + NO_INVENTORY_WAIT_MS) {
        later(s.time + NO_INVENTORY_WAIT_MS);
        continue;
      }
      if (mac && h.inventory && ctx.fleet.predictor.legitimateMacsForIp(h.inventory, ip).includes(mac)) continue;
      const ev = out.get(ip) ?? emptyEvidence();
      ev.times.push(s.time);
      ev.refs.push(eventRef(s));
      ev.events.push({ s, host: h });
      out.set(ip, ev);
    }
  }
}

/** The parties in plain words: neighbor-table claimants, and reporter vs peer of each Tcpip event. */
function partiesOf(ev: IpEvidence, owners: Map<Mac, MacOwner[]>): string[] {
  const out = [...ev.claims.values()].map((c) => `${c.who} (${macToWindows(c.mac)})`);
  for (const { s, host } of ev.events) {
    const mac = s.signal.mac;
    const peer = mac ? ((owners.get(mac) ?? []).map(describeOwner)[0] ?? `an unknown device (${macToWindows(mac)})`) : 'an unknown device';
    const line = `${host.name} and ${peer}`;
    if (!out.includes(line)) out.push(line);
  }
  return out;
}

export const duplicateIp: Pattern = {
  id: 'duplicate-ip',
  severity: 'critical',
  scope: 'fleet',
  subjectKeys: ['ip'],
  wakeOn: ['inventory', 'events', 'neighbors'],
  wakeOnSignals: ['ip-conflict'],
  forMs: 0,
  doc: {
    title: 'Duplicate IP address',
    meaning:
      'Two machines on different hosts answer for the same IP address. Peers send to whichever answered last, so both lose connections intermittently; a host that detects it may disable its interface (Tcpip 4198). Often the downstream effect of a cloned VM or a duplicate MAC.',
    signals: [
      'Tcpip 4198 / 4199 "The system detected an address conflict for IP address … with the system having network hardware address …"',
      'Neighbor tables (arp -a, Get-NetNeighbor, ip neigh, switch ARP) resolving one IP to MACs of two different hosts, tables at most 5 min apart',
      'One neighbor table whose entry for the IP flip-flops between MACs of two different hosts (there and back within 10 min)',
      'Inventories to map each MAC to its VM or host, and the simulator\'s legitimate MACs per IP (teams that rewrite source MACs)',
    ],
    benign: [
      'A Switch Independent address-hash/Dynamic team whose member MACs answer for one host IP or one VM IP',
      'A VM that live-migrated: same MAC behind a different host is one MAC, not two',
      'Stale neighbor entries for MACs that no longer answer for the IP (the VM reports other IPs, or the team no longer carries it)',
      'An address that moved once from one machine to another (one switch in a neighbor table, no return)',
    ],
    remediation: 'Find both holders (the alert names them), give one a different address; for cloned VMs generalise (sysprep) or re-IP the copy.',
    sources: ['WEVTKB-NETEVENT', 'KB164903', 'MS-NICT-TS', 'MS-NICT-MAC', 'MSFT-NEIGH'],
  },
  evaluate(ctx) {
    const owners = fleetMacOwners(ctx);
    const byIp = new Map<string, IpEvidence>();
    let recheckAt: number | undefined;
    const later = (t: number) => {
      if (t > ctx.clock && (recheckAt === undefined || t < recheckAt)) recheckAt = t;
    };
    eventEvidence(ctx, byIp, later);
    neighborEvidence(ctx, owners, byIp);
    const findings: Finding[] = [];
    for (const [ip, ev] of [...byIp].sort(([a], [b]) => a.localeCompare(b))) {
      const ep = activeEpisode(episodes([...ev.times].sort((a, b) => a - b), 1, 0, IP_QUIET_MS), ctx.clock);
      if (!ep) continue;
      later(ep.end);
      const parties = partiesOf(ev, owners);
      const hostKeys = [...new Set([...[...ev.claims.values()].flatMap((c) => c.hostKeys), ...ev.events.map((x) => x.host.key)])];
      const hosts = hostKeys.map((k) => ctx.fleet.hosts.get(k)).filter((h): h is HostView => !!h);
      const invRefs = hosts.flatMap((h) => (h.inventoryRef ? [h.inventoryRef] : []));
      const refs = [...new Map([...invRefs, ...ev.refs].map((r) => [`${r.kind}:${r.id}`, r])).values()];
      findings.push({
        subject: { ip },
        since: ep.start,
        summary: `IP ${ip} is claimed by ${parties.join('; ')}`,
        expected: { summary: `${ip} answers from one machine (a team may answer with several member MACs of that one machine)`, values: { claimants: 1 } },
        observed: {
          summary: `${ev.events.length ? `${ev.events.length} Tcpip address-conflict event(s)` : 'no Tcpip event'}${ev.claims.size ? `; neighbor tables resolve ${ip} to ${[...ev.claims.keys()].map(macToWindows).join(' and ')}` : ''}; last seen ${new Date(ep.last).toISOString()}`,
          values: {
            claimants: [...ev.claims.values()].map((c) => ({ mac: c.mac, who: c.who, hosts: c.hostKeys.map((k) => ctx.fleet.hosts.get(k)?.name ?? k) })),
            conflictEvents: ev.events.map(({ s, host }) => ({ host: host.name, time: new Date(s.time).toISOString(), peerMac: s.signal.mac, interfaceDisabled: s.signal.disabled })),
          },
        },
        evidence: capEvidence(refs),
        explanation: `Two machines answering for ${ip} make every peer's ARP entry flip between them, so connections to either break at random; a Windows host that detects the conflict may disable its interface. This is often a cloned VM that kept its IP, a static IP typed twice, or the downstream effect of a duplicate MAC.`,
        remediation: {
          text: `Give one of the holders of ${ip} another address (for a cloned VM, generalise it or re-IP it).`,
          commands: [
            ...(hosts.length ? [`Get-VMNetworkAdapter -ComputerName ${hosts.map((h) => `${psq(h.name)}`).join(',')} -All | Where-Object { $_.IPAddresses -contains ${psq(ip)} } | Format-Table ComputerName,VMName,Name,MacAddress,IPAddresses`] : []),
            ...hosts.map((h) => `Get-NetIPAddress -CimSession ${psq(h.name)} -IPAddress ${psq(ip)} -ErrorAction SilentlyContinue`),
            `Get-NetNeighbor -IPAddress ${psq(ip)} | Format-Table IPAddress,LinkLayerAddress,State`,
          ],
        },
      });
    }
    return { findings, recheckAt };
  },
};
