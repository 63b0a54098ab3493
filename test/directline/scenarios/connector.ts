import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { createAdapter } from '../../../src/channels/adapter.js';
import { loadConfig } from '../../../src/config.js';
import { BOT_ACCOUNT } from '../../../src/channels/directline/protocol.js';
import { createLogger } from '../../../src/logger.js';
import type { Db } from '../../../src/storage/db.js';
import { call, getActivities, openStream, pollUntil, sendText, startConversation } from '../directLineClient.js';
import { connectorToken, embeddedConnectorOf, serverServiceUrl } from '../embeddedKeys.js';
import type { SharedApp } from '../sharedApp.js';

export function connectorScenarios(shared: SharedApp): void {
  let db: Db;
  let app: App;
  beforeAll(() => {
    ({ db, app } = shared);
  });

  const userIdOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).user as string;

  describe('messages the bot sends later (proactive)', () => {
    it('reach an open stream when sent through an adapter with the conversation reference', async () => {
      const c = await startConversation(app.url);
      const stream = await openStream(c.streamUrl);
      const adapter = createAdapter(loadConfig({}), createLogger('silent'));
      adapter.localConnectors.add(await embeddedConnectorOf(db, app.url));
      const reference = {
        channelId: 'directline',
        serviceUrl: await serverServiceUrl(db, app.url),
        conversation: { id: c.conversationId, isGroup: false, conversationType: '', name: '' },
        bot: { ...BOT_ACCOUNT },
        user: { id: userIdOf(c.token), name: '' },
      };
      await adapter.continueConversationAsync('', reference, async (context) => {
        await context.sendActivity({ type: 'message', text: 'Hi, this is Sam from support. I have picked up your request.', from: { id: 'agent-sam', name: 'Sam (support)' } });
      });
      await stream.waitFor((s) => s.activities().some((a) => a.text?.startsWith('Hi, this is Sam')));
      stream.close();
      const message = stream.activities().find((a) => a.text?.startsWith('Hi, this is Sam'))!;
      expect(message.from).toMatchObject({ role: 'bot' });
      expect(message).not.toHaveProperty('serviceUrl');
    });
  });

  describe('what the connector endpoints store', () => {
    it('keeps the replyToId of a reply to a message in the conversation and never lets the bot speak as the user', async () => {
      const c = await startConversation(app.url);
      const asked = await sendText(app.url, c, 'is Exchange down?');
      const serviceUrl = await serverServiceUrl(db, app.url);
      const res = await call(`${serviceUrl}/v3/conversations/${c.conversationId}/activities/${encodeURIComponent(asked.json.id)}`, { token: await connectorToken(db, c.conversationId),
        method: 'POST',
        body: { type: 'message', text: 'spoofed', from: { id: userIdOf(c.token), role: 'user' }, serviceUrl: 'http://elsewhere' },
      });
      expect(res.status).toBe(201);
      const log = await pollUntil(app.url, c, (all) => all.some((a) => a.id === res.json.id));
      const stored = log.find((a) => a.id === res.json.id)!;
      expect(stored.replyToId).toBe(asked.json.id);
      expect(stored.from).toMatchObject({ id: 'support-assistant', role: 'bot' });
      expect(stored).not.toHaveProperty('serviceUrl');
    });

    it('drops a replyToId the client never saw, which would make Web Chat hold the message back', async () => {
      const c = await startConversation(app.url);
      const serviceUrl = await serverServiceUrl(db, app.url);
      const res = await call(`${serviceUrl}/v3/conversations/${c.conversationId}/activities`, { token: await connectorToken(db, c.conversationId),
        method: 'POST',
        body: { type: 'message', text: 'An agent will call you shortly.', replyToId: '206dfd6b-continuation' },
      });
      const log = await pollUntil(app.url, c, (all) => all.some((a) => a.id === res.json.id));
      expect(log.find((a) => a.id === res.json.id)).not.toHaveProperty('replyToId');
    });

    it('deletes an activity from the log', async () => {
      const c = await startConversation(app.url);
      const serviceUrl = await serverServiceUrl(db, app.url);
      const sent = await call(`${serviceUrl}/v3/conversations/${c.conversationId}/activities`, { token: await connectorToken(db, c.conversationId),  method: 'POST', body: { type: 'message', text: 'oops' } });
      const del = await call(`${serviceUrl}/v3/conversations/${c.conversationId}/activities/${encodeURIComponent(sent.json.id)}`, { token: await connectorToken(db, c.conversationId),  method: 'DELETE' });
      expect(del.status).toBe(200);
      const log = await getActivities(app.url, c.conversationId, c.token);
      expect(log.json.activities.map((a: { id: string }) => a.id)).not.toContain(sent.json.id);
    });

    it('lists the user and the bot as members', async () => {
      const c = await startConversation(app.url);
      const serviceUrl = await serverServiceUrl(db, app.url);
      const res = await call(`${serviceUrl}/v3/conversations/${c.conversationId}/members`, { token: await connectorToken(db, c.conversationId) });
      expect(res.json).toEqual([{ id: userIdOf(c.token), role: 'user' }, { ...BOT_ACCOUNT }]);
    });
  });
}
