/**
 * The network around the hosts: upstream switches (SVIs for every VLAN/subnet in use, ISLs between
 * switches of one group) and the monitoring server whose `arp -a` scenarios collect (one interface
 * in every subnet in use, at `.5`).
 */
import type { Ctx } from '../behaviour/context.ts';
import type { Fleet, MonitorState, UpstreamSwitchState } from '../fleet.ts';
import type { FleetSpec } from '../scenario/fleet-schema.ts';

export const subnetOf = (ip: string) => ip.split('.').slice(0, 3).join('.');

/** VLAN → /24 subnet pairs in use by host management and VM vNICs. */
export function subnetsInUse(fleet: Fleet): { vlan: number; subnet: string }[] {
  const out = new Map<string, { vlan: number; subnet: string }>();
  const add = (vlan: number, ip: string) => out.set(`${vlan}|${subnetOf(ip)}`, { vlan, subnet: subnetOf(ip) });
  for (const h of fleet.hosts) add(h.mgmtVlan, h.ip);
  for (const vm of fleet.vms) for (const n of vm.nics) for (const ip of n.ips) add(n.vlan, ip);
  return [...out.values()].sort((a, b) => a.vlan - b.vlan || a.subnet.localeCompare(b.subnet));
}

/** HSRP-style virtual gateway MAC (Cisco `0000.0c07.acXX`, XX = group = VLAN low byte). */
export function gatewayMac(vlan: number): string {
  return `00:00:0c:07:ac:${(vlan & 255).toString(16).padStart(2, '0')}`;
}

export function buildSwitches(ctx: Ctx, spec: FleetSpec): UpstreamSwitchState[] {
  const subnets = subnetsInUse(ctx.fleet);
  return spec.switches.map((s) => ({
    name: s.name,
    vendor: s.vendor,
    isl: 'Po1',
    peers: spec.switches.filter((x) => x.group === s.group && x.name !== s.name).map((x) => x.name),
    svis: subnets.map(({ vlan, subnet }) => ({ vlan, ip: `${subnet}.1`, mac: gatewayMac(vlan) })),
    table: {},
    moves: {},
  }));
}

export function buildMonitor(fleet: Fleet, name: string): MonitorState {
  const subnets = subnetsInUse(fleet);
  return {
    name,
    interfaces: subnets.map(({ vlan, subnet }, i) => ({ ip: `${subnet}.5`, vlan, ifIndex: 7 + i * 4 })),
  };
}
