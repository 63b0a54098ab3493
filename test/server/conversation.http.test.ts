import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { Db } from '../../src/storage/db.js';
import { messageActivity, postActivity } from '../helpers/activities.js';
import { visibleText } from '../helpers/conversation.js';
import { describeEachDatabase, openTestDb } from '../helpers/databases.js';
import { startTestApp } from '../helpers/testApp.js';

describeEachDatabase('a whole conversation over POST /api/messages (expectReplies)', (backend) => {
  let db: Db;
  let app: App;
  beforeAll(async () => {
    db = await openTestDb(backend);
    app = await startTestApp(db);
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const say = async (conversationId: string, text: string, value?: object) => {
    const { status, replies } = await postActivity(app.url, messageActivity(conversationId, text, { channelId: 'sms', ...(value ? { value } : {}) }));
    expect(status).toBe(200);
    return replies.map(visibleText).join('\n');
  };

  it('goes from the first message to a ticket in the database', async () => {
    const id = `http-flow-${backend}`;
    expect(await say(id, 'hello')).toMatch(/What's going wrong/);
    expect(await say(id, 'none of our users can join teams meetings or make calls')).toMatch(/Did this solve it/);
    expect(await say(id, 'no')).toMatch(/are you an admin/i);
    expect(await say(id, 'yes')).toMatch(/I suggest Severity A/);
    expect(await say(id, 'yes')).toMatch(/Which plan/);
    expect(await say(id, 'business premium')).toMatch(/full name/);
    await say(id, 'Sam Jones');
    await say(id, 'sam@fabrikam.com');
    await say(id, '+61 2 9999 0000');
    expect(await say(id, 'email')).toMatch(/Submit it, or change something/);
    const done = await say(id, 'submit');
    const number = /Request (SR-\d+) is open/.exec(done)?.[1];
    expect(number).toBeDefined();
    expect(done).toMatch(/Australia: call 1 800 197 503/);

    const { rows } = await db.query<{ number: string; severity: string; plan_id: string; requester_phone: string }>(
      'SELECT number, severity, plan_id, requester_phone FROM tickets',
    );
    expect(rows).toEqual([{ number, severity: 'A', plan_id: 'business-premium', requester_phone: '+61299990000' }]);
    expect(await say(id, `status of ${number}`)).toMatch(/new, Sev A/);
  });
});
