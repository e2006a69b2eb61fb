/**
 * mac-pool-overlap: two hosts' dynamic MAC ranges (Get-VMHost MacAddressMinimum/Maximum) overlap,
 * so they can hand out the same address — Hyper-V only checks for duplicates on its own host
 * (docs/domain.md F5, KB 2804678: the default pool derives from the last two octets of the IP the
 * host had when the role was installed).
 *
 * One alert per overlapping pair (subject: the two host names, sorted). Hosts the operator put in
 * different lists of `settings.l2Domains` are separate L2 domains and never compared; a host in no
 * list is compared with every host. The remediation is a fleet-wide plan, so three hosts with one
 * pool get two different new ranges: hosts are taken in name order, the first of an overlapping
 * group keeps its range and each later one gets the next free 256-address block
 * (`suggestFreePool`) that overlaps no pool in the fleet nor an earlier suggestion.
 */
import { psq } from './kit.ts';
import type { HostView } from '../engine/view.ts';
import type { MacPool } from '../model/inventory.ts';
import { macToHyperV, macToNumber, macToWindows } from '../model/mac.ts';
import { hostKey } from '../model/observation.ts';
import { poolOverlap, freePoolAllocator } from '../simulator/macpool.ts';
import type { Finding, Pattern } from './types.ts';

const samePool = (a: MacPool | null | undefined, b: MacPool | null | undefined) => !!a && !!b && a.min === b.min && a.max === b.max;

/** Since when the host has reported its current pool (inventory history). */
function poolSince(h: HostView): number {
  let since = h.inventoryAt ?? 0;
  for (let i = h.inventoryHistory.length - 1; i >= 0; i--) {
    if (!samePool(h.inventoryHistory[i].value.macPool, h.inventory?.macPool)) break;
    since = h.inventoryHistory[i].time;
  }
  return since;
}

function separatedBy(domains: string[][]): (a: HostView, b: HostView) => boolean {
  const domainOf = new Map<string, number>();
  domains.forEach((list, i) => list.forEach((name) => domainOf.set(hostKey(name), i)));
  return (a, b) => {
    const da = domainOf.get(a.key);
    const db = domainOf.get(b.key);
    return da !== undefined && db !== undefined && da !== db;
  };
}

const fmt = (p: MacPool) => `${macToWindows(p.min)}–${macToWindows(p.max)}`;

/** New pools for the hosts that should move, computed over the whole fleet. */
function plan(hosts: HostView[], separated: (a: HostView, b: HostView) => boolean, overlapping: Set<string>): Map<string, MacPool | null> {
  const alloc = freePoolAllocator(hosts.map((h) => h.inventory!.macPool!));
  const kept: HostView[] = [];
  const moves = new Map<string, MacPool | null>();
  for (const h of hosts) {
    // A host keeps its range unless it overlaps a host already kept (in name order).
    let clash = false;
    for (const k of kept) {
      if (overlapping.has(pairKey(h.key, k.key)) && !separated(h, k)) {
        clash = true;
        break;
      }
    }
    if (!clash) {
      kept.push(h);
      continue;
    }
    moves.set(h.key, alloc.next());
  }
  return moves;
}

const pairKey = (a: string, b: string) => (a < b ? `${a}\n${b}` : `${b}\n${a}`);

/** Every pair of hosts whose ranges overlap: sort by start, sweep (O(n log n + overlaps)). */
function overlaps(hosts: HostView[]): [HostView, HostView][] {
  const iv = hosts.map((h) => ({ h, lo: macToNumber(h.inventory!.macPool!.min), hi: macToNumber(h.inventory!.macPool!.max) })).sort((a, b) => a.lo - b.lo || a.h.key.localeCompare(b.h.key));
  const out: [HostView, HostView][] = [];
  for (let i = 0; i < iv.length; i++) {
    for (let j = i + 1; j < iv.length && iv[j].lo <= iv[i].hi; j++) {
      const [a, b] = iv[i].h.key < iv[j].h.key ? [iv[i].h, iv[j].h] : [iv[j].h, iv[i].h];
      out.push([a, b]);
    }
  }
  return out.sort((x, y) => x[0].key.localeCompare(y[0].key) || x[1].key.localeCompare(y[1].key));
}

