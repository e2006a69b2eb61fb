/**
 * What observers see at a snapshot: which MACs the fabric delivers, the monitoring server's ARP
 * table and each host's neighbor table. Derived from the fleet at time `t`; nothing is stored.
 *
 * A MAC is reachable when some place sources it and no switch holds it on a port it is no longer
 * behind (a stale entry black-holes the traffic). Peers of a host whose management traffic leaves
 * through a Switch Independent address-hash/Dynamic team learn its IP behind the team MAC or a
 * member MAC (source-MAC rewriting), so different peers may see different MACs for one IP.
 */
import type { Mac } from '../../model/mac.ts';
import type { NeighborState } from '../../model/observation.ts';
import { fabricOf } from '../behaviour/upstream.ts';
import { lbfoOfSwitch } from '../behaviour/common.ts';
import type { Fleet, HostState } from '../fleet.ts';
import { hostVnicAdapterName } from '../fleet.ts';
import { fleetToInventory } from '../inventory-view.ts';
import { classifyTeams } from '../predict/teams.ts';
import { Rng, seedFrom, weight } from '../prng.ts';
import { gatewayMac, subnetOf } from '../build/network.ts';
import type { ArpInterface } from '../render/windows-arp.ts';
import type { BundleNeighbor } from '../render/bundle.ts';

export interface Reachability {
  has(vlan: number, mac: Mac): boolean;
}

/** Per fleet state: reachability only changes when a transition produces a new fleet. */
const REACH = new WeakMap<Fleet, Reachability>();

export function reachability(fleet: Fleet, t: number): Reachability {
  const cached = REACH.get(fleet);
  if (cached) return cached;
  const r = computeReachability(fleet, t);
  REACH.set(fleet, r);
  return r;
}

function computeReachability(fleet: Fleet, t: number): Reachability {
  const { sources, cands } = fabricOf(fleet, t);
  const ok = new Set<string>();
  for (const s of sources) ok.add(`${s.vlan}|${s.mac}`);
  for (const sw of fleet.switches) {
    for (const e of Object.values(sw.table)) {
      const ports = cands.get(`${sw.name}|${e.vlan}|${e.mac}`);
      if (ports && !ports.includes(e.port)) ok.delete(`${e.vlan}|${e.mac}`);
    }
  }
  return { has: (vlan, mac) => ok.has(`${vlan}|${mac}`) };
}

/** The MAC a host's management IP is reached at, and the interface carrying it. */
export function mgmtEndpoint(host: HostState): { mac: Mac; ifIndex: number; alias: string } | null {
  if (host.mgmt.kind === 'vnic') {
    const v = host.hostVnics.find((x) => x.name === host.mgmt.name);
    return v ? { mac: v.mac, ifIndex: v.ifIndex, alias: hostVnicAdapterName(v.name) } : null;
  }
  if (host.mgmt.kind === 'adapter') {
    const a = host.adapters.find((x) => x.name === host.mgmt.name);
    return a ? { mac: a.mac, ifIndex: a.ifIndex, alias: a.name } : null;
  }
  const team = host.teams.find((x) => x.name === host.mgmt.name);
  if (!team) return null;
  return { mac: team.mac, ifIndex: team.kind === 'lbfo' ? team.nicIfIndex : team.ifIndex, alias: team.name };
}

/** Can the host's collector reach the server (its management MAC gets onto the wire)? */
export function collectorCanPost(fleet: Fleet, host: HostState, reach: Reachability): boolean {
  const ep = mgmtEndpoint(host);
  return !!ep && reach.has(host.mgmtVlan, ep.mac);
}

/** MACs peers may learn for a host's management IP (team MAC plus rewritten member MACs). */
function peerVisibleMacs(fleet: Fleet, host: HostState, t: number): Mac[] {
  const ep = mgmtEndpoint(host);
  if (!ep) return [];
  const sw = host.mgmt.kind === 'vnic' ? host.hostVnics.find((v) => v.name === host.mgmt.name)?.switch ?? null : null;
  const lbfo = sw ? lbfoOfSwitch(host, sw) : host.mgmt.kind === 'team' ? host.teams.find((x) => x.name === host.mgmt.name) : null;
  if (!lbfo || lbfo.kind !== 'lbfo') return [ep.mac];
  const team = classifyTeams(fleetToInventory(fleet, host, t)).find((x) => x.team === lbfo.name);
  if (!team?.rewritesSourceMac) return [ep.mac];
  const members = team.activeMembers.filter((m) => m !== team.primaryMember);
  const macs = members.map((m) => host.adapters.find((a) => a.name === m)?.mac).filter((m): m is Mac => !!m);
  return [ep.mac, ...macs];
}

