/**
 * Scenario → posts. `generate` is what the scenario tests and benchmarks post into the real ingest
 * path; `generateTrace` also returns the ground truth (events, facts, inventories) behind them.
 * Same scenario (same seed) → byte-identical posts.
 */
import { buildFleet } from '../build/build.ts';
import type { Scenario } from '../scenario/schema.ts';
import { Run, type Post, type TraceSink } from './run.ts';

export function startRun(s: Scenario, trace: TraceSink | null = null): Run {
  const fleet = buildFleet(s.fleet, { seed: s.seed, start: s.start, bundleEveryMs: s.collect.bundleEvery });
  const plan = { bundleEveryMs: s.collect.bundleEvery, macTableEveryMs: s.collect.macTableEvery, arpEveryMs: s.collect.arpEvery };
  const run = new Run(fleet, s.start, plan, { trace });
  for (const e of s.timeline) run.schedule(s.start + e.at, e.action);
  return run;
}

export function generate(s: Scenario): Post[] {
  return startRun(s).advanceTo(s.start + s.duration);
}

export function generateTrace(s: Scenario): { posts: Post[] } & TraceSink {
  const trace: TraceSink = { events: [], facts: [], inventories: [], emissions: [] };
  const posts = startRun(s, trace).advanceTo(s.start + s.duration);
  return { posts, ...trace };
}

/** The same scenario `deltaMs` later (e.g. a year): every time moves, nothing else changes. */
export function shiftScenario(s: Scenario, deltaMs: number): Scenario {
  return { ...s, start: s.start + deltaMs };
}
