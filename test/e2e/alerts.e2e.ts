/**
 * Alerts against the real server: the stale-team-mac drill-down (expected vs observed, evidence
 * timeline, remediation), an ack with a comment appearing live in another open page, the History
 * search whose CSV export has exactly the rows of the table, the History charts drawn from the
 * stats endpoints with buckets that fit the range, and silences: a maintenance window created and
 * expired in the Silences view, and a silence from an alert's dialog started by the server.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { AlertDetailDto, AlertsDto, HealthDto, SilenceDto, SilencesDto, StatsSeriesDto } from '../../server/contract.ts';
import { requireChromium } from './browser.ts';
import { parseCsv } from './csv.ts';
import { MIN, screenshotPath, startE2E, until, type E2E } from './fleet.ts';

const run = requireChromium();

/** The stats requests a page made, as URLs (from the browser's resource timing). */
async function statsRequests(page: Page): Promise<URL[]> {
  const names = (await page.evaluate(`performance.getEntriesByType('resource').map((e) => e.name)`)) as string[];
  return names.map((n) => new URL(n)).filter((u) => u.pathname.startsWith('/api/v1/stats/'));
}

const UNIT = { m: MIN, h: 60 * MIN, d: 1440 * MIN } as const;

/** One stats request's range and bucket, checked against the server's limit (at most 2,000 buckets). */
function bucketsOf(u: URL): { bucket: string; bucketMs: number; buckets: number } {
  const bucket = u.searchParams.get('bucket') ?? '';
  const m = /^(\d+)([mhd])$/.exec(bucket);
  expect(m, `bucket of ${u.pathname}: ${bucket}`).not.toBeNull();
  const bucketMs = Number(m![1]) * UNIT[m![2] as keyof typeof UNIT];
  const span = Date.parse(u.searchParams.get('until')!) - Date.parse(u.searchParams.get('since')!);
  expect(span).toBeGreaterThan(0);
  const buckets = Math.ceil(span / bucketMs);
  expect(buckets).toBeGreaterThanOrEqual(1);
  expect(buckets).toBeLessThanOrEqual(2000);
  return { bucket, bucketMs, buckets };
}

