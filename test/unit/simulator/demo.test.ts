import { describe, expect, it } from 'vitest';
import { boot } from '../../../server/simulator/behaviour/apply.ts';
import { play } from './helpers.ts';
import { buildFleet } from '../../../server/simulator/build/build.ts';
import { DEMO_SEED, demoFleetSpec } from '../../../server/simulator/demo.ts';
import { episodeSteps, Playlist, PLAYLIST } from '../../../server/simulator/demo-playlist.ts';
import { startDemo } from '../../../server/simulator/demo-driver.ts';
import type { Post } from '../../../server/simulator/generate/run.ts';
import { poolOverlap } from '../../../server/simulator/macpool.ts';
import { PATTERN_IDS } from '../../../server/simulator/scenario/schema.ts';

const START = Date.UTC(2025, 5, 1, 8, 0, 0);
const fresh = () => boot(buildFleet(demoFleetSpec(), { seed: DEMO_SEED, start: START }), START).fleet;

describe('the demo fleet', () => {
  const fleet = fresh();

  it('has 3 clusters of 8 hosts, two switches per cluster and a few hundred VMs', () => {
    expect(fleet.hosts).toHaveLength(24);
    expect(new Set(fleet.hosts.map((h) => h.cluster)).size).toBe(3);
    expect(fleet.switches).toHaveLength(6);
    expect(fleet.vms.length).toBeGreaterThanOrEqual(200);
  });

  it('is mostly LBFO, with one BASP host and a few SET hosts', () => {
    const kinds = fleet.hosts.map((h) =>
      h.teams.some((t) => t.kind === 'vendor') ? 'vendor' : h.vSwitches.some((s) => s.uplink?.kind === 'set') ? 'set' : h.teams.length ? 'lbfo' : 'none',
    );
    expect(kinds.filter((k) => k === 'vendor')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'set').length).toBeGreaterThanOrEqual(3);
    expect(kinds.filter((k) => k === 'lbfo').length).toBeGreaterThan(12);
  });

  it('starts clean: no overlapping MAC pools and no duplicate MACs', () => {
    for (const a of fleet.hosts) for (const b of fleet.hosts) if (a !== b) expect(poolOverlap(a.pool, b.pool)).toBe(0);
    const macs = fleet.vms.flatMap((v) => v.nics.map((n) => n.mac)).filter(Boolean);
    expect(new Set(macs).size).toBe(macs.length);
  });
});

describe('the playlist', () => {
  it('injects every catalogue fault, the first within 20 s, then one every 2–3 minutes', () => {
    expect(new Set(PLAYLIST)).toEqual(new Set(PATTERN_IDS));
    const p = new Playlist(DEMO_SEED, START);
    const planned = p.plan(fresh(), START + 70 * 60_000).filter((a) => a.pattern);
    const first = new Map<string, number>();
    for (const a of planned) first.set(a.note, Math.min(first.get(a.note) ?? Infinity, a.at));
    const starts = [...first.values()].sort((x, y) => x - y);
    expect(starts[0] - START).toBeLessThanOrEqual(20_000);
    for (let i = 1; i < starts.length; i++) {
      expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(120_000);
      expect(starts[i] - starts[i - 1]).toBeLessThanOrEqual(180_000);
    }
    expect(new Set(planned.map((a) => a.pattern))).toEqual(new Set(PATTERN_IDS));
  });

  it.each(PLAYLIST)('%s applies to the demo fleet and heals', (pattern) => {
    const fleet = fresh();
    const steps = episodeSteps(pattern, 0, fleet);
    expect(steps.length).toBeGreaterThan(0);
    const last = Math.max(...steps.map(([after]) => after));
    // play() runs the scheduled follow-ups too (migrations complete, connect timers expire) and
    // throws if any step cannot apply.
    play(fleet, steps.map(([after, action]) => [START + 1_000 + after, action]), START + last + 5 * 60_000);
  });
});

describe('the driver', () => {
  it('posts in wall time through the injected functions and stops cleanly', async () => {
    let now = START;
    const timers: (() => void)[] = [];
    const posts: Post[] = [];
    const d = startDemo({ now: () => now, post: (p) => void posts.push(p), setTimer: (fn) => timers.push(fn), clearTimer: () => {}, tickMs: 5_000 });
    for (let i = 0; i < 30; i++) {
      now += 5_000;
      timers.shift()!();
      await Promise.resolve();
    }
    await new Promise((r) => setTimeout(r, 0));
    expect(posts.length).toBeGreaterThan(24);
    expect(posts.every((p) => p.at <= now)).toBe(true);
    expect(new Set(posts.map((p) => p.format))).toContain('bundle');
    d.stop();
    const pending = timers.length;
    timers.shift()?.();
    expect(timers.length).toBeLessThanOrEqual(pending);
  });
});
