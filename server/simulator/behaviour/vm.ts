/**
 * VM lifecycle. Dynamic MACs follow docs/domain.md §5 item 7: assigned at first start from the
 * host's pool (the next address in the host's allocation order, macpool.ts), kept across live migration, and
 * replaced on a later start only when the current MAC is outside the pool of the host it starts
 * on — i.e. after the VM moved to a host with a different pool. Guest reboots and resets keep it.
 */
import { normalizeMac } from '../../model/mac.ts';
import { tcpipConflict, vmCreatedEvent, vmDeletedEvent, workerEvent } from '../events.ts';
import type { HostState, VmState } from '../fleet.ts';
import { findHost, findVm } from '../fleet.ts';
import { inPool } from '../macpool.ts';
import type { PublicAction, VmNicSpec } from './actions.ts';
import { kb16945, lbfoTeamsOfVm, nicOf, takeDynamicMac, vendorOfSwitch } from './common.ts';
import type { Ctx } from './context.ts';

type A<K extends PublicAction['action']> = Extract<PublicAction, { action: K }>;

/** A vendor team learns a port's MAC when the port first appears behind it (first start, arrival by migration). */
export function learnPortsOnVendorTeam(host: HostState, vm: VmState): void {
  for (const n of vm.nics) {
    const team = vendorOfSwitch(host, n.switch);
    if (team && n.mac && !(n.portId in team.learned)) team.learned[n.portId] = n.mac;
  }
}

/** Tcpip 4199 on every host whose management IP one of the VM's IPs takes. */
function checkIpConflicts(ctx: Ctx, vm: VmState, delayMs: number): void {
  for (const n of vm.nics) {
    if (!n.mac) continue;
    for (const ip of n.ips) {
      for (const h of ctx.fleet.hosts) if (h.ip === ip) ctx.event(h, tcpipConflict(4199, ip, n.mac), delayMs);
    }
  }
}

export function powerOn(ctx: Ctx, vm: VmState): void {
  if (vm.state === 'Running') return;
  const host = findHost(ctx.fleet, vm.host);
  for (const n of vm.nics) {
    if (!n.dynamic || (n.mac && inPool(n.mac, host.pool))) continue;
    const mac = takeDynamicMac(ctx.fleet, host);
    ctx.fact({ kind: 'mac-change', host: host.name, t: ctx.t, vm: vm.name, nic: n.name, from: n.mac, to: mac });
    n.mac = mac;
  }
  vm.state = 'Running';
  learnPortsOnVendorTeam(host, vm);
  const delay = ctx.rng.int(800, 3_000);
  ctx.event(host, workerEvent(18500, vm.name, vm.id), delay, vm.id);
  for (const team of lbfoTeamsOfVm(host, vm)) kb16945(ctx, host, team, delay + ctx.rng.int(100, 600));
  ctx.fact({ kind: 'vm-power', host: host.name, t: ctx.t + delay, vm: vm.name, change: 'start', teams: lbfoTeamsOfVm(host, vm).map((t) => t.name) });
  checkIpConflicts(ctx, vm, delay + ctx.rng.int(2_000, 6_000));
}

function powerOff(ctx: Ctx, vm: VmState, eventId: 18502 | 18504): void {
  if (vm.state === 'Off') return;
  const host = findHost(ctx.fleet, vm.host);
  const delay = eventId === 18504 ? ctx.rng.int(4_000, 15_000) : ctx.rng.int(200, 800);
  ctx.event(host, workerEvent(eventId, vm.name, vm.id), delay, vm.id);
  for (const team of lbfoTeamsOfVm(host, vm)) kb16945(ctx, host, team, delay + ctx.rng.int(50, 400));
  ctx.fact({ kind: 'vm-power', host: host.name, t: ctx.t + delay, vm: vm.name, change: 'stop', teams: lbfoTeamsOfVm(host, vm).map((t) => t.name) });
  vm.state = 'Off';
}

function createNic(ctx: Ctx, spec: VmNicSpec, index: number, defaultVlan: number) {
  const fixed = spec.mac && spec.mac !== 'dynamic' ? normalizeMac(spec.mac) : null;
  if (spec.mac && spec.mac !== 'dynamic' && !fixed) throw new Error(`Not a MAC address: '${spec.mac}'`);
  return {
    name: spec.name ?? (index === 0 ? 'Network Adapter' : `Network Adapter ${index + 1}`),
    switch: spec.switch ?? null,
    mac: fixed,
    dynamic: !fixed,
    ips: spec.ips ?? [],
    vlan: spec.vlan ?? defaultVlan,
    allowTeaming: spec.allowTeaming ?? false,
    iovWeight: spec.iovWeight ?? 0,
    portId: ctx.rng.guid(),
  };
}