export function hostNeighbors(fleet: Fleet, host: HostState, t: number, reach: Reachability): BundleNeighbor[] {
  const ep = mgmtEndpoint(host);
  if (!ep) return [];
  const rng = new Rng(seedFrom(`${host.name}|${t}`));
  const state = (): NeighborState => (rng.chance(0.7) ? 'reachable' : 'stale');
  const out: BundleNeighbor[] = [{ ip: host.gatewayIp, ifIndex: ep.ifIndex, alias: ep.alias, mac: gatewayMac(host.mgmtVlan), state: state() }];
  for (const peer of fleet.hosts) {
    if (peer === host || !peer.cluster || peer.cluster !== host.cluster || subnetOf(peer.ip) !== subnetOf(host.ip)) continue;
    const peerEp = mgmtEndpoint(peer);
    if (!peerEp || !reach.has(peer.mgmtVlan, peerEp.mac)) {
      out.push({ ip: peer.ip, ifIndex: ep.ifIndex, alias: ep.alias, mac: null, state: 'unreachable' });
      continue;
    }
    const macs = peerVisibleMacs(fleet, peer, t);
    const pick = macs[Math.floor(weight(`${host.name}|${peer.name}`) * macs.length)];
    out.push({ ip: peer.ip, ifIndex: ep.ifIndex, alias: ep.alias, mac: pick, state: state() });
  }
  out.push({ ip: '224.0.0.22', ifIndex: ep.ifIndex, alias: ep.alias, mac: '01:00:5e:00:00:16', state: 'permanent' });
  out.push({ ip: '255.255.255.255', ifIndex: ep.ifIndex, alias: ep.alias, mac: 'ff:ff:ff:ff:ff:ff', state: 'permanent' });
  return out;
}

/** The monitoring server pings every host and running VM: its `arp -a`, one block per subnet. */
export function monitorArp(fleet: Fleet, t: number, reach: Reachability): ArpInterface[] {
  if (!fleet.monitor) return [];
  const rng = new Rng(seedFrom(`${fleet.monitor.name}|${t}`));
  return fleet.monitor.interfaces.map((i) => {
    const subnet = subnetOf(i.ip);
    const claims = new Map<string, { mac: Mac; vlan: number }[]>();
    const claim = (ip: string, mac: Mac, vlan: number) => {
      if (subnetOf(ip) !== subnet || vlan !== i.vlan) return;
      claims.set(ip, [...(claims.get(ip) ?? []), { mac, vlan }]);
    };
    for (const h of fleet.hosts) {
      const ep = mgmtEndpoint(h);
      if (ep) claim(h.ip, ep.mac, h.mgmtVlan);
    }
    for (const vm of fleet.vms) {
      if (vm.state !== 'Running') continue;
      for (const n of vm.nics) if (n.mac && n.switch) for (const ip of n.ips) claim(ip, n.mac, n.vlan);
    }
    const entries: ArpInterface['entries'] = [{ ip: `${subnet}.1`, mac: gatewayMac(i.vlan), type: 'dynamic' }];
    const ips = [...claims.keys()].sort((a, b) => Number(a.split('.')[3]) - Number(b.split('.')[3]));
    for (const ip of ips) {
      const live = claims.get(ip)!.filter((c) => reach.has(c.vlan, c.mac));
      // Several live claimants (duplicate IP): whichever answered the last ARP request wins.
      if (live.length) entries.push({ ip, mac: live[live.length > 1 ? rng.int(0, live.length - 1) : 0].mac, type: 'dynamic' });
      else entries.push({ ip, mac: null, type: 'invalid' });
    }
    entries.push(
      { ip: `${subnet}.255`, mac: 'ff:ff:ff:ff:ff:ff', type: 'static' },
      { ip: '224.0.0.22', mac: '01:00:5e:00:00:16', type: 'static' },
      { ip: '224.0.0.252', mac: '01:00:5e:00:00:fc', type: 'static' },
      { ip: '239.255.255.250', mac: '01:00:5e:7f:ff:fa', type: 'static' },
    );
    return { ip: i.ip, ifIndex: i.ifIndex, entries };
  });
}
