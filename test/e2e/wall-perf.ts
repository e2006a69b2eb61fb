/**
 * Measures how smoothly the wall view runs under load. Not a test: bench calls it and reads the
 * JSON it prints.
 *
 *   node --import tsx test/e2e/wall-perf.ts http://127.0.0.1:8080 [--duration 30] [--width 1920]
 *        [--height 1080] [--hosts 1000] [--path /wall?kiosk=1] [--token T]
 *
 * The caller provides the load (a server with ~1,000 hosts and ~200 firing alerts receiving ~50
 * alert updates/s); this script only watches. It opens the wall in Debian's Chromium, waits until
 * the wall is live (and shows `--hosts` tiles, when given), then for `--duration` seconds records:
 *
 * - long tasks (PerformanceObserver 'longtask', ≥ 50 ms main-thread tasks): count, longest, total
 *   blocking time (Σ (d − 50 ms));
 * - frames, by counting requestAnimationFrame callbacks: fps, frame-interval percentiles, and
 *   dropped frames (an interval of k × 16.7 ms means k − 1 frames were missed);
 * - the load actually received, from the DevTools protocol's WebSocket frames: socket.io `alerts`
 *   messages and alert updates per second (so a run without load is visible in the result);
 * - Chromium's own counters over the window (script, layout, style time; DOM node count; JS heap);
 * - whether the page went stale at any point.
 *
 * Exit code 0 with the JSON on stdout; 2 when the wall never became live.
 */
import { parseArgs } from 'node:util';
import { launchChromium } from './browser.ts';

const { values: opt, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    duration: { type: 'string', default: '30' },
    width: { type: 'string', default: '1920' },
    height: { type: 'string', default: '1080' },
    hosts: { type: 'string' },
    path: { type: 'string', default: '/wall?kiosk=1' },
    token: { type: 'string' },
    'ready-timeout': { type: 'string', default: '60' },
  },
});
const base = (positionals[0] ?? process.env.TEAMWATCH_URL ?? '').replace(/\/$/, '');
if (!base) {
  console.error('usage: wall-perf.ts <base-url> [--duration 30] [--width 1920] [--height 1080] [--hosts N] [--path /wall?kiosk=1]');
  process.exit(64);
}
const durationMs = Number(opt.duration) * 1000;

// Runs in the page before any app code: collects long tasks and rAF timestamps into a global.
const PROBE = `
(() => {
  const p = { longtasks: [], frames: [], recording: false };
  Object.defineProperty(window, '__twPerf', { value: p });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (p.recording) p.longtasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: false });
  } catch (err) { p.noLongtask = String(err); }
  const loop = (t) => { if (p.recording) p.frames.push(t); requestAnimationFrame(loop); };
  requestAnimationFrame(loop);
})();
`;

interface ReadyState {
  connection: string | null;
  tiles: number;
  alerts: number;
}

const READY = `(() => {
  const wall = document.querySelector('[data-testid="wall"]');
  return { connection: wall ? wall.getAttribute('data-connection') : null, tiles: document.querySelectorAll('[data-testid="host-tile"]').length, alerts: document.querySelectorAll('[data-testid="wall-alert"]').length };
})()`;

function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const r1 = (n: number) => Math.round(n * 10) / 10;

