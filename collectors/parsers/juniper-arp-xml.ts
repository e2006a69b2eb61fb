/**
 * Juniper Junos RPC XML `<arp-table-information>` (`get-arp-table-information`, or
 * `show arp no-resolve | display xml` inside `<rpc-reply>`). Each `<arp-table-entry>` has
 * `mac-address`, `ip-address`, `interface-name`, `time-to-expire` and `arp-table-entry-flags`
 * with one empty element per flag (`<none/>`, `<permanent/>`). `time-to-expire` counts down to
 * expiry; it is not an age and is not reported. A CLI prompt echoed before the XML names the device.
 */
import type { NeighborEntry } from '../../server/model/observation.ts';
import type { Parser, ParseContext, ParseResult } from './types.ts';
import { ParseError } from './types.ts';
import { neighborsResult, quote, readMac, RejectList } from './neigh-common.ts';
import { canonicalIp } from './neigh-ip.ts';
import { promptHost, SNIFF_BYTES } from './neigh-lines.ts';
import { child, parseXmlFragments, XmlError, type XmlElement } from './xml.ts';

const ID = 'juniper-arp-xml';

function textOf(el: XmlElement, name: string): string | null {
  const c = child(el, name);
  return c ? c.text.trim() : null;
}

function readEntry(el: XmlElement): NeighborEntry | string {
  const rawMac = textOf(el, 'mac-address');
  if (rawMac === null) return '<mac-address> is missing';
  const mac = readMac(rawMac, '<mac-address>');
  if ('error' in mac) return mac.error;
  const rawIp = textOf(el, 'ip-address');
  if (rawIp === null) return '<ip-address> is missing';
  const ip = canonicalIp(rawIp);
  if (ip === null) return `<ip-address> ${quote(rawIp)} is not a valid IPv4 or IPv6 address`;
  const iface = textOf(el, 'interface-name') || null;
  const flags = child(el, 'arp-table-entry-flags');
  const permanent = flags?.children.some((f) => f.name === 'permanent') ?? false;
  return { ip, mac: mac.mac, state: permanent ? 'permanent' : 'dynamic', iface, vlan: null, ageSec: null };
}

/** All `<arp-table-entry>` elements under any `<arp-table-information>`, in document order, without recursion. */
function entryElements(roots: XmlElement[]): XmlElement[] | null {
  const out: XmlElement[] = [];
  let found = false;
  const stack = [...roots].reverse();
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (el.name === 'arp-table-information') {
      found = true;
      for (const c of el.children) if (c.name === 'arp-table-entry') out.push(c);
      continue;
    }
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]);
  }
  return found ? out : null;
}

function parse(text: string, ctx: ParseContext): ParseResult {
  // CLI captures wrap the XML in a prompt line before and a prompt after (`user@sw> ` also ends
  // in '>'), so the XML runs from the first '<' to the end of the last end tag.
  const start = text.indexOf('<');
  const lastClose = Math.max(text.lastIndexOf('</'), text.lastIndexOf('/>'));
  const end = lastClose < 0 ? -1 : text.indexOf('>', lastClose);
  if (start < 0 || end < start) throw new ParseError('not_juniper_arp_xml', 'The body contains no XML.');
  let prompt: string | null = null;
  const around = [...text.slice(Math.max(0, start - 2048), start).split(/\r?\n/), ...text.slice(end + 1, end + 2049).split(/\r?\n/)];
  for (const line of around) prompt ??= promptHost(line.trim());
  let roots: XmlElement[];
  try {
    roots = parseXmlFragments(text.slice(start, end + 1));
  } catch (err) {
    if (err instanceof XmlError) throw new ParseError('not_juniper_arp_xml', `The XML is not well-formed: ${err.message}`);
    throw err;
  }
  const elements = entryElements(roots);
  if (elements === null) throw new ParseError('not_juniper_arp_xml', 'The XML has no <arp-table-information> element.');
  const entries: NeighborEntry[] = [];
  const rejects = new RejectList();
  elements.forEach((el, index) => {
    const read = readEntry(el);
    if (typeof read === 'string') rejects.add({ index, reason: read });
    else entries.push(read);
  });
  return neighborsResult(ID, ctx, prompt, entries, rejects);
}

function sniff(text: string): number {
  return text.slice(0, SNIFF_BYTES).includes('<arp-table-information') ? 0.98 : 0;
}

export const parser: Parser = {
  id: ID,
  description: 'Juniper Junos RPC XML <arp-table-information>',
  sniff,
  parse,
};
