/**
 * Text helpers for hostile data. Host, team, VM and switch names, MACs and log text come from
 * hosts and switches, so every channel treats them as untrusted: control characters are removed,
 * lengths are capped (chat services reject oversized fields), and a cap never splits a UTF-16
 * surrogate pair. JSON encoding itself is always JSON.stringify (never string concatenation).
 */
import type { AlertDto } from '../contract.ts';

// C0 controls except \t and \n, DEL, C1 controls, and the Unicode bidi overrides/isolates that can
// make a name read differently from what it is.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Removes control characters (keeps \n and \t). */
export function clean(s: string): string {
  return s.replace(CONTROL, '');
}

/** Cleans and caps `s` at `max` UTF-16 units, ending a cut text with `…`. */
export function clip(s: string, max: number): string {
  const c = clean(s);
  if (c.length <= max) return c;
  if (max <= 1) return '…'.slice(0, Math.max(0, max));
  let cut = c.slice(0, max - 1);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** One line: newlines and tabs become spaces, then clipped. */
export function line(s: string, max: number): string {
  return clip(s.replace(/[\r\n\t]+/g, ' '), max);
}

/**
 * Slack mrkdwn escaping: `&`, `<` and `>` are the control characters Slack documents; escaping
 * them keeps a hostile name from becoming a link or an `<!channel>` mention.
 */
export function slackEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The subject as labelled facts, in a fixed order, only the ones present. */
export function subjectFacts(a: Pick<AlertDto, 'subject'>): [string, string][] {
  const s = a.subject;
  const out: [string, string][] = [];
  if (s.host) out.push(['Host', s.host]);
  else if (s.hosts?.length) out.push(['Hosts', s.hosts.join(', ')]);
  if (s.team) out.push(['Team', s.team]);
  if (s.vm) out.push(['VM', s.vm]);
  if (s.mac) out.push(['MAC', s.mac]);
  if (s.ip) out.push(['IP', s.ip]);
  if (s.switch) out.push(['Switch', s.switch]);
  if (s.vlan !== undefined && s.vlan !== null) out.push(['VLAN', String(s.vlan)]);
  return out;
}

const SEVERITY_RANK = { critical: 0, warning: 1, info: 2 } as const;

/** Message order: firing before resolved, most severe first, then oldest id first. */
export function byAnnouncement(a: AlertDto, b: AlertDto): number {
  const s = (a.status === 'firing' ? 0 : 1) - (b.status === 'firing' ? 0 : 1);
  if (s !== 0) return s;
  const v = (SEVERITY_RANK[a.severity] ?? 3) - (SEVERITY_RANK[b.severity] ?? 3);
  return v !== 0 ? v : a.id - b.id;
}
