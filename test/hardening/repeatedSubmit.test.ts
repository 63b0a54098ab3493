import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { Db } from '../../src/storage/db.js';
import { openTestDb } from '../helpers/databases.js';
import { startTestApp } from '../helpers/testApp.js';
import { admin, fileTicket } from '../handoff/helpers.js';

// When the confirmation of a filed request is lost (a dropped reply, a crash right after filing), the
// admin types "submit" again; they must learn the number of the request that exists, and no other.

let db: Db;
let app: App;
beforeAll(async () => {
  db = await openTestDb('pglite');
  app = await startTestApp(db);
});
afterAll(async () => {
  await app.close();
  await db.close();
});

const tickets = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets')).rows[0]!.n;

it.each(['submit', 'Submit request', 'file it'])('answers "%s" typed after filing with the request already filed', async (text) => {
  const a = admin(app.url, `resubmit-${text}`, 'http://127.0.0.1:9');
  const { number } = await fileTicket(a);
  const before = await tickets();
  expect(await a.say(text)).toMatch(new RegExp(`already submitted as ${number}; nothing new was filed`));
  expect(await tickets()).toBe(before);
});

it('still takes "submit" as part of a new problem once a new case is under way', async () => {
  const a = admin(app.url, 'resubmit-new-case', 'http://127.0.0.1:9');
  await fileTicket(a);
  expect(await a.say('start over')).toMatch(/start over/i);
  expect(await a.say('submit')).not.toMatch(/already submitted/);
});
