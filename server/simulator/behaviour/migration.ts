/**
 * Live migration. The source host's VMMS logs 20415 on completion, or 20417 when the blackout was
 * unexpectedly long; cluster nodes also log the High-Availability phase events 21300/21301. The VM
 * keeps its MACs. Normally the destination announces the VM (RARP) and the switches learn the MAC
 * behind the destination after the learn delay — one move. With `switchLearns: false` the VM stays
 * silent and the switches keep the MAC on the source's ports for `staleSec`.
 * A failed migration logs 21111 plus the cause (21159 switch missing, 21145 switch disconnected,
 * 21125 configuration) and leaves the VM where it was.
 */
import { haEvent, migrationCompletedEvent, vmResourceName } from '../events.ts';
import { findHost, findVm, findVSwitch } from '../fleet.ts';
import type { InternalAction, PublicAction } from './actions.ts';
import type { Ctx } from './context.ts';
import { learnPortsOnVendorTeam } from './vm.ts';

type A<K extends PublicAction['action']> = Extract<PublicAction, { action: K }>;

/** Blackouts at or above this many seconds are logged as 20417 ([U]: Hyper-V's real threshold is not documented). */
export const LONG_BLACKOUT_SEC = 10;

export const migrationHandlers = {
  'live-migrate': (ctx: Ctx, a: A<'live-migrate'>) => {
    const vm = findVm(ctx.fleet, a.vm);
    const from = findHost(ctx.fleet, vm.host);
    const to = findHost(ctx.fleet, a.to);
    if (from === to) throw new Error(`VM '${vm.name}' is already on '${to.name}'`);
    if (vm.state !== 'Running') throw new Error(`Only a running VM can be live-migrated ('${vm.name}' is off)`);
    for (const n of vm.nics) {
      if (n.switch && !findVSwitch(to, n.switch)) throw new Error(`'${to.name}' has no vSwitch '${n.switch}' (use live-migrate-fail)`);
    }
    if (from.cluster) ctx.event(from, haEvent(21300, [vm.id, vmResourceName(vm.name)]), ctx.rng.int(50, 400), 'clussvc');
    const durationSec = a.durationSec ?? 15 + ctx.rng.int(0, 20);
    ctx.schedule(durationSec * 1000, {
      action: '_migrated',
      vm: vm.name,
      from: from.name,
      to: to.name,
      blackoutSec: a.blackoutSec ?? +(0.2 + ctx.rng.float() * 0.9).toFixed(1),
      switchLearns: a.switchLearns ?? true,
      staleSec: a.staleSec ?? 420,
      startedAt: ctx.t,
    });
  },
  _migrated: (ctx: Ctx, a: Extract<InternalAction, { action: '_migrated' }>) => {
    const vm = findVm(ctx.fleet, a.vm);
    const from = findHost(ctx.fleet, a.from);
    const to = findHost(ctx.fleet, a.to);
    vm.host = to.name;
    learnPortsOnVendorTeam(to, vm);
    const long = a.blackoutSec >= LONG_BLACKOUT_SEC;
    ctx.event(from, migrationCompletedEvent(vm.name, vm.id, a.blackoutSec, long), 0, 'vmms');
    if (from.cluster) {
      const secs = ((ctx.t - a.startedAt) / 1000).toFixed(0);
      ctx.event(from, haEvent(21301, [vm.id, secs, vmResourceName(vm.name)]), ctx.rng.int(100, 700), 'clussvc');
    }
    if (!a.switchLearns) for (const n of vm.nics) if (n.mac) ctx.fleet.noLearn[n.mac] = ctx.t + a.staleSec * 1000;
    ctx.fleet.migrations = [...ctx.fleet.migrations, { vm: vm.name, from: from.name, to: to.name, at: ctx.t }].slice(-200);
    ctx.fact({ kind: 'migration', t: ctx.t, vm: vm.name, from: from.name, to: to.name, blackoutSec: a.blackoutSec });
    ctx.inventory(to.name, `VM ${vm.name} arrived from ${from.name}`);
  },
  'live-migrate-fail': (ctx: Ctx, a: A<'live-migrate-fail'>) => {
    const vm = findVm(ctx.fleet, a.vm);
    const from = findHost(ctx.fleet, vm.host);
    const to = findHost(ctx.fleet, a.to);
    const res = vmResourceName(vm.name);
    const after = ctx.rng.int(3_000, 20_000);
    if (from.cluster) ctx.event(from, haEvent(21300, [vm.id, res]), ctx.rng.int(50, 400), 'clussvc');
    const cause = a.cause === 'switch-missing' ? haEvent(21159, [res, to.name]) : a.cause === 'switch-disconnected' ? haEvent(21145, [res, to.name]) : haEvent(21125, []);
    ctx.event(from, cause, after, 'clussvc');
    ctx.event(from, haEvent(21111, [res]), after + ctx.rng.int(100, 900), 'clussvc');
  },
};
