/**
 * Shared pieces of the switch MAC-table parsers: line splitting with a per-line cap, the device
 * and time every snapshot needs, CLI prompt detection, and the field readers (MAC, VLAN, ports,
 * flags) that the Cisco, Arista and Juniper layouts have in common.
 */
import type { MacTableEntry, MacTableObservation } from '../../server/model/observation.ts';
import { normalizeMac, type Mac } from '../../server/model/mac.ts';
import type { ParseContext, ParseResult, Reject } from './types.ts';
import { ParseError } from './types.ts';

/** Longest table line we look at; switch CLI lines are far shorter, anything longer is hostile. */
export const MAX_TABLE_LINE = 1024;

/** Rejects kept per input; past this one summary reject says how many more there were. */
export const MAX_REJECTS = 1000;

/** Collects rejects up to MAX_REJECTS so a hostile body cannot make the reply unbounded. */
export class BoundedRejects {
  private readonly items: Reject[] = [];
  private dropped = 0;

  add(reject: Reject): void {
    if (this.items.length < MAX_REJECTS) this.items.push(reject);
    else this.dropped++;
  }

  line(line: number, reason: string): void {
    this.add({ line, reason });
  }

  get count(): number {
    return this.items.length + this.dropped;
  }

  list(): Reject[] {
    if (this.dropped === 0) return this.items;
    return [...this.items, { reason: `${this.dropped} further rejects were not listed (limit ${MAX_REJECTS}).` }];
  }
}

/** A value for a reject reason: JSON-quoted (so control characters are visible), cut to 64 characters. */
export function quote(value: unknown): string {
  const s = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return JSON.stringify(s.length > 64 ? `${s.slice(0, 64)}…` : s);
}

export interface TableLine {
  /** 1-based line number in the body. */
  no: number;
  text: string;
}

/** C0 control characters other than TAB, and DEL. */
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;

/**
 * Splits a body into lines (CRLF, CR or LF; a leading BOM dropped). Lines longer than
 * MAX_TABLE_LINE are rejected by number without being scanned. Lines holding control characters
 * (NUL, ESC, …) are never read as data: one that still looks like a row once they are removed is
 * rejected, any other is dropped like a legend line.
 */
export function tableLines(text: string, rejects: BoundedRejects): TableLine[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: TableLine[] = [];
  const eol = /\r\n|\r|\n/g;
  let no = 0;
  let from = 0;
  for (;;) {
    const m = eol.exec(body);
    const end = m ? m.index : body.length;
    no++;
    const line = body.slice(from, end);
    if (line.length > MAX_TABLE_LINE) {
      rejects.line(no, `line is ${line.length} characters long; table lines are at most ${MAX_TABLE_LINE}`);
    } else if (CONTROL.test(line)) {
      const code = line.charCodeAt(line.search(CONTROL)).toString(16).toUpperCase().padStart(4, '0');
      if (macTokenIndex(tokens(line.replace(new RegExp(CONTROL.source, 'g'), ''))) >= 0) {
        rejects.line(no, `row contains the control character U+${code}`);
      }
    } else {
      out.push({ no, text: line });
    }
    if (!m) break;
    from = m.index + m[0].length;
  }
  return out;
}

/** Whitespace-separated tokens of a line (tabs count as whitespace: ISR EHWIC tables use them). */
export function tokens(line: string): string[] {
  const t = line.trim();
  return t === '' ? [] : t.split(/\s+/);
}

const DOTTED = /^[0-9a-z]{4}\.[0-9a-z]{4}\.[0-9a-z]{4}$/i;
const COLON = /^[0-9a-z]{1,2}(?::[0-9a-z]{1,2}){5}$/i;
const HYPHEN = /^[0-9a-z]{2}(?:-[0-9a-z]{2}){5}$/i;

/**
 * Whether a token has the shape of a MAC address in any vendor notation, even if its digits are
 * not hex (`jenn.3057.8423`). A row with such a token is a data row: if it then fails to parse it
 * is rejected rather than skipped as a legend or header.
 */
export function looksLikeMac(token: string): boolean {
  return token.length <= 17 && (DOTTED.test(token) || COLON.test(token) || HYPHEN.test(token));
}

/** Index of the first MAC-shaped token, or -1. */
export function macTokenIndex(toks: string[]): number {
  for (let i = 0; i < toks.length; i++) if (looksLikeMac(toks[i])) return i;
  return -1;
}

export type Field<T> = { ok: true; value: T } | { ok: false; reason: string };

export function readMac(token: string): Field<Mac> {
  const mac = normalizeMac(token);
  return mac ? { ok: true, value: mac } : { ok: false, reason: `mac ${quote(token)} is not a MAC address` };
}

