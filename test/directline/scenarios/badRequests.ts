import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import type { Db } from '../../../src/storage/db.js';
import { call, getActivities, startConversation, type Started } from '../directLineClient.js';
import { connectorToken, serverServiceUrl } from '../embeddedKeys.js';
import type { SharedApp } from '../sharedApp.js';

export function badRequestScenarios(shared: SharedApp): void {
  let db: Db;
  let app: App;
  beforeAll(() => {
    ({ db, app } = shared);
  });

  let c: Started;

  beforeAll(async () => {
    c = await startConversation(app.url);
  });

  const internals = /\.(ts|js):\d+|SyntaxError|TypeError|ZodError|Unexpected token|"path"|"code"/;

  async function postRaw(body: string) {
    const res = await fetch(`${app.url}/v3/directline/conversations/${c.conversationId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
      body,
    });
    return { status: res.status, text: await res.text() };
  }

  describe('POST activities with a bad body', () => {
    it.each([
      ['malformed JSON', '{"type": "message", ', 400, /not valid JSON/],
      ['an empty body', '', 400, /empty/],
      ['a JSON array', '[1,2]', 400, /Invalid activity/],
      ['no type', JSON.stringify({ text: 'hi' }), 400, /"type"/],
      ['an unknown type', JSON.stringify({ type: 'invoke', name: 'x' }), 400, /"type"/],
      ['text that is not a string', JSON.stringify({ type: 'message', text: { $gt: '' } }), 400, /"text"/],
      ['text over the length cap', JSON.stringify({ type: 'message', text: 'x'.repeat(5001) }), 400, /longer than 5000/],
      ['too many attachments', JSON.stringify({ type: 'message', attachments: Array(11).fill({ contentType: 'text/plain' }) }), 400, /"attachments"/],
    ])('refuses %s with %i and a plain message', async (_name, body, status, message) => {
      const res = await postRaw(body);
      expect(res.status).toBe(status);
      expect(JSON.parse(res.text).error.message).toMatch(message);
      expect(res.text).not.toMatch(internals);
    });

    it('refuses a body over 256 KB with 413 and does not echo it', async () => {
      const res = await postRaw(JSON.stringify({ type: 'message', text: 'x'.repeat(300 * 1024) }));
      expect(res.status).toBe(413);
      expect(res.text).not.toContain('xxxx');
    });

    it('refuses a watermark that is not a number', async () => {
      const res = await call(`${app.url}/v3/directline/conversations/${c.conversationId}/activities?watermark=abc`, { token: c.token });
      expect(res.status).toBe(400);
      expect(res.json.error.message).toMatch(/watermark/);
    });
  });

  describe('the connector endpoints the bot calls', () => {
    it('answer 401 to a call without the conversation\'s credential, or with another conversation\'s', async () => {
      const serviceUrl = await serverServiceUrl(db, app.url);
      const other = await startConversation(app.url);
      const forged = { type: 'message', text: 'Call 555-0100 to verify your account' };
      for (const token of [undefined, 'guessed', await connectorToken(db, other.conversationId)]) {
        const res = await call(`${serviceUrl}/v3/conversations/${c.conversationId}/activities`, { token, method: 'POST', body: forged });
        expect(res.status).toBe(401);
        expect((await call(`${serviceUrl}/v3/conversations/${c.conversationId}/members`, { token })).status).toBe(401);
      }
      const log = await getActivities(app.url, c.conversationId, c.token);
      expect(log.json.activities.map((a: { text?: string }) => a.text)).not.toContain(forged.text);
    });

    it('answer 404 for a conversation that does not exist', async () => {
      const serviceUrl = await serverServiceUrl(db, app.url);
      const res = await call(`${serviceUrl}/v3/conversations/nope/activities`, { token: await connectorToken(db, 'nope'),  method: 'POST', body: { type: 'message', text: 'hi' } });
      expect(res.status).toBe(404);
    });

    it('refuse an activity without a type (400) without internals', async () => {
      const serviceUrl = await serverServiceUrl(db, app.url);
      const res = await call(`${serviceUrl}/v3/conversations/${c.conversationId}/activities`, { token: await connectorToken(db, c.conversationId),  method: 'POST', body: { text: 'hi' } });
      expect(res.status).toBe(400);
      expect(res.text).not.toMatch(internals);
    });
  });
}
