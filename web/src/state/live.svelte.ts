/**
 * The live picture: one socket.io connection, the snapshot it sends on every (re)connection, and
 * the deltas after it. Deltas are buffered and applied in one batch at most every FLUSH_MS, so
 * 50 alert updates a second cost a handful of re-renders, not fifty. Hosts and alerts are kept as
 * immutable objects in `$state.raw` arrays: an unchanged host keeps its identity, so its tile does
 * no work when others change.
 *
 * Freshness: the data is "live" only between a snapshot and the next disconnect. On disconnect the
 * state turns "stale" at once (staleSince = the moment it was last known fresh); socket.io
 * reconnects by itself, the server sends a new snapshot, and the state is live again. If a
 * connection comes up without a snapshot, one is asked for with `resync`.
 */
import { io, type Socket } from 'socket.io-client';
import type { AlertDto, ClientToServerEvents, HostSummaryDto, IngestCounters, ServerToClientEvents, Snapshot } from '../contract.ts';
import { compareAlerts } from '../lib/format.ts';
import { alertHostKeys, hostKeyOf, teamDegraded } from '../lib/hosts.ts';
import type { Auth } from './auth.ts';

export type Connection = 'connecting' | 'live' | 'stale';

export interface LiveListener {
  /** Raw alert changes as they arrive (every status, including resolved), batched. */
  alerts?(changes: AlertDto[]): void;
  /** A fresh snapshot replaced everything (first connect or reconnect): re-fetch what you list. */
  snapshot?(s: Snapshot): void;
}

export interface HostBadge {
  count: number;
  severity: 'critical' | 'warning' | 'info';
}

/**
 * One wall tile: a host with its firing-alert badge. A tile whose host and badge did not change
 * keeps its object identity across updates, so keyed each blocks skip it entirely.
 */
export interface HostTileModel {
  host: HostSummaryDto;
  count: number;
  severity: HostBadge['severity'] | null;
}

const FLUSH_MS = 250;
const RESYNC_AFTER_MS = 3000;

function byClusterThenName(a: HostSummaryDto, b: HostSummaryDto): number {
  return (a.cluster ?? '\uffff').localeCompare(b.cluster ?? '\uffff') || a.name.localeCompare(b.name);
}

export class LiveState {
  connection = $state<Connection>('connecting');
  /** Local epoch ms when the data was last known fresh; set while stale. */
  staleSince = $state<number | null>(null);
  /** Whether a snapshot has ever arrived (before that, views show "connecting"). */
  ready = $state(false);
  demo = $state(false);
  /** Server clock minus local clock, ms, from the last snapshot (for ages). */
  skewMs = $state(0);
  hosts = $state.raw<HostSummaryDto[]>([]);
  /** Alerts that are not resolved (pending and firing), in wall order. */
  alerts = $state.raw<AlertDto[]>([]);
  counters = $state.raw<IngestCounters | null>(null);
  /** Total deltas applied (for diagnostics and the perf script). */
  deltas = 0;

  firing = $derived(this.alerts.filter((a) => a.status === 'firing'));
  badges = $derived.by(() => {
    const m = new Map<string, HostBadge>();
    for (const a of this.firing) {
      for (const k of alertHostKeys(a)) {
        const b = m.get(k);
        if (!b) m.set(k, { count: 1, severity: a.severity });
        else {
          b.count++;
          if (a.severity === 'critical' || (a.severity === 'warning' && b.severity === 'info')) b.severity = a.severity;
        }
      }
    }
    return m;
  });
  #tileCache = new Map<string, HostTileModel>();
  /** Hosts in cluster/name order with their badges, for the wall. */
  tiles = $derived.by(() => {
    const badges = this.badges;
    const next = new Map<string, HostTileModel>();
    const out = this.hosts.map((host) => {
      const b = badges.get(host.key || hostKeyOf(host.name));
      const prev = this.#tileCache.get(host.name);
      const count = b?.count ?? 0;
      const severity = b?.severity ?? null;
      const t = prev && prev.host === host && prev.count === count && prev.severity === severity ? prev : { host, count, severity };
      next.set(host.name, t);
      return t;
    });
    this.#tileCache = next;
    return out;
  });
  counts = $derived.by(() => {
    let critical = 0,
      warning = 0,
      info = 0,
      pending = 0,
      teams = 0,
      teamsDegraded = 0;
    for (const a of this.alerts) {
      if (a.status === 'pending') pending++;
      else if (a.severity === 'critical') critical++;
      else if (a.severity === 'warning') warning++;
      else info++;
    }
    for (const h of this.hosts)
      for (const t of h.teams) {
        teams++;
        if (teamDegraded(t)) teamsDegraded++;
      }
    return { hosts: this.hosts.length, critical, warning, info, pending, teams, teamsDegraded };
  });

