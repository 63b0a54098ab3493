import { expect, it } from 'vitest';
import { useTestApp } from '../helpers/testApp.js';
import { admin, fileTicket } from '../handoff/helpers.js';

// When the confirmation of a filed request is lost (a dropped reply, a crash right after filing), the
// admin types "submit" again; they must learn the number of the request that exists, and no other.

const ctx = useTestApp();

const tickets = async () => (await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets')).rows[0]!.n;

it.each(['submit', 'Submit request', 'file it'])('answers "%s" typed after filing with the request already filed', async (text) => {
  const a = admin(ctx.app.url, `resubmit-${text}`, 'http://127.0.0.1:9');
  const { number } = await fileTicket(a);
  const before = await tickets();
  expect(await a.say(text)).toMatch(new RegExp(`already submitted as ${number}; nothing new was filed`));
  expect(await tickets()).toBe(before);
});

it('still takes "submit" as part of a new problem once a new case is under way', async () => {
  const a = admin(ctx.app.url, 'resubmit-new-case', 'http://127.0.0.1:9');
  await fileTicket(a);
  expect(await a.say('start over')).toMatch(/start over/i);
  expect(await a.say('submit')).not.toMatch(/already submitted/);
});
