import { describe, expect, it } from 'vitest';
import { messageActivity, postActivity } from '../helpers/activities.js';
import { visibleText } from '../helpers/conversation.js';
import { useTestApp } from '../helpers/testApp.js';

const ctx = useTestApp();

const send = (conversationId: string, text: string) =>
  postActivity(ctx.app.url, messageActivity(conversationId, text, { channelId: 'sms' })).then((r) => r.replies.map(visibleText).join('\n'));

async function toSubmit(conversationId: string) {
  for (const line of ['hi', 'our intranet sharepoint site is down for everyone', 'no', 'yes', 'yes', 'e3', 'Kim Lee', 'kim@contoso.com', 'skip']) {
    await send(conversationId, line);
  }
  expect(await send(conversationId, 'email')).toMatch(/Submit it/);
}

const tickets = async () => (await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets')).rows[0]!.n;

describe('retried deliveries', () => {
  it('processes an activity delivered twice at the same time once: one ticket, one confirmation', async () => {
    await toSubmit('dup-concurrent');
    const before = await tickets();
    const activity = messageActivity('dup-concurrent', 'submit', { channelId: 'sms' });
    const [a, b] = await Promise.all([postActivity(ctx.app.url, activity), postActivity(ctx.app.url, activity)]);
    const texts = [...a.replies, ...b.replies].map(visibleText);
    expect(texts.filter((t) => /Request SR-\d+ is open/.test(t))).toHaveLength(1);
    expect(texts.join('\n')).not.toMatch(/already submitted/);
    expect(texts.join('\n')).not.toMatch(/something went wrong/);
    expect(await tickets()).toBe(before + 1);
  });

  it('ignores a redelivery after the first was processed', async () => {
    await toSubmit('dup-later');
    const before = await tickets();
    const activity = messageActivity('dup-later', 'submit', { channelId: 'sms' });
    expect((await postActivity(ctx.app.url, activity)).replies.map(visibleText).join()).toMatch(/is open/);
    expect((await postActivity(ctx.app.url, activity)).replies).toEqual([]);
    expect(await tickets()).toBe(before + 1);
  });
});

describe('concurrent turns in one conversation', () => {
  it('runs them one after the other so no state update is lost', async () => {
    await send('race', 'hi');
    // Both arrive together: small talk and then the problem. Serialised, the second sees the first's state.
    const [first, second] = await Promise.all([send('race', 'thanks'), new Promise((r) => setTimeout(r, 5)).then(() => send('race', 'teams meetings fail for everyone'))]);
    expect(first).toMatch(/What's going wrong/);
    expect(second).toMatch(/Did this solve it/);
  });
});
