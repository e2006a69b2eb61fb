/**
 * The parser registry: one line per format. Order matters only to break sniffing ties (earlier
 * wins), so the most specific formats come first.
 */
import type { ParseContext, ParseResult, Parser } from './types.ts';
import { ParseError } from './types.ts';
import { decodeText } from './decode.ts';
import { isEvtx, parseEvtx } from './evtx.ts';
import { parser as bundle } from './bundle.ts';
import { parser as eventXml } from './event-xml.ts';
import { parser as eventJson } from './event-json.ts';
import { parser as ecs } from './ecs.ts';
import { parser as windowsArp } from './windows-arp.ts';
import { parser as getNetNeighbor } from './get-netneighbor.ts';
import { parser as netshNeighbors } from './netsh-neighbors.ts';
import { parser as ipNeigh } from './ip-neigh.ts';
import { parser as ipNeighJson } from './ip-neigh-json.ts';
import { parser as unixArp } from './unix-arp.ts';
import { parser as ciscoIosArp } from './cisco-ios-arp.ts';
import { parser as ciscoNxosArp } from './cisco-nxos-arp.ts';
import { parser as aristaArp } from './arista-arp.ts';
import { parser as aristaArpJson } from './arista-arp-json.ts';
import { parser as juniperArp } from './juniper-arp.ts';
import { parser as juniperArpXml } from './juniper-arp-xml.ts';
import { parser as ciscoIosMac } from './cisco-ios-mac.ts';
import { parser as ciscoNxosMac } from './cisco-nxos-mac.ts';
import { parser as aristaMac } from './arista-mac.ts';
import { parser as aristaMacJson } from './arista-mac-json.ts';
import { parser as juniperMac } from './juniper-mac.ts';
import { parser as juniperMacXml } from './juniper-mac-xml.ts';
import { parser as syslog } from './syslog.ts';

export const PARSERS: readonly Parser[] = [
  bundle,
  eventXml,
  eventJson,
  ecs,
  windowsArp,
  getNetNeighbor,
  netshNeighbors,
  ipNeigh,
  ipNeighJson,
  unixArp,
  ciscoIosArp,
  ciscoNxosArp,
  aristaArp,
  aristaArpJson,
  juniperArp,
  juniperArpXml,
  ciscoIosMac,
  ciscoNxosMac,
  aristaMac,
  aristaMacJson,
  juniperMac,
  juniperMacXml,
  syslog,
];

export function findParser(id: string): Parser | undefined {
  return PARSERS.find((p) => p.id === id);
}

/** Parsers ranked by their sniff score for `text`, best first; only those scoring above 0. */
export function rankParsers(text: string): { parser: Parser; score: number }[] {
  const scored: { parser: Parser; score: number }[] = [];
  for (const parser of PARSERS) {
    let score = 0;
    try {
      score = parser.sniff(text);
    } catch {
      score = 0;
    }
    if (score > 0) scored.push({ parser, score });
  }
  return scored.sort((a, b) => b.score - a.score);
}

export interface ParsedInput extends ParseResult {
  format: string;
}

/**
 * Decodes and parses one body. With `format` given, only that parser runs. Otherwise the best
 * sniffed parser runs; if it throws ParseError the next candidates are tried. Throws
 * ParseError('unknown_format' | 'unparseable') naming every format tried.
 */
/** Binary formats are recognised on bytes, before any text decoding. */
const BINARY_FORMATS = [{ id: 'evtx', description: 'Windows .evtx event log file (Event Viewer export, wevtutil epl)' }] as const;

export const FORMAT_IDS: readonly string[] = [...PARSERS.map((p) => p.id), ...BINARY_FORMATS.map((b) => b.id)];

export function parseInput(body: Uint8Array | string, ctx: ParseContext, format?: string): ParsedInput {
  if (format === 'evtx' || (format === undefined && typeof body !== 'string' && isEvtx(body))) {
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    return { format: 'evtx', ...parseEvtx(bytes, ctx) };
  }
  const text = typeof body === 'string' ? body : decodeText(body);
  if (format) {
    const parser = findParser(format);
    if (!parser) {
      throw new ParseError('unknown_format', `Unknown format '${format}'. Known formats: ${FORMAT_IDS.join(', ')}.`);
    }
    return { format: parser.id, ...parser.parse(text, ctx) };
  }
  const ranked = rankParsers(text);
  if (ranked.length === 0) {
    throw new ParseError(
      'unknown_format',
      `The body matches none of the known formats (tried ${FORMAT_IDS.join(', ')}). Name one with ?format=.`,
    );
  }
  const failures: string[] = [];
  let firstSpecific: ParseError | null = null;
  for (const { parser } of ranked) {
    try {
      return { format: parser.id, ...parser.parse(text, ctx) };
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      failures.push(`${parser.id}: ${err.message}`);
      if (failures.length === 1 && err.code !== 'unparseable') firstSpecific = err;
    }
  }
  // The best-sniffed parser's own verdict is the most useful one when it is specific (e.g. a
  // recognised arp -a that lacks ?host=): pass its code on instead of a generic one.
  if (firstSpecific) throw firstSpecific;
  throw new ParseError('unparseable', `The body could not be parsed. Tried ${failures.join('; ')}`);
}
