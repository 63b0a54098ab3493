import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { DEFAULT_REPLY_BUDGET_MS } from '../../src/channels/replyBudget.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import type { Db } from '../../src/storage/db.js';
import { messageActivity, postActivity } from '../helpers/activities.js';
import { visibleText } from '../helpers/conversation.js';
import { openTestDb } from '../helpers/databases.js';
import { startFakeConnector, type FakeConnector } from '../helpers/fakeConnector.js';

/**
 * A channel whose Bot Connector is slow, throttles or fails. The channel waits at most 15 s for the
 * bot to answer its request; here the turn's sending budget is shortened to 1 s (the server's default
 * is 10 s), and the connector's delays with it, so the same race plays out in seconds.
 */

const BUDGET_MS = 1000;
const PROBLEM = 'none of our users can join teams meetings or make calls';
/** What the bot answers to PROBLEM: an intro, three article cards (as text here) and the question. */
const SELF_HELP_REPLIES = 5;

let db: Db;
let app: App;
let connector: FakeConnector;
beforeAll(async () => {
  db = await openTestDb('pglite');
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATA_DIR: '/nonexistent', SEED_SAMPLE_INCIDENTS: 'false' });
  app = await startApp(config, createLogger('silent'), { db, replyBudgetMs: BUDGET_MS });
  connector = await startFakeConnector();
});
afterAll(async () => {
  await app.close();
  await connector.close();
  await db.close();
});
beforeEach(() => connector.reset());

/** Replies inline (no connector involved), to bring a conversation to a step quickly. */
const inline = async (conversationId: string, text: string) =>
  (await postActivity(app.url, messageActivity(conversationId, text, { channelId: 'sms' }))).replies.map(visibleText).join('\n');

/** A message the way Teams delivers it: the replies go to the connector; returns how long the channel waited. */
async function viaConnector(conversationId: string, text: string): Promise<{ status: number; waitedMs: number }> {
  const started = performance.now();
  const { status } = await postActivity(app.url, messageActivity(conversationId, text, { channelId: 'sms', deliveryMode: undefined, serviceUrl: connector.serviceUrl }));
  return { status, waitedMs: performance.now() - started };
}

const untilSeen = (conversationId: string, count: number) =>
  expect.poll(() => connector.seen(conversationId).length, { timeout: 15_000, interval: 50 }).toBeGreaterThanOrEqual(count);

describe('a slow channel', () => {
  it('leaves the channel a margin under its 15 s limit by default', () => {
    expect(DEFAULT_REPLY_BUDGET_MS).toBeLessThanOrEqual(10_000);
  });

  it('answers the channel within the budget and sends the rest after the turn, each reply once and in order', async () => {
    const id = 'slow-replies';
    await inline(id, 'hello');
    connector.fallback = { status: 200, delayMs: 600 }; // five replies: 3 s of sending

    const { status, waitedMs } = await viaConnector(id, PROBLEM);
    expect(status).toBe(200);
    expect(waitedMs).toBeLessThan(BUDGET_MS + 600);

    await untilSeen(id, SELF_HELP_REPLIES);
    const seen = connector.seen(id);
    expect(seen).toHaveLength(SELF_HELP_REPLIES);
    expect(seen[0]).toMatch(/These articles fix most cases like yours/);
    expect(seen.at(-1)).toMatch(/Did this solve it/);

    // The turn's state was saved although its replies were still going out: the conversation moves on.
    connector.fallback = undefined;
    expect(await inline(id, 'no')).toMatch(/are you an admin/i);
    // The transcript the agents read has each reply once, whether sent in the turn or after it.
    await expect
      .poll(async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM transcript_activities WHERE conversation_id = $1 AND text LIKE \'Did this solve it%\'', [id])).rows[0]!.n)
      .toBe(1);
  });

  it('respects Retry-After when throttled and still answers the channel in time', async () => {
    const id = 'throttled-replies';
    await inline(id, 'hello');
    connector.script('send', { status: 429, headers: { 'Retry-After': '1' } });
    connector.fallback = { status: 200, delayMs: 200 };

    const { waitedMs } = await viaConnector(id, PROBLEM);
    expect(waitedMs).toBeLessThan(BUDGET_MS + 600);
    await untilSeen(id, SELF_HELP_REPLIES);

    const sends = connector.calls.filter((c) => c.kind === 'send' && c.conversationId === id);
    expect(sends[0]!.status).toBe(429);
    expect(sends[1]!.at - sends[0]!.at).toBeGreaterThanOrEqual(1000); // the refused reply, retried after Retry-After
    expect(sends[1]!.body?.text).toBe(sends[0]!.body?.text);
    expect(connector.seen(id)).toHaveLength(SELF_HELP_REPLIES);
    expect(new Set(connector.seen(id)).size).toBe(SELF_HELP_REPLIES);
  });

  it('never sends a reply again after a 5xx, and carries on instead of failing the turn', async () => {
    const id = 'failing-reply';
    connector.script('send', { status: 200 }, { status: 500 });
    await viaConnector(id, 'hello');
    // Welcome, then the first question (answered 500: maybe posted): each reached the connector once, and no apology followed.
    await untilSeen(id, 2);
    expect(connector.seen(id)).toHaveLength(2);
    expect(connector.seen(id)[1]).toMatch(/What's going wrong/);
    expect(connector.seen(id).join('\n')).not.toMatch(/something went wrong/);
    // The state moved on as if the question had been seen: the problem answers it.
    expect(await inline(id, PROBLEM)).toMatch(/Did this solve it/);
  });
});
