/**
 * What to notify, and when: the pure decision core of notifications. It sees every alert change
 * the bus carries and decides, per receiver, which alerts to announce together:
 *
 *  - only transitions to `firing` (the first time an alert is seen firing and notifiable) and to
 *    `resolved` (of alerts whose firing was announced to that receiver);
 *  - never `pending`, never alerts with `suppressedBy` (inhibited or silenced), never `demo`;
 *  - alerts group by (pattern, host); a group's announcements wait `groupWaitMs` after the first
 *    one (a storm becomes one message; an alert that fires and resolves inside the wait is never
 *    sent), and at least `groupIntervalMs` after the group's previous message;
 *  - a group with alerts still firing is re-sent every `repeatIntervalMs`;
 *  - an alert id + status is announced once per receiver (dedup); later changes of an announced
 *    alert (ack, evidence) are not re-announced.
 *
 * The state is plain data mutated by `observe` and `takeDue`; time is a parameter; no I/O. The
 * edge that subscribes to the bus, runs the timer and delivers is notifications.ts.
 */
import type { AlertDto } from '../contract.ts';
import { hostOf, type NotificationGroup } from './notifier.ts';
import { byAnnouncement } from './text.ts';

export interface DispatchOptions {
  groupWaitMs: number;
  groupIntervalMs: number;
  repeatIntervalMs: number;
  /** Most alerts in one message; the rest are counted in `truncatedAlerts` and not sent. */
  maxAlerts: number;
}

export const DEFAULT_DISPATCH: DispatchOptions = {
  groupWaitMs: 5_000,
  groupIntervalMs: 30_000,
  repeatIntervalMs: 4 * 3_600_000,
  maxAlerts: 50,
};

interface Track {
  group: string;
  /** `queued`: waiting in its group; `sent`: its firing was announced. */
  firing: 'queued' | 'sent';
  resolvedQueued: boolean;
}

interface Group {
  labels: { alertname: string; host: string };
  /** Announcements waiting for the group's flush, latest DTO per alert id. */
  queued: Map<number, AlertDto>;
  queuedSince: number | null;
  lastSentAt: number | null;
  /** Announced, still firing and not suppressed: what a repeat re-sends. */
  firing: Map<number, AlertDto>;
  /** When the group's repeat clock started (its first firing message, or the last repeat). */
  repeatFrom: number | null;
}

interface ReceiverState {
  groups: Map<string, Group>;
  tracks: Map<number, Track>;
}

export interface DispatchState {
  receivers: Map<string, ReceiverState>;
}

/** One message to send: everything of a NotificationGroup except its id and links. */
export type Outgoing = Omit<NotificationGroup, 'id' | 'externalURL'>;

export function createDispatchState(receivers: readonly string[]): DispatchState {
  return { receivers: new Map(receivers.map((r) => [r, { groups: new Map(), tracks: new Map() }])) };
}

export function groupLabels(a: AlertDto): { alertname: string; host: string } {
  return { alertname: a.pattern, host: hostOf(a) };
}

/** Alertmanager's group key form for the route `{}` grouped by alertname and host. */
export function groupKey(labels: { alertname: string; host: string }): string {
  const parts = [`alertname=${JSON.stringify(labels.alertname)}`];
  if (labels.host) parts.push(`host=${JSON.stringify(labels.host)}`);
  return `{}:{${parts.join(', ')}}`;
}

function groupOf(r: ReceiverState, a: AlertDto): [string, Group] {
  const labels = groupLabels(a);
  const key = groupKey(labels);
  let g = r.groups.get(key);
  if (!g) {
    g = { labels, queued: new Map(), queuedSince: null, lastSentAt: null, firing: new Map(), repeatFrom: null };
    r.groups.set(key, g);
  }
  return [key, g];
}

function enqueue(g: Group, a: AlertDto, now: number): void {
  g.queued.set(a.id, a);
  if (g.queuedSince === null) g.queuedSince = now;
}

function unqueue(g: Group, id: number): void {
  g.queued.delete(id);
  if (g.queued.size === 0) g.queuedSince = null;
}

