/**
 * `teamwatch import` against the real server (real HTTP, real SQLite file): the CLI reads the
 * server's actual answers, the bundle fixtures go through the real pipeline, and a file larger
 * than the server's body limit arrives in parts.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../../collectors/cli/main.ts';
import { OWN_ROOT, externalPath } from '../../helpers/fixtures.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';

const LIMIT = 64 * 1024;

describe('teamwatch import against the real server', () => {
  let s: TestServer;
  let dir: string;
  beforeAll(async () => {
    s = await startTestServer({ config: { maxBodyBytes: LIMIT } });
    dir = mkdtempSync(join(tmpdir(), 'teamwatch-import-'));
    cpSync(join(OWN_ROOT, 'bundles'), join(dir, 'bundles'), { recursive: true, filter: (p) => !p.endsWith('.mjs') });
  });
  afterAll(async () => {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function cli(argv: string[], token = s.token) {
    let out = '';
    const code = await run(['import', ...argv, '--max-bytes', String(LIMIT)], {
      out: (t) => (out += t),
      err: (t) => (out += t),
      env: { TEAMWATCH_SERVER: s.url, TEAMWATCH_TOKEN: token },
      cwd: dir,
      fetch,
    });
    return { code, out };
  }

  it('imports every bundle fixture as format bundle, keeping the good records of the hostile one', async () => {
    const r = await cli(['bundles']);
    expect(r.code, r.out).toBe(0);
    const rows = r.out.split('\n').filter((l) => l.startsWith('bundles/'));
    expect(rows).toHaveLength(7);
    for (const row of rows) expect(row).toMatch(/^\S+\s+bundle\s+[1-9]\d*\s/);
    expect(r.out).toMatch(/bundles\/hostile-wrong-types\.json\s+bundle\s+\d+\s+\d+\s+[1-9]\d*\s+collectedAt: collectedAt "yesterday-ish"/);
  });

  it('reports a second import of the same events as duplicates, still exit 0', async () => {
    // The hostile fixture's unreadable collectedAt put the engine clock at the receive time, so
    // these events must be recent to fall inside the lateness window (the server counts a late
    // duplicate as accepted, not as a duplicate).
    const partial = JSON.parse(readFileSync(join(dir, 'bundles/partial-events-only.json'), 'utf8')) as { host: string; events: string[] };
    partial.host = 'HV-DUP';
    const recent = new Date(Date.now() - 1000).toISOString();
    partial.events = partial.events.map((x) => x.replace(/2024-05-14T09:30:4\d\.0000000Z/g, recent));
    writeFileSync(join(dir, 'recent.json'), JSON.stringify(partial));
    expect((await cli(['recent.json'])).out).toMatch(/recent\.json\s+bundle\s+2\s+0\s+0/);
    const again = await cli(['recent.json']);
    expect(again.code, again.out).toBe(0);
    expect(again.out).toMatch(/recent\.json\s+bundle\s+0\s+2\s+0/);
  });

  it('splits an event export larger than the body limit and stores every event', async () => {
    const ev = (n: number) =>
      `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-MsLbfoSysEvtProvider'/><EventID>16949</EventID><Level>3</Level><TimeCreated SystemTime='2024-05-14T09:${String(Math.floor(n / 60) % 60).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}.0000000Z'/><EventRecordID>${n + 1}</EventRecordID><Channel>System</Channel><Computer>HV-09</Computer></System><EventData><Data>${'x'.repeat(300)}</Data><Data>NIC2</Data></EventData></Event>`;
    const count = 400;
    writeFileSync(join(dir, 'system.xml'), `<Events>${Array.from({ length: count }, (_, i) => ev(i)).join('\r\n')}</Events>`);
    const r = await cli(['system.xml']);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(new RegExp(`system\\.xml \\(\\d+ parts\\)\\s+event-xml\\s+${count}\\s+0\\s+0`));
  });

  it('explains a refused token and exits 1', async () => {
    const r = await cli(['bundles/set-host.json'], 'wrong-token-123456');
    expect(r.code).toBe(1);
    expect(r.out).toContain('The server refused the token (401)');
  });
});

describe('teamwatch import of a large .evtx', () => {
  it('splits a file larger than the body limit at 64 KiB chunk boundaries; every record arrives', async () => {
    const limit = 256 * 1024;
    const srv = await startTestServer({ config: { maxBodyBytes: limit } });
    const dir = mkdtempSync(join(tmpdir(), 'teamwatch-evtx-'));
    try {
      cpSync(externalPath('omerbenamram-evtx/samples/2-vss_7-System.evtx'), join(dir, 'System.evtx'));
      let out = '';
      const code = await run(['import', 'System.evtx', '--max-bytes', String(limit)], {
        out: (t) => (out += t),
        err: (t) => (out += t),
        env: { TEAMWATCH_SERVER: srv.url, TEAMWATCH_TOKEN: srv.token },
        cwd: dir,
        fetch,
      });
      expect(code, out).toBe(0);
      const health = await srv.get('/api/v1/health');
      expect(health.json.counts.events).toBe(1160);
    } finally {
      await srv.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
