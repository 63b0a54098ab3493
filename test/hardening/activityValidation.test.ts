import { describe, expect, it } from 'vitest';
import { messageActivity, postActivity } from '../helpers/activities.js';
import { visibleText } from '../helpers/conversation.js';
import { useTestApp } from '../helpers/testApp.js';

// Defects the fuzz tests found, kept as named cases: activities with wrong types used to fail the turn
// inside botbuilder, text PostgreSQL cannot store failed the state write, and one long "word" stalled
// the server in the spelling corrector.

const ctx = useTestApp();

const say = async (conversationId: string, text: string, extra: Record<string, unknown> = {}) => {
  const { status, replies } = await postActivity(ctx.app.url, { ...messageActivity(conversationId, text, { channelId: 'sms' }), ...extra });
  return { status, text: replies.map(visibleText).join('\n') };
};

describe('an activity with fields of the wrong type', () => {
  it.each([
    ['text', { text: 42 }],
    ['locale', { locale: { culture: 'en' } }],
    ['from.id', { from: { name: 'no id' } }],
    ['from.id', { from: { id: '' } }],
    ['recipient', { recipient: 'bot' }],
    ['entities.0', { entities: [{ type: 'mention', mentioned: 'bot', text: '@bot' }] }],
    ['attachments', { attachments: { contentType: 'text/plain' } }],
    ['membersAdded.0.id', { membersAdded: [{ name: 'x' }] }],
    ['serviceUrl', { serviceUrl: 'not a url' }],
    ['id', { id: { guid: 1 } }],
  ])('is refused with 400 naming "%s", before any turn runs', async (field, extra) => {
    const res = await fetch(`${ctx.app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...messageActivity('wrong-types', 'hello', { channelId: 'sms' }), ...extra }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { status: 400, message: `Invalid activity: check "${field}".` } });
    expect((await ctx.db.query("SELECT count(*)::int AS n FROM bot_state WHERE key LIKE '%wrong-types%'")).rows[0]).toEqual({ n: 0 });
  });
});

describe('odd but harmless input', () => {
  it('takes null fields as absent', async () => {
    const answer = await say('nulls', 'hello', { locale: null, entities: null, attachments: null, channelData: null });
    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(/What's going wrong/);
  });

  it('stores text with NUL characters and half an emoji, and the conversation carries on', async () => {
    await say('bad-text', 'hello');
    const problem = await say('bad-text', 'our sharepoint\u0000 site is down \ud83d for everyone');
    expect(problem.text).toMatch(/Did this solve it/);
    expect(problem.text).not.toMatch(/something went wrong/);
    expect((await say('bad-text', 'no')).text).toMatch(/are you an admin/i);
    expect((await say('bad-text', 'yes')).text).toMatch(/Severity/);
  });

  it('answers a 5,000-letter word at once instead of stalling', async () => {
    await say('long-word', 'hello');
    const started = performance.now();
    const answer = await say('long-word', 'x'.repeat(5000));
    expect(answer.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