function finding(a: HostView, b: HostView, moves: Map<string, MacPool | null>): Finding {
  const pa = a.inventory!.macPool!;
  const pb = b.inventory!.macPool!;
  const shared = poolOverlap(pa, pb);
  const movers = [a, b].filter((h) => moves.has(h.key));
  const commands = movers.flatMap((h) => {
    const p = moves.get(h.key);
    return p ? [`Set-VMHost -ComputerName ${psq(h.name)} -MacAddressMinimum ${macToHyperV(p.min)} -MacAddressMaximum ${macToHyperV(p.max)}`] : [];
  });
  commands.push(
    `Get-VMNetworkAdapter -ComputerName ${psq(a.name)},${psq(b.name)} -All | Where-Object DynamicMacAddressEnabled | Sort-Object MacAddress | Format-Table ComputerName,VMName,Name,MacAddress`,
  );
  const suggestion = movers
    .map((h) => {
      const p = moves.get(h.key);
      return p ? `move ${h.name} to ${fmt(p)}` : `no free 00-15-5D range is left for ${h.name}: use SCVMM MAC pools or static MACs`;
    })
    .join('; ');
  return {
    subject: { hosts: [a.name, b.name].sort() },
    since: Math.max(poolSince(a), poolSince(b)),
    summary: `${a.name} and ${b.name} share ${shared} dynamic MAC addresses (${fmt(pa)} / ${fmt(pb)})`,
    expected: {
      summary: `Each host in one L2 domain hands out dynamic MACs from its own range${suggestion ? `; ${suggestion}` : ''}`,
      values: { overlap: 0, suggested: Object.fromEntries(movers.map((h) => [h.name, moves.get(h.key) ?? null])) },
    },
    observed: {
      summary: `${a.name} uses ${fmt(pa)}, ${b.name} uses ${fmt(pb)}: ${shared} addresses in common`,
      values: { pools: { [a.name]: pa, [b.name]: pb }, overlap: shared },
    },
    evidence: [a.inventoryRef, b.inventoryRef].filter((r): r is NonNullable<typeof r> => r !== null),
    explanation: `Hyper-V checks a new dynamic MAC only against adapters on its own host. ${a.name} and ${b.name} can therefore give two VMs the same address — for example after a VM live-migrates from one to the other and keeps its MAC while the source hands it out again. The two VMs then knock each other off the network intermittently ("pings sometimes work").`,
    remediation: {
      text: `Give one host a range of its own (${suggestion || 'see the commands'}). Existing vNICs keep their MACs; check them for duplicates and re-address any that collide (VM off).`,
      commands,
    },
  };
}

export const macPoolOverlap: Pattern = {
  id: 'mac-pool-overlap',
  severity: 'warning',
  scope: 'fleet',
  subjectKeys: ['hosts'],
  wakeOn: ['inventory'],
  forMs: 0,
  doc: {
    title: 'Overlapping dynamic MAC pools',
    meaning:
      'Two hosts hand out dynamic MAC addresses from overlapping ranges. Hyper-V only avoids duplicates within one host, so VMs on the two hosts — or a VM that migrated between them — can end up with the same MAC and lose connectivity intermittently.',
    signals: ['Get-VMHost MacAddressMinimum / MacAddressMaximum of every host (inventory macPool)', 'Operator setting l2Domains: lists of hosts that form separate L2 domains'],
    benign: ['Identical pools on hosts the operator marked as separate L2 domains (different l2Domains lists)'],
    remediation:
      'Give each host a unique range with Set-VMHost -MacAddressMinimum … -MacAddressMaximum … (the alert suggests a free 256-address range computed from the whole fleet), or use SCVMM MAC pools or static MACs; then check existing VMs for duplicates.',
    sources: ['KB2804678', 'TECHGENIX-MAC', 'JHOWARD', 'DTONIAS', 'VMHOST-PS', 'GBANIN'],
  },
  evaluate(ctx) {
    const hosts = [...ctx.fleet.hosts.values()].filter((h) => h.inventory?.macPool).sort((a, b) => a.key.localeCompare(b.key));
    // Pools rarely change while inventories change all the time: the pairwise comparison is
    // redone only when some host's pool (or the L2-domain setting) changed.
    const signature = `${JSON.stringify(ctx.settings.l2Domains)}\n${hosts.map((h) => `${h.key}|${h.name}|${h.inventory!.macPool!.min}|${h.inventory!.macPool!.max}`).join('\n')}`;
    const cached = lastResult.get(ctx.fleet.hosts);
    if (cached && cached.signature === signature) return { findings: cached.findings };
    const separated = separatedBy(ctx.settings.l2Domains);
    const pairs = overlaps(hosts);
    const moves = plan(hosts, separated, new Set(pairs.map(([a, b]) => pairKey(a.key, b.key))));
    const findings: Finding[] = [];
    for (const [a, b] of pairs) {
      if (separated(a, b)) continue;
      findings.push(finding(a, b, moves));
    }
    lastResult.set(ctx.fleet.hosts, { signature, findings });
    return { findings };
  },
};

const lastResult = new WeakMap<object, { signature: string; findings: Finding[] }>();