const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: Number(opt.width), height: Number(opt.height) } });
  await context.addInitScript(PROBE);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Performance.enable');

  let wsMessages = 0;
  let alertMessages = 0;
  let alertUpdates = 0;
  let counting = false;
  cdp.on('Network.webSocketFrameReceived', (ev: { response: { payloadData: string } }) => {
    if (!counting) return;
    wsMessages++;
    const d = ev.response.payloadData;
    if (d.startsWith('42["alerts",')) {
      alertMessages++;
      try {
        const [, changes] = JSON.parse(d.slice(2)) as [string, unknown[]];
        alertUpdates += changes.length;
      } catch {
        // A frame we cannot parse still counts as a message.
      }
    }
  });

  const url = base + opt.path + (opt.token ? `${opt.path!.includes('?') ? '&' : '?'}token=${encodeURIComponent(opt.token)}` : '');
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  const wantHosts = opt.hosts ? Number(opt.hosts) : 1;
  const deadline = Date.now() + Number(opt['ready-timeout']) * 1000;
  let ready = (await page.evaluate(READY)) as ReadyState;
  while (!(ready.connection === 'live' && ready.tiles >= wantHosts) && Date.now() < deadline) {
    await page.waitForTimeout(100);
    ready = (await page.evaluate(READY)) as ReadyState;
  }
  const firstLiveMs = Date.now() - t0;
  if (ready.connection !== 'live' || ready.tiles < wantHosts) {
    console.log(JSON.stringify({ ok: false, error: 'the wall never became live', url: base + opt.path, waitedMs: firstLiveMs, ready }, null, 2));
    process.exitCode = 2;
  } else {
    // Let the first render settle, then record.
    await page.waitForTimeout(1000);
    const metric = async () => Object.fromEntries(((await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }).metrics.map((m) => [m.name, m.value]));
    const before = await metric();
    await page.evaluate('window.__twPerf.recording = true');
    counting = true;
    let staleSeen = false;
    const end = Date.now() + durationMs;
    while (Date.now() < end) {
      await page.waitForTimeout(Math.min(500, end - Date.now()));
      const s = (await page.evaluate(READY)) as ReadyState;
      if (s.connection !== 'live') staleSeen = true;
    }
    counting = false;
    const raw = (await page.evaluate('(() => { const p = window.__twPerf; p.recording = false; return { longtasks: p.longtasks, frames: p.frames, noLongtask: p.noLongtask ?? null }; })()')) as {
      longtasks: [number, number][];
      frames: number[];
      noLongtask: string | null;
    };
    const after = await metric();
    const final = (await page.evaluate(READY)) as ReadyState;

    const durations = raw.longtasks.map(([, d]) => d).sort((a, b) => a - b);
    const intervals: number[] = [];
    for (let i = 1; i < raw.frames.length; i++) intervals.push(raw.frames[i] - raw.frames[i - 1]);
    const sortedIv = [...intervals].sort((a, b) => a - b);
    const FRAME = 1000 / 60;
    const dropped = intervals.reduce((n, iv) => n + (iv > FRAME * 1.5 ? Math.round(iv / FRAME) - 1 : 0), 0);
    const seconds = durationMs / 1000;
    const delta = (k: string) => r1(((after[k] ?? 0) - (before[k] ?? 0)) * 1000);

    console.log(
      JSON.stringify(
        {
          ok: true,
          url: base + opt.path,
          viewport: `${opt.width}x${opt.height}`,
          durationSec: seconds,
          firstLiveMs,
          page: { tiles: final.tiles, alertRows: final.alerts, domNodes: after.Nodes ?? null, jsHeapUsedMB: after.JSHeapUsedSize ? r1(after.JSHeapUsedSize / 1048576) : null },
          load: { wsMessagesPerSec: r1(wsMessages / seconds), alertMessagesPerSec: r1(alertMessages / seconds), alertUpdatesPerSec: r1(alertUpdates / seconds) },
          longTasks: {
            supported: raw.noLongtask === null,
            count: durations.length,
            longestMs: r1(durations.at(-1) ?? 0),
            p95Ms: r1(pct(durations, 95)),
            totalBlockingMs: r1(durations.reduce((s, d) => s + Math.max(0, d - 50), 0)),
          },
          frames: {
            count: raw.frames.length,
            fps: r1(raw.frames.length / seconds),
            dropped,
            droppedPct: r1((dropped / Math.max(1, dropped + raw.frames.length)) * 100),
            intervalP50Ms: r1(pct(sortedIv, 50)),
            intervalP95Ms: r1(pct(sortedIv, 95)),
            intervalP99Ms: r1(pct(sortedIv, 99)),
            intervalMaxMs: r1(sortedIv.at(-1) ?? 0),
          },
          mainThreadMs: { script: delta('ScriptDuration'), layout: delta('LayoutDuration'), style: delta('RecalcStyleDuration'), task: delta('TaskDuration') },
          wentStale: staleSeen,
        },
        null,
        2,
      ),
    );
  }
  await context.close();
} finally {
  await browser.close();
}
