/**
 * Configuration: environment variables, optionally a JSON file (TEAMWATCH_CONFIG) underneath them,
 * validated once at start into one frozen Config. Every problem is reported at once, naming the
 * variable and what was wrong. Documented in docs/configuration.md.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from './errors.ts';

export interface Config {
  port: number;
  bind: string;
  dbPath: string;
  demoDbPath: string;
  /** Bearer tokens accepted for ingest and write actions; empty = generate one on first run. */
  ingestTokens: string[];
  /** Optional view-only tokens; when none and no `requireReadAuth`, reads are open. */
  readTokens: string[];
  requireReadAuth: boolean;
  syslogPort: number;
  syslogBind: string;
  demo: 'auto' | 'on' | 'off';
  maxBodyBytes: number;
  retentionDays: number;
  latenessMs: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  publicUrl: string | null;
  webhooks: { name?: string; url: string; secret: string | null; format: 'alertmanager' | 'teams' | 'slack' | 'generic' }[];
  /** Operator-declared separate L2 domains (host-name lists) for mac-pool-overlap. */
  l2Domains: string[][];
}

const ENV_MAP: Record<string, keyof Config> = {
  TEAMWATCH_PORT: 'port',
  TEAMWATCH_BIND: 'bind',
  TEAMWATCH_DB: 'dbPath',
  TEAMWATCH_DEMO_DB: 'demoDbPath',
  TEAMWATCH_INGEST_TOKENS: 'ingestTokens',
  TEAMWATCH_READ_TOKENS: 'readTokens',
  TEAMWATCH_REQUIRE_READ_AUTH: 'requireReadAuth',
  TEAMWATCH_SYSLOG_PORT: 'syslogPort',
  TEAMWATCH_SYSLOG_BIND: 'syslogBind',
  TEAMWATCH_DEMO: 'demo',
  TEAMWATCH_MAX_BODY: 'maxBodyBytes',
  TEAMWATCH_RETENTION_DAYS: 'retentionDays',
  TEAMWATCH_LATENESS: 'latenessMs',
  TEAMWATCH_LOG_LEVEL: 'logLevel',
  TEAMWATCH_PUBLIC_URL: 'publicUrl',
  TEAMWATCH_WEBHOOKS: 'webhooks',
};

const port = z.coerce.number().int().min(0).max(65535);
const csv = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v),
  z.array(z.string().min(8, 'each token needs at least 8 characters')),
);
const bool = z.preprocess((v) => (typeof v === 'string' ? ['1', 'true', 'yes', 'on'].includes(v.toLowerCase()) : v), z.boolean());

/** `16MiB`, `512kb`, `1048576` → bytes. */
const size = z.preprocess((v) => {
  if (typeof v !== 'string') return v;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|kib|mb|mib|gb|gib)?\s*$/i.exec(v);
  if (!m) return v;
  const unit = (m[2] ?? 'b').toLowerCase();
  const mult = unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 ** 2 : unit.startsWith('g') ? 1024 ** 3 : 1;
  return Math.round(Number(m[1]) * mult);
}, z.number().int().min(1024, 'at least 1 KiB'));

/** `90s`, `5m`, `2h`, `300000` → milliseconds. */
export function parseDuration(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/i.exec(v);
  if (!m) return v;
  const mult = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(m[2] ?? 'ms').toLowerCase() as 'ms'];
  return Math.round(Number(m[1]) * mult);
}

const webhook = z.object({
  name: z.string().min(1).max(100).optional(),
  url: z.url(),
  secret: z.string().nullable().default(null),
  format: z.enum(['alertmanager', 'teams', 'slack', 'generic']).default('alertmanager'),
});

const schema = z.object({
  port: port.default(8080),
  bind: z.string().default('0.0.0.0'),
  dbPath: z.string().min(1).default('./data/teamwatch.db'),
  demoDbPath: z.string().min(1).default('./data/teamwatch-demo.db'),
  ingestTokens: csv.default([]),
  readTokens: csv.default([]),
  requireReadAuth: bool.default(false),
  syslogPort: port.default(5514),
  syslogBind: z.string().default('0.0.0.0'),
  demo: z.enum(['auto', 'on', 'off']).default('auto'),
  maxBodyBytes: size.default(16 * 1024 * 1024),
  retentionDays: z.coerce.number().int().min(1).max(36500).default(90),
  latenessMs: z.preprocess(parseDuration, z.number().int().min(0).max(86_400_000)).default(300_000),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  publicUrl: z.url().nullable().default(null),
  webhooks: z.preprocess((v) => (typeof v === 'string' ? safeJson(v) : v), z.array(webhook)).default([]),
  l2Domains: z.array(z.array(z.string())).default([]),
});

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v.split(',').filter(Boolean).map((url) => ({ url: url.trim() }));
  }
}

/**
 * Builds the config from `env` (and the JSON file it names). Throws AppError('config_invalid')
 * listing every problem, each as `VARIABLE: what is wrong`.
 */
export function loadConfig(env: Record<string, string | undefined>, overrides: Partial<Config> = {}): Readonly<Config> {
  const problems: string[] = [];
  let fileValues: Record<string, unknown> = {};
  if (env.TEAMWATCH_CONFIG) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(env.TEAMWATCH_CONFIG, 'utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) problems.push('TEAMWATCH_CONFIG: the file must hold a JSON object');
      else fileValues = parsed as Record<string, unknown>;
    } catch (err) {
      problems.push(`TEAMWATCH_CONFIG: cannot read ${env.TEAMWATCH_CONFIG}: ${(err as Error).message}`);
    }
  }
  const raw: Record<string, unknown> = { ...fileValues };
  for (const [name, key] of Object.entries(ENV_MAP)) {
    const v = env[name];
    if (v !== undefined && v !== '') raw[key] = v;
  }
  Object.assign(raw, overrides);
  const result = schema.safeParse(raw);
  if (!result.success) {
    const byKey = Object.fromEntries(Object.entries(ENV_MAP).map(([k, v]) => [v, k]));
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? '');
      problems.push(`${byKey[key] ?? key}: ${issue.message} (got ${JSON.stringify(raw[key])})`);
    }
  }
  if (problems.length > 0) {
    throw new AppError('config_invalid', `Invalid configuration:\n  - ${problems.join('\n  - ')}`, problems);
  }
  return Object.freeze(result.data!) as Readonly<Config>;
}
