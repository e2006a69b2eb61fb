/**
 * Slack incoming webhook: a Block Kit message with a plain-text fallback. Slack's limits are
 * respected (header 150 chars, section text 3000, field 2000, 10 fields, 50 blocks), so at most
 * MAX_SHOWN alerts are detailed and the rest are counted. Every data value is mrkdwn-escaped
 * (`&`, `<`, `>`), so a hostile name cannot become a link or an @channel mention; links are the
 * dashboard's drill-down routes.
 */
import type { AlertDto } from '../contract.ts';
import { alertUrl, groupUrl, hostUrl, incidentUrl, JSON_HEADERS, title, type NotificationGroup, type Notifier } from './notifier.ts';
import { clean, clip, line, slackEscape, subjectFacts } from './text.ts';

const MAX_SHOWN = 10;

type Text = { type: 'mrkdwn' | 'plain_text'; text: string; emoji?: boolean };
type Block =
  | { type: 'header'; text: Text }
  | { type: 'section'; text: Text; fields?: Text[] }
  | { type: 'context'; elements: Text[] }
  | { type: 'divider' };

export interface SlackPayload {
  text: string;
  blocks: Block[];
}

/** Escapes, then caps the escaped text (escaping can grow it) without leaving half an entity. */
function esc(s: string, max: number): string {
  const e = slackEscape(clean(s));
  return e.length <= max ? e : clip(e, max).replace(/&[a-z]{0,3}…$/, '…');
}
const escLine = (s: string, max: number) => esc(s.replace(/[\r\n\t]+/g, ' '), max);
const mrkdwn = (text: string): Text => ({ type: 'mrkdwn', text });

function icon(a: AlertDto): string {
  if (a.status === 'resolved') return ':white_check_mark:';
  return a.severity === 'critical' ? ':red_circle:' : a.severity === 'warning' ? ':large_orange_circle:' : ':large_blue_circle:';
}

function alertBlocks(a: AlertDto, base: string): Block[] {
  const url = alertUrl(base, a);
  const head = `${icon(a)} *<${url}|#${a.id}>* · *${a.severity}* · ${a.status}\n${esc(a.summary, 2500)}`;
  const facts = subjectFacts(a).slice(0, 9).map(([k, v]) => mrkdwn(`*${k}*\n${escLine(v, 300)}`));
  facts.push(mrkdwn(`*${a.status === 'resolved' ? 'Resolved' : 'Since'}*\n${a.status === 'resolved' ? (a.endsAt ?? a.updatedAt) : a.startsAt}`));
  const detail = [`*Expected:* ${esc(a.expected.summary, 700)}`, `*Observed:* ${esc(a.observed.summary, 700)}`];
  if (a.status !== 'resolved') {
    detail.push(`*Remediation:* ${esc(a.remediation.text, 700)}`);
    if (a.remediation.commands?.length) detail.push(`\`\`\`${esc(a.remediation.commands.join('\n'), 700)}\`\`\``);
  }
  const links = [`<${url}|Open in teamwatch>`];
  if (a.incidentId !== null) links.push(`<${incidentUrl(base, a.incidentId)}|Incident #${a.incidentId}>`);
  const host = a.subject.host;
  if (host) links.push(`<${hostUrl(base, host)}|Host ${escLine(host, 100).replace(/\|/g, '¦')}>`);
  return [
    { type: 'section', text: mrkdwn(head), fields: facts },
    { type: 'section', text: mrkdwn(clip(detail.join('\n'), 3000)) },
    { type: 'context', elements: [mrkdwn(links.join('  ·  '))] },
    { type: 'divider' },
  ];
}

export function slackPayload(group: NotificationGroup): SlackPayload {
  const base = group.externalURL;
  const shown = group.alerts.slice(0, MAX_SHOWN);
  const hidden = group.alerts.length - shown.length + group.truncatedAlerts;
  const blocks: Block[] = [{ type: 'header', text: { type: 'plain_text', text: line(title(group), 150), emoji: true } }];
  for (const a of shown) blocks.push(...alertBlocks(a, base));
  if (hidden > 0) blocks.push({ type: 'context', elements: [mrkdwn(`…and ${hidden} more: <${groupUrl(base, group)}|all alerts of this group>`)] });
  const first = shown[0];
  const fallback = first ? `${title(group)} — ${line(first.summary, 500)}` : title(group);
  return { text: escLine(fallback, 3000), blocks };
}

export const slack: Notifier = {
  id: 'slack',
  render: (group) => ({ headers: { ...JSON_HEADERS }, body: JSON.stringify(slackPayload(group)) }),
};
