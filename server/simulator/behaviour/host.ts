/**
 * Host-level settings and state: the dynamic MAC pool, extra host vNICs, the collector task, and
 * the switches' learning delay (a fleet-wide setting).
 */
import { normalizeMac } from '../../model/mac.ts';
import { findHost, hostVnicAdapterName } from '../fleet.ts';
import type { PublicAction } from './actions.ts';
import type { Ctx } from './context.ts';
import { addHostVnic } from './teams.ts';

type A<K extends PublicAction['action']> = Extract<PublicAction, { action: K }>;

export const hostHandlers = {
  'set-mac-pool': (ctx: Ctx, a: A<'set-mac-pool'>) => {
    const min = normalizeMac(a.min);
    const max = normalizeMac(a.max);
    if (!min || !max) throw new Error(`Invalid MAC pool ${a.min}–${a.max}`);
    const host = findHost(ctx.fleet, a.host);
    host.pool = { min, max };
    host.poolCursor = 0;
  },
  'host-silence': (ctx: Ctx, a: A<'host-silence'>) => void (findHost(ctx.fleet, a.host).silent = true),
  'host-resume': (ctx: Ctx, a: A<'host-resume'>) => void (findHost(ctx.fleet, a.host).silent = false),
  'switch-learn-delay': (ctx: Ctx, a: A<'switch-learn-delay'>) => void (ctx.fleet.settings.learnDelayMs = a.ms),
  'host-vnic-add': (ctx: Ctx, a: A<'host-vnic-add'>) => {
    const host = findHost(ctx.fleet, a.host);
    if (host.hostVnics.some((v) => v.name.toLowerCase() === a.name.toLowerCase())) throw new Error(`Host '${host.name}' already has a vNIC '${a.name}'`);
    if (!host.vSwitches.some((s) => s.name === a.switch)) throw new Error(`Host '${host.name}' has no vSwitch '${a.switch}'`);
    addHostVnic(ctx, host, a.name, a.switch, null);
    ctx.inventory(host.name, `host vNIC ${a.name} added`);
  },
  'host-vnic-remove': (ctx: Ctx, a: A<'host-vnic-remove'>) => {
    const host = findHost(ctx.fleet, a.host);
    const name = hostVnicAdapterName(a.name);
    if (host.teams.some((t) => t.members.includes(name))) throw new Error(`vNIC '${a.name}' on '${host.name}' is a team member`);
    if (host.mgmt.kind === 'vnic' && host.mgmt.name === a.name) throw new Error(`vNIC '${a.name}' carries the management IP of '${host.name}'`);
    host.hostVnics = host.hostVnics.filter((v) => v.name !== a.name);
    ctx.inventory(host.name, `host vNIC ${a.name} removed`);
  },
};
