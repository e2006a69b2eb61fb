/**
 * Engine throughput: a 500-host fleet (4 VMs each, 10 upstream switches) simulated for a day,
 * rendered to the real wire formats, parsed by the real parsers, and stepped through the pure
 * engine in ingest-sized batches. Only step() is timed. The raw limit in the same run is the
 * parse + store rate (the cost of getting the same observations into SQLite).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScenarioSchema } from '../server/simulator/scenario/schema.ts';
import { startRun } from '../server/simulator/generate/generate.ts';
import { parseInput } from '../collectors/parsers/index.ts';
import { createState } from '../server/engine/state.ts';
import { step } from '../server/engine/step.ts';
import { simulatorPredictor } from '../server/engine/predictor.ts';
import { PATTERNS } from '../server/patterns/index.ts';
import type { AcceptedObservation } from '../server/pipeline.ts';
import { openContext } from '../server/context.ts';
import { Bus } from '../server/bus.ts';

export interface EngineBench {
  hosts: number;
  simulatedHours: number;
  posts: number;
  observations: number;
  stepSeconds: number;
  observationsPerSec: number;
  parseStorePerSec: number;
  alertsFired: number;
}

/**
 * One cluster of the bench fleet: `hosts` Hyper-V hosts (4 VMs each) on their own pair of
 * upstream switches — how a large estate is actually built, and what keeps the simulation linear
 * in fleet size (a cluster's switch tables only hold that cluster's MACs).
 */
export function clusterScenario(c: number, hosts: number, hours: number, bundleEvery = '60s') {
  const tag = String(c + 1).padStart(2, '0');
  const switches = [
    { name: `sw-c${tag}-a`, vendor: 'cisco-nxos', group: `c${tag}` },
    { name: `sw-c${tag}-b`, vendor: 'cisco-ios', group: `c${tag}` },
  ];
  const hostSpecs = [];
  const vms = [];
  const timeline = [];
  for (let i = 0; i < hosts; i++) {
    const n = c * hosts + i;
    const name = `HV-${String(n + 1).padStart(3, '0')}`;
    // The last two octets make the host's dynamic MAC pool (domain.md §3.6): unique per host here,
    // as in a healthy estate.
    const ip = `10.10.${Math.floor(n / 10) + 1}.${(n % 10) * 20 + 10}`;
    hostSpecs.push({ name, preset: n % 25 === 0 ? 'set-host' : 'lbfo-host', cluster: `CL-${tag}`, ip, switches: switches.map((s) => s.name) });
    const prefix = `VM${String(n + 1).padStart(3, '0')}-`;
    vms.push({ count: 4, prefix, host: name, ipBase: `10.${100 + Math.floor(n / 60)}.${(n % 60) * 4}.10` });
    // Ordinary life: each host restarts one VM during the run.
    timeline.push({ at: `${(n * 7) % Math.max(1, Math.floor(hours * 60))}m`, action: 'vm-restart', vm: `${prefix}01` });
  }
  return ScenarioSchema.parse({
    name: `bench-cluster-${tag}`,
    description: `bench cluster ${tag}: ${hosts} hosts for ${hours} h`,
    seed: 42 + c,
    start: '2026-11-02T00:00:00Z',
    fleet: { switches, hosts: hostSpecs, vms, monitor: false },
    timeline,
    collect: { bundleEvery, macTableEvery: bundleEvery, arpEvery: bundleEvery },
    duration: `${hours}h`,
    expect: { alerts: [], noOtherAlerts: false },
  });
}

export async function benchEngine(opts: { hosts: number; hours: number; bundleEvery?: string; onProgress?: (s: string) => void }): Promise<EngineBench> {
  const clusterSize = 10;
  const clusters = Array.from({ length: Math.ceil(opts.hosts / clusterSize) }, (_, c) => clusterScenario(c, Math.min(clusterSize, opts.hosts - c * clusterSize), opts.hours, opts.bundleEvery));
  const sc = clusters[0];
  const runs = clusters.map((c) => startRun(c));
  const state = createState(simulatorPredictor(), { l2Domains: [] });
  const dir = mkdtempSync(join(tmpdir(), 'teamwatch-bench-engine-'));
  const ctx = openContext('real', join(dir, 'store.db'), new Bus(), null);
  let posts = 0;
  let observations = 0;
  let stepMs = 0;
  let nextRef = 1;
  const lastContent = new Map<string, string>();
  let storeMs = 0;
  let storedObs = 0;
  try {
    const sliceMs = 10 * 60_000;
    for (let t = sc.start + sliceMs; t <= sc.start + sc.duration; t += sliceMs) {
      // The clusters advance in lockstep; their posts merge into one time-ordered stream, as one
      // teamwatch server would receive them.
      const slice = runs.flatMap((r) => r.advanceTo(t)).sort((a, b) => a.at - b.at);
      for (const p of slice) {
        posts++;
        const parsed = parseInput(p.body, { host: p.query.host, device: p.query.device, at: p.query.at, receivedAt: p.at });
        // Parse + store (the raw limit) on the first two hours of posts.
        if (t - sc.start <= 2 * 3_600_000) {
          const started = performance.now();
          const again = parseInput(p.body, { host: p.query.host, device: p.query.device, at: p.query.at, receivedAt: p.at });
          ctx.pipeline.ingestObservations(again.observations, { format: again.format, source: 'bench', client: null, bytes: p.body.length, receivedAt: p.at });
          storeMs += performance.now() - started;
          storedObs += again.observations.length;
        }
        // Like the pipeline: a snapshot is "changed" only when its content differs from the previous
        // snapshot of the same source (the store diffs rows; here the content is compared whole).
        const batch: AcceptedObservation[] = parsed.observations.map((o) => {
          if (o.kind === 'event') return { obs: o, ref: { kind: 'event', id: nextRef++ } };
          if (o.kind === 'switchLog') return { obs: o, ref: { kind: 'switchLog', id: nextRef++ } };
          const source = `${o.kind}|${o.kind === 'inventory' ? o.host : o.kind === 'neighbors' ? o.observer : o.device}`;
          const content = JSON.stringify(o.kind === 'inventory' ? o.inventory : o.kind === 'neighbors' ? o.entries.map(({ ageSec: _a, ...e }) => e) : o.entries);
          const changed = lastContent.get(source) !== content;
          lastContent.set(source, content);
          return { obs: o, ref: { kind: 'snapshot', id: nextRef++, changed } };
        });
        observations += batch.length;
        const started = performance.now();
        step(state, batch, PATTERNS);
        stepMs += performance.now() - started;
      }
      opts.onProgress?.(`  … ${((t - sc.start) / 3_600_000).toFixed(1)} h simulated, ${observations.toLocaleString('en-US')} observations, step ${(stepMs / 1000).toFixed(1)} s`);
    }
  } finally {
    ctx.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    hosts: opts.hosts,
    simulatedHours: opts.hours,
    posts,
    observations,
    stepSeconds: stepMs / 1000,
    observationsPerSec: observations / (stepMs / 1000),
    parseStorePerSec: storedObs / (storeMs / 1000),
    alertsFired: [...state.byId.values()].filter((a) => a.firedAt !== null).length,
  };
}
