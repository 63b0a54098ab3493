import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { Db } from '../../src/storage/db.js';
import { messageActivity, postActivity } from '../helpers/activities.js';
import { openTestDb } from '../helpers/databases.js';
import { startTestApp } from '../helpers/testApp.js';

describe('with MicrosoftAppId set', () => {
  let db: Db;
  let app: App;
  beforeAll(async () => {
    db = await openTestDb('pglite');
    app = await startTestApp(db, { MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret' });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it.each([
    ['no Authorization header', {}],
    ['a token that is not a JWT', { authorization: 'Bearer not-a-token' }],
    ['a wrong scheme', { authorization: 'Basic dXNlcjpwYXNz' }],
  ])('refuses a request with %s (401) and writes no state', async (_name, headers) => {
    const conversationId = `auth-${Math.random()}`;
    const { status, body } = await postActivity(app.url, messageActivity(conversationId, 'hello', { channelId: 'msteams' }), headers);
    expect(status).toBe(401);
    expect(JSON.stringify(body)).not.toMatch(/stack|\.js:\d+/);
    const rows = await db.query('SELECT key FROM bot_state WHERE key LIKE $1', [`%${conversationId}%`]);
    expect(rows.rows).toHaveLength(0);
  });
});
