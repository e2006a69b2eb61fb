/**
 * Alerts against the real server: the stale-team-mac drill-down (expected vs observed, evidence
 * timeline, remediation), an ack with a comment appearing live in another open page, and the
 * History search whose CSV export has exactly the rows of the table.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertDetailDto, AlertsDto } from '../../server/contract.ts';
import { requireChromium } from './browser.ts';
import { parseCsv } from './csv.ts';
import { MIN, screenshotPath, startE2E, until, type E2E } from './fleet.ts';

const run = requireChromium();

describe.skipIf(!run)('alerts', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('opens a stale-team-mac alert from the list: expected vs observed, evidence timeline, remediation (screenshot)', async () => {
    const { page, context, dialogs } = await e2e.open('/alerts?status=all&pattern=stale-team-mac', { width: 1400, height: 1000 });
    const link = page.locator('[data-testid="alert-row"][data-pattern="stale-team-mac"] [data-testid="alert-link"]').first();
    await link.waitFor({ timeout: 10_000 });
    await link.click();
    await page.waitForURL(/\/alerts\/\d+$/);
    const id = page.url().split('/').pop()!;
    const { json } = await e2e.ts.get(`/api/v1/alerts/${id}`);
    const detail = json as AlertDetailDto;
    expect(detail.alert.pattern).toBe('stale-team-mac');
    expect(detail.alert.subject).toMatchObject({ host: 'HV-E01', vm: 'APP01' });

    const eo = page.locator('[data-testid="expected-observed"]');
    await eo.waitFor();
    await expect(eo.textContent()).resolves.toContain(detail.alert.expected.summary);
    await expect(eo.textContent()).resolves.toContain(detail.alert.observed.summary);
    expect(await page.locator('[data-testid="eo-row"]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="eo-row"][data-differs="true"]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="eo-row"][data-first="true"]').count()).toBe(1);

    const items = page.locator('[data-testid="timeline-item"]');
    expect(await items.count()).toBeGreaterThanOrEqual(detail.evidence.length + detail.transitions.length);
    expect(await page.locator('[data-testid="timeline-item"][data-kind="transition"]').count()).toBe(detail.transitions.length);

    const remediation = page.locator('[data-testid="remediation"]');
    await expect(remediation.textContent()).resolves.toContain(detail.alert.remediation.text);
    for (const cmd of detail.alert.remediation.commands ?? []) await expect(remediation.textContent()).resolves.toContain(cmd);
    expect(await page.locator('[data-testid="remediation"] [data-testid="copy"]').count()).toBe(detail.alert.remediation.commands?.length ?? 0);

    await expect(page.locator('[data-testid="host-link"]').first().getAttribute('href')).resolves.toBe('/hosts/HV-E01');
    await page.screenshot({ path: screenshotPath('alert.png'), fullPage: true });
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it('an ack with a comment in one page shows up live in another open page', async () => {
    const { json } = await e2e.ts.get('/api/v1/alerts?status=firing&pattern=team-degraded&host=HV-E02');
    const alert = (json as AlertsDto).alerts[0];
    expect(alert, 'team-degraded on HV-E02').toBeDefined();
    const a = await e2e.open(`/alerts/${alert.id}`, { token: true });
    const b = await e2e.open(`/alerts/${alert.id}`);
    await a.page.locator('[data-testid="ack"]').waitFor();
    await b.page.locator('[data-testid="ack"]').waitFor();
    await expect(b.page.locator('[data-testid="ack-info"]').count()).resolves.toBe(0);

    await a.page.locator('[data-testid="ack"]').click();
    const form = a.page.locator('[data-testid="ack-form"]');
    await form.locator('input[name="by"]').fill('e2e-noc');
    await form.locator('textarea[name="comment"]').fill('e2e: cable on Ethernet 2 is being replaced');
    await form.locator('button[type="submit"]').click();
    await form.waitFor({ state: 'detached', timeout: 5_000 });

    const info = b.page.locator('[data-testid="ack-info"]');
    await info.waitFor({ timeout: 5_000 });
    await expect(info.textContent()).resolves.toContain('e2e: cable on Ethernet 2 is being replaced');
    await expect(info.textContent()).resolves.toContain('e2e-noc');
    // The transition list follows (re-read shortly after the live update).
    await until('the acknowledged transition in the other page', async () => (await b.page.locator('[data-testid="timeline-item"][data-kind="transition"]').allTextContents()).some((t) => t.includes('acknowledged')), 5_000);
    await a.context.close();
    await b.context.close();
  });

  it('History finds the scenario alerts and exports CSV with exactly the table rows', async () => {
    const since = new Date(e2e.start - 5 * MIN).toISOString();
    const untilIso = new Date(Date.now() + 5 * MIN).toISOString();
    const { json } = await e2e.ts.get(`/api/v1/alerts?status=all&since=${encodeURIComponent(since)}&until=${encodeURIComponent(untilIso)}&limit=5000`);
    const expected = (json as AlertsDto).alerts.map((x) => String(x.id)).sort();
    expect(expected.length).toBeGreaterThanOrEqual(1);
    expect((json as AlertsDto).alerts.map((x) => x.pattern)).toContain('team-degraded');

    const { page, context } = await e2e.open(`/history?since=${encodeURIComponent(since)}&until=${encodeURIComponent(untilIso)}`, { width: 1400, height: 1000 });
    const rows = page.locator('[data-testid="history-table-row"]');
    await until('the history rows', async () => (await rows.count()) === expected.length, 10_000);
    const table: string[][] = [];
    for (let i = 0; i < expected.length; i++) table.push(await rows.nth(i).locator('td').allTextContents());
    expect(table.map((r) => r[0]).sort()).toEqual(expected);
    const headers = await page.locator('[data-testid="history-table"] thead th').allTextContents();

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export-csv"]').click()]);
    const path = await download.path();
    const csv = parseCsv(readFileSync(path, 'utf8'));
    expect(csv[0]).toEqual(headers);
    expect(csv.slice(1)).toEqual(table);
    await context.close();
  });
});
