import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../collectors/cli/main.ts';
import type { Io } from '../../../collectors/cli/command.ts';
import { OWN_ROOT } from '../../helpers/fixtures.ts';
import { okAnswer, startRecordingServer, type RecordingServer } from './recording-server.ts';

let server: RecordingServer;
let dir: string;

beforeAll(async () => {
  server = await startRecordingServer();
  dir = mkdtempSync(join(tmpdir(), 'teamwatch-cli-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  server.requests.length = 0;
  server.handle(() => okAnswer('bundle', 1));
});

async function cli(argv: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => (out += t), err: (t) => (err += t), env: { TEAMWATCH_SERVER: server.url, ...env }, cwd: dir, fetch };
  const code = await run(argv, io);
  return { code, out, err };
}

function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, content);
  return name;
}

describe('teamwatch import: what it sends', () => {
  it('posts the file bytes untouched (UTF-16LE with BOM) with the token and every query parameter', async () => {
    const bytes = readFileSync(join(OWN_ROOT, 'bundles/healthy-2019-ps51.json'));
    const name = file('ps51.json', bytes);
    const r = await cli(['import', name, '--token', 's3cret', '--host', 'HV-01', '--device', 'sw1', '--at', '2024-05-14T09:30:00Z', '--format', 'bundle']);
    expect(r.code).toBe(0);
    expect(server.requests).toHaveLength(1);
    const req = server.requests[0];
    expect(req.method).toBe('POST');
    expect(req.url.pathname).toBe('/api/v1/ingest');
    expect(Object.fromEntries(req.url.searchParams)).toEqual({ format: 'bundle', host: 'HV-01', device: 'sw1', at: String(Date.parse('2024-05-14T09:30:00Z')) });
    expect(req.headers.authorization).toBe('Bearer s3cret');
    expect(req.body.equals(bytes)).toBe(true);
  });

  it('takes server and token from TEAMWATCH_SERVER / TEAMWATCH_TOKEN and sends no empty parameters', async () => {
    const r = await cli(['import', file('one.txt', 'x')], { TEAMWATCH_TOKEN: 'from-env' });
    expect(r.code).toBe(0);
    expect(server.requests[0].headers.authorization).toBe('Bearer from-env');
    expect([...server.requests[0].url.searchParams.keys()]).toEqual([]);
  });

  it('walks folders recursively in name order and skips hidden files', async () => {
    file('tree/b.xml', '<Event/>');
    file('tree/a/z.txt', 'z');
    file('tree/.hidden', 'h');
    file('tree/.git/config', 'g');
    file('tree/c.log', 'c');
    const seen: string[] = [];
    server.handle((req) => {
      seen.push(req.body.toString());
      return okAnswer('x', 1);
    });
    const r = await cli(['import', 'tree']);
    expect(r.code).toBe(0);
    expect(seen).toEqual(['z', '<Event/>', 'c']);
    expect(r.out).toContain('tree/a/z.txt');
    expect(r.out).not.toContain('.hidden');
  });
});

describe('teamwatch import: the summary and the exit code', () => {
  const answers = {
    all: okAnswer('event-xml', 5),
    partly: okAnswer('bundle', 7, [{ part: 'inventory.vmNetworkAdapters', index: 1, reason: 'MacAddress "GG" is not a MAC address' }]),
    duplicates: okAnswer('event-xml', 0, [], 5),
    none: okAnswer('windows-arp', 0, [{ line: 3, reason: 'not an ARP line' }, { line: 4, reason: 'not an ARP line' }, { line: 5, reason: 'x' }]),
    refused: { status: 415, json: { error: { code: 'unknown_format', message: 'The body matches none of the known formats.' } } },
    tooLarge: { status: 413, json: { error: { code: 'too_large', message: 'request entity too large' } } },
    html: { status: 502, text: '<html>Bad gateway</html>' },
  };
  type Key = keyof typeof answers;

  it.each<[string, Key[], number, RegExp[]]>([
    ['every file accepted', ['all', 'all'], 0, [/total: 2 files\s+10\s+0\s+0/]],
    ['one file accepted partly', ['all', 'partly'], 0, [/inventory\.vmNetworkAdapters\[1\]: MacAddress "GG" is not a MAC address/]],
    ['a file of duplicates only (already imported)', ['duplicates'], 0, [/event-xml\s+0\s+5\s+0/]],
    ['a file whose every record was rejected', ['all', 'none'], 1, [/line 3: not an ARP line; line 4: not an ARP line; … 1 more/, /1 failed entirely/]],
    ['a file the server refused (415)', ['refused'], 1, [/error: The body matches none of the known formats\./]],
    ['a file too large for the server (413)', ['tooLarge'], 1, [/too large \(413\)/]],
    ['a non-JSON error page', ['html'], 1, [/The server answered 502\./]],
  ])('%s', async (_what, keys, code, patterns) => {
    const names = keys.map((k, i) => file(`summary/${i}-${k}.txt`, k));
    server.handle((req) => answers[req.body.toString() as Key]);
    const r = await cli(['import', ...names]);
    expect(r.code).toBe(code);
    for (const p of patterns) expect(r.out).toMatch(p);
    expect(r.out.split('\n')[0]).toMatch(/^file\s+format\s+accepted\s+duplicates\s+rejected\s+first reject reasons$/);
  });

  it('reports an unreachable server per file and exits 1', async () => {
    const r = await cli(['import', file('u.txt', 'u'), '--server', 'http://127.0.0.1:1']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('error: Could not reach http://127.0.0.1:1');
  });

  it('reports an empty file as failed without posting it', async () => {
    const r = await cli(['import', file('empty.txt', '')]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('error: the file is empty');
    expect(server.requests).toHaveLength(0);
  });
});

describe('teamwatch import: usage errors exit 2 before anything is posted', () => {
  it.each([
    ['no files', ['import'], 'Name at least one file or folder'],
    ['a missing path', ['import', 'nope.xml'], 'No such file or folder: nope.xml'],
    ['a bad --at', ['import', 'x', '--at', 'tuesday'], '--at must be an ISO-8601 time'],
    ['an unknown option', ['import', 'x', '--colour'], "Unknown option '--colour'"],
    ['an option without its value', ['import', 'x', '--server'], "Option '--server' needs a value"],
    ['a non-HTTP server', ['import', 'x', '--server', 'ftp://h'], '--server must be an http:// or https:// URL'],
    ['an unknown command', ['frobnicate'], "unknown command 'frobnicate'"],
    ['no command', [], 'Usage: teamwatch <command>'],
  ])('%s', async (_what, argv, message) => {
    file('x', 'x');
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    [['--help'], 'Commands:\n  import'],
    [['import', '--help'], 'Usage: teamwatch import <files or folders...> [options]'],
    [['help', 'import'], '--max-bytes N'],
  ])('%j prints help and exits 0', async (argv, text) => {
    const r = await cli(argv);
    expect(r.code).toBe(0);
    expect(r.out).toContain(text);
  });
});
