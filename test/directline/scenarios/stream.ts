import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import type { Db } from '../../../src/storage/db.js';
import { botMessages, call, openStream, pollUntil, sendText, startConversation } from '../directLineClient.js';
import { connectorToken, serverServiceUrl } from '../embeddedKeys.js';
import type { SharedApp } from '../sharedApp.js';

export function streamScenarios(shared: SharedApp): void {
  let db: Db;
  let app: App;
  beforeAll(() => {
    ({ db, app } = shared);
  });

  describe('the WebSocket stream', () => {
    it('pushes the echo of a posted message and the bot reply in {activities, watermark} frames', async () => {
      const c = await startConversation(app.url);
      const stream = await openStream(c.streamUrl);
      await stream.waitFor((s) => botMessages(s.activities()).length > 0); // the greeting
      await sendText(app.url, c, 'Outlook keeps asking for my password', { channelData: { clientActivityID: 'abc' } });
      await stream.waitFor((s) => botMessages(s.activities()).length > 1);
      stream.close();

      const echo = stream.activities().find((a) => a.channelData?.clientActivityID === 'abc');
      expect(echo).toMatchObject({ type: 'message', text: 'Outlook keeps asking for my password', from: { role: 'user' } });
      expect(echo!.id).toBeTruthy();
      for (const frame of stream.frames) {
        expect(frame.watermark).toMatch(/^\d+$/);
        expect(frame.watermark).toBe(frame.activities.at(-1)!.id!.split('|')[1]!.replace(/^0+/, ''));
      }
    });

    it('starts after the watermark of a reconnect', async () => {
      const c = await startConversation(app.url);
      await sendText(app.url, c, 'one');
      const log = await pollUntil(app.url, c, (all) => all.length >= 2);
      const watermark = Number(log.at(-1)!.id!.split('|')[1]);
      const reconnect = await call(`${app.url}/v3/directline/conversations/${c.conversationId}?watermark=${watermark}`, { token: c.token });
      const stream = await openStream(reconnect.json.streamUrl);
      await sendText(app.url, c, 'two');
      await stream.waitFor((s) => s.activities().some((a) => a.text === 'two'));
      stream.close();
      expect(stream.activities().map((a) => a.text)).not.toContain('one');
    });

    it('pushes the bot typing indicator without a watermark and does not store it', async () => {
      const c = await startConversation(app.url);
      const stream = await openStream(c.streamUrl);
      const serviceUrl = await serverServiceUrl(db, app.url);
      const res = await call(`${serviceUrl}/v3/conversations/${c.conversationId}/activities`, { token: await connectorToken(db, c.conversationId),  method: 'POST', body: { type: 'typing' } });
      expect(res.status).toBe(201);
      await stream.waitFor((s) => s.frames.some((f) => f.activities.some((a) => a.type === 'typing')));
      stream.close();

      const frame = stream.frames.find((f) => f.activities.some((a) => a.type === 'typing'))!;
      expect(frame.watermark).toBeUndefined();
      expect(frame.activities[0]!.from).toMatchObject({ role: 'bot' });
      const log = await call(`${app.url}/v3/directline/conversations/${c.conversationId}/activities`, { token: c.token });
      expect(log.json.activities.map((a: { type: string }) => a.type)).not.toContain('typing');
    });

    it('sends empty keep-alive messages', async () => {
      const c = await startConversation(app.url);
      const stream = await openStream(c.streamUrl);
      await stream.waitFor((s) => s.raw.includes(''), 3_000);
      stream.close();
    });

    it('delivers an updated activity again under the same id with a later watermark', async () => {
      const c = await startConversation(app.url);
      const serviceUrl = await serverServiceUrl(db, app.url);
      const sent = await call(`${serviceUrl}/v3/conversations/${c.conversationId}/activities`, { token: await connectorToken(db, c.conversationId),  method: 'POST', body: { type: 'message', text: 'Checking service health...' } });
      const stream = await openStream(c.streamUrl);
      await stream.waitFor((s) => s.activities().some((a) => a.id === sent.json.id));
      const put = await call(`${serviceUrl}/v3/conversations/${c.conversationId}/activities/${encodeURIComponent(sent.json.id)}`, { token: await connectorToken(db, c.conversationId),
        method: 'PUT',
        body: { type: 'message', text: 'No incident affects Exchange Online.' },
      });
      expect(put.status).toBe(200);
      await stream.waitFor((s) => s.activities().filter((a) => a.id === sent.json.id).length === 2);
      stream.close();
      expect(stream.activities().filter((a) => a.id === sent.json.id).map((a) => a.text)).toEqual([
        'Checking service health...',
        'No incident affects Exchange Online.',
      ]);
    });
  });
}
