/**
 * The NOC wall against the real server: every host of the scenario is on it; vendor teams (which
 * Windows reports without members) show their status and a "members not reported" marker; an
 * alert raised by ingest appears within 2 s of the ingest ack and leaves when it resolves; a dead
 * socket shows the stale banner within 5 s and recovery removes it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocketRoute } from 'playwright-core';
import type { AlertDto, AlertsDto, HostsDto } from '../../server/contract.ts';
import { requireChromium } from './browser.ts';
import { MIN, screenshotPath, startE2E, until, type E2E } from './fleet.ts';

const run = requireChromium();

describe.skipIf(!run)('wall', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  const tileHosts = (page: import('playwright-core').Page) => page.locator('[data-testid="host-tile"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-host') ?? ''));

  it('shows every host of the scenario, without scrolling at 1920×1080 and 3840×2160 (screenshot)', async () => {
    const { json } = await e2e.ts.get('/api/v1/hosts');
    const expected = (json as HostsDto).hosts.map((h) => h.name).sort();
    expect(expected.length).toBeGreaterThanOrEqual(6);
    const { page, context, dialogs } = await e2e.open('/wall?kiosk=1', { width: 1920, height: 1080 });
    await page.locator('[data-testid="wall"][data-connection="live"]').waitFor({ timeout: 10_000 });
    await until('all host tiles', async () => (await tileHosts(page)).length === expected.length, 10_000);
    expect((await tileHosts(page)).sort()).toEqual(expected);
    const size = (await page.evaluate('[document.documentElement.scrollWidth, document.documentElement.scrollHeight]')) as number[];
    expect(size).toEqual([1920, 1080]);
    await expect(page.locator('[data-testid="count-hosts"]').textContent()).resolves.toBe(String(expected.length));
    await page.waitForTimeout(500);
    await page.screenshot({ path: screenshotPath('wall.png') });
    // The same wall on a 4K screen: everything still on one screen.
    await page.setViewportSize({ width: 3840, height: 2160 });
    await page.waitForTimeout(300);
    expect(await page.evaluate('[document.documentElement.scrollWidth, document.documentElement.scrollHeight]')).toEqual([3840, 2160]);
    expect((await tileHosts(page)).length).toBe(expected.length);
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it('vendor teams show their status and a "members not reported" marker instead of member dots', async () => {
    const { json } = await e2e.ts.get('/api/v1/hosts');
    const vendor = (json as HostsDto).hosts.flatMap((h) => h.teams.filter((t) => t.kind === 'vendor').map((t) => ({ host: h.name, team: t })));
    // HV-E01 and HV-E05 run Broadcom BASP teams.
    expect(vendor.map((v) => v.host).sort()).toEqual(['HV-E01', 'HV-E05']);
    for (const [width, height, text] of [
      [1920, 1080, null],
      [3840, 2160, 'members not reported'],
    ] as const) {
      const { page, context } = await e2e.open('/wall?kiosk=1', { width, height });
      await page.locator('[data-testid="wall"][data-connection="live"]').waitFor({ timeout: 10_000 });
      for (const v of vendor) {
        const tile = page.locator(`[data-testid="host-tile"][data-host="${v.host}"]`);
        const marker = tile.locator(`[data-testid="vendor-team"][data-team="${v.team.name}"]`);
        await marker.waitFor({ timeout: 10_000 });
        await expect(marker.getAttribute('data-status')).resolves.toBe(v.team.status);
        await expect(marker.getAttribute('title')).resolves.toMatch(/members not reported/i);
        if (text) await expect(marker.textContent()).resolves.toMatch(new RegExp(`${v.team.status}\\s*${text}`));
        await expect(marker.isVisible()).resolves.toBe(true);
      }
      // LBFO and SET teams keep their member dots.
      expect(await page.locator('[data-testid="host-tile"][data-host="HV-E02"] .dot').count()).toBeGreaterThanOrEqual(2);
      await context.close();
    }
  });

  it('an alert posted through ingest appears within 2 s of the ingest ack and leaves when it resolves', async () => {
    const { page, context } = await e2e.open('/wall?kiosk=1', { width: 1920, height: 1080 });
    await page.locator('[data-testid="wall"][data-connection="live"]').waitFor({ timeout: 10_000 });
    const find = async (): Promise<AlertDto | undefined> => {
      const { json } = await e2e.ts.get('/api/v1/alerts?status=all&pattern=team-degraded&host=HV-E03');
      return (json as AlertsDto).alerts[0];
    };
    expect(await find()).toBeUndefined();

    // Post the outage one collector post at a time; stop at the ack after which the alert exists.
    let alert: AlertDto | undefined;
    let ackAt = 0;
    await e2e.advanceStepwise(36 * MIN, async (_ack, at) => {
      alert = await find();
      ackAt = at;
      return alert !== undefined;
    });
    expect(alert, 'team-degraded on HV-E03 after its member went down').toBeDefined();
    const row = page.locator(`[data-testid="wall-alert"][data-alert-id="${alert!.id}"]`);
    await row.waitFor({ timeout: 5_000 });
    expect(Date.now() - ackAt).toBeLessThanOrEqual(2_000);
    await expect(row.textContent()).resolves.toContain('HV-E03');

    // Bring the member back; once the server says resolved, the row must leave the wall.
    let resolvedAt = 0;
    await e2e.advanceStepwise(50 * MIN, async (_ack, at) => {
      const a = await find();
      if (a?.status === 'resolved') {
        resolvedAt = at;
        return true;
      }
    });
    expect(resolvedAt, 'the alert resolved after link-up').toBeGreaterThan(0);
    await row.waitFor({ state: 'detached', timeout: 5_000 });
    expect(Date.now() - resolvedAt).toBeLessThanOrEqual(2_000);
    await context.close();
  });

  it('shows "Connection lost — data stale since …" within 5 s of losing the socket and clears it on reconnect', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    // Every socket.io WebSocket goes through this route, so the test can cut it and refuse new ones.
    let blocked = false;
    const open: { page: WebSocketRoute; server: WebSocketRoute }[] = [];
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      if (blocked) {
        void ws.close({ code: 1011, reason: 'blocked by the test' });
        return;
      }
      open.push({ page: ws, server: ws.connectToServer() });
    });
    await page.goto(`${e2e.ts.url}/wall?kiosk=1`);
    const wall = page.locator('[data-testid="wall"]');
    await page.locator('[data-testid="wall"][data-connection="live"]').waitFor({ timeout: 10_000 });
    await expect(page.locator('[data-testid="stale-banner"]').count()).resolves.toBe(0);

    blocked = true;
    const cutAt = Date.now();
    for (const c of open.splice(0)) {
      await c.server.close().catch(() => {});
      await c.page.close().catch(() => {});
    }
    const banner = page.locator('[data-testid="stale-banner"]');
    await banner.waitFor({ timeout: 5_000 });
    expect(Date.now() - cutAt).toBeLessThanOrEqual(5_000);
    await expect(banner.textContent()).resolves.toMatch(/Connection lost — data stale since \d\d:\d\d:\d\d/);
    await expect(wall.getAttribute('data-connection')).resolves.toBe('stale');
    await expect(page.locator('[data-testid="host-tile"]').count()).resolves.toBeGreaterThan(0);

    blocked = false;
    await banner.waitFor({ state: 'detached', timeout: 15_000 });
    await expect(wall.getAttribute('data-connection')).resolves.toBe('live');
    await context.close();
  });
});
