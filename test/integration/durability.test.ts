/**
 * Acknowledged means committed to disk: kill -9 the real server process in the middle of a stream
 * of ingest requests, open the database again, and every record that was acknowledged is there.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { REPO_ROOT } from '../helpers/fixtures.ts';

const TOKEN = 'durability-token-123456';

function startProcess(dbPath: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, TEAMWATCH_PORT: '0', TEAMWATCH_BIND: '127.0.0.1', TEAMWATCH_DB: dbPath, TEAMWATCH_DEMO: 'off', TEAMWATCH_SYSLOG_PORT: '0', TEAMWATCH_INGEST_TOKENS: TOKEN, TEAMWATCH_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /"url":"(http:\/\/localhost:\d+)"/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

function batch(n: number, size: number): string {
  let xml = '';
  for (let i = 0; i < size; i++) {
    const rid = n * size + i + 1;
    const t = new Date(Date.UTC(2026, 10, 1, 0, 0, 0) + rid * 1000).toISOString().replace('Z', '0000Z');
    xml += `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-MsLbfoSysEvtProvider'/><EventID>16950</EventID><Level>4</Level><TimeCreated SystemTime='${t}'/><EventRecordID>${rid}</EventRecordID><Channel>System</Channel><Computer>HV-DURABLE</Computer></System><EventData><Data>x</Data><Data>Intel(R) Ethernet #${i}</Data></EventData></Event>`;
  }
  return xml;
}

describe('durability', () => {
  const dir = mkdtempSync(join(tmpdir(), 'teamwatch-kill-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loses no acknowledged record when the server is killed with SIGKILL mid-stream', async () => {
    const dbPath = join(dir, 'tw.db');
    const { child, url } = await startProcess(dbPath);
    const acknowledged: number[] = [];
    const wrongCounts: string[] = [];
    const size = 50;
    let killed = false;
    const senders = [0, 1, 2].map(async (lane) => {
      for (let n = lane; !killed; n += 3) {
        try {
          const res = await fetch(`${url}/api/v1/ingest`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: batch(n, size) });
          if (res.status === 200) {
            const j = (await res.json()) as { accepted: number };
            if (j.accepted !== size) wrongCounts.push(JSON.stringify(j).slice(0, 300));
            acknowledged.push(n);
          }
        } catch {
          return; // connection reset by the kill: not acknowledged
        }
      }
    });
    // Let the stream run, then kill without warning while requests are in flight.
    const deadline = Date.now() + 60_000;
    while (acknowledged.length < 30 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    killed = true;
    await Promise.all(senders);
    await exited;

    const db = new Database(dbPath, { readonly: true });
    const have = new Set((db.prepare('SELECT record_id FROM events').pluck().all() as number[]));
    db.close();
    const missing: number[] = [];
    for (const n of acknowledged) for (let i = 0; i < size; i++) if (!have.has(n * size + i + 1)) missing.push(n * size + i + 1);
    expect(acknowledged.length).toBeGreaterThanOrEqual(30);
    expect(missing).toEqual([]);
    expect(wrongCounts).toEqual([]);

    // And the server starts again on the same file.
    const again = await startProcess(dbPath);
    const health = (await (await fetch(`${again.url}/api/v1/health`)).json()) as { counts: { events: number } };
    expect(health.counts.events).toBeGreaterThanOrEqual(acknowledged.length * size);
    const stopped = new Promise((r) => again.child.once('exit', r));
    again.child.kill('SIGTERM');
    await stopped;
  }, 120_000);
});
