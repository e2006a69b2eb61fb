/**
 * `teamwatch import <files or folders...>`: posts each file to the server's ingest endpoint as the
 * bytes on disk (the server detects encoding and format), prints what was accepted, and exits 0
 * when every file was accepted at least partly, 1 when any file failed entirely, 2 on usage errors.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseInstant } from '../../server/model/time.ts';
import { UsageError, type Command, type Io, type ParsedArgs } from './command.ts';
import { expandPaths } from './files.ts';
import { splitFile } from './chunk.ts';
import { splitEvtx } from '../parsers/evtx.ts';
import { postIngest, type IngestParams } from './ingest-client.ts';
import { isFailed, renderSummary, type FileSummary } from './table.ts';

/** The server's default body limit (TEAMWATCH_MAX_BODY on the server). */
export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;
const DEFAULT_SERVER = 'http://localhost:8080';

interface ImportOptions {
  server: string;
  token: string | undefined;
  params: IngestParams;
  maxBytes: number;
}

function str(args: ParsedArgs, name: string): string | undefined {
  const v = args.options[name];
  return typeof v === 'string' ? v : undefined;
}

function optionsOf(args: ParsedArgs, io: Io): ImportOptions {
  const server = str(args, 'server') ?? io.env.TEAMWATCH_SERVER ?? DEFAULT_SERVER;
  try {
    const u = new URL(server);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw new UsageError(`--server must be an http:// or https:// URL (got '${server}').`);
  }
  let at: number | undefined;
  const atText = str(args, 'at');
  if (atText !== undefined) {
    const t = parseInstant(atText);
    if (!t) throw new UsageError(`--at must be an ISO-8601 time or epoch milliseconds (got '${atText}').`);
    at = t.ms;
  }
  let maxBytes = DEFAULT_MAX_BYTES;
  const maxText = str(args, 'max-bytes');
  if (maxText !== undefined) {
    maxBytes = Number(maxText);
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 1024) throw new UsageError(`--max-bytes must be a whole number of bytes, at least 1024 (got '${maxText}').`);
  }
  return {
    server,
    token: str(args, 'token') ?? io.env.TEAMWATCH_TOKEN,
    params: { format: str(args, 'format'), host: str(args, 'host'), device: str(args, 'device'), at },
    maxBytes,
  };
}

async function importFile(path: string, label: string, opts: ImportOptions, io: Io): Promise<FileSummary> {
  const summary: FileSummary = { file: label, format: opts.params.format ?? '-', accepted: 0, duplicates: 0, late: 0, rejected: [], error: null, chunks: 1 };
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    summary.error = `cannot read the file: ${(err as Error).message}`;
    return summary;
  }
  if (bytes.length === 0) {
    summary.error = 'the file is empty';
    return summary;
  }
  // A large .evtx splits at 64 KiB chunk boundaries (each part is a valid file on its own).
  const bodies = bytes.length > opts.maxBytes ? (splitEvtx(bytes, opts.maxBytes) ?? splitFile(bytes, opts.params.format, opts.maxBytes) ?? [bytes]) : [bytes];
  summary.chunks = bodies.length;
  const errors: string[] = [];
  for (let i = 0; i < bodies.length; i++) {
    const outcome = await postIngest(io.fetch, opts.server, opts.token, opts.params, bodies[i], opts.maxBytes);
    if (!outcome.ok) {
      errors.push(bodies.length > 1 ? `part ${i + 1}/${bodies.length}: ${outcome.message}` : outcome.message);
      // Nothing else will get through when the server is unreachable or refuses the token.
      if (outcome.code === 'unreachable' || outcome.code === 'unauthorized') break;
      continue;
    }
    const r = outcome.result;
    if (summary.format === '-' || i === 0) summary.format = r.format;
    summary.accepted += r.accepted;
    summary.duplicates += r.duplicates;
    summary.late += r.late;
    summary.rejected.push(...r.rejected);
  }
  if (errors.length > 0) summary.error = errors.join(' ');
  return summary;
}

export const importCommand: Command = {
  name: 'import',
  summary: 'Post exported files (event XML/JSON, host bundles, ARP/MAC tables, syslog) to a teamwatch server.',
  usage: '<files or folders...> [options]',
  options: [
    { name: 'server', value: 'URL', help: 'teamwatch server (default: $TEAMWATCH_SERVER or http://localhost:8080)' },
    { name: 'token', value: 'T', help: 'ingest token, sent as Authorization: Bearer (default: $TEAMWATCH_TOKEN)' },
    { name: 'host', value: 'H', help: 'host that produced inputs that do not name it (arp -a, Get-NetNeighbor)' },
    { name: 'device', value: 'D', help: 'switch that produced MAC/ARP tables or syslog without a hostname' },
    { name: 'at', value: 'TIME', help: 'when a snapshot without its own time was taken (ISO-8601 or epoch ms)' },
    { name: 'format', value: 'F', help: 'format id instead of sniffing (see docs/collectors.md)' },
    { name: 'max-bytes', value: 'N', help: `server body limit; larger event XML/NDJSON/syslog files are split (default ${DEFAULT_MAX_BYTES})` },
    { name: 'help', help: 'show this help' },
  ],
  details: [
    'Folders are walked recursively in name order; hidden files are skipped. Each file is posted',
    'as-is to <server>/api/v1/ingest. Exit code: 0 when every file was accepted at least partly,',
    '1 when any file failed entirely, 2 on usage errors.',
    '',
    'Example: teamwatch import exports/ --server http://teamwatch:8080 --token "$TOKEN" --host HV-07',
  ].join('\n'),
  async run(args, io) {
    if (args.positional.length === 0) throw new UsageError('Name at least one file or folder to import.');
    const opts = optionsOf(args, io);
    const files = expandPaths(args.positional, io.cwd);
    if (files.length === 0) throw new UsageError('The folders given contain no files.');
    const rows: FileSummary[] = [];
    for (const file of files) {
      const label = relative(io.cwd, file) || file;
      rows.push(await importFile(file, label.startsWith('..') ? file : label, opts, io));
    }
    io.out(renderSummary(rows));
    return rows.some(isFailed) ? 1 : 0;
  },
};
