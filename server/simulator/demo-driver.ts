/**
 * Runs the demo fleet in real time. Demo event time IS wall time: the run starts at `now()` and
 * every tick advances it to the current `now()`, planning the playlist a minute ahead and handing
 * each post to the injected `post` in order (one at a time, so a slow receiver sees them in
 * sequence). No HTTP, no database, no timers of its own: the caller injects all of them, and
 * labelling the data as demo data is the caller's job.
 */
import type { Action } from './behaviour/actions.ts';
import { buildFleet } from './build/build.ts';
import { DEMO_SEED, demoFleetSpec } from './demo.ts';
import { Playlist } from './demo-playlist.ts';
import { Run, type Post } from './generate/run.ts';

export interface DemoDeps {
  post: (p: Post) => void | Promise<void>;
  now: () => number;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  log?: (message: string) => void;
  /** Default DEMO_SEED. */
  seed?: number;
  /** How often the driver catches up with the wall clock (default 1 s). */
  tickMs?: number;
}

export interface DemoHandle {
  stop(): void;
  /** Posts handed to `post` so far (for status pages and tests). */
  readonly posted: number;
}

const PLAN_AHEAD_MS = 60_000;

export function startDemo(deps: DemoDeps): DemoHandle {
  const log = deps.log ?? (() => {});
  const seed = deps.seed ?? DEMO_SEED;
  const start = deps.now();
  const fleet = buildFleet(demoFleetSpec(), { seed, start });
  const run = new Run(fleet, start, { bundleEveryMs: 60_000, macTableEveryMs: 60_000, arpEveryMs: 60_000 }, {
    // A playlist step can meet a fleet that moved on (a VM already gone); the demo skips it.
    onActionError: (err: Error, action: Action) => log(`demo: skipped ${action.action}: ${err.message}`),
  });
  const playlist = new Playlist(seed, start);
  let stopped = false;
  let timer: unknown = null;
  let posted = 0;
  let chain: Promise<void> = Promise.resolve();

  const send = (p: Post) => {
    chain = chain
      .then(() => deps.post(p))
      .then(() => void posted++)
      .catch((err: unknown) => log(`demo: post ${p.format} failed: ${(err as Error)?.message ?? String(err)}`));
  };

  const pump = () => {
    if (stopped) return;
    try {
      const t = deps.now();
      for (const a of playlist.plan(run.fleet, t + PLAN_AHEAD_MS)) {
        run.schedule(a.at, a.action);
        if (a.pattern && a.at >= t) log(`demo: ${a.note}: ${a.action.action} at ${new Date(a.at).toISOString()}`);
      }
      for (const p of run.advanceTo(t)) send(p);
    } catch (err) {
      log(`demo: generation error: ${(err as Error).message}`);
    }
    if (!stopped) timer = deps.setTimer(pump, deps.tickMs ?? 1_000);
  };
  pump();

  return {
    stop() {
      stopped = true;
      if (timer !== null) deps.clearTimer(timer);
    },
    get posted() {
      return posted;
    },
  };
}
