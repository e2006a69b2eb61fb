/**
 * The notifiers as pure renderers: the Alertmanager v4 body's exact fields, the Teams Workflows
 * Adaptive Card and Slack Block Kit shapes within their size limits, the generic body, links to
 * the dashboard's drill-down routes, and hostile names that must stay inert.
 */
import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { NOTIFIERS, notifierFor } from '../../../server/notify/index.ts';
import { amPayload, ZERO_TIME } from '../../../server/notify/alertmanager.ts';
import { teamsPayload, BODY_LIMIT } from '../../../server/notify/teams.ts';
import { slackPayload } from '../../../server/notify/slack.ts';
import { baseUrl, type NotificationGroup } from '../../../server/notify/notifier.ts';
import { clip, clean } from '../../../server/notify/text.ts';
import { secretKey, sign, signatureHeaders, verify } from '../../../server/notify/signature.ts';
import { parseRetryAfter, redactUrl } from '../../../server/notify/deliver.ts';
import { alert, resolved, T0 } from './fixtures.ts';
import type { AlertDto } from '../../../server/contract.ts';

const BASE = 'https://teamwatch.example';

function group(alerts: AlertDto[], over: Partial<NotificationGroup> = {}): NotificationGroup {
  return {
    id: 'msg_1',
    receiver: 'alertmanager-1',
    groupKey: '{}:{alertname="team-degraded", host="HV-07"}',
    groupLabels: { alertname: 'team-degraded', host: 'HV-07' },
    status: alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved',
    reason: 'new',
    alerts,
    truncatedAlerts: 0,
    externalURL: BASE,
    ...over,
  };
}

const HOSTILE = 'HV-07<!channel> [click](http://evil.example) <http://evil.example|ok> *bold* &amp;\u202e\u0000\u0007';

/** Every string anywhere in a JSON value. */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
  return out;
}

describe('registry', () => {
  it('has one notifier per configured format, each rendering JSON', () => {
    expect(NOTIFIERS.map((n) => n.id).sort()).toEqual(['alertmanager', 'generic', 'slack', 'teams']);
    for (const n of NOTIFIERS) {
      const r = notifierFor(n.id).render(group([alert({ id: 1 })]));
      expect(r.headers['content-type']).toMatch(/^application\/json/);
      expect(() => JSON.parse(r.body)).not.toThrow();
    }
  });

  it('links to publicUrl, else http://localhost:8080, without a double slash', () => {
    expect(baseUrl(null)).toBe('http://localhost:8080');
    expect(baseUrl('https://tw.example/noc/')).toBe('https://tw.example/noc');
  });
});

