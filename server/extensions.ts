/**
 * The feature modules plugged into the server (engine, alert API, demo fleet, notifiers). The
 * collection layer runs without any of them; each later feature adds itself here.
 */
import type { Config } from './config.ts';
import type { Extensions, Logger } from './server.ts';

export function extensions(_config: Readonly<Config>, _log: Logger): Extensions {
  return {};
}
