/**
 * Microsoft Teams through a Workflows (Power Automate) webhook: a `message` with one Adaptive Card
 * 1.4 attachment — the format the "When a Teams webhook request is received" trigger posts as a
 * card. The retired Office 365 connector MessageCard format is not produced (docs/anchors.md §4).
 *
 * Data-derived text is carried in RichTextBlock/TextRun elements, which Teams does not parse as
 * markdown, so a hostile host or VM name cannot inject a link or formatting. Teams rejects
 * messages above about 28 KB: at most MAX_SHOWN alerts are detailed, and the card is rebuilt with
 * fewer alerts and shorter texts until it fits BODY_LIMIT.
 */
import type { AlertDto } from '../contract.ts';
import { alertUrl, groupUrl, hostUrl, incidentUrl, JSON_HEADERS, messageUrl, title, type NotificationGroup, type Notifier } from './notifier.ts';
import { clip, line, subjectFacts } from './text.ts';

const MAX_SHOWN = 5;
export const BODY_LIMIT = 24_000;

type Color = 'Default' | 'Attention' | 'Warning' | 'Good' | 'Accent';
interface TextRun {
  type: 'TextRun';
  text: string;
  weight?: 'Bolder';
  size?: 'Large' | 'Medium' | 'Small';
  color?: Color;
  isSubtle?: boolean;
  fontType?: 'Monospace';
}
type Element =
  | { type: 'RichTextBlock'; inlines: TextRun[]; spacing?: 'None' | 'Small' | 'Medium' }
  | { type: 'Container'; items: Element[]; style?: 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent'; separator?: boolean; spacing?: 'Medium'; bleed?: boolean }
  | { type: 'ActionSet'; actions: OpenUrl[] };
interface OpenUrl {
  type: 'Action.OpenUrl';
  title: string;
  url: string;
}

export interface TeamsPayload {
  type: 'message';
  attachments: {
    contentType: 'application/vnd.microsoft.card.adaptive';
    contentUrl: null;
    content: {
      $schema: string;
      type: 'AdaptiveCard';
      version: '1.4';
      msteams: { width: 'Full' };
      body: Element[];
      actions: OpenUrl[];
    };
  }[];
}

interface Caps {
  text: number;
  fact: number;
  long: number;
}
const FULL: Caps = { text: 600, fact: 200, long: 1000 };
const TIGHT: Caps = { text: 150, fact: 60, long: 200 };

const run = (text: string, extra: Omit<TextRun, 'type' | 'text'> = {}): TextRun => ({ type: 'TextRun', text, ...extra });
const rich = (...inlines: TextRun[]): Element => ({ type: 'RichTextBlock', inlines, spacing: 'Small' });
const labelled = (label: string, value: string): Element => rich(run(`${label}: `, { weight: 'Bolder' }), run(value));

function color(a: AlertDto): Color {
  if (a.status === 'resolved') return 'Good';
  return a.severity === 'critical' ? 'Attention' : a.severity === 'warning' ? 'Warning' : 'Accent';
}

function alertElement(a: AlertDto, base: string, caps: Caps): Element {
  const items: Element[] = [
    rich(run(`#${a.id} ${a.severity.toUpperCase()} · ${a.status}  `, { weight: 'Bolder', color: color(a) }), run(clip(a.summary, caps.text), { weight: 'Bolder' })),
  ];
  for (const [k, v] of subjectFacts(a)) items.push(labelled(k, line(v, caps.fact)));
  items.push(labelled(a.status === 'resolved' ? 'Resolved' : 'Since', a.status === 'resolved' ? (a.endsAt ?? a.updatedAt) : a.startsAt));
  items.push(labelled('Expected', clip(a.expected.summary, caps.text)));
  items.push(labelled('Observed', clip(a.observed.summary, caps.text)));
  if (a.status !== 'resolved') {
    items.push(labelled('Remediation', clip(a.remediation.text, caps.long)));
    if (a.remediation.commands?.length) items.push(rich(run(clip(a.remediation.commands.join('\n'), caps.long), { fontType: 'Monospace' })));
  }
  const actions: OpenUrl[] = [{ type: 'Action.OpenUrl', title: `Alert #${a.id}`, url: alertUrl(base, a) }];
  if (a.incidentId !== null) actions.push({ type: 'Action.OpenUrl', title: `Incident #${a.incidentId}`, url: incidentUrl(base, a.incidentId) });
  if (a.subject.host) actions.push({ type: 'Action.OpenUrl', title: 'Host', url: hostUrl(base, a.subject.host) });
  items.push({ type: 'ActionSet', actions });
  return { type: 'Container', items, separator: true, spacing: 'Medium' };
}

export function teamsPayload(group: NotificationGroup, shownMax = MAX_SHOWN, caps: Caps = FULL): TeamsPayload {
  const base = group.externalURL;
  const shown = group.alerts.slice(0, shownMax);
  const hidden = group.alerts.length - shown.length + group.truncatedAlerts;
  const worst = group.alerts[0];
  const style = group.status === 'resolved' ? 'good' : worst?.severity === 'critical' ? 'attention' : worst?.severity === 'warning' ? 'warning' : 'accent';
  const body: Element[] = [{ type: 'Container', style, bleed: true, items: [rich(run(line(title(group), 200), { weight: 'Bolder', size: 'Large' }))] }];
  for (const a of shown) body.push(alertElement(a, base, caps));
  if (hidden > 0) body.push(rich(run(`…and ${hidden} more alert${hidden === 1 ? '' : 's'} in this group.`, { isSubtle: true })));
  const actions: OpenUrl[] = [{ type: 'Action.OpenUrl', title: 'Open in teamwatch', url: messageUrl(group) }];
  if (hidden > 0) actions.push({ type: 'Action.OpenUrl', title: 'All alerts of this group', url: groupUrl(base, group) });
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          msteams: { width: 'Full' },
          body,
          actions,
        },
      },
    ],
  };
}

/** The largest card (most alerts, then full texts) that fits BODY_LIMIT. */
export function renderTeams(group: NotificationGroup): string {
  for (const caps of [FULL, TIGHT]) {
    for (let n = Math.min(MAX_SHOWN, group.alerts.length); n >= 1; n--) {
      const body = JSON.stringify(teamsPayload(group, n, caps));
      if (Buffer.byteLength(body) <= BODY_LIMIT) return body;
    }
  }
  return JSON.stringify(teamsPayload(group, 0, TIGHT));
}

export const teams: Notifier = {
  id: 'teams',
  render: (group) => ({ headers: { ...JSON_HEADERS }, body: renderTeams(group) }),
};
