/**
 * Arista EOS eAPI JSON for `show ip arp` / `show arp vrf all`: `{"ipV4Neighbors": [...]}` or
 * `{"vrfs": {"<vrf>": {"ipV4Neighbors": [...]}}}`, each neighbor
 * `{"hwAddress": "dc38.e111.97cf", "address": "172.17.17.1", "interface": "Ethernet45", "age": 0}`
 * with `age` in seconds. A JSON-RPC envelope (`{"result": [ … ]}`) is unwrapped. eAPI gives no
 * per-entry state; as in the CLI text, an entry with an age is `dynamic` and one without is
 * `unknown`. Rejects carry the list (`part`) and `index`.
 */
import type { NeighborEntry } from '../../server/model/observation.ts';
import type { Parser, ParseContext, ParseResult } from './types.ts';
import { ParseError } from './types.ts';
import { neighborsResult, quote, readMac, RejectList, vlanFromIface } from './neigh-common.ts';
import { canonicalIp } from './neigh-ip.ts';
import { SNIFF_BYTES } from './neigh-lines.ts';

const ID = 'arista-arp-json';
const LISTS = ['ipV4Neighbors', 'ipV6Neighbors'];

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function get(o: Obj, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

function readNeighbor(n: unknown): NeighborEntry | string {
  if (!isObj(n)) return 'neighbor is not an object';
  const address = get(n, 'address');
  if (typeof address !== 'string') return address === undefined ? 'address is missing' : `address is ${quote(address)}, not a string`;
  const ip = canonicalIp(address.trim());
  if (ip === null) return `address ${quote(address)} is not a valid IPv4 or IPv6 address`;
  let mac: string | null = null;
  const hw = get(n, 'hwAddress');
  if (typeof hw === 'string' && hw.trim() !== '') {
    const read = readMac(hw.trim(), 'hwAddress');
    if ('error' in read) return read.error;
    mac = read.mac;
  } else if (hw !== undefined && hw !== null && hw !== '') {
    return `hwAddress is ${quote(hw)}, not a string`;
  }
  const age = get(n, 'age');
  if (age !== undefined && age !== null && (typeof age !== 'number' || !Number.isFinite(age) || age < 0)) {
    return `age ${quote(age)} is not a number of seconds`;
  }
  const rawIface = get(n, 'interface');
  const iface = typeof rawIface === 'string' && rawIface.trim() !== '' ? rawIface.trim().replace(/,\s*not learned$/i, '') : null;
  return {
    ip,
    mac,
    state: mac === null ? 'incomplete' : typeof age === 'number' ? 'dynamic' : 'unknown',
    iface,
    vlan: vlanFromIface(iface),
    ageSec: typeof age === 'number' ? age : null,
  };
}

/** Every neighbor list in the reply, named by its path for rejects. */
function listsOf(doc: Obj): { part: string; items: unknown[] }[] {
  const out: { part: string; items: unknown[] }[] = [];
  const collect = (o: Obj, prefix: string) => {
    for (const key of LISTS) {
      const list = get(o, key);
      if (Array.isArray(list)) out.push({ part: `${prefix}${key}`, items: list });
    }
  };
  collect(doc, '');
  const vrfs = get(doc, 'vrfs');
  if (isObj(vrfs)) for (const [name, vrf] of Object.entries(vrfs)) if (isObj(vrf)) collect(vrf, `vrfs.${name}.`);
  return out;
}

function parse(text: string, ctx: ParseContext): ParseResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ParseError('not_arista_arp_json', `The body is not JSON (${err instanceof Error ? err.message.slice(0, 120) : 'parse failed'}).`);
  }
  if (isObj(doc) && Array.isArray(get(doc, 'result'))) doc = (get(doc, 'result') as unknown[])[0];
  const lists = isObj(doc) ? listsOf(doc) : [];
  if (lists.length === 0) throw new ParseError('not_arista_arp_json', 'The JSON has no ipV4Neighbors list (top level or under vrfs).');
  const entries: NeighborEntry[] = [];
  const rejects = new RejectList();
  for (const { part, items } of lists) {
    items.forEach((item, index) => {
      const read = readNeighbor(item);
      if (typeof read === 'string') rejects.add({ part, index, reason: read });
      else entries.push(read);
    });
  }
  return neighborsResult(ID, ctx, null, entries, rejects);
}

function sniff(text: string): number {
  const head = text.slice(0, SNIFF_BYTES).replace(/^\uFEFF/, '').trimStart();
  if (head[0] !== '{') return 0;
  return head.includes('"ipV4Neighbors"') || head.includes('"ipV6Neighbors"') ? 0.95 : 0;
}

export const parser: Parser = {
  id: ID,
  description: 'Arista EOS eAPI JSON for show ip arp / show arp vrf all',
  sniff,
  parse,
};