function observeOne(r: ReceiverState, a: AlertDto, now: number): void {
  const t = r.tracks.get(a.id);
  if (a.suppressedBy || a.status === 'pending') {
    if (!t) return;
    const g = r.groups.get(t.group);
    if (t.firing === 'queued') {
      // Suppressed before its firing was announced: forget it; it is announced if it fires
      // again unsuppressed.
      if (g) unqueue(g, a.id);
      r.tracks.delete(a.id);
    } else {
      g?.firing.delete(a.id);
      if (t.resolvedQueued && g) unqueue(g, a.id);
      t.resolvedQueued = false;
      if (a.status === 'resolved') r.tracks.delete(a.id);
    }
    return;
  }
  if (a.status === 'firing') {
    if (!t) {
      const [key, g] = groupOf(r, a);
      r.tracks.set(a.id, { group: key, firing: 'queued', resolvedQueued: false });
      enqueue(g, a, now);
      return;
    }
    const g = r.groups.get(t.group) ?? groupOf(r, a)[1];
    if (t.firing === 'queued') g.queued.set(a.id, a);
    else {
      // Announced before (e.g. unsuppressed again): back in the repeat set, not re-announced.
      g.firing.set(a.id, a);
      if (g.repeatFrom === null) g.repeatFrom = now;
    }
    return;
  }
  // resolved
  if (!t) return;
  const g = r.groups.get(t.group);
  if (t.firing === 'queued') {
    // Fired and resolved within the group wait: never sent (Alertmanager's group_wait damping).
    if (g) unqueue(g, a.id);
    r.tracks.delete(a.id);
    return;
  }
  const grp = g ?? groupOf(r, a)[1];
  grp.firing.delete(a.id);
  if (!t.resolvedQueued) {
    t.resolvedQueued = true;
    enqueue(grp, a, now);
  } else grp.queued.set(a.id, a);
}

/** Feeds alert changes (a bus `alerts` event) into the state. Demo alerts are ignored. */
export function observe(state: DispatchState, alerts: readonly AlertDto[], now: number): void {
  for (const a of alerts) {
    if (a.demo) continue;
    for (const r of state.receivers.values()) observeOne(r, a, now);
  }
}

/**
 * Alerts already firing when notifications start (after a restart) count as announced: they are
 * not sent again now, their resolution is, and the repeat interval re-sends them.
 */
export function seed(state: DispatchState, firing: readonly AlertDto[], now: number): void {
  for (const a of firing) {
    if (a.demo || a.suppressedBy || a.status !== 'firing') continue;
    for (const r of state.receivers.values()) {
      if (r.tracks.has(a.id)) continue;
      const [key, g] = groupOf(r, a);
      r.tracks.set(a.id, { group: key, firing: 'sent', resolvedQueued: false });
      g.firing.set(a.id, a);
      if (g.repeatFrom === null) g.repeatFrom = now;
    }
  }
}

function queuedDue(g: Group, o: DispatchOptions): number | null {
  if (g.queuedSince === null) return null;
  const wait = g.queuedSince + o.groupWaitMs;
  return g.lastSentAt === null ? wait : Math.max(wait, g.lastSentAt + o.groupIntervalMs);
}

function repeatDue(g: Group, o: DispatchOptions): number | null {
  return g.firing.size > 0 && g.repeatFrom !== null ? g.repeatFrom + o.repeatIntervalMs : null;
}

/** When `takeDue` next has something to send, or null when nothing is waiting. */
export function nextDue(state: DispatchState, o: DispatchOptions): number | null {
  let next: number | null = null;
  for (const r of state.receivers.values()) {
    for (const g of r.groups.values()) {
      for (const t of [queuedDue(g, o), repeatDue(g, o)]) if (t !== null && (next === null || t < next)) next = t;
    }
  }
  return next;
}

/** Takes the messages due at `now` and records them as sent. */
export function takeDue(state: DispatchState, now: number, o: DispatchOptions): Outgoing[] {
  const out: Outgoing[] = [];
  for (const [receiver, r] of state.receivers) {
    for (const [key, g] of r.groups) {
      const q = queuedDue(g, o);
      const rep = repeatDue(g, o);
      const newDue = q !== null && q <= now;
      const repeatNow = rep !== null && rep <= now;
      if (newDue || repeatNow) {
        const alerts = new Map<number, AlertDto>();
        if (newDue) for (const [id, a] of g.queued) alerts.set(id, a);
        if (repeatNow) for (const [id, a] of g.firing) if (!alerts.has(id)) alerts.set(id, a);
        if (newDue) {
          for (const a of g.queued.values()) {
            const t = r.tracks.get(a.id);
            if (a.status === 'firing') {
              if (t) t.firing = 'sent';
              g.firing.set(a.id, a);
            } else r.tracks.delete(a.id);
          }
          g.queued.clear();
          g.queuedSince = null;
        }
        if (repeatNow || (g.repeatFrom === null && g.firing.size > 0)) g.repeatFrom = now;
        if (g.firing.size === 0) g.repeatFrom = null;
        g.lastSentAt = now;
        const sorted = [...alerts.values()].sort(byAnnouncement);
        const shown = sorted.slice(0, Math.max(1, o.maxAlerts));
        out.push({
          receiver,
          groupKey: key,
          groupLabels: { ...g.labels },
          status: shown.some((a) => a.status === 'firing') ? 'firing' : 'resolved',
          reason: newDue ? 'new' : 'repeat',
          alerts: shown,
          truncatedAlerts: sorted.length - shown.length,
        });
      }
      if (g.queued.size === 0 && g.firing.size === 0) r.groups.delete(key);
    }
  }
  return out;
}