  #socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  #hostMap = new Map<string, HostSummaryDto>();
  #alertMap = new Map<number, AlertDto>();
  #pendingAlerts: AlertDto[] = [];
  #pendingHosts: HostSummaryDto[] = [];
  #flushTimer: ReturnType<typeof setTimeout> | null = null;
  #resyncTimer: ReturnType<typeof setTimeout> | null = null;
  #listeners = new Set<LiveListener>();

  constructor(private readonly auth: Auth) {}

  connect(): void {
    if (this.#socket) return;
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
      transports: ['websocket'],
      auth: this.auth.token ? { token: this.auth.token } : undefined,
      reconnectionDelay: 500,
      reconnectionDelayMax: 3000,
      // A connection attempt that hangs (rather than fails) would otherwise block reconnection for
      // socket.io's default 20 s: a wall display must come back within seconds.
      timeout: 4000,
    });
    this.#socket = socket;
    socket.on('connect', () => {
      this.#clearResync();
      this.#resyncTimer = setTimeout(() => socket.emit('resync'), RESYNC_AFTER_MS);
    });
    socket.on('disconnect', (reason) => {
      this.#clearResync();
      this.#markStale();
      // The server closed us on purpose (restart, auth): socket.io does not retry that by itself.
      if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 1000);
    });
    socket.on('connect_error', () => {
      if (this.connection !== 'live') this.#markStale();
    });
    socket.on('snapshot', (s) => this.#applySnapshot(s));
    socket.on('alerts', (changes) => {
      this.#pendingAlerts.push(...changes);
      this.#scheduleFlush();
    });
    socket.on('hosts', (changes) => {
      this.#pendingHosts.push(...changes);
      this.#scheduleFlush();
    });
    socket.on('counters', (c) => (this.counters = c));
  }

  disconnect(): void {
    this.#socket?.disconnect();
    this.#socket = null;
  }

  /** Asks the server for a fresh snapshot (e.g. after the tab slept). */
  resync(): void {
    this.#socket?.emit('resync');
  }

  subscribe(l: LiveListener): () => void {
    this.#listeners.add(l);
    return () => this.#listeners.delete(l);
  }

  /** Server "now" in local epoch ms terms, for ages. */
  serverNow(localNow: number): number {
    return localNow + this.skewMs;
  }

  host(name: string): HostSummaryDto | undefined {
    return this.#hostMap.get(name) ?? this.#hostMap.get(hostKeyOf(name));
  }

  #markStale(): void {
    if (this.connection === 'stale') return;
    this.connection = 'stale';
    this.staleSince = this.ready ? Date.now() : null;
  }

  #clearResync(): void {
    if (this.#resyncTimer !== null) clearTimeout(this.#resyncTimer);
    this.#resyncTimer = null;
  }

  #applySnapshot(s: Snapshot): void {
    this.#clearResync();
    if (this.#flushTimer !== null) clearTimeout(this.#flushTimer);
    this.#flushTimer = null;
    this.#pendingAlerts = [];
    this.#pendingHosts = [];
    this.#hostMap = new Map(s.hosts.map((h) => [h.key || h.name, h]));
    this.#alertMap = new Map(s.alerts.filter((a) => a.status !== 'resolved').map((a) => [a.id, a]));
    const skew = Date.parse(s.serverTime) - Date.now();
    this.skewMs = Number.isFinite(skew) ? skew : 0;
    this.demo = s.demo;
    this.counters = s.counters;
    this.#publish();
    this.connection = 'live';
    this.staleSince = null;
    this.ready = true;
    for (const l of this.#listeners) l.snapshot?.(s);
  }

  #scheduleFlush(): void {
    if (this.#flushTimer === null) this.#flushTimer = setTimeout(() => this.#flush(), FLUSH_MS);
  }

  #flush(): void {
    this.#flushTimer = null;
    const alerts = this.#pendingAlerts;
    const hosts = this.#pendingHosts;
    this.#pendingAlerts = [];
    this.#pendingHosts = [];
    this.deltas += alerts.length + hosts.length;
    for (const h of hosts) this.#hostMap.set(h.key || h.name, h);
    for (const a of alerts) {
      const prev = this.#alertMap.get(a.id);
      // Deltas can arrive out of order across coalescing windows; keep the newest.
      if (prev && Date.parse(prev.updatedAt) > Date.parse(a.updatedAt)) continue;
      if (a.status === 'resolved') this.#alertMap.delete(a.id);
      else this.#alertMap.set(a.id, a);
    }
    this.#publish(hosts.length > 0, alerts.length > 0);
    if (alerts.length > 0) for (const l of this.#listeners) l.alerts?.(alerts);
  }

  #publish(hostsChanged = true, alertsChanged = true): void {
    if (hostsChanged) this.hosts = [...this.#hostMap.values()].sort(byClusterThenName);
    if (alertsChanged) this.alerts = [...this.#alertMap.values()].sort(compareAlerts);
  }
}

