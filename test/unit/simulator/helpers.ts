/** Small fleets for the simulator specifications, built through the real spec schema and builder. */
import { apply, boot } from '../../../server/simulator/behaviour/apply.ts';
import type { Action } from '../../../server/simulator/behaviour/actions.ts';
import { buildFleet } from '../../../server/simulator/build/build.ts';
import type { Emission } from '../../../server/simulator/emission.ts';
import type { WinEvent } from '../../../server/simulator/events.ts';
import type { Fleet, HostState } from '../../../server/simulator/fleet.ts';
import { fleetToInventory } from '../../../server/simulator/inventory-view.ts';
import { FleetSpecSchema } from '../../../server/simulator/scenario/fleet-schema.ts';
import type { LifecycleFact } from '../../../server/simulator/predict/facts.ts';

export const T0 = Date.UTC(2025, 2, 10, 9, 0, 0);
export const MIN = 60_000;

export function fleetOf(spec: Record<string, unknown>, seed = 1): Fleet {
  const parsed = FleetSpecSchema.parse({
    switches: [
      { name: 'sw1', vendor: 'cisco-ios' },
      { name: 'sw2', vendor: 'cisco-nxos' },
    ],
    ...spec,
  });
  return boot(buildFleet(parsed, { seed, start: T0 }), T0).fleet;
}

/**
 * Applies actions in time order, running every follow-up the behaviour schedules (learns, connect
 * timers, process ticks) up to `until`. Returns the final fleet and everything emitted.
 */
export function play(fleet: Fleet, steps: [number, Action][], until: number): { fleet: Fleet; emitted: Emission[] } {
  const queue: { at: number; seq: number; action: Action }[] = steps.map(([at, action], seq) => ({ at, seq, action }));
  let seq = queue.length;
  const emitted: Emission[] = [];
  let f = fleet;
  for (;;) {
    queue.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = queue[0];
    if (!next || next.at > until) break;
    queue.shift();
    const r = apply(f, next.action, next.at);
    f = r.fleet;
    for (const e of r.emitted) {
      emitted.push(e);
      if (e.kind === 'schedule') queue.push({ at: e.at, seq: seq++, action: e.action });
    }
  }
  return { fleet: f, emitted };
}

export const eventsOf = (emitted: Emission[]): WinEvent[] => emitted.flatMap((e) => (e.kind === 'event' ? [e.event] : []));
export const factsOf = (emitted: Emission[]): LifecycleFact[] => emitted.flatMap((e) => (e.kind === 'fact' ? [e.fact] : []));

export function host(fleet: Fleet, name: string): HostState {
  return fleet.hosts.find((h) => h.name === name)!;
}

export function inv(fleet: Fleet, name: string, t = T0) {
  return fleetToInventory(fleet, host(fleet, name), t);
}

export function vmMac(fleet: Fleet, vm: string): string | null {
  return fleet.vms.find((v) => v.name === vm)!.nics[0].mac;
}
