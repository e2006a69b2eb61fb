import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { AppError } from '../../server/errors.ts';

describe('configuration', () => {
  it('has working defaults: port 8080, ./data/teamwatch.db, syslog 5514, demo auto, 16 MiB, 90 days', () => {
    expect(loadConfig({})).toMatchObject({ port: 8080, dbPath: './data/teamwatch.db', syslogPort: 5514, demo: 'auto', maxBodyBytes: 16 * 1024 * 1024, retentionDays: 90, ingestTokens: [] });
  });

  it('reads the environment, with sizes, durations and token lists in their usual forms', () => {
    const c = loadConfig({ TEAMWATCH_PORT: '9000', TEAMWATCH_DB: ':memory:', TEAMWATCH_INGEST_TOKENS: 'aaaaaaaaaa, bbbbbbbbbb', TEAMWATCH_SYSLOG_PORT: '0', TEAMWATCH_DEMO: 'off', TEAMWATCH_MAX_BODY: '2MiB', TEAMWATCH_LATENESS: '90s' });
    expect(c).toMatchObject({ port: 9000, dbPath: ':memory:', ingestTokens: ['aaaaaaaaaa', 'bbbbbbbbbb'], syslogPort: 0, demo: 'off', maxBodyBytes: 2 * 1024 * 1024, latenessMs: 90_000 });
  });

  it('reports every problem at once, naming each variable', () => {
    let err: unknown;
    try {
      loadConfig({ TEAMWATCH_PORT: 'eighty', TEAMWATCH_DEMO: 'sometimes', TEAMWATCH_INGEST_TOKENS: 'short' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('config_invalid');
    const msg = (err as AppError).message;
    expect(msg).toContain('TEAMWATCH_PORT');
    expect(msg).toContain('TEAMWATCH_DEMO');
    expect(msg).toContain('TEAMWATCH_INGEST_TOKENS');
  });

  it('reports an unreadable config file', () => {
    expect(() => loadConfig({ TEAMWATCH_CONFIG: '/nonexistent/teamwatch.json' })).toThrow(/TEAMWATCH_CONFIG: cannot read/);
  });
});
