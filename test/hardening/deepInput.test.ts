import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { MAX_JSON_DEPTH } from '../../src/http/jsonBody.js';
import { createLogger } from '../../src/logger.js';
import { wellFormedJson } from '../../src/http/wellFormedText.js';
import type { Db } from '../../src/storage/db.js';
import { messageActivity, postActivity } from '../helpers/activities.js';
import { visibleText } from '../helpers/conversation.js';
import { openTestDb } from '../helpers/databases.js';
import { postActivity as postDirectLine, startConversation } from '../directline/directLineClient.js';

/**
 * Input nested deeper than anything a channel sends: PostgreSQL refuses a NUL anywhere in a jsonb
 * value, so a NUL the cleaner never reached failed the write (a 500 on Direct Line, a transcript row
 * silently lost on /api/messages). Such a body is refused at the door, and the cleaner reaches every
 * string however deep the data goes.
 */

/** `{ "v": { "v": ... "a\u0000b" } }`, `levels` objects deep. */
function nested(levels: number, leaf: unknown = 'a\u0000b'): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = { v: value };
  return value;
}

/** The transcript is written after the turn: waits a moment for `read` to find something. */
async function eventually<T>(read: () => Promise<T | undefined>, timeoutMs = 3000): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await read();
    if (found !== undefined || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const TOO_DEEP = `Request body is nested deeper than ${MAX_JSON_DEPTH} levels.`;

let logText = '';
let db: Db;
let app: App;
beforeAll(async () => {
  db = await openTestDb('pglite');
  const sink = new Writable({ write: (chunk, _encoding, done) => ((logText += chunk.toString()), done()) });
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', DATA_DIR: '/nonexistent', SEED_SAMPLE_INCIDENTS: 'false' });
  app = await startApp(config, createLogger('info', sink), { db });
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const deepFields: [string, Record<string, unknown>][] = [
  ['value', { value: nested(70) }],
  ['attachments', { attachments: [{ contentType: 'application/json', content: nested(70) }] }],
  ['entities', { entities: [{ type: 'clientInfo', data: nested(70) }] }],
];

describe('a body nested deeper than any channel sends, with a NUL at the bottom', () => {
  it.each(deepFields)('is refused with 400 on /api/messages (in %s), before any turn runs', async (_field, extra) => {
    const conversationId = `deep-messages-${_field}`;
    const res = await postActivity(app.url, messageActivity(conversationId, 'hello', { channelId: 'sms', ...extra }));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { status: 400, message: TOO_DEEP } });
    const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM transcript_activities WHERE conversation_id = $1', [conversationId]);
    expect(rows.rows[0]!.n).toBe(0);
  });

  it.each(deepFields)('is refused with 400 on the Direct Line activities route (in %s), not a 500', async (_field, extra) => {
    const c = await startConversation(app.url);
    const res = await postDirectLine(app.url, c.conversationId, c.token, { type: 'message', text: 'hello', ...extra });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: { status: 400, message: TOO_DEEP } });
  });

  it('never reaches the database: nothing was logged as failed', () => {
    expect(logText).not.toMatch(/22P05|unsupported Unicode escape|\\u0000 cannot be converted/);
    expect(logText).not.toMatch(/"level":50/);
  });

  it('leaves the server serving', async () => {
    const res = await postActivity(app.url, messageActivity('deep-after', 'hello', { channelId: 'sms' }));
    expect(res.status).toBe(200);
    expect(res.replies.map(visibleText).join('\n')).toMatch(/What's going wrong/);
    const c = await startConversation(app.url);
    expect((await postDirectLine(app.url, c.conversationId, c.token, { type: 'message', text: 'hello' })).status).toBe(200);
  });
});

describe('a body within the depth limit', () => {
  it('is accepted and stored with the NUL removed, however deep inside the limit', async () => {
    const conversationId = 'deep-but-allowed';
    // The activity is the first level and `value` adds the rest: the NUL sits at the deepest allowed level.
    const res = await postActivity(app.url, messageActivity(conversationId, 'hello', { channelId: 'sms', value: nested(MAX_JSON_DEPTH - 1) }));
    expect(res.status).toBe(200);
    const stored = await eventually(async () => {
      const rows = await db.query<{ activity: { value: unknown } }>("SELECT activity FROM transcript_activities WHERE conversation_id = $1 AND role = 'user'", [conversationId]);
      return rows.rows[0]?.activity.value;
    });
    expect(stored).toEqual(nested(MAX_JSON_DEPTH - 1, 'ab'));
  });
});

describe('the cleaner', () => {
  it('cleans every string and key however deep the data goes, without running out of stack', () => {
    expect(wellFormedJson(nested(70))).toEqual(nested(70, 'ab'));
    const deep = JSON.parse(`${'['.repeat(100_000)}"x\\u0000\\ud800"${']'.repeat(100_000)}`);
    let cleaned = wellFormedJson(deep);
    for (let i = 0; i < 100_000; i++) cleaned = (cleaned as unknown[])[0];
    expect(cleaned).toBe('x\ufffd');
    expect(wellFormedJson({ deep: nested(200, { 'k\u0000': 'v\u0000' }) })).toEqual({ deep: nested(200, { k: 'v' }) });
  });
});
