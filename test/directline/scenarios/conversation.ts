import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { botMessages, call, getActivities, pollUntil, sendText, startConversation, widgetToken } from '../directLineClient.js';
import type { SharedApp } from '../sharedApp.js';

export function conversationScenarios(shared: SharedApp): void {
  let app: App;
  beforeAll(() => {
    ({ app } = shared);
  });

  describe('starting a conversation', () => {
    it('hands the widget a token and the embedded Direct Line domain', async () => {
      const res = await widgetToken(app.url);
      expect(res).toMatchObject({ mode: 'embedded', domain: `${app.url}/v3/directline`, expires_in: 1800 });
      expect(res.token.split('.')).toHaveLength(3);
      expect(res.conversationId).toMatch(/^[\w-]{16,}$/);
    });

    it('answers POST /conversations with 201, the conversation id, the token and a WebSocket streamUrl', async () => {
      const { token, conversationId } = await widgetToken(app.url);
      const res = await call(`${app.url}/v3/directline/conversations`, { method: 'POST', token });
      expect(res.status).toBe(201);
      expect(res.json).toMatchObject({ conversationId, token, expires_in: expect.any(Number) });
      expect(res.json.streamUrl).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/v3/directline/conversations/${conversationId}/stream\\?watermark=-&t=`));
    });

    it('puts the server-assigned user id into the token, where Web Chat reads it', async () => {
      const { token } = await widgetToken(app.url);
      const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
      expect(claims.user).toMatch(/^dl_/);
    });

    it('tells the bot the user joined, so it greets before the user says anything', async () => {
      const c = await startConversation(app.url);
      const log = await pollUntil(app.url, c, (all) => botMessages(all).length > 0);
      expect(botMessages(log)[0]!.text).toBeTruthy();
    });

    it('issues tokens through tokens/generate too, as the Direct Line service does', async () => {
      const res = await call(`${app.url}/v3/directline/tokens/generate`, { method: 'POST' });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ conversationId: expect.any(String), token: expect.any(String), expires_in: 1800 });
    });
  });

  describe('posting and polling', () => {
    it('answers a post with the stored id and echoes the activity with id, timestamp and clientActivityID', async () => {
      const c = await startConversation(app.url);
      const res = await sendText(app.url, c, 'hello there', { channelData: { clientActivityID: 'client-1' } });
      expect(res.status).toBe(200);
      expect(res.json.id).toMatch(new RegExp(`^${c.conversationId}\\|\\d{7}$`));

      const log = await pollUntil(app.url, c, (all) => all.some((a) => a.id === res.json.id));
      const echo = log.find((a) => a.id === res.json.id)!;
      expect(echo).toMatchObject({ type: 'message', text: 'hello there', channelId: 'directline', conversation: { id: c.conversationId } });
      expect(echo.channelData).toEqual({ clientActivityID: 'client-1' });
      expect(new Date(String(echo.timestamp)).getTime()).toBeGreaterThan(Date.now() - 60_000);
      expect(echo).not.toHaveProperty('serviceUrl');
    });

    it('overwrites the from.id the client sends with the id in its token', async () => {
      const c = await startConversation(app.url);
      const res = await sendText(app.url, c, 'hi', { from: { id: 'admin-of-everything', name: 'Dana' } });
      const log = await pollUntil(app.url, c, (all) => all.some((a) => a.id === res.json.id));
      const claims = JSON.parse(Buffer.from(c.token.split('.')[1]!, 'base64url').toString());
      expect(log.find((a) => a.id === res.json.id)!.from).toEqual({ id: claims.user, name: 'Dana', role: 'user' });
    });

    it('has the bot reply through the adapter by the time the post is answered', async () => {
      const c = await startConversation(app.url);
      await pollUntil(app.url, c, (all) => botMessages(all).length > 0);
      const before = botMessages((await getActivities(app.url, c.conversationId, c.token)).json.activities).length;
      await sendText(app.url, c, 'my mailbox stopped receiving email');
      const after = botMessages((await getActivities(app.url, c.conversationId, c.token)).json.activities);
      expect(after.length).toBeGreaterThan(before);
      expect(after.at(-1)!.from).toMatchObject({ id: 'support-assistant', role: 'bot' });
    });

    it('returns only activities after the watermark, and the new watermark', async () => {
      const c = await startConversation(app.url);
      await sendText(app.url, c, 'first');
      const first = await getActivities(app.url, c.conversationId, c.token);
      const watermark = first.json.watermark as string;
      expect(watermark).toMatch(/^\d+$/);

      const empty = await getActivities(app.url, c.conversationId, c.token, watermark);
      expect(empty.json).toEqual({ activities: [], watermark });

      await sendText(app.url, c, 'second');
      const next = await getActivities(app.url, c.conversationId, c.token, watermark);
      expect(next.json.activities[0].text).toBe('second');
      expect(Number(next.json.watermark)).toBeGreaterThan(Number(watermark));
    });

    it('drops channel data a trusted channel would vouch for, such as a Teams tenant id', async () => {
      const c = await startConversation(app.url);
      const res = await sendText(app.url, c, 'make me an admin', {
        channelData: { clientActivityID: 'c-9', tenant: { id: 'an-admin-tenant' } },
        conversation: { id: c.conversationId, tenantId: 'an-admin-tenant' },
        from: { id: 'x', aadObjectId: 'an-admin-object-id' },
      });
      const log = await pollUntil(app.url, c, (all) => all.some((a) => a.id === res.json.id));
      const stored = log.find((a) => a.id === res.json.id)!;
      expect(stored.channelData).toEqual({ clientActivityID: 'c-9' });
      expect(stored.conversation).toEqual({ id: c.conversationId });
      expect(stored.from).not.toHaveProperty('aadObjectId');
    });

    it('keeps a card submit value', async () => {
      const c = await startConversation(app.url);
      const res = await sendText(app.url, c, '', { text: undefined, value: { choice: 'yes' } });
      const log = await pollUntil(app.url, c, (all) => all.some((a) => a.id === res.json.id));
      expect(log.find((a) => a.id === res.json.id)!.value).toEqual({ choice: 'yes' });
    });
  });

  describe('reconnecting and refreshing', () => {
    it('gives a new streamUrl for an existing conversation from its watermark', async () => {
      const c = await startConversation(app.url);
      const res = await call(`${app.url}/v3/directline/conversations/${c.conversationId}?watermark=3`, { token: c.token });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ conversationId: c.conversationId, token: c.token });
      expect(res.json.streamUrl).toContain('watermark=3&t=');
    });

    it('refreshes a token into a new one for the same conversation', async () => {
      const c = await startConversation(app.url);
      await new Promise((r) => setTimeout(r, 1100)); // a different issue time gives a different token
      const res = await call(`${app.url}/v3/directline/tokens/refresh`, { method: 'POST', token: c.token });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ conversationId: c.conversationId, expires_in: 1800 });
      expect(res.json.token).not.toBe(c.token);
      const read = await getActivities(app.url, c.conversationId, res.json.token);
      expect(read.status).toBe(200);
    });
  });
}
