/**
 * Without TEAMWATCH_INGEST_TOKENS, the first run generates a token, keeps it in the database and
 * reports it once; the next run on the same database uses the same token and does not report it.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer } from '../helpers/server.ts';

describe('the ingest token on first run', () => {
  it('is generated once, stored, and accepted for ingest across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'teamwatch-token-'));
    try {
      const first = await startTestServer({ dir, keepDir: true, config: { ingestTokens: [] } });
      expect(first.server.generatedToken).toBe(true);
      const token = first.server.ingestToken;
      expect(token.length).toBeGreaterThanOrEqual(24);
      const xml = `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='e1iexpress'/><EventID Qualifiers='40964'>27</EventID><Level>3</Level><TimeCreated SystemTime='2026-11-01T00:00:00Z'/><EventRecordID>1</EventRecordID><Channel>System</Channel><Computer>HV1</Computer></System></Event>`;
      expect((await first.post(xml, {}, token)).status).toBe(200);
      expect((await first.post(xml, {}, 'not-the-token-123')).status).toBe(401);
      await first.close();

      const second = await startTestServer({ dir, keepDir: true, config: { ingestTokens: [] } });
      expect(second.server.generatedToken).toBe(false);
      expect(second.server.ingestToken).toBe(token);
      expect((await second.post(xml, {}, token)).json.duplicates).toBe(1);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
