/**
 * The feature modules plugged into the server: the correlation engine with its alert API, the
 * host-state view, and (when enabled) the demo fleet. The collection layer runs without any of
 * them; each feature adds itself here.
 */
import { Router } from 'express';
import type { Config } from './config.ts';
import type { Extensions, Logger } from './server.ts';
import { createEngine, type Engine } from './engine/handle.ts';
import { simulatorPredictor } from './engine/predictor.ts';
import { PATTERNS } from './patterns/index.ts';
import { alertsReadRouter, alertsWriteRouter, engineOf } from './http/alerts.ts';
import { hostState } from './views/host-state.ts';
import { latestInventory } from './http/collection.ts';
import { query } from './http/query.ts';
import { AppError } from './errors.ts';
import type { Runtime } from './context.ts';
import { startDemoFleet } from './demo.ts';
import { statsRouter } from './http/stats.ts';
import { createNotifications, type NotificationsDeps } from './notify/notifications.ts';
import { notificationsRouter } from './http/notifications.ts';

function hostStateRouter(rt: Runtime): Router {
  const r = Router();
  r.get('/hosts/:host/state', (req, res) => {
    const c = rt.current();
    const e = engineOf(c);
    const at = query.time(req, 'at');
    const inv = at !== undefined ? latestInventory(c, String(req.params.host), at) : null;
    const dto = hostState(e.state, String(req.params.host), inv?.inventory ?? null, inv?.at ?? null);
    if (!dto) throw new AppError('not_found', `No inventory for host '${String(req.params.host).slice(0, 100)}'.`);
    res.json(dto);
  });
  return r;
}

export function extensions(config: Readonly<Config>, log: Logger, opts: { wallNow?: () => number; notifyDispatch?: NotificationsDeps['dispatch'] } = {}): Extensions {
  const wallNow = opts.wallNow ?? Date.now;
  const notifications = createNotifications({ webhooks: config.webhooks, publicUrl: config.publicUrl, log, now: wallNow, dispatch: opts.notifyDispatch });
  return {
    engineFactory: ({ name, db, stores, bus }) =>
      createEngine({ name, db, stores, bus, patterns: PATTERNS, predictor: simulatorPredictor(), settings: { l2Domains: config.l2Domains }, latenessMs: config.latenessMs, wallNow }),
    health: (ctx, key) => (ctx.engine ? (ctx.engine as Engine).hostHealth(key) : { health: 'unknown', firing: 0 }),
    readRouters: (rt) => [alertsReadRouter(rt), hostStateRouter(rt), statsRouter(rt)],
    writeRouters: (rt, tokens) => [alertsWriteRouter(rt, tokens), notificationsRouter(notifications, tokens)],
    snapshotAlerts: (ctx) => {
      if (!ctx.engine) return [];
      const e = ctx.engine as Engine;
      return e.activeAlerts().filter((a) => a.status === 'firing').map((a) => e.dto(a));
    },
    startDemo: (_rt, token, baseUrl) => startDemoFleet(baseUrl, token, log),
    // Webhooks follow the real data only; alerts already firing at start count as announced.
    onStarted: (rt, bus) => {
      const e = rt.real().engine as Engine | null;
      const firing = e ? e.activeAlerts().filter((a) => a.status === 'firing' && !a.suppressedBy).map((a) => e.dto(a)) : [];
      return notifications.start(bus, firing);
    },
    engineInfo: (ctx) => {
      if (!ctx.engine) return { engineTime: null, firing: 0 };
      const e = ctx.engine as Engine;
      let firing = 0;
      for (const a of e.state.active.values()) if (a.status === 'firing') firing++;
      return { engineTime: e.state.clock, firing };
    },
  };
}
