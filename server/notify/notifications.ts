/**
 * Notifications at the I/O edge: subscribes to the bus's `alerts`, feeds the decision core
 * (dispatch.ts), wakes a timer when the core has something due, renders each message with its
 * receiver's notifier and hands it to delivery (deliver.ts). Messages of one (receiver, group)
 * are delivered one after another, so a resolution never overtakes the firing message it ends
 * while that one is being retried. Nothing here throws into the bus: a failure is logged.
 *
 * One instance per server (created by the composition root, no global state); `now` and `sleep`
 * are injected so tests drive time.
 */
import { randomBytes } from 'node:crypto';
import type { AlertDto } from '../contract.ts';
import type { Bus } from '../bus.ts';
import { createDispatchState, DEFAULT_DISPATCH, nextDue, observe, seed, takeDue, type DispatchOptions, type Outgoing } from './dispatch.ts';
import { createDelivery, DEFAULT_DELIVERY, realSleep, redactUrl, type DeadLetter, type DeliveryLog, type DeliveryOptions, type Message, type Sleep, type Target } from './deliver.ts';
import { baseUrl, type NotificationGroup, type WebhookFormat } from './notifier.ts';
import { notifierFor } from './index.ts';

export interface WebhookConfig {
  url: string;
  secret: string | null;
  format: WebhookFormat;
  /** Optional receiver name; default `<format>-<n>` (1-based position in the list). */
  name?: string;
}

export interface NotificationsDeps {
  webhooks: readonly WebhookConfig[];
  publicUrl: string | null;
  log: DeliveryLog;
  now?: () => number;
  sleep?: Sleep;
  dispatch?: Partial<DispatchOptions>;
  delivery?: Partial<DeliveryOptions>;
}

export interface ReceiverInfo {
  name: string;
  format: WebhookFormat;
  /** Origin only: webhook URLs carry secrets. */
  url: string;
  signed: boolean;
  delivered: number;
  failed: number;
  lastDeliveredAt: string | null;
  lastError: string | null;
}

export interface TestResult {
  receiver: string;
  format: WebhookFormat;
  ok: boolean;
  httpStatus: number | null;
  error: string | null;
}

