import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { call, openStream, startConversation, upgradeStatus } from '../directLineClient.js';
import { ALLOWED_ORIGIN, type SharedApp } from '../sharedApp.js';

export function corsScenarios(shared: SharedApp): void {
  let app: App;
  beforeAll(() => {
    ({ app } = shared);
  });

  const allowed = ALLOWED_ORIGIN;
  const other = 'https://evil.example';

  const preflight = (origin: string, path = '/v3/directline/conversations') =>
    call(`${app.url}${path}`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-requested-with,x-ms-bot-agent' },
    });

  describe('CORS for the widget endpoints', () => {
    it.each(['/v3/directline/conversations', '/v3/directline/conversations/abc/activities', '/api/directline/token'])(
      'answers a preflight from an allowed origin on %s',
      async (path) => {
        const res = await preflight(allowed, path);
        expect(res.status).toBe(204);
        expect(res.headers.get('access-control-allow-origin')).toBe(allowed);
        expect(res.headers.get('access-control-allow-methods')).toContain('POST');
        expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
        expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-ms-bot-agent');
      },
    );

    it('lets an allowed origin read a response', async () => {
      const res = await call(`${app.url}/api/directline/token`, { method: 'POST', headers: { origin: allowed } });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(allowed);
      expect(res.headers.get('vary')).toContain('Origin');
    });

    it.each([
      ['a preflight', () => preflight(other)],
      ['a token request', () => call(`${app.url}/api/directline/token`, { method: 'POST', headers: { origin: other } })],
    ])('refuses %s from another origin with 403 and no CORS headers', async (_name, request) => {
      const res = await request();
      expect(res.status).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.json.error.message).toMatch(/origin/i);
    });

    it("accepts the server's own origin without listing it", async () => {
      const res = await call(`${app.url}/api/directline/token`, { method: 'POST', headers: { origin: app.url } });
      expect(res.status).toBe(200);
    });

    it('accepts clients that send no Origin (the terminal chat)', async () => {
      const res = await call(`${app.url}/api/directline/token`, { method: 'POST' });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('opens a stream for an allowed origin and refuses another one', async () => {
      const c = await startConversation(app.url);
      const stream = await openStream(c.streamUrl, { origin: allowed });
      stream.close();
      expect(await upgradeStatus(c.streamUrl, { origin: other })).toBe(403);
    });

    it('leaves routes outside the widget alone', async () => {
      const res = await call(`${app.url}/health`, { headers: { origin: other } });
      expect(res.status).toBe(200);
    });
  });
}
