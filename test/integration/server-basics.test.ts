import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';

describe('the server answers with clear errors and never a 500 for bad input', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ config: { maxBodyBytes: 64 * 1024 } });
  });
  afterAll(() => s.close());

  it('serves health', async () => {
    const r = await s.get('/api/v1/health');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ status: 'ok', demo: false, counts: { hosts: 0, events: 0 } });
  });

  it('refuses ingest without a token (401, code unauthorized)', async () => {
    const r = await s.post('x', {}, null);
    expect(r.status).toBe(401);
    expect(r.json.error.code).toBe('unauthorized');
  });

  it('refuses ingest with a wrong token', async () => {
    const r = await s.post('x', {}, 'wrong-token-123456');
    expect(r.status).toBe(401);
  });

  it('refuses a body over the limit (413, code payload_too_large)', async () => {
    const r = await s.post('a'.repeat(70 * 1024));
    expect(r.status).toBe(413);
    expect(r.json.error.code).toBe('payload_too_large');
  });

  it('refuses an unknown format name, listing the known ones (415)', async () => {
    const r = await s.post('hello', { format: 'nope' });
    expect(r.status).toBe(415);
    expect(r.json.error.code).toBe('unknown_format');
    expect(r.json.error.message).toContain('event-xml');
  });

  it('refuses a body no parser recognises, naming the formats tried (415)', async () => {
    const r = await s.post('just some words\nthat are nothing');
    expect(r.status).toBe(415);
    expect(r.json.error.message).toMatch(/tried .*bundle/);
  });

  it('refuses an empty body (400)', async () => {
    const r = await s.post('');
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('invalid_body');
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const r = await s.get('/api/v1/nope');
    expect(r.status).toBe(404);
    expect(r.json.error.code).toBe('not_found');
  });

  it('rejects malformed query parameters with 400 naming the parameter', async () => {
    const r = await s.get('/api/v1/events?limit=abc');
    expect(r.status).toBe(400);
    expect(r.json.error.message).toContain("'limit'");
  });
});
