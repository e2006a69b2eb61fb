/**
 * `apply(fleet, action, t)`: the one pure transition. It clones the fleet, runs the action's
 * handler, then lets the world react — periodic processes start or stop, and the switches schedule
 * learning/aging for every MAC whose place changed. The input fleet is never modified.
 */
import type { Emission } from '../emission.ts';
import type { Fleet } from '../fleet.ts';
import type { Action } from './actions.ts';
import { adapterHandlers } from './adapters.ts';
import { Ctx } from './context.ts';
import { migrationHandlers } from './migration.ts';
import { ensureProcesses, tick } from './processes.ts';
import { hostHandlers } from './host.ts';
import { teamHandlers } from './teams.ts';
import { age, learn, reconcileTables, shareFabric } from './upstream.ts';
import { vmHandlers } from './vm.ts';

type Handler = (ctx: Ctx, a: never) => void;

const HANDLERS: Record<string, Handler> = {
  ...vmHandlers,
  ...migrationHandlers,
  ...adapterHandlers,
  ...teamHandlers,
  ...hostHandlers,
  _learn: learn,
  _age: age,
  _tick: (ctx: Ctx, a: { key: string; token: number }) => tick(ctx, a.key, a.token),
};

export function isKnownAction(name: string): boolean {
  return name in HANDLERS;
}

export interface Transition {
  fleet: Fleet;
  emitted: Emission[];
}

export function apply(fleet: Fleet, action: Action, t: number): Transition {
  const handler = HANDLERS[action.action];
  if (!handler) throw new Error(`Unknown action '${action.action}'`);
  const ctx = new Ctx(structuredClone(fleet), t);
  // Learns, ages and process ticks change switch tables at most, never where MACs are sourced.
  const tableOnly = action.action === '_learn' || action.action === '_age' || action.action === '_tick';
  if (tableOnly) shareFabric(fleet, ctx.fleet);
  (handler as (ctx: Ctx, a: Action) => void)(ctx, action);
  // Learns, ages and flap ticks only touch switch tables; everything else may move MACs.
  if (action.action !== '_learn' && action.action !== '_age') {
    ensureProcesses(ctx);
    reconcileTables(ctx);
  }
  ctx.fleet.rng = ctx.rng.state;
  return { fleet: ctx.fleet, emitted: ctx.emitted };
}

/** Settles a freshly built fleet at `t`: switch tables as if long converged, processes started. */
export function boot(fleet: Fleet, t: number): Transition {
  const ctx = new Ctx(structuredClone(fleet), t);
  reconcileTables(ctx, true);
  ensureProcesses(ctx);
  ctx.fleet.rng = ctx.rng.state;
  return { fleet: ctx.fleet, emitted: ctx.emitted };
}
