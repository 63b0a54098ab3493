import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { messageActivity, postActivity } from '../helpers/activities.js';
import { startFakeConnector, type FakeConnector } from '../helpers/fakeConnector.js';
import { spawnServer, type ServerProcess } from '../helpers/testApp.js';

// A channel that gets no answer from the bot delivers the same activity again. When the server died
// in the middle of that activity's turn, the redelivery must run (or the admin's message is lost);
// when the turn had finished, it must not (or it runs twice).

/** A Bot Connector on loopback that notes every reply as it arrives and can leave them unanswered. */
let connector: FakeConnector;
const dataDir = mkdtempSync(join(tmpdir(), 'sa-crash-redelivery-'));
const running: ServerProcess[] = [];

beforeAll(async () => {
  connector = await startFakeConnector();
});
afterAll(async () => {
  for (const p of running) p.child.kill('SIGKILL');
  await connector.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const CONVERSATION = 'crash-redelivery';
/** The activities as the channel sends them, and sends them again: same ids. Replies go to the connector. */
const delivered = (id: string, text: string) => messageActivity(CONVERSATION, text, { id, channelId: 'sms', serviceUrl: connector.serviceUrl, deliveryMode: undefined });

const arrives = (text: RegExp) => connector.waitFor(CONVERSATION, text, 10_000);

it('runs a redelivered message whose turn a crash cut short, and drops one whose turn had finished', async () => {
  const env = { DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  const first = await spawnServer(env);
  running.push(first);

  // A turn that finishes: the greeting.
  expect((await postActivity(first.url, delivered('act-hello', 'hello'))).status).toBe(200);
  await arrives(/What's going wrong/);

  // A turn that does not: its reply is stuck at the connector when the process is killed.
  connector.fallback = { status: 200, hang: true };
  void postActivity(first.url, delivered('act-thanks', 'thanks')).catch(() => undefined);
  await arrives(/You're welcome/);
  first.child.kill('SIGKILL');
  await first.exited;

  connector.reset();
  const second = await spawnServer(env);
  running.push(second);

  // The channel delivers both again. The finished one is a duplicate and is dropped…
  expect((await postActivity(second.url, delivered('act-hello', 'hello'))).status).toBe(200);
  // …the cut-short one runs now.
  expect((await postActivity(second.url, delivered('act-thanks', 'thanks'))).status).toBe(200);
  await arrives(/You're welcome/);
  expect(connector.messages().some((t) => /support assistant for business admins/i.test(t))).toBe(false);

  // Once, not twice: a third delivery of it is dropped, and the conversation is at the problem step.
  const before = connector.messages().length;
  expect((await postActivity(second.url, delivered('act-thanks', 'thanks'))).status).toBe(200);
  expect((await postActivity(second.url, delivered('act-problem', 'none of our users can join teams meetings or make calls'))).status).toBe(200);
  await arrives(/Did this solve it/);
  expect(connector.messages().slice(before).some((t) => /You're welcome|What's going wrong/.test(t))).toBe(false);

  second.child.kill('SIGTERM');
  await second.exited;
});
