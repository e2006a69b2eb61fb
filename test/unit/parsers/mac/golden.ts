/**
 * Reading the third-party golden files of the MAC-table fixtures and mapping them onto our model,
 * so each test can say "this input gives exactly these entries".
 *
 * ntc-templates `.yml` files hold TextFSM rows with all values as strings; the field names differ
 * per template and are mapped here. NAPALM `expected_result.json` files hold the NAPALM model
 * (`mac` upper-case colon form, `vlan` int with `All`/`---`/`N/A` as 0, `static` bool, `interface`
 * sometimes blanked or expanded); `napalmView` renders our entries in that model, per driver, so
 * the comparison is exact on the fields both models share (mac, vlan, interface, static).
 */
import { parse as parseYaml } from 'yaml';
import type { MacTableEntry, MacTableObservation } from '../../../../server/model/observation.ts';
import { normalizeMac } from '../../../../server/model/mac.ts';
import { readExternalText } from '../../../helpers/fixtures.ts';
import type { ParseContext, ParseResult } from '../../../../collectors/parsers/types.ts';

export const CTX: ParseContext = { device: 'sw-test', receivedAt: Date.UTC(2026, 2, 14, 10, 0, 0) };

/** The single MAC-table observation of a parse result. */
export function table(result: ParseResult): MacTableObservation {
  if (result.observations.length !== 1) throw new Error(`expected one observation, got ${result.observations.length}`);
  const [obs] = result.observations;
  if (obs.kind !== 'macTable') throw new Error(`expected a macTable observation, got ${obs.kind}`);
  return obs;
}

/** `parsed_sample` of an ntc-templates `.yml` file. */
export function ntcRows(rel: string): Record<string, unknown>[] {
  const doc = parseYaml(readExternalText(rel)) as { parsed_sample: Record<string, unknown>[] };
  return doc.parsed_sample;
}

/** VLAN column text → our VLAN: a number, or null for `All`/`---`/`N/A`/`-`/empty. */
export function goldenVlan(text: string): number | null {
  return /^\d+$/.test(text) ? Number(text) : null;
}

function mac(text: string): string {
  const m = normalizeMac(text);
  if (!m) throw new Error(`golden MAC ${text} does not normalize`);
  return m;
}

/** ntc rows with a port list (`destination_port`: IOS, Arista) or one port field → our entries, one per port. */
export function ntcEntries(
  rows: Record<string, unknown>[],
  fields: { mac: string; vlan: string; port: string; type: string },
  typeOf: (raw: string) => string = (t) => t.toLowerCase(),
): MacTableEntry[] {
  return rows.flatMap((r) => {
    const ports = r[fields.port];
    const list = Array.isArray(ports) ? (ports as string[]) : [String(ports)];
    return list.map((port) => ({
      mac: mac(String(r[fields.mac])),
      vlan: goldenVlan(String(r[fields.vlan])),
      port,
      type: typeOf(String(r[fields.type])),
    }));
  });
}

export interface NapalmRow {
  mac: string;
  interface: string;
  vlan: number;
  static: boolean;
}

/** NAPALM expected rows reduced to the fields our model shares. */
export function napalmRows(rel: string): NapalmRow[] {
  const rows = JSON.parse(readExternalText(rel)) as NapalmRow[];
  return rows.map((r) => ({ mac: r.mac, interface: r.interface, vlan: r.vlan, static: r.static }));
}

/** NAPALM's NX-OS driver expands interface abbreviations (`po1` → `Port-channel1`, `Eth1/1` → `Ethernet1/1`). */
function nxosCanonical(port: string): string {
  if (port === 'vPC Peer-Link') return 'vPC-Peer-Link';
  const m = /^(po|eth)(\d.*)$/i.exec(port);
  if (!m) return port;
  return `${m[1].toLowerCase() === 'po' ? 'Port-channel' : 'Ethernet'}${m[2]}`;
}

/**
 * Our entries as NAPALM's driver would report them. IOS: static for `static`/`self`/`system`,
 * and for those the CPU/Router/Switch pseudo-ports become ''. NX-OS: static for `static`,
 * interfaces expanded. EOS and Junos: static for `static`, interface as is.
 */
export function napalmView(driver: 'ios' | 'nxos' | 'eos' | 'junos', entries: MacTableEntry[]): NapalmRow[] {
  return entries.map((e) => {
    const isStatic = driver === 'ios' ? ['static', 'self', 'system'].includes(e.type) : e.type === 'static';
    let iface = e.port;
    if (driver === 'ios' && isStatic && (/^cpu$/i.test(iface) || /router|switch/i.test(iface))) iface = '';
    if (driver === 'nxos') iface = nxosCanonical(iface);
    return { mac: e.mac.toUpperCase(), interface: iface, vlan: e.vlan ?? 0, static: isStatic };
  });
}
