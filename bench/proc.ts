/** Starts the real server as a separate process for benchmarks, and a bounded POST load loop. */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BENCH_TOKEN = 'bench-token-0123456789';

export interface ServerProc {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export function startServerProcess(dbPath: string, env: Record<string, string> = {}): Promise<ServerProc> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, TEAMWATCH_PORT: '0', TEAMWATCH_BIND: '127.0.0.1', TEAMWATCH_DB: dbPath, TEAMWATCH_DEMO: 'off', TEAMWATCH_SYSLOG_PORT: '0', TEAMWATCH_INGEST_TOKENS: BENCH_TOKEN, TEAMWATCH_LOG_LEVEL: 'info', TEAMWATCH_MAX_BODY: '64MiB', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /"url":"(http:\/\/localhost:\d+)"/.exec(out);
      if (m && timer) {
        clearTimeout(timer);
        out = '';
        resolve({
          url: m[1],
          child,
          stop: () =>
            new Promise<void>((r) => {
              child.once('exit', () => r());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

/** Posts bodies from `next()` on `conns` connections for `seconds`; counts accepted records. */
export async function postLoop(server: ServerProc, seconds: number, conns: number, next: () => string, query = ''): Promise<{ acceptedPerSec: number; requests: number; latenciesMs: number[] }> {
  const end = performance.now() + seconds * 1000;
  let accepted = 0;
  let requests = 0;
  const latenciesMs: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: conns }, async () => {
      while (performance.now() < end) {
        const body = next();
        const t = performance.now();
        const res = await fetch(`${server.url}/api/v1/ingest${query}`, { method: 'POST', headers: { authorization: `Bearer ${BENCH_TOKEN}` }, body });
        const j = (await res.json()) as { accepted?: number };
        latenciesMs.push(performance.now() - t);
        if (res.status !== 200) throw new Error(`ingest failed: ${res.status} ${JSON.stringify(j)}`);
        accepted += j.accepted ?? 0;
        requests++;
      }
    }),
  );
  return { acceptedPerSec: accepted / ((performance.now() - started) / 1000), requests, latenciesMs };
}

export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
