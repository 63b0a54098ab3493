import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/openDatabase.js';
import { messageActivity, postActivity } from '../helpers/activities.js';
import { visibleText } from '../helpers/conversation.js';
import { spawnServer, type ServerProcess } from '../helpers/testApp.js';

/**
 * The real server process killed with SIGKILL while it files dozens of requests at once, then started
 * again on the same data folder. Whatever the admins were told must be true afterwards, and every
 * conversation must carry on from where it was.
 */

const CONVERSATIONS = 40;
const TO_SUBMIT = ['hello', 'our intranet sharepoint site is down for everyone', 'no', 'yes', 'yes', 'e3', 'Kim Lee', 'kim@contoso.com', 'skip', 'email'];
const OPEN = /Request (SR-\d+) is open/;
/** Filed before the crash: the summary's submit finds it, or (the turn had finished) the conversation remembers it. */
const ALREADY = /You already submitted this: it is request (SR-\d+)|That request is already submitted as (SR-\d+)/;

const dataDir = mkdtempSync(join(tmpdir(), 'sa-kill-load-'));
const running: ServerProcess[] = [];
afterAll(() => {
  for (const p of running) p.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

const say = async (url: string, conversationId: string, text: string) => {
  const { status, replies } = await postActivity(url, messageActivity(conversationId, text, { channelId: 'sms' }));
  expect(status).toBe(200);
  return replies.map(visibleText).join('\n');
};

it('keeps every ticket a user was told about, files none twice, and lets every conversation carry on', async () => {
  const env = { DATA_DIR: dataDir, RATE_LIMIT_BURST: '1000', LOG_LEVEL: 'warn' };
  const first = await spawnServer(env);
  running.push(first);
  const ids = Array.from({ length: CONVERSATIONS }, (_, i) => `kill-${i}`);
  await Promise.all(
    ids.map(async (id) => {
      for (const line of TO_SUBMIT) await say(first.url, id, line);
    }),
  );

  // All submit within moments of each other; the process dies just after the first is answered.
  const told = new Map<string, string>();
  const cutOff = new Set<string>();
  // Spread over 300 ms, so that when the process dies some submissions are in flight, some answered
  // and some not yet sent (all at once, a fast server can answer every one in the same batch).
  const submits = ids.map(async (id, i) => {
    await new Promise((r) => setTimeout(r, (i * 300) / CONVERSATIONS));
    try {
      const { status, replies } = await postActivity(first.url, messageActivity(id, 'submit', { channelId: 'sms' }));
      const number = status === 200 ? OPEN.exec(replies.map(visibleText).join('\n'))?.[1] : undefined;
      if (number) {
        told.set(id, number);
        // A moment later (a few ms: the rest of a batch is answered within tens of ms), so that some of
        // the others have filed their request without saying so yet.
        setTimeout(() => first.child.kill('SIGKILL'), 5);
      } else cutOff.add(id);
    } catch {
      cutOff.add(id); // the connection died with the process
    }
  });
  await Promise.all(submits);
  await first.exited;
  expect(told.size + cutOff.size).toBe(CONVERSATIONS);
  expect(told.size).toBeGreaterThan(0);
  expect(cutOff.size).toBeGreaterThan(0);

  const second = await spawnServer(env);
  running.push(second);
  // Told a number: the request is there, and the conversation knows it.
  for (const [id, number] of told) expect(await say(second.url, id, `status of ${number}`)).toMatch(new RegExp(`${number}.*new, Sev A`, 's'));
  // Cut off before the confirmation: submitting again gives exactly one request, and names it. The
  // conversation is still at the summary, or past it when the turn had finished but its answer was lost.
  const numberAfterRetry = new Map<string, string>();
  for (const id of cutOff) {
    const answer = await say(second.url, id, 'submit');
    const match = OPEN.exec(answer) ?? ALREADY.exec(answer);
    const number = match?.[1] ?? match?.[2];
    expect(number, `${id} answered: ${answer}`).toBeDefined();
    numberAfterRetry.set(id, number!);
  }
  second.child.kill('SIGTERM');
  await second.exited;

  const db = await openDatabase({ DATA_DIR: dataDir });
  try {
    const { rows } = await db.query<{ number: string; dedupe_key: string; conversation_id: string }>(
      'SELECT number, dedupe_key, conversation_reference->\'conversation\'->>\'id\' AS conversation_id FROM tickets',
    );
    const byConversation = new Map<string, string[]>();
    for (const r of rows) byConversation.set(r.conversation_id, [...(byConversation.get(r.conversation_id) ?? []), r.number]);
    // One request per conversation, and it is the one the admin was given.
    expect(rows).toHaveLength(CONVERSATIONS);
    expect(new Set(rows.map((r) => r.dedupe_key)).size).toBe(CONVERSATIONS);
    for (const id of ids) expect(byConversation.get(id)).toEqual([told.get(id) ?? numberAfterRetry.get(id)]);
  } finally {
    await db.close();
  }
}, 90_000);
