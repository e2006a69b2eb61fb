/**
 * Composition root only: config → server (db, engine, http/socket, syslog, demo) → signals.
 */
import pino from 'pino';
import { loadConfig } from './config.ts';
import { startServer } from './server.ts';
import { AppError } from './errors.ts';
import { extensions } from './extensions.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof AppError) {
      process.stderr.write(`teamwatch: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const log = pino({ level: config.logLevel, base: undefined });
  const server = await startServer(config, log, extensions(config, log));
  log.info({ url: `http://localhost:${server.port}`, db: config.dbPath, demo: server.runtime.isDemoActive() }, 'teamwatch listening');
  if (server.generatedToken) {
    // Printed once, on the run that generated it; afterwards it is only in the database.
    process.stdout.write(
      `\nNo TEAMWATCH_INGEST_TOKENS set: generated an ingest token (stored in ${config.dbPath}; shown only now):\n\n    ${server.ingestToken}\n\n`,
    );
  }
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err: String(err) }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`teamwatch: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
