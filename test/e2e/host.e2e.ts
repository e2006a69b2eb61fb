/**
 * The host view against the real server (team topology with a failed member drawn failed), and
 * hostile input — a host named `<img src=x onerror=alert(1)>`, a team named with markup, an event
 * message carrying `<script>` — rendered as text everywhere, with no dialog and no script run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireChromium } from './browser.ts';
import { HOSTILE_HOST, HOSTILE_MESSAGE, HOSTILE_TEAM, screenshotPath, startE2E, type E2E, type OpenPage } from './fleet.ts';

const run = requireChromium();

describe.skipIf(!run)('host view', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('draws the team topology with the failed member shown failed (screenshot)', async () => {
    const { page, context, dialogs } = await e2e.open('/hosts/HV-E02', { width: 1400, height: 1000 });
    const svg = page.locator('[data-testid="topology"]');
    await svg.waitFor({ timeout: 10_000 });
    await expect(svg.getAttribute('data-mode')).resolves.toBe('observed');
    await expect(svg.locator('[data-kind="team"][data-name="TEAM-VM"]').count()).resolves.toBe(1);
    await expect(svg.locator('[data-kind="pnic"][data-name="Ethernet 2"]').getAttribute('data-state')).resolves.toBe('failed');
    await expect(svg.locator('[data-kind="pnic"][data-name="Ethernet 1"]').getAttribute('data-state')).resolves.toBe('active');
    expect(await svg.locator('[data-kind="vswitch"]').count()).toBeGreaterThanOrEqual(1);
    expect(await svg.locator('[data-kind="vnic"]').count()).toBeGreaterThanOrEqual(3);
    // The vNIC boxes carry their MACs.
    expect((await svg.locator('[data-kind="vnic"]').allTextContents()).join(' ')).toMatch(/([0-9a-f]{2}:){5}[0-9a-f]{2}/);

    await page.locator('[data-testid="mode-expected"]').check();
    await expect(svg.getAttribute('data-mode')).resolves.toBe('expected');
    await page.locator('[data-testid="mode-observed"]').check();
    await page.locator('[data-testid="event-row"]').first().waitFor({ timeout: 10_000 });
    await page.screenshot({ path: screenshotPath('host.png') });
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it('renders hostile host names, team names and event messages as text: no dialog, no script', async () => {
    const check = async (o: OpenPage) => {
      expect(o.dialogs).toEqual([]);
      expect(o.errors).toEqual([]);
      await expect(o.page.evaluate('window.__xss')).resolves.toBeUndefined();
      await expect(o.page.locator('img').count()).resolves.toBe(0);
      await expect(o.page.locator('svg[onload]').count()).resolves.toBe(0);
      await expect(o.page.locator('body script').count()).resolves.toBe(0);
    };

    const wall = await e2e.open('/wall?kiosk=1', { width: 1920, height: 1080 });
    const tile = wall.page.locator('[data-testid="host-tile"]').filter({ hasText: '<img' });
    await tile.waitFor({ timeout: 10_000 });
    await expect(tile.getAttribute('data-host')).resolves.toBe(HOSTILE_HOST);
    await expect(tile.textContent()).resolves.toContain('<img');
    await wall.page.waitForTimeout(500);
    await check(wall);
    await wall.context.close();

    const host = await e2e.open(`/hosts/${encodeURIComponent(HOSTILE_HOST)}`);
    await expect(host.page.locator('[data-testid="host-name"]').textContent()).resolves.toBe(HOSTILE_HOST);
    const ev = host.page.locator('[data-testid="event-row"]').filter({ hasText: '<script>' });
    await ev.waitFor({ timeout: 10_000 });
    await expect(ev.textContent()).resolves.toContain(HOSTILE_MESSAGE);
    await host.page.waitForTimeout(500);
    await check(host);
    await host.context.close();

    const list = await e2e.open(`/alerts?status=all&host=${encodeURIComponent(HOSTILE_HOST)}`);
    const rows = list.page.locator('[data-testid="alert-row"]');
    await list.page.waitForTimeout(1500);
    if ((await rows.count()) > 0) await expect(rows.first().textContent()).resolves.toContain(HOSTILE_TEAM.slice(0, 8));
    await check(list);
    await list.context.close();
  });
});
