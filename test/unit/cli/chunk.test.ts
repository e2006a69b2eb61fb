import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkRecords, records, splitKind } from '../../../collectors/cli/chunk.ts';
import { run } from '../../../collectors/cli/main.ts';
import { okAnswer, startRecordingServer, type RecordingServer } from './recording-server.ts';

const EV = (n: number) =>
  `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='MsLbfoSys'/><EventID>16949</EventID><EventRecordID>${n}</EventRecordID></System><EventData><Data>${'d'.repeat(200)}</Data></EventData></Event>`;

describe('which files can be split at record boundaries', () => {
  it.each<[string, string | undefined, string, string | null]>([
    ['bare event XML', undefined, EV(1) + EV(2), 'event-xml'],
    ['event XML with a declaration and an <Events> root', undefined, `<?xml version="1.0"?>\r\n<Events>${EV(1)}</Events>`, 'event-xml'],
    ['NDJSON (ECS documents)', undefined, '{"a":1}\n{"a":2}\n', 'lines'],
    ['RFC 3164 syslog', undefined, '<189>Jan 12 10:00:00 sw1 %SW_MATM-4-MACFLAP_NOTIF: x\n', 'lines'],
    ['syslog without PRI', undefined, 'Jan  2 10:00:00 sw1 x\n', 'lines'],
    ['a JSON array (Get-WinEvent | ConvertTo-Json)', undefined, '[\n  {"Id": 1},\n  {"Id": 2}\n]', null],
    ['a host bundle', undefined, '{"schema":"teamwatch.bundle/1"}', null],
    ['anything named syslog', 'syslog', 'free text\nmore', 'lines'],
    ['ECS named, one document per line', 'ecs', '{"a":1}\n{"a":2}', 'lines'],
    ['a table format named explicitly', 'cisco-ios-mac', 'Vlan Mac Address\n', null],
  ])('%s', (_what, format, head, kind) => {
    expect(splitKind(format, head)).toBe(kind);
  });
});

describe('records and chunks', () => {
  it('cuts event XML at </Event>, leaving out the <Events> root and whitespace', () => {
    const text = `<?xml version="1.0"?><Events>\n${EV(1)}\n${EV(2)}</Events>`;
    expect([...records(text, 'event-xml')]).toEqual([EV(1), EV(2)]);
  });

  it('keeps a truncated last event so the server can reject it with a reason', () => {
    expect([...records(`${EV(1)}<Event><System>`, 'event-xml')]).toEqual([EV(1), '<Event><System>']);
  });

  it('groups records into bodies no larger than the limit, and never splits a record', () => {
    const recs = Array.from({ length: 10 }, (_, i) => 'x'.repeat(100 + i));
    const bodies = [...chunkRecords(recs, 350)];
    expect(bodies.every((b) => b.length <= 350)).toBe(true);
    expect(bodies.map((b) => new TextDecoder().decode(b)).join('').split('\n').filter(Boolean)).toEqual(recs);
    expect([...chunkRecords(['y'.repeat(500)], 350)].map((b) => b.length)).toEqual([501]);
  });
});

describe('teamwatch import splits files larger than --max-bytes', () => {
  let server: RecordingServer;
  let dir: string;
  beforeAll(async () => {
    server = await startRecordingServer();
    dir = mkdtempSync(join(tmpdir(), 'teamwatch-chunk-'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function importFile(name: string, content: Buffer, extra: string[] = []) {
    writeFileSync(join(dir, name), content);
    server.requests.length = 0;
    let out = '';
    const code = await run(['import', name, '--max-bytes', '2048', ...extra], {
      out: (t) => (out += t),
      err: (t) => (out += t),
      env: { TEAMWATCH_SERVER: server.url },
      cwd: dir,
      fetch,
    });
    return { code, out, bodies: server.requests.map((r) => r.body) };
  }

  it('posts a UTF-16 event export with an <Events> root as UTF-8 bodies of whole events', async () => {
    server.handle((req) => okAnswer('event-xml', (req.body.toString().match(/<Event /g) ?? []).length));
    const xml = `<?xml version="1.0" encoding="UTF-16"?>\r\n<Events>${Array.from({ length: 40 }, (_, i) => EV(i)).join('\r\n')}</Events>`;
    const r = await importFile('big.xml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]));
    expect(r.code).toBe(0);
    expect(r.bodies.length).toBeGreaterThan(4);
    expect(r.bodies.every((b) => b.length <= 2048)).toBe(true);
    const ids = r.bodies.flatMap((b) => [...b.toString('utf8').matchAll(/<EventRecordID>(\d+)</g)].map((m) => Number(m[1])));
    expect(ids).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(r.out).toMatch(new RegExp(`big\\.xml \\(${r.bodies.length} parts\\)\\s+event-xml\\s+40`));
  });

  it('splits NDJSON at line ends', async () => {
    server.handle((req) => okAnswer('ecs', req.body.toString().split('\n').filter(Boolean).length));
    const lines = Array.from({ length: 60 }, (_, i) => JSON.stringify({ '@timestamp': '2024-05-14T09:00:00Z', n: i, pad: 'p'.repeat(50) }));
    const r = await importFile('big.ndjson', Buffer.from(lines.join('\r\n')));
    expect(r.code).toBe(0);
    expect(r.bodies.flatMap((b) => b.toString().split('\n').filter(Boolean))).toEqual(lines);
    expect(r.out).toMatch(/total: 1 file\s+60/);
  });

  it('posts a file it cannot split whole and explains the 413', async () => {
    server.handle(() => ({ status: 413, json: { error: { code: 'too_large', message: 'request entity too large' } } }));
    const r = await importFile('big.json', Buffer.from(JSON.stringify([{ pad: 'z'.repeat(5000) }])));
    expect(r.code).toBe(1);
    expect(r.bodies).toHaveLength(1);
    expect(r.out).toContain('too large (413)');
  });
});
