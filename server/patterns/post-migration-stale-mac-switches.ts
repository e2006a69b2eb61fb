/**
 * Where the upstream switches place a migrated VM's MAC, relative to the source and destination
 * hosts. The engine knows no cabling, so a port is attributed to hosts by the other MACs learned
 * on it: every MAC a host owns per its latest inventory (its adapters and team interfaces, its
 * host vNICs, the vNICs of VMs running on it) marks the ports it is learned on as that host's.
 * An access port or member port carries one host's MACs; an ISL or uplink carries several hosts'
 * and is ambiguous — unless only one host sits behind it, which is what makes a two-switch fabric
 * readable from either side.
 *
 * Verdict per switch, from its newest table taken at least LEARN_GRACE_MS after the completion,
 * for each of the VM's MACs found in it:
 * - 'destination': a port carrying the destination's MACs and none of the source's;
 * - 'source': a port carrying only the source's MACs, or the port the MAC was on before the
 *   migration when no other host's MACs are learned there;
 * - 'moved': a port other than the one before the migration, not one of the source's;
 * - 'unknown': anything else (shared ports, no table before the migration).
 */
import type { EvidenceRef } from '../contract.ts';
import type { FleetView, MacLocation, Timed } from '../engine/view.ts';
import type { Inventory } from '../model/inventory.ts';
import type { Mac } from '../model/mac.ts';

/** A table younger than this after the completion does not count: learning takes a moment. */
export const LEARN_GRACE_MS = 30_000;

export type Verdict = 'source' | 'destination' | 'moved' | 'unknown';

export interface SwitchVerdict {
  switch: string;
  mac: Mac;
  port: string;
  vlan: number | null;
  beforePort: string | null;
  verdict: Verdict;
  tableAt: number;
  ref: EvidenceRef;
  /** Ports on this switch that carry only the destination's MACs (where the MAC should be). */
  destinationPorts: string[];
}

/** MACs each host owns per its latest inventory: adapters, team interfaces, host vNICs, running VMs' vNICs. */
export function macOwners(fleet: FleetView): Map<Mac, Set<string>> {
  const out = new Map<Mac, Set<string>>();
  const add = (mac: Mac | null, host: string) => {
    if (!mac) return;
    let s = out.get(mac);
    if (!s) out.set(mac, (s = new Set()));
    s.add(host);
  };
  for (const h of fleet.hosts.values()) {
    const inv: Inventory | null = h.inventory;
    if (!inv) continue;
    for (const a of inv.netAdapters ?? []) add(a.mac, h.key);
    const running = new Set((inv.vms ?? []).filter((v) => v.state.toLowerCase() === 'running').map((v) => v.name.toLowerCase()));
    for (const n of inv.vmNetworkAdapters ?? []) {
      if (n.isManagementOs || running.has((n.vmName ?? '').toLowerCase()) || (!inv.vms && n.status.length > 0)) add(n.mac, h.key);
    }
  }
  return out;
}

/** MACs of the host's own adapters and host vNICs (what a neighbor entry must not point a VM's IP to). */
export function hostOwnMacs(inv: Inventory | null): Set<Mac> {
  const out = new Set<Mac>();
  for (const a of inv?.netAdapters ?? []) if (a.mac) out.add(a.mac);
  for (const n of inv?.vmNetworkAdapters ?? []) if (n.isManagementOs && n.mac) out.add(n.mac);
  return out;
}

function byPort(table: Map<Mac, MacLocation[]>): Map<string, Mac[]> {
  const out = new Map<string, Mac[]>();
  for (const [mac, locs] of table) for (const l of locs) out.set(l.port, [...(out.get(l.port) ?? []), mac]);
  return out;
}

export function switchVerdicts(
  fleet: FleetView,
  m: { source: string; destination: string | null; completedAt: number },
  vmMacs: ReadonlySet<Mac>,
  owners: Map<Mac, Set<string>>,
): SwitchVerdict[] {
  const out: SwitchVerdict[] = [];
  for (const sw of [...fleet.switches.values()].sort((a, b) => a.key.localeCompare(b.key))) {
    const hist = sw.tableHistory;
    const latest: Timed<Map<Mac, MacLocation[]>> | undefined = hist[hist.length - 1];
    if (!latest || latest.time < m.completedAt + LEARN_GRACE_MS) continue;
    const before = [...hist].reverse().find((t) => t.time < m.completedAt);
    const ports = byPort(latest.value);
    const ownersOf = (port: string) => {
      const o = new Set<string>();
      for (const mac of ports.get(port) ?? []) if (!vmMacs.has(mac)) for (const h of owners.get(mac) ?? []) o.add(h);
      return o;
    };
    const destinationPorts = m.destination ? [...ports.keys()].filter((p) => { const o = ownersOf(p); return o.has(m.destination!) && !o.has(m.source); }).sort() : [];
    for (const mac of [...vmMacs].sort()) {
      const beforePorts = before?.value.get(mac)?.map((l) => l.port) ?? [];
      for (const loc of latest.value.get(mac) ?? []) {
        const o = ownersOf(loc.port);
        let verdict: Verdict = 'unknown';
        if (m.destination && o.has(m.destination) && !o.has(m.source)) verdict = 'destination';
        else if ((o.size === 1 && o.has(m.source)) || (o.size === 0 && beforePorts.includes(loc.port))) verdict = 'source';
        else if (beforePorts.length && !beforePorts.includes(loc.port) && !o.has(m.source)) verdict = 'moved';
        out.push({ switch: sw.name, mac, port: loc.port, vlan: loc.vlan, beforePort: beforePorts[0] ?? null, verdict, tableAt: latest.time, ref: latest.ref, destinationPorts });
      }
    }
  }
  return out;
}
