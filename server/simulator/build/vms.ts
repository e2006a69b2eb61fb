/**
 * VMs of a fleet spec. A running VM (or an off VM that `started` before) already holds its dynamic
 * MAC, handed out in spec order from its host's pool exactly as the host would have at first start.
 */
import { normalizeMac } from '../../model/mac.ts';
import type { Ctx } from '../behaviour/context.ts';
import { takeDynamicMac } from '../behaviour/common.ts';
import type { VmNicState, VmState } from '../fleet.ts';
import { findHost } from '../fleet.ts';
import type { FleetSpec, VmSpec } from '../scenario/fleet-schema.ts';

function ipPlus(ip: string, n: number): string {
  const p = ip.split('.').map(Number);
  const v = ((p[0] << 24) >>> 0) + (p[1] << 16) + (p[2] << 8) + p[3] + n;
  return [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.');
}

function expand(spec: VmSpec): VmSpec[] {
  if (!spec.count) {
    if (!spec.name) throw new Error(`A VM spec on '${spec.host}' needs a name (or count + prefix)`);
    return [spec];
  }
  const prefix = spec.prefix ?? 'VM';
  return Array.from({ length: spec.count }, (_, i) => {
    const nics = spec.nics ?? [{}];
    return {
      ...spec,
      count: undefined,
      name: `${prefix}${String(i + 1).padStart(2, '0')}`,
      nics: nics.map((n, j) => ({ ...n, ips: n.ips ?? (spec.ipBase && j === 0 ? [ipPlus(spec.ipBase, i)] : []) })),
    };
  });
}

export function buildVms(ctx: Ctx, spec: FleetSpec): void {
  const fleet = ctx.fleet;
  for (const raw of spec.vms.flatMap(expand)) {
    const name = raw.name!;
    if (fleet.vms.some((v) => v.name.toLowerCase() === name.toLowerCase())) throw new Error(`Duplicate VM '${name}'`);
    const host = findHost(fleet, raw.host);
    const defaultSwitch = host.vSwitches.find((s) => s.type === 'External')?.name ?? host.vSwitches[0]?.name ?? null;
    const vm: VmState = { name, id: ctx.rng.guid(), host: host.name, state: raw.state, nics: [] };
    fleet.vms.push(vm);
    const hasMac = raw.state === 'Running' || raw.started === true;
    (raw.nics ?? [{}]).forEach((n, i) => {
      const fixed = n.mac && n.mac !== 'dynamic' ? normalizeMac(n.mac) : null;
      if (n.mac && n.mac !== 'dynamic' && !fixed) throw new Error(`VM '${name}': not a MAC address '${n.mac}'`);
      const nic: VmNicState = {
        name: n.name ?? (i === 0 ? 'Network Adapter' : `Network Adapter ${i + 1}`),
        switch: n.switch === undefined ? defaultSwitch : n.switch,
        mac: fixed,
        dynamic: !fixed,
        ips: n.ips ?? [],
        vlan: n.vlan ?? host.vmVlan,
        allowTeaming: n.allowTeaming ?? false,
        iovWeight: n.iovWeight ?? 0,
        portId: ctx.rng.guid(),
      };
      if (!fixed && hasMac) {
        nic.mac = takeDynamicMac(fleet, host);
      }
      vm.nics.push(nic);
    });
  }
}
