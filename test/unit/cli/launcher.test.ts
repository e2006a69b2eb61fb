import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/fixtures.ts';
import { okAnswer, startRecordingServer, type RecordingServer } from './recording-server.ts';

const LAUNCHER = join(REPO_ROOT, 'collectors/cli/teamwatch.mjs');

/** Runs the bin the way npx/npm link do: plain node on the .mjs, from an unrelated folder. */
function launch(args: string[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LAUNCHER, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('the teamwatch launcher (collectors/cli/teamwatch.mjs)', () => {
  let server: RecordingServer;
  let dir: string;
  beforeAll(async () => {
    server = await startRecordingServer();
    dir = mkdtempSync(join(tmpdir(), 'teamwatch-bin-'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    [['--help'], 0, 'Usage: teamwatch <command>'],
    [['import', '--help'], 0, 'Usage: teamwatch import'],
    [['frobnicate'], 2, "unknown command 'frobnicate'"],
  ])('runs %j from another folder and passes exit code %d through', async (args, code, text) => {
    const r = await launch(args, dir);
    expect(r.code).toBe(code);
    expect(r.out + r.err).toContain(text);
  });

  it('imports a file relative to the caller’s folder', async () => {
    writeFileSync(join(dir, 'arp.txt'), 'Interface: 10.0.0.1 --- 0x7\n');
    server.handle(() => okAnswer('windows-arp', 3));
    const r = await launch(['import', 'arp.txt', '--host', 'HV-01'], dir, { TEAMWATCH_SERVER: server.url, TEAMWATCH_TOKEN: 't' });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/arp\.txt\s+windows-arp\s+3/);
    expect(server.requests[0].url.searchParams.get('host')).toBe('HV-01');
  });
});