/** The series keys a chart must draw for a stats answer: keys with counts, top 7 + "other" past 8. */
function drawnKeys(dto: StatsSeriesDto, max = 8): string[] {
  const ranked = dto.series.map((s) => ({ key: s.key, total: s.counts.reduce((a, x) => a + x, 0) })).filter((s) => s.total > 0);
  ranked.sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
  return ranked.length <= max ? ranked.map((s) => s.key) : [...ranked.slice(0, max - 1).map((s) => s.key), 'other'];
}

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
  it('History charts are drawn from the stats endpoints, with buckets that fit the range (screenshot)', async () => {
    const since = new Date(e2e.start - 5 * MIN).toISOString();
    const untilIso = new Date(Date.now() + 5 * MIN).toISOString();
    const { page, context, errors } = await e2e.open(`/history?since=${encodeURIComponent(since)}&until=${encodeURIComponent(untilIso)}`, { width: 1400, height: 1100 });
    const panels = ['chart-alerts', 'chart-16945', 'chart-mac-moves'];
    for (const id of panels) await page.locator(`[data-testid="${id}"] canvas`).waitFor({ timeout: 10_000 });

    const byPath = async (path: string) => until(`a request to ${path}`, async () => (await statsRequests(page)).filter((u) => u.pathname === path).at(-1), 10_000);
    const alertsReq = await byPath('/api/v1/stats/alerts');
    const eventsReq = await byPath('/api/v1/stats/events');
    const movesReq = await byPath('/api/v1/stats/mac-moves');
    expect(eventsReq.searchParams.get('eventId')).toBe('16945');
    for (const u of [alertsReq, eventsReq, movesReq]) {
      expect(Date.parse(u.searchParams.get('since')!)).toBe(Date.parse(since));
      expect(Date.parse(u.searchParams.get('until')!)).toBe(Date.parse(untilIso));
      // About 70 minutes: bars of minutes, not one bar and not thousands.
      const w = bucketsOf(u);
      expect(w.buckets, `${u.pathname} bucket ${w.bucket}`).toBeGreaterThanOrEqual(5);
      expect(w.buckets, `${u.pathname} bucket ${w.bucket}`).toBeLessThanOrEqual(60);
    }

    // Each chart draws the series the endpoint answers (the same request, asked again).
    const answer = async (u: URL) => (await e2e.ts.get(u.pathname + u.search)).json as StatsSeriesDto;
    const alertStats = await answer(alertsReq);
    const stormStats = await answer(eventsReq);
    const moveStats = await answer(movesReq);
    expect(drawnKeys(alertStats, 10)).toContain('team-degraded');
    expect(drawnKeys(stormStats).length).toBeGreaterThanOrEqual(1);
    const series = async (id: string) => ((await page.locator(`[data-testid="${id}"] [data-testid="chart"]`).getAttribute('data-series')) ?? '').split('\n').filter(Boolean);
    await until('the charts to show the stats series', async () => (await series('chart-alerts')).length > 0 && (await series('chart-16945')).length > 0, 10_000);
    expect(await series('chart-alerts')).toEqual(drawnKeys(alertStats, 10));
    expect(await series('chart-16945')).toEqual(drawnKeys(stormStats));
    expect(await series('chart-mac-moves')).toEqual(drawnKeys(moveStats));
    for (const id of panels) expect((await page.locator(`[data-testid="${id}"] canvas`).boundingBox())?.width ?? 0).toBeGreaterThan(100);
    await page.screenshot({ path: screenshotPath('history.png') });

    // A 30-day range: day buckets for alerts, hours for events, still far under the server's limit.
    const before = (await statsRequests(page)).length;
    await page.getByRole('button', { name: '30 d' }).click();
    const fresh = await until('the 30-day stats requests', async () => {
      const all = (await statsRequests(page)).slice(before);
      return all.length >= 3 ? all : null;
    });
    const pick = (path: string) => fresh.find((u) => u.pathname === path)!;
    // The preset's start is cut to the minute, so the range is 30 days and a few seconds.
    const days = bucketsOf(pick('/api/v1/stats/alerts'));
    expect(days.bucket).toBe('1d');
    expect(days.buckets).toBeGreaterThanOrEqual(30);
    expect(days.buckets).toBeLessThanOrEqual(31);
    for (const path of ['/api/v1/stats/events', '/api/v1/stats/mac-moves']) {
      const w = bucketsOf(pick(path));
      expect(w.bucketMs).toBeGreaterThanOrEqual(60 * MIN);
      expect(w.buckets).toBeLessThanOrEqual(60);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the Silences view creates a maintenance window and expires it, checked through the API (screenshot)', async () => {
    const health = (await e2e.ts.get('/api/v1/health')).json as HealthDto;
    const { page, context, dialogs, errors } = await e2e.open('/silences', { token: true, width: 1400, height: 1000 });
    await page.locator('[data-testid="silences-table"]').waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="new-silence"]').click();
    const form = page.locator('[data-testid="new-silence-form"]');
    await form.locator('[data-testid="kind-maintenance"]').check();
    await form.locator('[data-testid="matcher-name"]').nth(0).selectOption('host');
    await form.locator('[data-testid="matcher-value"]').nth(0).fill('HV-E04');
    await form.locator('[data-testid="add-matcher"]').click();
    await form.locator('[data-testid="matcher-name"]').nth(1).selectOption('pattern');
    await form.locator('[data-testid="matcher-regex"]').nth(1).check();
    await form.locator('[data-testid="matcher-value"]').nth(1).fill('team-.*');
    await form.locator('[data-testid="duration-1d"]').check();
    await form.locator('input[name="createdBy"]').fill('e2e-noc');
    await form.locator('input[name="comment"]').fill('e2e: CHG-42 switch firmware on rack E');
    await form.locator('[data-testid="create-silence"]').click();
    await form.waitFor({ state: 'detached', timeout: 5_000 });

    const listed = async () => ((await e2e.ts.get('/api/v1/silences')).json as SilencesDto).silences.find((s) => s.comment === 'e2e: CHG-42 switch firmware on rack E');
    const created = (await listed()) as SilenceDto;
    expect(created).toBeDefined();
    expect(created).toMatchObject({ kind: 'maintenance', status: 'active', createdBy: 'e2e-noc' });
    expect(created.matchers).toEqual([{ name: 'host', value: 'HV-E04' }, { name: 'pattern', value: 'team-.*', isRegex: true }]);
    // No start was sent: the server started it at the engine's clock, for one day.
    expect(Date.parse(created.startsAt)).toBe(Date.parse(health.engineTime!));
    expect(Date.parse(created.endsAt) - Date.parse(created.startsAt)).toBe(1440 * MIN);

    const row = page.locator(`[data-testid="silence-row"][data-id="${created.id}"]`);
    await row.waitFor({ timeout: 5_000 });
    await expect(row.getAttribute('data-status')).resolves.toBe('active');
    await expect(row.textContent()).resolves.toContain('host=HV-E04');
    await expect(row.textContent()).resolves.toContain('pattern=~team-.*');
    await page.screenshot({ path: screenshotPath('silences.png') });

    // Expire: the first click arms the button, the second one expires.
    await row.locator('[data-testid="expire"]').click();
    await row.locator('[data-testid="expire"]').click();
    await until('the window expired in the API', async () => (await listed())?.status === 'expired', 5_000);
    await row.waitFor({ state: 'detached', timeout: 5_000 });
    await page.locator('[data-testid="show-expired"]').check();
    await expect(page.locator(`[data-testid="silence-row"][data-id="${created.id}"]`).getAttribute('data-status')).resolves.toBe('expired');
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("an alert's silence dialog leaves the start to the server and sends the duration", async () => {
    const health = (await e2e.ts.get('/api/v1/health')).json as HealthDto;
    const { json } = await e2e.ts.get('/api/v1/alerts?status=firing&pattern=team-degraded&host=HV-E02');
    const alert = (json as AlertsDto).alerts[0];
    const { page, context } = await e2e.open(`/alerts/${alert.id}`, { token: true });
    await page.locator('[data-testid="silence"]').click();
    const form = page.locator('[data-testid="silence-form"]');
    await form.locator('[data-testid="duration-1h"]').check();
    await form.locator('input[name="createdBy"]').fill('e2e-noc');
    await form.locator('textarea[name="comment"]').fill('e2e: silence from the alert dialog');
    await form.locator('button[type="submit"]').click();
    await form.waitFor({ state: 'detached', timeout: 5_000 });
    const s = ((await e2e.ts.get('/api/v1/silences')).json as SilencesDto).silences.find((x) => x.comment === 'e2e: silence from the alert dialog')!;
    expect(s).toMatchObject({ kind: 'silence', status: 'active' });
    expect(s.matchers).toContainEqual({ name: 'pattern', value: 'team-degraded' });
    expect(Date.parse(s.startsAt)).toBe(Date.parse(health.engineTime!));
    expect(Date.parse(s.endsAt) - Date.parse(s.startsAt)).toBe(60 * MIN);
    await context.close();
  });
});
