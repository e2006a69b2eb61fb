/**
 * `npm run bench`: every benchmark, each printed against the raw limit measured in the same run on
 * this machine. Nothing here asserts; it reports. `--quick` shortens each phase; `--only=ingest,
 * engine,latency,web` picks sections.
 */
import { benchIngest } from './ingest.ts';
import { benchEngine } from './engine.ts';
import { benchLatency } from './latency.ts';
import { benchWeb } from './web.ts';

const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',') ?? ['ingest', 'engine', 'latency', 'web'];
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(0)}%`;
const line = (label: string, value: string, note = '') => console.log(`  ${label.padEnd(58)} ${value.padStart(12)}   ${note}`);

async function main() {
  console.log(`teamwatch benchmarks — node ${process.version}, ${new Date().toISOString()}${quick ? ' (quick)' : ''}\n`);

  if (only.includes('ingest')) {
    const ing = await benchIngest({ seconds: quick ? 3 : 10 });
    console.log('Ingest (events/s)');
    line('raw better-sqlite3 batched insert of the same rows', fmt(ing.rawEventsPerSec), '(the limit)');
    line('POST /api/v1/ingest, 1,000-event event-XML batches', fmt(ing.xmlEventsPerSec), `${pct(ing.xmlEventsPerSec, ing.rawEventsPerSec)} of raw (target ≥ 50%)`);
    line('POST /api/v1/ingest, 1,000-event ECS JSON batches', fmt(ing.jsonEventsPerSec), `${pct(ing.jsonEventsPerSec, ing.rawEventsPerSec)} of raw (target ≥ 50%)`);
    line('parse only, event XML (one core)', fmt(ing.parseXmlEventsPerSec));
    line('parse only, ECS JSON (one core)', fmt(ing.parseJsonEventsPerSec));
    console.log('');
  }

  if (only.includes('engine')) {
    const hosts = quick ? 100 : 500;
    const hours = quick ? 1 : 24;
    const every = quick ? '60s' : '15m';
    console.log(`Engine (${hosts} hosts × 4 VMs in clusters of 10, 2 switches per cluster, ${hours} h simulated, bundles/tables every ${every})`);
    const e = await benchEngine({ hosts, hours, bundleEvery: every, onProgress: quick ? undefined : (s) => process.stderr.write(`${s}\r`) });
    line('parse + store of the same observations (raw limit, one core)', fmt(e.parseStorePerSec), 'observations/s');
    line('engine.step() throughput', fmt(e.observationsPerSec), `observations/s (${(e.observationsPerSec / e.parseStorePerSec).toFixed(1)}× the parse+store rate; target ≥ 200,000)`);
    line('observations / posts / step() seconds', `${fmt(e.observations)} / ${fmt(e.posts)} / ${e.stepSeconds.toFixed(1)}`);
    console.log('');
  }

  if (only.includes('latency')) {
    console.log('Detection latency (ingest acknowledged → socket.io alert received)');
    const l = await benchLatency({ seconds: quick ? 8 : 30, backgroundEventsPerSec: 5000 });
    line('background ingest load', fmt(l.backgroundEventsPerSec), 'events/s (target 5,000)');
    line('p50 / p99 / max (ms)', `${l.p50Ms.toFixed(1)} / ${l.p99Ms.toFixed(1)} / ${l.maxMs.toFixed(1)}`, `${l.samples} probes (target p99 < 100 ms)`);
    console.log('');
  }

  if (only.includes('web')) {
    console.log('Web (production build, real server, Chromium)');
    const w = await benchWeb({ wallSeconds: quick ? 10 : 30 });
    line('first page JS, gzip', `${(w.firstPageJsGzipBytes / 1024).toFixed(1)} KB`, `${w.firstPageFiles} files, ${(w.firstPageJsRawBytes / 1024).toFixed(0)} KB raw (target ≤ 150 KB)`);
    const wall = w.wall as { longTasks?: { count: number; longestMs: number }; frames?: { fps: number; dropped: number; droppedPct: number }; load?: { alertUpdatesPerSec: number }; page?: { tiles: number } } | null;
    if (wall?.longTasks && wall.frames) {
      line('wall: tiles / alert updates per s received', `${wall.page?.tiles} / ${wall.load?.alertUpdatesPerSec}`);
      line('wall: long tasks (≥ 50 ms), longest', `${wall.longTasks.count}, ${wall.longTasks.longestMs} ms`, '(target: none over 50 ms)');
      line('wall: fps, dropped frames', `${wall.frames.fps}, ${wall.frames.droppedPct}%`);
    } else console.log(`  wall measurement failed: ${JSON.stringify(w.wall).slice(0, 300)}`);
    console.log('');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