export interface Notifications {
  receivers(): ReceiverInfo[];
  /** The bus listener: feeds alert changes in. Never throws. */
  handle(alerts: readonly AlertDto[]): void;
  /** Marks alerts already firing at start as announced (see dispatch.ts `seed`). */
  seed(firing: readonly AlertDto[]): void;
  /** Subscribes to the bus (after seeding `firing`); returns the stop function. */
  start(bus: Bus, firing?: readonly AlertDto[]): () => void;
  deadLetters(): DeadLetter[];
  /** Sends one test alert to every receiver now (one attempt, no grouping, not dead-lettered). */
  sendTest(): Promise<TestResult[]>;
  /** Resolves when no delivery is in flight (tests; graceful shutdown). */
  idle(): Promise<void>;
  stop(): void;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

export function receiverNames(webhooks: readonly WebhookConfig[]): string[] {
  const seen = new Set<string>();
  return webhooks.map((w, i) => {
    let name = w.name?.trim() || `${w.format}-${i + 1}`;
    if (seen.has(name)) name = `${name}-${i + 1}`;
    seen.add(name);
    return name;
  });
}

export function messageId(): string {
  return `msg_${randomBytes(16).toString('base64url')}`;
}

/** The alert POST /notifications/test sends: id 0 (its links point at the alert list). */
export function testAlert(nowMs: number): AlertDto {
  const at = new Date(nowMs).toISOString();
  return {
    id: 0,
    fingerprint: 'teamwatch-test',
    pattern: 'teamwatch-test',
    severity: 'info',
    status: 'firing',
    subject: { host: 'teamwatch' },
    startsAt: at,
    endsAt: null,
    updatedAt: at,
    summary: 'Test notification from teamwatch: this receiver is configured correctly.',
    expected: { summary: 'This message reaches the receiver.', values: {} },
    observed: { summary: 'It did, if you are reading it.', values: {} },
    evidence: [],
    explanation: 'Sent on request (POST /api/v1/notifications/test); no fault is involved.',
    remediation: { text: 'Nothing to do.' },
    incidentId: null,
  };
}

export function createNotifications(deps: NotificationsDeps): Notifications {
  const now = deps.now ?? Date.now;
  const dopts: DispatchOptions = { ...DEFAULT_DISPATCH, ...deps.dispatch };
  const base = baseUrl(deps.publicUrl);
  const names = receiverNames(deps.webhooks);
  const targets = new Map<string, Target>(deps.webhooks.map((w, i) => [names[i], { name: names[i], format: w.format, url: w.url, secret: w.secret || null }]));
  const stats = new Map<string, { delivered: number; failed: number; lastDeliveredAt: string | null; lastError: string | null }>(
    names.map((n) => [n, { delivered: 0, failed: 0, lastDeliveredAt: null, lastError: null }]),
  );
  const state = createDispatchState(names);
  const abort = new AbortController();
  const delivery = createDelivery({ now, sleep: deps.sleep ?? realSleep, log: deps.log, options: { ...DEFAULT_DELIVERY, ...deps.delivery }, signal: abort.signal });
  const chains = new Map<string, Promise<void>>();
  const inFlight = new Set<Promise<unknown>>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let timerAt = Infinity;
  let stopped = false;

  const track = <T>(p: Promise<T>): Promise<T> => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => {});
    return p;
  };

  function record(name: string, ok: boolean, error: string | null): void {
    const s = stats.get(name);
    if (!s) return;
    if (ok) {
      s.delivered++;
      s.lastDeliveredAt = new Date(now()).toISOString();
    } else {
      s.failed++;
      s.lastError = error;
    }
  }

  function render(target: Target, group: NotificationGroup): Message | null {
    try {
      const rendered = notifierFor(target.format).render(group);
      return { id: group.id, groupKey: group.groupKey, status: group.status, reason: group.reason, alertIds: group.alerts.map((a) => a.id), rendered };
    } catch (err) {
      deps.log.error({ receiver: target.name, groupKey: group.groupKey, err: String(err) }, 'notification could not be rendered');
      record(target.name, false, `render failed: ${String(err)}`);
      return null;
    }
  }

  function send(o: Outgoing): void {
    const target = targets.get(o.receiver);
    if (!target) return;
    const msg = render(target, { ...o, id: messageId(), externalURL: base });
    if (!msg) return;
    const key = `${o.receiver}\u0000${o.groupKey}`;
    const prev = chains.get(key) ?? Promise.resolve();
    const next = prev.then(async () => {
      const r = await delivery.deliver(target, msg);
      record(target.name, r.ok, r.error);
    });
    const settled = next.catch((err) => deps.log.error({ receiver: target.name, err: String(err) }, 'notification delivery failed'));
    chains.set(key, settled);
    void settled.finally(() => {
      if (chains.get(key) === settled) chains.delete(key);
    });
    track(settled);
  }

  function run(): void {
    timer = null;
    timerAt = Infinity;
    if (stopped) return;
    try {
      for (const o of takeDue(state, now(), dopts)) send(o);
    } catch (err) {
      deps.log.error({ err: String(err) }, 'notification dispatch failed');
    }
    schedule();
  }

  function schedule(): void {
    if (stopped) return;
    const at = nextDue(state, dopts);
    if (at === null) return;
    if (timer !== null && at >= timerAt) return;
    if (timer !== null) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(run, Math.min(MAX_TIMER_MS, Math.max(0, at - now())));
    timer.unref?.();
  }

  const api: Notifications = {
    receivers: () =>
      names.map((n) => {
        const t = targets.get(n)!;
        return { name: n, format: t.format, url: redactUrl(t.url), signed: Boolean(t.secret), ...stats.get(n)! };
      }),
    handle(alerts) {
      if (stopped || names.length === 0) return;
      try {
        observe(state, alerts, now());
        schedule();
      } catch (err) {
        deps.log.error({ err: String(err) }, 'notification dispatch failed');
      }
    },
    seed(firing) {
      try {
        seed(state, firing, now());
        schedule();
      } catch (err) {
        deps.log.error({ err: String(err) }, 'notification seeding failed');
      }
    },
    start(bus, firing = []) {
      if (names.length === 0) return () => {};
      api.seed(firing);
      const off = bus.on('alerts', (alerts) => api.handle(alerts));
      return () => {
        off();
        api.stop();
      };
    },
    deadLetters: () => delivery.deadLetters(),
    async sendTest() {
      const at = now();
      const results = await Promise.all(
        names.map(async (n): Promise<TestResult> => {
          const target = targets.get(n)!;
          const group: NotificationGroup = {
            id: messageId(),
            receiver: n,
            groupKey: '{}:{alertname="teamwatch-test"}',
            groupLabels: { alertname: 'teamwatch-test', host: '' },
            status: 'firing',
            reason: 'test',
            alerts: [testAlert(at)],
            truncatedAlerts: 0,
            externalURL: base,
          };
          const msg = render(target, group);
          if (!msg) return { receiver: n, format: target.format, ok: false, httpStatus: null, error: 'render failed' };
          const r = await track(delivery.deliver(target, msg, { attempts: 1, deadLetter: false }));
          record(n, r.ok, r.error);
          return { receiver: n, format: target.format, ok: r.ok, httpStatus: r.httpStatus, error: r.error };
        }),
      );
      return results;
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      abort.abort();
    },
  };
  return api;
}
