import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { Db } from '../../src/storage/db.js';
import { openTestDb } from '../helpers/databases.js';
import { startTestApp } from '../helpers/testApp.js';
import { botMessages, call, getActivities, openStream, pollUntil, sendText, startConversation } from './directLineClient.js';

let db: Db;

beforeAll(async () => {
  db = await openTestDb('pglite');
});
afterAll(async () => {
  await db?.close();
});

describe('a conversation outlives the server process', () => {
  it('is read back in full, and continued, after a restart', async () => {
    const first = await startTestApp(db);
    const c = await startConversation(first.url);
    await sendText(first.url, c, 'Teams calls drop after a minute');
    const before = await pollUntil(first.url, c, (all) => botMessages(all).length >= 2);
    await first.close();

    const second = await startTestApp(db);
    try {
      const reconnect = await call(`${second.url}/v3/directline/conversations/${c.conversationId}?watermark=`, { token: c.token });
      expect(reconnect.status).toBe(200);
      const history = await getActivities(second.url, c.conversationId, c.token);
      expect(history.json.activities.map((a: { id: string }) => a.id)).toEqual(before.map((a) => a.id));

      await sendText(second.url, c, 'still happening');
      const after = await getActivities(second.url, c.conversationId, c.token, history.json.watermark);
      expect(after.json.activities[0]).toMatchObject({ text: 'still happening', from: { role: 'user' } });
    } finally {
      await second.close();
    }
  });
});

describe('two instances on one database', () => {
  let a: App;
  let b: App;
  beforeAll(async () => {
    a = await startTestApp(db, { DIRECT_LINE_KEEPALIVE_SECONDS: '1' });
    b = await startTestApp(db, { DIRECT_LINE_KEEPALIVE_SECONDS: '1' });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('accept each other’s tokens and share the log', async () => {
    const c = await startConversation(a.url);
    const posted = await sendText(b.url, c, 'posted through instance B');
    expect(posted.status).toBe(200);
    const log = await pollUntil(a.url, c, (all) => all.some((x) => x.id === posted.json.id));
    expect(log.find((x) => x.id === posted.json.id)!.text).toBe('posted through instance B');
  });

  it('number watermarks in one sequence whichever instance stores the activity', async () => {
    const c = await startConversation(a.url);
    const ids = [];
    for (const [i, url] of [a.url, b.url, a.url, b.url].entries()) ids.push((await sendText(url, c, `message ${i}`)).json.id as string);
    const seqs = ids.map((id) => Number(id.split('|')[1]));
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(4);
  });

  it('bring an activity stored by one instance to a stream held by the other within a keep-alive', async () => {
    const c = await startConversation(a.url);
    const stream = await openStream(c.streamUrl);
    await sendText(b.url, c, 'from the other instance');
    await stream.waitFor((s) => s.activities().some((x) => x.text === 'from the other instance'), 4_000);
    stream.close();
  });
});
