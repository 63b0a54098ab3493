import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import {
  CLIENT_BYTES_PER_CONVERSATION,
  CLIENT_POST_BURST,
  CLIENT_POSTS_PER_SECOND,
  MAX_CLIENT_ACTIVITY_BYTES,
  NEW_CONVERSATION_BURST,
} from '../../src/channels/directline/clientLimits.js';
import type { Db } from '../../src/storage/db.js';
import { botMessages, call, openStream, pollUntil, postActivity, sendText, startConversation, type Started } from './directLineClient.js';
import { connectorToken, serverServiceUrl } from './embeddedKeys.js';
import { useSharedApp } from './sharedApp.js';

/**
 * What one widget client can make the server store. Finding: "event and typing posts are stored before
 * any rate limit: 200 posts of 240 KB took the data folder from 65 MB to 159 MB in 13 s", with a token
 * anyone gets for free. The attack is replayed here, bounded; the server must stay bounded and serving.
 */
const shared = useSharedApp();
let app: App;
let db: Db;
beforeAll(() => {
  ({ app, db } = shared);
});

const KB = 1024;
const MAX_ACTIVITY_BYTES = MAX_CLIENT_ACTIVITY_BYTES;
const POST_BURST = CLIENT_POST_BURST;
const CONVERSATION_QUOTA = CLIENT_BYTES_PER_CONVERSATION;

/** Bytes of the client's own activities in a conversation's log. */
async function clientBytes(conversationId: string): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    "SELECT coalesce(sum(octet_length(activity::text)), 0)::bigint AS n FROM directline_activities WHERE conversation_id = $1 AND activity->'from'->>'role' = 'user'",
    [conversationId],
  );
  return Number(rows[0]!.n);
}

/** What the activity log takes on disk, TOAST and indexes included. */
async function logBytesOnDisk(): Promise<number> {
  const { rows } = await db.query<{ n: string }>("SELECT pg_total_relation_size('directline_activities')::bigint AS n");
  return Number(rows[0]!.n);
}

/** Random text does not compress, so the disk sees what an attacker would send. */
const noise = (bytes: number) => randomBytes(Math.ceil((bytes * 3) / 4)).toString('base64').slice(0, bytes);
const event = (bytes: number) => ({ type: 'event', name: 'flood', value: noise(bytes) });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function stillServing(): Promise<void> {
  expect((await fetch(`${app.url}/health`)).status).toBe(200);
  const c = await startConversation(app.url);
  expect((await sendText(app.url, c, 'Outlook keeps asking for my password')).status).toBe(200);
  await pollUntil(app.url, c, (all) => botMessages(all).length >= 2);
}

describe('the reported attack: 200 events of 240 KB on one free token', () => {
  it('stores none of them, answers each with 413 or 429, and keeps serving', async () => {
    const c = await startConversation(app.url);
    const diskBefore = await logBytesOnDisk();
    const started = Date.now();
    const statuses = new Map<number, number>();
    let tooLarge: { json: any } | undefined;
    for (let i = 0; i < 200; i += 4) {
      const answers = await Promise.all([0, 1, 2, 3].map(() => postActivity(app.url, c.conversationId, c.token, event(240 * KB))));
      for (const a of answers) {
        statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
        if (a.status === 413) tooLarge ??= a;
      }
    }
    const stored = await clientBytes(c.conversationId);
    const growth = (await logBytesOnDisk()) - diskBefore;
    const seen = `answers ${JSON.stringify([...statuses])}, stored ${stored} bytes, log grew ${growth} bytes on disk in ${Date.now() - started} ms`;

    expect([...statuses.keys()].every((s) => s === 413 || s === 429), seen).toBe(true);
    expect(stored, seen).toBe(0);
    expect(growth, seen).toBeLessThan(1024 * KB);
    expect(tooLarge!.json.error.message).toMatch(/32 KB/);
    await stillServing();
  }, 120_000);
});

