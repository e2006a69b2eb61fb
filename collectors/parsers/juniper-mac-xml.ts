/**
 * Juniper RPC XML for `get-ethernet-switching-table-information` (`show ethernet-switching table
 * | display xml`), with or without the `<rpc-reply>` wrapper, in both shapes:
 *
 * - pre-ELS: `<ethernet-switching-table-information>/<ethernet-switching-table>/<mac-table-entry>`
 *   with `mac-vlan`, `mac-vlan-tag`, `mac-address`, `mac-interface` (or
 *   `mac-interfaces-list/mac-interfaces`) and `mac-type` (`Learn`, `Static`, `Flood`);
 * - ELS: `<l2ng-l2ald-rtb-macdb>/<l2ng-l2ald-mac-entry-vlan>`, either one entry per element
 *   (extensive) or with `<l2ng-mac-entry>` children (brief), using `l2ng-l2-mac-address`,
 *   `l2ng-l2-vlan-id`, `l2ng-l2-mac-vlan-name`, `l2ng-l2-mac-logical-interface` and
 *   `l2ng-l2-mac-flags`. A VLAN id given on the enclosing element applies to its entries.
 *
 * Any element with a MAC-address child is an entry. Flood entries (`*`) are skipped. The VLAN is
 * the tag when present, else read from the VLAN name as the text parser does. Bad entries are
 * rejected by their position among entries (`index`, 0-based).
 */
import type { MacTableEntry } from '../../server/model/observation.ts';
import type { ParseContext, ParseResult, Parser } from './types.ts';
import { ParseError } from './types.ts';
import { child, children, parseXmlFragments, XmlError, type XmlElement } from './xml.ts';
import { BoundedRejects, head, isLearnedType, macTableResult, MAX_VLAN, pushEntries, quote, readMac, vlanFromName } from './mac-common.ts';
import { juniperType } from './mac-juniper.ts';

const FORMAT = 'juniper-mac-xml';

const ROOTS = new Set(['ethernet-switching-table-information', 'l2ng-l2ald-rtb-macdb', 'l2ng-l2ald-mac-entry-vlan', 'ethernet-switching-table']);
const MAC_NAMES = ['mac-address', 'l2ng-l2-mac-address'];
const TAG_NAMES = ['mac-vlan-tag', 'l2ng-l2-vlan-id'];
const VLAN_NAMES = ['mac-vlan', 'l2ng-l2-mac-vlan-name'];
const IFACE_NAMES = ['mac-interface', 'l2ng-l2-mac-logical-interface'];
const TYPE_NAMES = ['mac-type', 'l2ng-l2-mac-flags'];

function firstText(el: XmlElement, names: string[]): string | null {
  for (const n of names) {
    const c = child(el, n);
    if (c) return c.text.trim();
  }
  return null;
}

/** A VLAN tag element's text: a number 0–4095, null for none/out of range, undefined when malformed. */
function readTag(text: string | null): number | null | undefined {
  if (text === null || text === '' || text === '-' || text.toLowerCase() === 'none') return null;
  if (!/^\d{1,8}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= MAX_VLAN ? n : null;
}

function portsOf(el: XmlElement): string[] {
  const single = firstText(el, IFACE_NAMES);
  if (single) return [single];
  const list = child(el, 'mac-interfaces-list');
  return list ? children(list, 'mac-interfaces').map((c) => c.text.trim()).filter((p) => p !== '') : [];
}

function parse(text: string, ctx: ParseContext): ParseResult {
  let roots: XmlElement[];
  try {
    roots = parseXmlFragments(text);
  } catch (err) {
    if (err instanceof XmlError) throw new ParseError('invalid_xml', `The body is not well-formed XML: ${err.message}.`);
    throw err;
  }
  const rejects = new BoundedRejects();
  const entries: MacTableEntry[] = [];
  let recognized = false;
  let index = 0;

  // Depth-first, document order, with the VLAN tag inherited from enclosing elements.
  const stack: { el: XmlElement; tag: number | null }[] = roots.map((el) => ({ el, tag: null })).reverse();
  while (stack.length > 0) {
    const { el, tag: inherited } = stack.pop()!;
    if (ROOTS.has(el.name)) recognized = true;
    const ownTag = readTag(firstText(el, TAG_NAMES));
    const tag = ownTag ?? inherited;
    const macText = firstText(el, MAC_NAMES);
    if (macText !== null) {
      const at = index++;
      if (macText !== '*') {
        const mac = readMac(macText);
        if (!mac.ok) rejects.add({ index: at, reason: mac.reason });
        else if (ownTag === undefined) rejects.add({ index: at, reason: `vlan tag ${quote(firstText(el, TAG_NAMES))} is not a number` });
        else {
          const vlanName = firstText(el, VLAN_NAMES);
          const vlan = tag ?? (vlanName ? vlanFromName(vlanName) : null);
          const typeText = firstText(el, TYPE_NAMES);
          const type = typeText ? juniperType(typeText) : 'unknown';
          const ports = portsOf(el);
          if (ports.length === 0 && isLearnedType(type)) rejects.add({ index: at, reason: `${type} entry for ${mac.value} has no interface` });
          else pushEntries(entries, rejects, 0, mac.value, vlan, type, ports);
        }
      }
    }
    for (let i = el.children.length - 1; i >= 0; i--) stack.push({ el: el.children[i], tag: tag ?? null });
  }

  if (!recognized) {
    throw new ParseError('unrecognized', 'No Juniper ethernet-switching table element (ethernet-switching-table-information or l2ng-l2ald-rtb-macdb) was found.');
  }
  return macTableResult(FORMAT, ctx, null, entries, rejects);
}

function sniff(text: string): number {
  const h = head(text);
  if (/<(?:[\w-]+:)?(?:ethernet-switching-table-information|l2ng-l2ald-rtb-macdb|l2ng-l2ald-mac-entry-vlan)[\s>]/.test(h)) return 0.95;
  return 0;
}

export const parser: Parser = {
  id: FORMAT,
  description: 'Juniper RPC XML get-ethernet-switching-table-information (ELS and pre-ELS)',
  sniff,
  parse,
};
