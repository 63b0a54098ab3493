import { expect, it } from 'vitest';
import { MAX_MESSAGE_CHARS } from '../../src/channels/messageLength.js';
import { useTestApp } from '../helpers/testApp.js';
import { admin } from '../handoff/helpers.js';

// An over-long message (a pasted log, a stuck client) is answered with its length and the limit, and
// the conversation stays at the step it was on.

const ctx = useTestApp();

const PROBLEM = 'none of our users can join teams meetings or make calls';
const repeatTo = (text: string, length: number) => text.repeat(Math.ceil(length / text.length)).slice(0, length);

it('answers a message over the limit with its length, stores nothing of it, and carries on at the same step', async () => {
  const a = admin(ctx.app.url, 'too-long', 'http://127.0.0.1:9');
  expect(await a.say('hello')).toMatch(/What's going wrong/);
  const stateBefore = await ctx.db.query<{ data: unknown }>('SELECT data FROM bot_state WHERE key LIKE $1 ORDER BY key', ['%too-long%']);

  const reply = await a.say(repeatTo(`${PROBLEM}. `, 250_000));
  expect(reply).toMatch(/250,000 characters long/);
  expect(reply).toMatch(new RegExp(`at most ${MAX_MESSAGE_CHARS.toLocaleString('en-US')}`));
  expect(await ctx.db.query('SELECT data FROM bot_state WHERE key LIKE $1 ORDER BY key', ['%too-long%'])).toEqual(stateBefore);
  const stored = await ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM transcript_activities WHERE conversation_id = 'too-long' AND length(text) > $1", [MAX_MESSAGE_CHARS]);
  expect(stored.rows[0]!.n).toBe(0);

  // The same step, not a new one: the problem is taken as if the long message never came.
  expect(await a.say(PROBLEM)).toMatch(/Did this solve it/);
});

it('reads a message of exactly the limit', async () => {
  const a = admin(ctx.app.url, 'at-limit', 'http://127.0.0.1:9');
  await a.say('hello');
  const reply = await a.say(repeatTo(`${PROBLEM}. `, MAX_MESSAGE_CHARS));
  expect(reply).not.toMatch(/characters long/);
  expect(reply).toMatch(/Did this solve it|closest/);
});

it('counts characters as a person does: an emoji is one', async () => {
  const a = admin(ctx.app.url, 'emoji-limit', 'http://127.0.0.1:9');
  await a.say('hello');
  // 4,000 emoji are 8,000 UTF-16 code units.
  expect(await a.say('😀'.repeat(MAX_MESSAGE_CHARS))).not.toMatch(/characters long/);
  expect(await a.say('😀'.repeat(MAX_MESSAGE_CHARS + 1))).toMatch(/4,001 characters long/);
});
