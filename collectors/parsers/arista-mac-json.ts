/**
 * Arista EOS eAPI JSON for `show mac address-table` (`| json`, or the eAPI reply):
 *
 * ```
 * { "unicastTable":   { "tableEntries": [ { "macAddress": "00:0f:53:27:0c:21", "vlanId": 10,
 *                        "interface": "Ethernet44", "entryType": "dynamic", "moves": 1, "lastMove": 1454435814.69 } ] },
 *   "multicastTable": { "tableEntries": [] } }
 * ```
 *
 * Also accepted: the JSON-RPC envelope `{"jsonrpc": "2.0", "result": [ {…} ], …}` and a bare array
 * of command results. Multicast entries may list several ports (`interfaces` as an array, or an
 * object keyed by interface name): one entry per port. Bad entries are rejected with their table
 * (`part`) and 0-based position (`index`); the good ones are kept.
 */
import type { MacTableEntry } from '../../server/model/observation.ts';
import type { ParseContext, ParseResult, Parser } from './types.ts';
import { ParseError } from './types.ts';
import { BoundedRejects, head, isLearnedType, macTableResult, MAX_VLAN, pushEntries, quote, readMac } from './mac-common.ts';

const FORMAT = 'arista-mac-json';
const TABLES = ['unicastTable', 'multicastTable'] as const;

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The command result holding the tables: the document itself, or inside an eAPI envelope or array. */
function findResult(doc: unknown): Json | null {
  const candidates: unknown[] = [doc];
  if (isObject(doc) && Array.isArray(doc.result)) candidates.push(...doc.result);
  if (Array.isArray(doc)) candidates.push(...doc);
  for (const c of candidates) {
    if (isObject(c) && TABLES.some((t) => Object.prototype.hasOwnProperty.call(c, t))) return c;
  }
  return null;
}

function readVlanId(v: unknown): number | null | undefined {
  const n = typeof v === 'string' && /^\d{1,8}$/.test(v.trim()) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) return undefined;
  return n <= MAX_VLAN ? n : null;
}

/** Ports of an entry: `interface` (string), or `interfaces` as an array of names or an object keyed by name. */
function readPorts(e: Json): string[] | undefined {
  if (typeof e.interface === 'string') return e.interface.trim() === '' ? [] : [e.interface.trim()];
  if (Array.isArray(e.interfaces)) return e.interfaces.every((p) => typeof p === 'string') ? (e.interfaces as string[]) : undefined;
  if (isObject(e.interfaces)) return Object.keys(e.interfaces);
  if (e.interface === undefined && e.interfaces === undefined) return [];
  return undefined;
}

function parse(text: string, ctx: ParseContext): ParseResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    throw new ParseError('invalid_json', `The body is not valid JSON: ${(err as Error).message}.`);
  }
  const result = findResult(doc);
  if (!result) throw new ParseError('unrecognized', 'The JSON has no unicastTable or multicastTable (Arista show mac address-table).');

  const rejects = new BoundedRejects();
  const entries: MacTableEntry[] = [];
  for (const part of TABLES) {
    const table = result[part];
    if (table === undefined) continue;
    const list = isObject(table) ? table.tableEntries : undefined;
    if (!Array.isArray(list)) {
      rejects.add({ part, reason: `${part}.tableEntries is not an array` });
      continue;
    }
    list.forEach((e, index) => {
      if (!isObject(e)) return rejects.add({ part, index, reason: 'entry is not an object' });
      if (e.macAddress === undefined) return rejects.add({ part, index, reason: 'macAddress is missing' });
      const mac = readMac(typeof e.macAddress === 'string' ? e.macAddress : String(e.macAddress));
      if (!mac.ok) return rejects.add({ part, index, reason: `macAddress ${quote(e.macAddress)} is not a MAC address` });
      const vlan = readVlanId(e.vlanId);
      if (vlan === undefined) return rejects.add({ part, index, reason: `vlanId ${quote(e.vlanId)} is not a VLAN number` });
      const ports = readPorts(e);
      if (ports === undefined) return rejects.add({ part, index, reason: `interface ${quote(e.interface ?? e.interfaces)} is not an interface name or list` });
      const type = typeof e.entryType === 'string' && e.entryType.trim() !== '' ? e.entryType.trim().toLowerCase() : 'unknown';
      if (ports.length === 0 && isLearnedType(type)) return rejects.add({ part, index, reason: `${type} entry for ${mac.value} has no interface` });
      pushEntries(entries, rejects, 0, mac.value, vlan, type, ports);
    });
  }
  return macTableResult(FORMAT, ctx, null, entries, rejects);
}

function sniff(text: string): number {
  const h = head(text);
  if (!/^\s*[[{]/.test(h)) return 0;
  if (/"(?:unicastTable|multicastTable)"\s*:/.test(h) && /"tableEntries"/.test(h)) return 0.95;
  return 0;
}

export const parser: Parser = {
  id: FORMAT,
  description: 'Arista EOS eAPI JSON show mac address-table',
  sniff,
  parse,
};