describe('a flood of small activities', () => {
  it('is slowed with 429 and Retry-After once the burst is spent', async () => {
    const c = await startConversation(app.url);
    const started = Date.now();
    const answers = [];
    for (let i = 0; i < 200; i += 10) answers.push(...(await Promise.all(Array.from({ length: 10 }, () => postActivity(app.url, c.conversationId, c.token, { type: 'event', name: 'ping' })))));
    const seconds = (Date.now() - started) / 1000;
    const accepted = answers.filter((a) => a.status === 200).length;
    const refused = answers.filter((a) => a.status === 429);
    const seen = `${accepted} accepted, ${refused.length} refused in ${seconds} s`;
    expect(accepted + refused.length, seen).toBe(200);
    expect(accepted, seen).toBeGreaterThanOrEqual(POST_BURST);
    expect(accepted, seen).toBeLessThanOrEqual(POST_BURST + Math.ceil(seconds * CLIENT_POSTS_PER_SECOND) + 1);
    expect(Number(refused[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused[0]!.json.error.message).toMatch(/wait \d+ seconds?/i);
    await stillServing();
  }, 60_000);
});

describe('a flood of events just under the size cap', () => {
  it('is stopped by the conversation quota; the bot can still reply', async () => {
    const c = await startConversation(app.url);
    const statuses: number[] = [];
    let full: { json: any } | undefined;
    for (let i = 0; i < 200 && !full; i++) {
      const res = await postActivity(app.url, c.conversationId, c.token, event(MAX_ACTIVITY_BYTES - 2 * KB));
      statuses.push(res.status);
      if (res.status === 429) await sleep(Number(res.headers.get('retry-after')) * 1000);
      else if (res.status === 413) full = res;
      else expect(res.status).toBe(200);
    }
    const stored = await clientBytes(c.conversationId);
    const seen = `answers ${statuses.join(',')}, stored ${stored} bytes`;

    expect(full?.json.error.message, seen).toMatch(/storage limit/i);
    expect(stored, seen).toBeLessThanOrEqual(CONVERSATION_QUOTA);
    expect(stored, seen).toBeGreaterThan(CONVERSATION_QUOTA - MAX_ACTIVITY_BYTES - 2 * KB);

    // What is left below the quota takes a few long messages more; then the client is refused for good.
    let message = 0;
    for (let i = 0; i < 20 && message !== 413; i++) {
      const res = await sendText(app.url, c, 'z'.repeat(5000));
      if (res.status === 429) await sleep(Number(res.headers.get('retry-after')) * 1000);
      else message = res.status;
    }
    expect(message).toBe(413);
    expect(await clientBytes(c.conversationId)).toBeLessThanOrEqual(CONVERSATION_QUOTA);
    // ...but the bot (an agent's answer, say) still reaches the conversation.
    const serviceUrl = await serverServiceUrl(db, app.url);
    const reply = await call(`${serviceUrl}/v3/conversations/${c.conversationId}/activities`, {
      token: await connectorToken(db, c.conversationId),
      method: 'POST',
      body: { type: 'message', text: 'An engineer will call you back.' },
    });
    expect(reply.status).toBe(201);
    await pollUntil(app.url, c, (all) => all.some((a) => a.text === 'An engineer will call you back.'));
    await stillServing();
  }, 60_000);

  it('refuses one activity over the cap with 413, whatever carries the bytes', async () => {
    const c = await startConversation(app.url);
    const big = 'y'.repeat(MAX_ACTIVITY_BYTES);
    for (const activity of [
      event(MAX_ACTIVITY_BYTES),
      { type: 'message', text: 'see the card', value: { note: big } },
      { type: 'message', attachments: [{ contentType: 'application/json', content: { note: big } }] },
      { type: 'message', text: 'x', channelData: { messageBack: { displayText: 'z'.repeat(5000) } }, entities: Array.from({ length: 20 }, () => ({ type: 'note', text: big.slice(0, 2 * KB) })) },
    ]) {
      const res = await postActivity(app.url, c.conversationId, c.token, activity);
      expect(res.status, JSON.stringify(activity).slice(0, 80)).toBe(413);
      expect(res.json.error.message).toMatch(/at most 32 KB/);
    }
    expect(await clientBytes(c.conversationId)).toBe(0);
  });
});

describe('typing indicators', () => {
  it('reach the stream but are never stored, anywhere', async () => {
    const c = await startConversation(app.url);
    await pollUntil(app.url, c, (all) => botMessages(all).length >= 1);
    const stored = async () => {
      const one = async (sql: string) => String((await db.query<{ n: unknown }>(sql, [c.conversationId])).rows[0]!.n);
      return {
        log: await one('SELECT count(*) AS n FROM directline_activities WHERE conversation_id = $1'),
        clientBytes: await one('SELECT client_bytes AS n FROM directline_conversations WHERE id = $1'),
        transcript: await one('SELECT count(*) AS n FROM transcript_activities WHERE conversation_id = $1'),
        claims: await one('SELECT count(*) AS n FROM processed_activities WHERE conversation_id = $1'),
        botState: await one("SELECT string_agg(key || ':' || etag, ',' ORDER BY key) AS n FROM bot_state WHERE key LIKE '%' || $1 || '%'"),
      };
    };
    const before = await stored();
    const stream = await openStream(c.streamUrl);
    for (let i = 0; i < 20; i++) {
      const res = await postActivity(app.url, c.conversationId, c.token, { type: 'typing', channelData: { clientActivityID: `typing-${i}` } });
      expect(res.status).toBe(200);
    }
    await stream.waitFor((s) => s.activities().filter((a) => a.type === 'typing' && a.from?.role === 'user').length === 20);
    stream.close();
    await sleep(300);

    expect(await stored()).toEqual(before);
    expect(before.clientBytes).toBe('0');
    const log = await call(`${app.url}/v3/directline/conversations/${c.conversationId}/activities`, { token: c.token });
    expect(log.json.activities.map((a: { type: string }) => a.type)).not.toContain('typing');
  });
});

describe('a normal conversation', () => {
  it('is not affected by the limits', async () => {
    const c: Started = await startConversation(app.url);
    await pollUntil(app.url, c, (all) => botMessages(all).length >= 1);
    const lines = [
      'Outlook keeps asking for my password',
      'It started this morning for the whole team',
      'We are on Microsoft 365 Business Premium',
      'ü'.repeat(4000),
      'talk to a person',
    ];
    for (const [i, text] of lines.entries()) {
      await postActivity(app.url, c.conversationId, c.token, { type: 'typing' });
      const res = await sendText(app.url, c, text, { channelData: { clientActivityID: `normal-${i}` } });
      expect(res.status, text.slice(0, 40)).toBe(200);
    }
    const submit = await postActivity(app.url, c.conversationId, c.token, { type: 'message', value: { choice: 'no' }, channelData: { postBack: true } });
    expect(submit.status).toBe(200);
    const all = await pollUntil(app.url, c, (log) => log.filter((a) => a.from?.role === 'user').length === lines.length + 1);
    expect(botMessages(all).length).toBeGreaterThan(lines.length);
    expect(await clientBytes(c.conversationId)).toBeLessThan(CONVERSATION_QUOTA / 20);
  });
});

// Last in the file: it spends this address's allowance of new conversations.
describe('new conversations from one address', () => {
  it('are slowed with 429 and Retry-After on both token routes once the burst is spent', async () => {
    const answers = [];
    for (let i = 0; i < NEW_CONVERSATION_BURST + 20; i++) {
      const path = i % 2 ? '/v3/directline/tokens/generate' : '/api/directline/token';
      answers.push(await call(`${app.url}${path}`, { method: 'POST' }));
    }
    const granted = answers.filter((a) => a.status === 200).length;
    const refused = answers.filter((a) => a.status === 429);
    expect(granted).toBeLessThanOrEqual(NEW_CONVERSATION_BURST + 5);
    expect(refused.length).toBeGreaterThanOrEqual(15);
    expect(Number(refused[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused[0]!.json.error.message).toMatch(/new chats/i);
    expect(refused.some((a) => a.text.includes('token'))).toBe(false);
  });
});
