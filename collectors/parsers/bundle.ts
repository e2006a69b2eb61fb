/**
 * The host bundle (`teamwatch.bundle/1`): one JSON object the Windows collector posts per run,
 * holding the host's inventory, its neighbor table and its new event records. The format is
 * specified in docs/collectors.md ("The host bundle"); this file checks the envelope and hands
 * each part to its reader (bundle-inventory.ts, bundle-events.ts).
 *
 * Output: one InventoryObservation when the bundle carries any inventory, collector, hostIps or
 * cluster field; one NeighborsObservation when it carries `neighbors`; one EventObservation per
 * event string. All belong to the bundle's `host`.
 */
import type { InventoryObservation, Observation } from '../../server/model/observation.ts';
import { parseInstant } from '../../server/model/time.ts';
import type { ParseContext, ParseResult, Parser, Reject } from './types.ts';
import { ParseError } from './types.ts';
import { readInventory } from './bundle-inventory.ts';
import { readEvents, readNeighbors } from './bundle-events.ts';
import { MAX_NAME, MAX_TEXT, RecordError, isPlainObject, listOf, show, textOf } from './bundle-values.ts';

export const BUNDLE_SCHEMA = 'teamwatch.bundle/1';

const SNIFF = /^\s*\{[^]{0,4096}?"schema"\s*:\s*"teamwatch\.bundle\//;
// `teamwatch.bundle/1` and compatible minors (`/1.2`) are ours; another major is refused by name.
const SCHEMA = /^teamwatch\.bundle\/(\d+)(?:\.\d+)?$/;

function sniff(text: string): number {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '');
  return SNIFF.test(head) ? 1 : 0;
}

function parseEnvelope(text: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ParseError('invalid_json', `The bundle is not valid JSON: ${(err as Error).message}`);
  }
  if (!isPlainObject(doc)) throw new ParseError('invalid_bundle', `The bundle is ${show(doc)}, not a JSON object.`);
  const schema = doc.schema;
  const m = typeof schema === 'string' ? SCHEMA.exec(schema.trim()) : null;
  if (!m) throw new ParseError('invalid_bundle', `The bundle's schema is ${show(schema)}, not ${BUNDLE_SCHEMA}.`);
  if (m[1] !== '1') throw new ParseError('unsupported_schema', `Bundle schema ${show(schema)} is not supported; this server reads ${BUNDLE_SCHEMA}.`);
  return doc;
}

function hostOf(value: unknown): string {
  try {
    const host = textOf(value, MAX_NAME, 'host');
    if (host !== null) return host;
  } catch {
    // An absurdly long host name is as useless as a missing one.
  }
  throw new ParseError('invalid_bundle', 'bundle has no host');
}

/** Windows build number from `17763`, `"17763"` or a full version such as `"10.0.17763"`. */
function buildOf(value: unknown): number | null {
  const s = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  const m = /^(?:\d+\.\d+\.)?(\d{1,9})(?:\.\d+)?$/.exec(s);
  return m ? Number(m[1]) : null;
}

function readCollector(value: unknown, rejects: Reject[]): InventoryObservation['collector'] {
  if (value === undefined || value === null) return null;
  if (!isPlainObject(value)) {
    rejects.push({ part: 'collector', reason: `collector is ${show(value)}, expected an object` });
    return null;
  }
  const text = (key: string): string | null => {
    try {
      return textOf(value[key], MAX_TEXT, key);
    } catch (err) {
      rejects.push({ part: 'collector', reason: (err as Error).message });
      return null;
    }
  };
  return { version: text('version'), osName: text('osName'), osBuild: buildOf(value.osBuild) };
}

function readTime(value: unknown, ctx: ParseContext, rejects: Reject[]): number {
  const fallback = ctx.at ?? ctx.receivedAt;
  if (value === undefined || value === null) return fallback;
  const t = parseInstant(value);
  if (t === null) {
    rejects.push({ part: 'collectedAt', reason: `collectedAt ${show(value)} is not a time; the receive time was used` });
    return fallback;
  }
  return t.ms;
}

function readHostIps(value: unknown, rejects: Reject[]): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  try {
    return listOf(value, 'hostIps');
  } catch (err) {
    if (!(err instanceof RecordError)) throw err;
    rejects.push({ part: 'hostIps', reason: err.message });
    return undefined;
  }
}

function readCluster(value: unknown, rejects: Reject[]): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value !== 'string') {
    rejects.push({ part: 'cluster', reason: `cluster is ${show(value)}, expected a string` });
    return undefined;
  }
  try {
    return textOf(value, MAX_NAME, 'cluster');
  } catch (err) {
    rejects.push({ part: 'cluster', reason: (err as Error).message });
    return undefined;
  }
}

function parse(text: string, ctx: ParseContext): ParseResult {
  const doc = parseEnvelope(text);
  const host = hostOf(doc.host);
  const rejects: Reject[] = [];
  const observations: Observation[] = [];
  const time = readTime(doc.collectedAt, ctx, rejects);

  const collector = readCollector(doc.collector, rejects);
  const inventory = readInventory(doc.inventory, rejects);
  const hostIps = readHostIps(doc.hostIps, rejects);
  const cluster = readCluster(doc.cluster, rejects);
  if (collector && (collector.osName !== null || collector.osBuild !== null)) inventory.os = { name: collector.osName, build: collector.osBuild };
  if (hostIps !== undefined) inventory.hostIps = hostIps;
  if (cluster !== undefined) inventory.cluster = cluster;
  const hasInventory = ['inventory', 'collector', 'hostIps', 'cluster'].some((k) => doc[k] !== undefined && doc[k] !== null);
  if (hasInventory) observations.push({ kind: 'inventory', host, time, collector, inventory });

  const neighbors = readNeighbors(doc.neighbors, host, time, rejects);
  if (neighbors) observations.push(neighbors);
  for (const ev of readEvents(doc.events, host, ctx, rejects)) observations.push(ev);
  return { observations, rejects };
}

export const parser: Parser = {
  id: 'bundle',
  description: 'teamwatch host bundle (teamwatch.bundle/1): inventory, neighbors and event XML from the Windows collector',
  sniff,
  parse,
};
