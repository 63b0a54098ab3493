// Two instances on one PostgreSQL database behind a load balancer without stickiness (#20): the widget's
// stream is held by one instance while its messages go to the other. The bot's replies (and typing
// indicators, which are never stored) reach the stream at once through the shared feed (LISTEN/NOTIFY), not at the
// stream's next keep-alive, which is set here far beyond the test's patience.
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { FeedEvent } from '../../src/channels/directline/activityFeed.js';
import { pgActivityFeed } from '../../src/channels/directline/pgActivityFeed.js';
import type { DirectLineActivity } from '../../src/channels/directline/protocol.js';
import type { Db } from '../../src/storage/db.js';
import { describePostgres, openTestDb, postgresUrl } from '../helpers/databases.js';
import { startTestApp } from '../helpers/testApp.js';
import { botMessages, openStream, sendText, startConversation } from './directLineClient.js';

describePostgres('Direct Line across two instances on PostgreSQL', () => {
  let db: Db;
  let a: App;
  let b: App;
  beforeAll(async () => {
    db = await openTestDb('postgres');
    const env = { DATABASE_URL: postgresUrl()!, DIRECT_LINE_KEEPALIVE_SECONDS: '60' };
    a = await startTestApp(db, env);
    b = await startTestApp(db, env);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.close();
  });

  it('brings the replies to a stream held by the other instance at once', async () => {
    const c = await startConversation(a.url);
    const stream = await openStream(c.streamUrl);
    const sent = Date.now();
    await sendText(b.url, c, 'Teams calls drop after a minute for everyone');
    const afterMessage = (all: ReturnType<typeof stream.activities>) => all.slice(all.findIndex((x) => x.text === 'Teams calls drop after a minute for everyone') + 1);
    await stream.waitFor((s) => s.activities().some((x) => x.text?.startsWith('Teams calls')) && botMessages(afterMessage(s.activities())).length >= 1, 5_000);
    expect(Date.now() - sent).toBeLessThan(5_000);
    stream.close();
  });

  it('carries typing indicators, which are never stored, and ignores its own signals', async () => {
    const log = pino({ level: 'silent' });
    const one = await pgActivityFeed({ connectionString: postgresUrl()!, db, log });
    const two = await pgActivityFeed({ connectionString: postgresUrl()!, db, log });
    try {
      const onOne: FeedEvent[] = [];
      const onTwo: FeedEvent[] = [];
      one.subscribe('conv-1', (e) => onOne.push(e));
      two.subscribe('conv-1', (e) => onTwo.push(e));
      two.subscribe('conv-2', () => onTwo.push({ kind: 'stored' }));
      const typing = { type: 'typing', id: 't-1', from: { id: 'bot', role: 'bot' } } as unknown as DirectLineActivity;
      one.publish('conv-1', { kind: 'transient', activity: typing });
      one.publish('conv-1', { kind: 'stored' });
      const deadline = Date.now() + 3_000;
      while (onTwo.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(onTwo).toEqual([{ kind: 'transient', activity: typing }, { kind: 'stored' }]);
      // The publisher's own streams heard it once, directly, not again through PostgreSQL.
      await new Promise((r) => setTimeout(r, 200));
      expect(onOne).toHaveLength(2);
      expect(one.watching('conv-1')).toBe(true);
      expect(one.watching('conv-2')).toBe(false);
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('still serves a stream on the same instance as the message', async () => {
    const c = await startConversation(b.url);
    const stream = await openStream(c.streamUrl);
    await sendText(b.url, c, 'hello');
    await stream.waitFor((s) => botMessages(s.activities()).length >= 1, 5_000);
    // Its own signal came back through PostgreSQL too and was ignored: each activity once.
    const ids = stream.activities().filter((x) => x.type === 'message').map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    stream.close();
  });
});
