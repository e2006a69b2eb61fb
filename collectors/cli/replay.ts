/**
 * `teamwatch replay`: re-runs the correlation engine over the stored observations of a database
 * and rebuilds its alerts, transitions and incidents (silences are kept). Replay feeds the same
 * batches live processing saw, in the same order, with the same recorded ticks, so on unchanged
 * patterns it reproduces exactly what live processing stored; after a pattern change it shows
 * what the new rules would have said about the past. Run it with the server stopped.
 */
import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import type { Command } from './command.ts';
import { UsageError } from './command.ts';
import { openDb } from '../../db/open.ts';
import { createStores } from '../../server/stores.ts';
import { replayInto } from '../../server/engine/handle.ts';
import { simulatorPredictor } from '../../server/engine/predictor.ts';
import { PATTERNS } from '../../server/patterns/index.ts';
import { parseInstant } from '../../server/model/time.ts';

function time(v: string | true | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const t = typeof v === 'string' ? parseInstant(v) : null;
  if (!t) throw new UsageError(`--${name} needs an ISO-8601 time (got '${String(v)}').`);
  return t.ms;
}

export const replayCommand: Command = {
  name: 'replay',
  summary: 'rebuild the alerts of a database by re-running the engine over stored history',
  usage: '[--db PATH] [--from TIME] [--to TIME]',
  options: [
    { name: 'db', value: 'PATH', help: 'database file (default: TEAMWATCH_DB or ./data/teamwatch.db)' },
    { name: 'from', value: 'TIME', help: 'replay observations from this time (ISO-8601)' },
    { name: 'to', value: 'TIME', help: 'replay observations before this time (ISO-8601)' },
  ],
  details: 'Stop the server first: replay rewrites the alert tables of the database.',
  async run(args, io) {
    const dbPath = resolve(io.cwd, typeof args.options.db === 'string' ? args.options.db : (io.env.TEAMWATCH_DB ?? './data/teamwatch.db'));
    if (!existsSync(dbPath)) throw new UsageError(`No database at ${dbPath}.`);
    const from = time(args.options.from, 'from');
    const to = time(args.options.to, 'to');
    const db = openDb(dbPath);
    try {
      const started = performance.now();
      const r = replayInto({ name: 'real', db, stores: createStores(db), patterns: PATTERNS, predictor: simulatorPredictor(), settings: { l2Domains: [] }, latenessMs: 0, from, to });
      io.out(`replayed ${dbPath}: ${r.alerts} alerts, ${r.transitions} transitions in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
      return 0;
    } finally {
      db.close();
    }
  },
};
