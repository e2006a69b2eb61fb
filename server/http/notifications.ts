/**
 * The notifications API, mounted under /api/v1 among the routers that do their own auth:
 *
 *   GET  /notifications/dead-letter  (read)   receivers (origin only, delivery counts, last error)
 *                                              and the last failed deliveries, newest first
 *   POST /notifications/test         (ingest) one test alert to every receiver, one attempt each;
 *                                              200 with a result per receiver
 */
import { Router } from 'express';
import type { TokenSets } from './auth.ts';
import { requireIngest, requireRead } from './auth.ts';
import { AppError } from '../errors.ts';
import type { DeadLetter } from '../notify/deliver.ts';
import type { Notifications, ReceiverInfo, TestResult } from '../notify/notifications.ts';

export interface DeadLetterResponse {
  receivers: ReceiverInfo[];
  deadLetters: DeadLetter[];
}

export interface TestResponse {
  results: TestResult[];
}

export function notificationsRouter(n: Notifications, tokens: TokenSets): Router {
  const r = Router();
  r.get('/notifications/dead-letter', requireRead(tokens), (_req, res) => {
    const body: DeadLetterResponse = { receivers: n.receivers(), deadLetters: n.deadLetters() };
    res.json(body);
  });
  r.post('/notifications/test', requireIngest(tokens), async (_req, res) => {
    if (n.receivers().length === 0) throw new AppError('conflict', 'No webhook receivers are configured (TEAMWATCH_WEBHOOKS).');
    const body: TestResponse = { results: await n.sendTest() };
    res.json(body);
  });
  return r;
}