export const vmHandlers = {
  'vm-start': (ctx: Ctx, a: A<'vm-start'>) => powerOn(ctx, findVm(ctx.fleet, a.vm)),
  '_vm-power-on': (ctx: Ctx, a: { vm: string }) => powerOn(ctx, findVm(ctx.fleet, a.vm)),
  'vm-stop': (ctx: Ctx, a: A<'vm-stop'>) => powerOff(ctx, findVm(ctx.fleet, a.vm), 18502),
  'vm-shutdown': (ctx: Ctx, a: A<'vm-shutdown'>) => powerOff(ctx, findVm(ctx.fleet, a.vm), 18504),
  'vm-restart': (ctx: Ctx, a: A<'vm-restart'>) => {
    powerOff(ctx, findVm(ctx.fleet, a.vm), 18504);
    ctx.schedule((a.offSec ?? 20) * 1000, { action: '_vm-power-on', vm: a.vm });
  },
  'vm-reset': (ctx: Ctx, a: A<'vm-reset'>) => {
    const vm = findVm(ctx.fleet, a.vm);
    if (vm.state !== 'Running') return;
    const host = findHost(ctx.fleet, vm.host);
    const delay = ctx.rng.int(200, 900);
    ctx.event(host, workerEvent(18512, vm.name, vm.id), delay, vm.id);
    for (const team of lbfoTeamsOfVm(host, vm)) kb16945(ctx, host, team, delay + ctx.rng.int(100, 500));
    ctx.fact({ kind: 'vm-power', host: host.name, t: ctx.t + delay, vm: vm.name, change: 'reset', teams: lbfoTeamsOfVm(host, vm).map((t) => t.name) });
  },
  'vm-guest-reboot': (ctx: Ctx, a: A<'vm-guest-reboot'>) => {
    const vm = findVm(ctx.fleet, a.vm);
    if (vm.state !== 'Running') return;
    const host = findHost(ctx.fleet, vm.host);
    ctx.event(host, workerEvent(18514, vm.name, vm.id), ctx.rng.int(200, 900), vm.id);
  },
  'vm-create': (ctx: Ctx, a: A<'vm-create'>) => {
    if (ctx.fleet.vms.some((v) => v.name.toLowerCase() === a.vm.toLowerCase())) throw new Error(`VM '${a.vm}' already exists`);
    const host = findHost(ctx.fleet, a.host);
    const nics = (a.nics ?? [{}]).map((n, i) => createNic(ctx, n, i, host.vmVlan));
    const vm: VmState = { name: a.vm, id: ctx.rng.guid(), host: host.name, state: 'Off', nics };
    ctx.fleet.vms.push(vm);
    ctx.event(host, vmCreatedEvent(vm.name, vm.id), ctx.rng.int(100, 900), 'vmms');
    ctx.inventory(host.name, `VM ${vm.name} created`);
    if (a.start) ctx.schedule(ctx.rng.int(5_000, 15_000), { action: '_vm-power-on', vm: vm.name });
  },
  'vm-delete': (ctx: Ctx, a: A<'vm-delete'>) => {
    const vm = findVm(ctx.fleet, a.vm);
    if (vm.state === 'Running') powerOff(ctx, vm, 18502);
    const host = findHost(ctx.fleet, vm.host);
    ctx.event(host, vmDeletedEvent(vm.name, vm.id), ctx.rng.int(1_000, 3_000), 'vmms');
    ctx.fleet.vms = ctx.fleet.vms.filter((v) => v !== vm);
    ctx.inventory(host.name, `VM ${vm.name} deleted`);
  },
  'vm-set-mac': (ctx: Ctx, a: A<'vm-set-mac'>) => {
    const vm = findVm(ctx.fleet, a.vm);
    if (vm.state === 'Running') throw new Error(`VM '${vm.name}' must be off to change its MAC address`);
    const nic = nicOf(vm, a.nic);
    if (a.mac === 'dynamic') {
      // Hyper-V shows 000000000000 until the next start hands out an address from the pool.
      nic.dynamic = true;
      nic.mac = null;
    } else {
      const mac = normalizeMac(a.mac);
      if (!mac) throw new Error(`Not a MAC address: '${a.mac}'`);
      nic.dynamic = false;
      nic.mac = mac;
    }
    ctx.inventory(vm.host, `VM ${vm.name} MAC set to ${a.mac}`);
  },
  'vm-set-ip': (ctx: Ctx, a: A<'vm-set-ip'>) => {
    const vm = findVm(ctx.fleet, a.vm);
    nicOf(vm, a.nic).ips = [...a.ips];
    if (vm.state === 'Running') checkIpConflicts(ctx, vm, ctx.rng.int(1_000, 4_000));
  },
  'vm-set-iov': (ctx: Ctx, a: A<'vm-set-iov'>) => {
    nicOf(findVm(ctx.fleet, a.vm), a.nic).iovWeight = a.weight;
  },
  'vm-set-teaming': (ctx: Ctx, a: A<'vm-set-teaming'>) => {
    nicOf(findVm(ctx.fleet, a.vm), a.nic).allowTeaming = a.allow;
  },
  'vm-connect': (ctx: Ctx, a: A<'vm-connect'>) => {
    const vm = findVm(ctx.fleet, a.vm);
    nicOf(vm, a.nic).switch = a.switch;
    if (vm.state === 'Running') learnPortsOnVendorTeam(findHost(ctx.fleet, vm.host), vm);
  },
};
