/**
 * The embedded demo fleet: with no real data, the server runs a simulated fleet through the real
 * ingest path into its own database, labelled demo, and shows firing alerts within a minute; the
 * first real ingest ends it and the API shows real data only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import type { AlertDto } from '../../server/contract.ts';

describe('the demo fleet', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ config: { demo: 'auto' }, ticker: true });
  });
  afterAll(() => s.close());

  it('is running and labelled demo when the real database is empty', async () => {
    const h = (await s.get('/api/v1/health')).json;
    expect(h.demo).toBe(true);
  });

  it('shows firing demo alerts through GET /api/v1/alerts within 60 s', async () => {
    const started = Date.now();
    let alerts: AlertDto[] = [];
    while (Date.now() - started < 60_000) {
      alerts = (await s.get('/api/v1/alerts?status=firing')).json.alerts;
      if (alerts.length) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts.every((a) => a.demo === true)).toBe(true);
    const hosts = (await s.get('/api/v1/hosts')).json.hosts;
    expect(hosts.length).toBeGreaterThanOrEqual(10);
    expect(hosts.every((h: { demo: boolean }) => h.demo)).toBe(true);
  }, 90_000);

  it('ends at the first real ingest: the API then shows real data only', async () => {
    const xml = `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='e1iexpress'/><EventID Qualifiers='40964'>27</EventID><Level>3</Level><TimeCreated SystemTime='${new Date().toISOString()}'/><EventRecordID>1</EventRecordID><Channel>System</Channel><Computer>REAL-HV-01</Computer></System><EventData><Data></Data><Data>Intel(R) 82574L</Data></EventData></Event>`;
    await s.ingest(xml);
    const h = (await s.get('/api/v1/health')).json;
    expect(h.demo).toBe(false);
    const hosts = (await s.get('/api/v1/hosts')).json.hosts;
    expect(hosts.map((x: { name: string }) => x.name)).toEqual(['REAL-HV-01']);
    expect((await s.get('/api/v1/alerts?status=firing')).json.alerts).toEqual([]);
  });
});
