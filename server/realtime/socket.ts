/**
 * socket.io: relays bus events to browsers. On every (re)connection a client gets a full
 * snapshot, then deltas. Alert and host deltas are coalesced (≤ one message per 100 ms, last
 * state per id wins) so a storm never floods slow clients; counters go out at most once a second.
 * No domain logic here: snapshots and deltas are built elsewhere.
 */
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, Snapshot, AlertDto, HostSummaryDto, IngestCounters } from '../contract.ts';
import type { Bus } from '../bus.ts';

export interface RealtimeDeps {
  bus: Bus;
  snapshot: () => Snapshot;
  counters: () => IngestCounters;
  /** When read tokens are configured, a socket must present one (auth.token or ?token=). */
  authorize: (token: string | null) => boolean;
}

export function attachRealtime(http: HttpServer, deps: RealtimeDeps) {
  // Short pings so a wall display notices a silently dropped network within ~5 s (defaults: 25 s + 20 s).
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(http, { serveClient: false, cors: { origin: false }, pingInterval: 3000, pingTimeout: 2000 });
  io.use((socket, next) => {
    const t = (socket.handshake.auth?.token as string | undefined) ?? (socket.handshake.query?.token as string | undefined) ?? null;
    if (deps.authorize(t)) next();
    else next(new Error('unauthorized'));
  });
  io.on('connection', (socket) => {
    socket.emit('snapshot', deps.snapshot());
    socket.on('resync', () => socket.emit('snapshot', deps.snapshot()));
  });

  const pendingAlerts = new Map<number, AlertDto>();
  const pendingHosts = new Map<string, HostSummaryDto>();
  // Leading-edge throttle: the first change goes out at once (detection latency), later ones
  // within the same 25 ms are coalesced into one message per client (at most 40 a second).
  let timer: NodeJS.Timeout | null = null;
  let lastFlush = 0;
  const flush = () => {
    timer = null;
    lastFlush = Date.now();
    if (pendingAlerts.size) io.emit('alerts', [...pendingAlerts.values()]);
    if (pendingHosts.size) io.emit('hosts', [...pendingHosts.values()]);
    pendingAlerts.clear();
    pendingHosts.clear();
  };
  const schedule = () => {
    if (timer) return;
    const wait = lastFlush + 25 - Date.now();
    // Sent synchronously on the leading edge: deferring it would queue the alert behind whatever
    // large ingest batch the event loop picks up next (tens of ms).
    if (wait <= 0) flush();
    else timer = setTimeout(flush, wait);
  };
  const offs = [
    deps.bus.on('alerts', (list) => {
      for (const a of list) pendingAlerts.set(a.id, a);
      schedule();
    }),
    deps.bus.on('hosts', (list) => {
      for (const h of list) pendingHosts.set(h.key, h);
      schedule();
    }),
    deps.bus.on('reset', () => {
      pendingAlerts.clear();
      pendingHosts.clear();
      io.emit('snapshot', deps.snapshot());
    }),
  ];
  let lastCounters = 0;
  const countersTimer = setInterval(() => {
    const c = deps.counters();
    const sum = c.accepted + c.rejected + c.duplicates;
    if (sum !== lastCounters) io.emit('counters', c);
    lastCounters = sum;
  }, 1000);
  countersTimer.unref();

  return {
    io,
    async close() {
      for (const off of offs) off();
      clearInterval(countersTimer);
      if (timer) clearTimeout(timer);
      await new Promise<void>((r) => io.close(() => r()));
    },
  };
}
