/**
 * The embedded demo fleet at the edge: the simulator's demo driver (pure, injected clock and
 * timers) renders a live fleet into the real wire formats, and every post goes through the real
 * HTTP ingest API with the internal demo token, into the demo database. Nothing here knows a
 * fault; the playlist lives in the simulator.
 */
import { startDemo as startDriver } from './simulator/demo-driver.ts';
import type { Post } from './simulator/generate/run.ts';
import type { Logger } from './server.ts';

export function startDemoFleet(baseUrl: string, token: string, log: Logger): () => void {
  let stopped = false;
  const post = async (p: Post) => {
    if (stopped) return;
    const qs = new URLSearchParams();
    if (p.query.host) qs.set('host', p.query.host);
    if (p.query.device) qs.set('device', p.query.device);
    const at = p.query.at ?? (p.format === 'syslog' ? p.at : undefined);
    if (at !== undefined) qs.set('at', new Date(at).toISOString());
    try {
      const res = await fetch(`${baseUrl}/api/v1/ingest${qs.size ? `?${qs}` : ''}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: p.body });
      if (res.status === 409) stopped = true; // the demo was ended by real data
      else if (res.status !== 200) log.warn({ status: res.status, format: p.format, body: (await res.text()).slice(0, 300) }, 'demo post refused');
      else await res.arrayBuffer();
    } catch (err) {
      if (!stopped) log.warn({ err: String(err) }, 'demo post failed');
    }
  };
  const handle = startDriver({
    post,
    now: Date.now,
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (h) => clearTimeout(h as NodeJS.Timeout),
    log: (message) => log.info({}, `demo: ${message}`),
  });
  log.info({}, 'demo fleet started (labelled demo; the first real ingest ends it)');
  return () => {
    stopped = true;
    handle.stop();
  };
}
