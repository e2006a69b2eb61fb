/**
 * The notifier registry: one line per channel. Adding a channel is one file exporting a Notifier
 * (see notifier.ts) plus one line here (and its name in the config's `format` enum).
 */
import type { Notifier, WebhookFormat } from './notifier.ts';
import { alertmanager } from './alertmanager.ts';
import { teams } from './teams.ts';
import { slack } from './slack.ts';
import { generic } from './generic.ts';

export const NOTIFIERS: readonly Notifier[] = [alertmanager, teams, slack, generic];

export function notifierFor(format: WebhookFormat): Notifier {
  const n = NOTIFIERS.find((x) => x.id === format);
  if (!n) throw new Error(`No notifier for webhook format '${format}'.`);
  return n;
}

export type { Notifier, NotificationGroup, Rendered, WebhookFormat } from './notifier.ts';
