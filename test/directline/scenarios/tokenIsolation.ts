import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import type { TokenSigner } from '../../../src/channels/directline/tokens.js';
import type { Db } from '../../../src/storage/db.js';
import { call, getActivities, sendText, startConversation, upgradeStatus, type Started } from '../directLineClient.js';
import { serverSigner } from '../embeddedKeys.js';
import type { SharedApp } from '../sharedApp.js';

export function tokenIsolationScenarios(shared: SharedApp): void {
  let db: Db;
  let app: App;
  beforeAll(() => {
    ({ db, app } = shared);
  });

  let signer: TokenSigner;
  let alice: Started;
  let mallory: Started;

  beforeAll(async () => {
    signer = await serverSigner(db);
    alice = await startConversation(app.url);
    mallory = await startConversation(app.url);
    await sendText(app.url, alice, 'my tenant id is 1234, please keep it private');
  });

  const conversationUrl = (c: Started, suffix = '') => `${app.url}/v3/directline/conversations/${c.conversationId}${suffix}`;

  describe("one conversation's token and another conversation", () => {
    it.each([
      ['read its activities', 'GET', '/activities'],
      ['post to it', 'POST', '/activities'],
      ['reconnect to it', 'GET', ''],
    ])('cannot %s (403)', async (_name, method, suffix) => {
      const res = await call(conversationUrl(alice, suffix), {
        method,
        token: mallory.token,
        body: method === 'POST' ? { type: 'message', text: 'injected' } : undefined,
      });
      expect(res.status).toBe(403);
      expect(res.json).toEqual({ error: { status: 403, message: expect.stringMatching(/token/i) } });
      expect(res.text).not.toContain('1234');
    });

    it('cannot open its stream (403)', async () => {
      const mallorysStream = new URL(mallory.streamUrl);
      const url = `${mallorysStream.origin}/v3/directline/conversations/${alice.conversationId}/stream${mallorysStream.search}`;
      expect(await upgradeStatus(url)).toBe(403);
    });

    it('leaves the other conversation untouched after the attempts', async () => {
      const log = await getActivities(app.url, alice.conversationId, alice.token);
      expect(log.json.activities.map((a: { text?: string }) => a.text)).not.toContain('injected');
    });
  });

  describe('tokens that are not valid', () => {
    const forged = () => {
      const [header, payload, signature] = alice.token.split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
      const changed = Buffer.from(JSON.stringify({ ...claims, conv: mallory.conversationId })).toString('base64url');
      return `${header}.${changed}.${signature}`;
    };

    it.each([
      ['no token', async () => undefined],
      ['a random string', async () => 'not-a-token'],
      ['a token with a changed claim', async () => forged()],
      ['an expired token', async () => (await signer.issue(alice.conversationId, 'dl_x', 'conversation', new Date(Date.now() - 31 * 60_000))).token],
      ['a stream token used as a bearer token', async () => (await signer.issue(alice.conversationId, 'dl_x', 'stream')).token],
    ])('are refused with 403: %s', async (_name, token) => {
      const res = await call(conversationUrl(alice, '/activities'), { token: await token() });
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
    });

    it('cannot be refreshed into a valid one once expired', async () => {
      const expired = (await signer.issue(alice.conversationId, 'dl_x', 'conversation', new Date(Date.now() - 31 * 60_000))).token;
      const res = await call(`${app.url}/v3/directline/tokens/refresh`, { method: 'POST', token: expired });
      expect(res.status).toBe(403);
    });

    it('are refused on the stream too', async () => {
      const url = new URL(alice.streamUrl);
      url.searchParams.set('t', 'not-a-token');
      expect(await upgradeStatus(url.toString())).toBe(403);
    });
  });
}