describe('alertmanager v4 body', () => {
  it('has exactly the Alertmanager webhook fields, with LBFO labels and annotations', () => {
    const a = alert({ id: 12, subject: { host: 'HV-07', team: 'TEAM-VM', vm: 'web01', mac: '00:15:5d:01:02:03', ip: '10.0.0.5', switch: 'sw1', vlan: 20 } });
    const b = resolved(alert({ id: 13, severity: 'critical', incidentId: null, subject: { host: 'HV-07', team: 'TEAM-B' } }));
    const p = amPayload(group([a, b]));
    expect(Object.keys(p).sort()).toEqual(['alerts', 'commonAnnotations', 'commonLabels', 'externalURL', 'groupKey', 'groupLabels', 'receiver', 'status', 'truncatedAlerts', 'version']);
    expect(p).toMatchObject({ version: '4', groupKey: '{}:{alertname="team-degraded", host="HV-07"}', truncatedAlerts: 0, status: 'firing', receiver: 'alertmanager-1', groupLabels: { alertname: 'team-degraded', host: 'HV-07' }, externalURL: BASE });
    expect(Object.keys(p.alerts[0]).sort()).toEqual(['annotations', 'endsAt', 'fingerprint', 'generatorURL', 'labels', 'startsAt', 'status']);
    expect(p.alerts[0]).toEqual({
      status: 'firing',
      labels: { alertname: 'team-degraded', severity: 'warning', host: 'HV-07', team: 'TEAM-VM', vm: 'web01', mac: '00:15:5d:01:02:03', ip: '10.0.0.5', switch: 'sw1', vlan: '20', incident: '3' },
      annotations: {
        summary: a.summary,
        expected: '2 active members',
        observed: '1 active member (NIC2 failed: cable unplugged)',
        explanation: a.explanation,
        remediation: 'Check the cable and the switch port of NIC2.\n\nGet-NetLbfoTeamMember -Team "TEAM-VM"',
        runbook_url: `${BASE}/patterns#team-degraded`,
        incident_url: `${BASE}/incidents/3`,
      },
      startsAt: '2026-09-01T10:00:00.000Z',
      endsAt: ZERO_TIME,
      generatorURL: `${BASE}/alerts/12`,
      fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    expect(p.alerts[1]).toMatchObject({ status: 'resolved', endsAt: '2026-09-01T10:01:00.000Z', generatorURL: `${BASE}/alerts/13`, labels: { severity: 'critical' } });
    expect(p.alerts[1].labels.incident).toBeUndefined();
    expect(p.alerts[1].annotations.incident_url).toBeUndefined();
    expect(p.commonLabels).toEqual({ alertname: 'team-degraded', host: 'HV-07' });
    expect(p.commonAnnotations).toEqual({ summary: a.summary, expected: '2 active members', observed: '1 active member (NIC2 failed: cable unplugged)', explanation: a.explanation, remediation: expect.any(String), runbook_url: `${BASE}/patterns#team-degraded` });
    // The fingerprint is stable for the alert's identity, whatever else changes.
    expect(amPayload(group([{ ...a, summary: 'other' }])).alerts[0].fingerprint).toBe(p.alerts[0].fingerprint);
  });

  it('a resolved-only group is resolved; a group without host has no host group label', () => {
    const p = amPayload(group([resolved(alert({ id: 1, pattern: 'x', subject: {} }))], { groupLabels: { alertname: 'x', host: '' }, groupKey: '{}:{alertname="x"}' }));
    expect(p.status).toBe('resolved');
    expect(p.groupLabels).toEqual({ alertname: 'x' });
  });

  it('encodes hostile names as JSON strings, without control characters', () => {
    const r = notifierFor('alertmanager').render(group([alert({ id: 1, subject: { host: HOSTILE, vm: 'a"}],"x":{"' } })]));
    const p = JSON.parse(r.body);
    expect(p.alerts[0].labels.vm).toBe('a"}],"x":{"');
    expect(p.alerts[0].labels.host).toBe(clean(HOSTILE));
    expect(p.x).toBeUndefined();
  });
});

describe('teams (Workflows) card', () => {
  it('is a message with one Adaptive Card 1.4 attachment and an Open in teamwatch action', () => {
    const p = teamsPayload(group([alert({ id: 12 })]));
    expect(p.type).toBe('message');
    expect(p.attachments).toHaveLength(1);
    const att = p.attachments[0];
    expect(att.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(att.content).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    expect(att.content.actions[0]).toEqual({ type: 'Action.OpenUrl', title: 'Open in teamwatch', url: `${BASE}/alerts/12` });
    const urls = JSON.stringify(att.content.body);
    expect(urls).toContain(`${BASE}/incidents/3`);
    expect(urls).toContain(`${BASE}/hosts/HV-07`);
    // Not the retired O365 connector format.
    expect(JSON.stringify(p)).not.toContain('MessageCard');
  });

  it('puts data only into TextRuns (never markdown TextBlocks), so hostile names stay text', () => {
    const p = teamsPayload(group([alert({ id: 1, subject: { host: HOSTILE, vm: HOSTILE }, summary: HOSTILE })]));
    const walk = (e: any): void => {
      if (Array.isArray(e)) return e.forEach(walk);
      if (!e || typeof e !== 'object') return;
      expect(e.type).not.toBe('TextBlock');
      expect(e.type).not.toBe('FactSet');
      Object.values(e).forEach(walk);
    };
    walk(p.attachments[0].content.body);
    for (const s of strings(p)) expect(s).not.toMatch(/[\u0000\u0007\u202e]/);
    // A multi-alert group links to the group's list; host names are URL-encoded in links.
    const g = teamsPayload(group([alert({ id: 1, subject: { host: 'HV 07/x' } }), alert({ id: 2 })]));
    expect(g.attachments[0].content.actions[0].url).toBe(`${BASE}/alerts?status=all&pattern=team-degraded&host=HV-07`);
    expect(JSON.stringify(g)).toContain(`${BASE}/hosts/HV%2007%2Fx`);
  });

  it('stays under the Teams size limit for a large storm with very long texts', () => {
    const big = 'x'.repeat(50_000);
    const alerts = Array.from({ length: 40 }, (_, i) => alert({ id: i + 1, summary: big, explanation: big, remediation: { text: big, commands: [big] }, expected: { summary: big, values: {} }, observed: { summary: big, values: {} } }));
    const body = notifierFor('teams').render(group(alerts, { truncatedAlerts: 10 })).body;
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(BODY_LIMIT);
    expect(body).toContain('more alerts in this group');
  });
});

describe('slack blocks', () => {
  it('has a fallback text, a header and per-alert sections with dashboard links', () => {
    const p = slackPayload(group([alert({ id: 12 })]));
    expect(p.text).toContain('Firing: team-degraded on HV-07');
    expect(p.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Firing: team-degraded on HV-07', emoji: true } });
    const json = JSON.stringify(p);
    expect(json).toContain(`<${BASE}/alerts/12|Open in teamwatch>`);
    expect(json).toContain(`<${BASE}/incidents/3|Incident #3>`);
  });

  it('escapes hostile names (no mentions, no links) and respects Block Kit limits', () => {
    const big = `${HOSTILE} ${'&'.repeat(5000)}`;
    const alerts = Array.from({ length: 30 }, (_, i) => alert({ id: i + 1, summary: big, subject: { host: big, team: big, vm: big, mac: big, ip: big, switch: big, vlan: 1 }, expected: { summary: big, values: {} }, observed: { summary: big, values: {} }, remediation: { text: big, commands: [big] } }));
    const p = slackPayload(group(alerts, { groupLabels: { alertname: 'team-degraded', host: big } }));
    expect(p.blocks.length).toBeLessThanOrEqual(50);
    for (const b of p.blocks as any[]) {
      if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(150);
      if (b.type === 'section') {
        expect(b.text.text.length).toBeLessThanOrEqual(3000);
        expect((b.fields ?? []).length).toBeLessThanOrEqual(10);
        for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(2000);
      }
    }
    const mrkdwn = strings(p.blocks.filter((b: any) => b.type !== 'header')).concat(p.text);
    for (const s of mrkdwn) {
      expect(s).not.toContain('<!channel>');
      expect(s).not.toContain('<http://evil.example');
      expect(s).not.toMatch(/&[a-z]{0,3}…/); // no entity cut in half
    }
    expect(JSON.stringify(p)).toContain('…and 20 more');
  });
});

describe('generic body', () => {
  it('is {event, alerts} with the AlertDto list unchanged and the dashboard links', () => {
    const a = alert({ id: 5 });
    const p = JSON.parse(notifierFor('generic').render(group([a])).body);
    expect(p).toMatchObject({ event: 'firing', reason: 'new', receiver: 'alertmanager-1', links: [{ alert: `${BASE}/alerts/5`, incident: `${BASE}/incidents/3` }] });
    expect(p.alerts).toEqual([a]);
    expect(JSON.parse(notifierFor('generic').render(group([resolved(a)])).body).event).toBe('resolved');
  });
});

describe('text, signatures, retry headers', () => {
  it('clip never splits a surrogate pair and removes control and bidi characters', () => {
    expect(clip('ab😀cd', 4)).toBe('ab…');
    expect(clip('a\u202eb\u0000c\nd', 100)).toBe('abc\nd');
  });

  it('signs "id.timestamp.body" with HMAC-SHA256; whsec_ secrets are base64 keys, others UTF-8', () => {
    const key = Buffer.from('0123456789abcdef0123456789abcdef');
    const whsec = `whsec_${key.toString('base64')}`;
    expect(secretKey(whsec).equals(key)).toBe(true);
    expect(secretKey('plain text secret').toString('utf8')).toBe('plain text secret');
    const expected = createHmac('sha256', key).update('msg_1.1700000000.{"a":1}').digest('base64');
    expect(sign(whsec, 'msg_1', 1_700_000_000, '{"a":1}')).toBe(expected);
    const h = signatureHeaders('s3cret', 'msg_1', 1_700_000_000, '{}');
    expect(h['webhook-signature']).toBe(`v1,${createHmac('sha256', 's3cret').update('msg_1.1700000000.{}').digest('base64')}`);
    expect(verify('s3cret', h, '{}', 1_700_000_100)).toBe(true);
    expect(verify('s3cret', h, '{} ', 1_700_000_100)).toBe(false);
    expect(verify('other', h, '{}', 1_700_000_100)).toBe(false);
    expect(verify('s3cret', h, '{}', 1_700_000_000 + 301)).toBe(false);
  });

  it('parses Retry-After as seconds or an HTTP date; redacts webhook URLs to their origin', () => {
    expect(parseRetryAfter('3', T0)).toBe(3000);
    expect(parseRetryAfter(new Date(T0 + 7000).toUTCString(), T0)).toBe(7000);
    expect(parseRetryAfter('soon', T0)).toBeNull();
    expect(parseRetryAfter(null, T0)).toBeNull();
    expect(redactUrl('https://user:pw@hooks.slack.com/services/T0/B0/secret?x=1')).toBe('https://hooks.slack.com/…');
  });
});