/** Highest 802.1Q VLAN id; larger numbers are bridge domains or VNIs, not VLANs. */
export const MAX_VLAN = 4095;

/** VLAN column values that mean "no single VLAN": IOS `All`, 6500 `---`/`N/A`, NX-OS `-`. */
const NO_VLAN = new Set(['all', '---', 'n/a', '-', 'none', '']);

/**
 * Reads a VLAN column: a number 0–4095, or null for the "no single VLAN" markers and for
 * bridge-domain numbers above 4095. Returns undefined when the text is not a VLAN at all, so the
 * caller can decide whether that is an error or a layout quirk.
 */
export function readVlan(token: string): number | null | undefined {
  const t = token.trim().toLowerCase();
  if (NO_VLAN.has(t)) return null;
  if (!/^\d{1,8}$/.test(t)) return undefined;
  const n = Number(t);
  return n <= MAX_VLAN ? n : null;
}

/**
 * Juniper names VLANs; the tag is only known when the name is the tag itself (`100`) or embeds it
 * the usual way (`Vlan100`, `vlan-100`, `VLAN_0100`). Any other name (`default`, `BD-903691`,
 * `servers`) gives null rather than a guess.
 */
export function vlanFromName(name: string): number | null {
  const m = /^(?:vlan[-_.]?)?(\d{1,4})$/i.exec(name.trim());
  if (!m) return null;
  const n = Number(m[1]);
  return n <= MAX_VLAN ? n : null;
}

/** Interface-like token: starts with a letter, then letters, digits and `/ . : - _ ( )`. */
export function looksLikePort(token: string): boolean {
  return token.length <= 64 && /^[A-Za-z][\w./:()\-]*$/.test(token);
}

/** Splits a printed port list (`Gi1/1,Gi1/2`, `Po1 Po2`, `Gi1/1, Gi1/2`) into ports, in order. */
export function splitPorts(text: string): string[] {
  return text.split(/[\s,]+/).filter((p) => p !== '');
}

/** Types that are learned on a port; such an entry without a port is malformed. */
const LEARNED_TYPES = new Set(['dynamic', 'learn', 'learned']);

export function isLearnedType(type: string): boolean {
  return LEARNED_TYPES.has(type);
}

/**
 * Adds one entry per port. A row with no port is kept with port '' only when its type is not a
 * learned one (system/static entries may legitimately have no port); a dynamic entry without the
 * port it was learned on is rejected.
 */
export function pushEntries(
  entries: MacTableEntry[],
  rejects: BoundedRejects,
  lineNo: number,
  mac: Mac,
  vlan: number | null,
  type: string,
  ports: string[],
): void {
  if (ports.length === 0) {
    if (isLearnedType(type)) {
      rejects.line(lineNo, `${type} entry for ${mac} has no port`);
      return;
    }
    entries.push({ mac, vlan, port: '', type });
    return;
  }
  for (const port of ports) entries.push({ mac, vlan, port, type });
}

/**
 * A CLI prompt line and the device name in it: `sw1#show mac address-table`, `sw1>sh mac…`,
 * `user@ex4200> show ethernet-switching table`, `sw1(config)#do show …`, or a bare trailing
 * `sw1#`. Returns null for any other line.
 */
export function promptName(line: string): string | null {
  const t = line.trim();
  if (t.length > 200) return null;
  const m = /^(?:[\w.\-]{1,64}@)?([A-Za-z0-9][\w.\-]{0,62})(?:\([\w\-]{1,32}\))?[#>]\s*(?:(?:do\s+)?(?:sh|sho|show)\b.*)?$/.exec(t);
  return m ? m[1] : null;
}

/**
 * Device of a snapshot: `?device=`, else `?host=`, else the name a CLI prompt in the text gave.
 * Tables themselves never say whose they are, so without any of these the input cannot be used.
 */
export function resolveDevice(ctx: ParseContext, found: string | null): string {
  const device = ctx.device ?? ctx.host ?? found;
  if (device === null || device === undefined || device.trim() === '') {
    throw new ParseError('missing_source', 'This format does not name its device; pass ?device=.');
  }
  return device.trim();
}

/** The one observation a MAC-table parser returns, with its rejects. */
export function macTableResult(
  format: string,
  ctx: ParseContext,
  found: string | null,
  entries: MacTableEntry[],
  rejects: BoundedRejects,
): ParseResult {
  const observation: MacTableObservation = {
    kind: 'macTable',
    device: resolveDevice(ctx, found),
    time: ctx.at ?? ctx.receivedAt,
    format,
    entries,
  };
  return { observations: [observation], rejects: rejects.list() };
}

/** The first `limit` characters, for sniffing. */
export function head(text: string, limit = 4096): string {
  return text.length > limit ? text.slice(0, limit) : text;
}
