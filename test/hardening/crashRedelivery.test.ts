import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { messageActivity, postActivity } from '../helpers/activities.js';
import { spawnServer, type ServerProcess } from '../helpers/testApp.js';

// A channel that gets no answer from the bot delivers the same activity again. When the server died
// in the middle of that activity's turn, the redelivery must run (or the admin's message is lost);
// when the turn had finished, it must not (or it runs twice).

/** A Bot Connector on loopback that notes every reply as it arrives and can leave them unanswered. */
let connector: { url: string; arrived: string[]; hang: boolean; server: Server };
const dataDir = mkdtempSync(join(tmpdir(), 'sa-crash-redelivery-'));
const running: ServerProcess[] = [];

beforeAll(async () => {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const activity = JSON.parse(body || '{}') as { type?: string; text?: string };
      if (activity.type === 'message') connector.arrived.push(activity.text ?? '');
      if (connector.hang) return; // never answered: the turn stays in the middle of sending
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `sent-${connector.arrived.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  connector = { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, arrived: [], hang: false, server };
});
afterAll(async () => {
  for (const p of running) p.child.kill('SIGKILL');
  connector.server.closeAllConnections();
  await new Promise((resolve) => connector.server.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

const CONVERSATION = 'crash-redelivery';
/** The activities as the channel sends them, and sends them again: same ids. Replies go to the connector. */
const delivered = (id: string, text: string) => messageActivity(CONVERSATION, text, { id, channelId: 'sms', serviceUrl: connector.url, deliveryMode: undefined });

async function arrives(text: RegExp, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!connector.arrived.some((t) => text.test(t))) {
    if (Date.now() > deadline) throw new Error(`no reply matching ${text}; the connector got: ${JSON.stringify(connector.arrived)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

it('runs a redelivered message whose turn a crash cut short, and drops one whose turn had finished', async () => {
  const env = { DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  const first = await spawnServer(env);
  running.push(first);

  // A turn that finishes: the greeting.
  expect((await postActivity(first.url, delivered('act-hello', 'hello'))).status).toBe(200);
  await arrives(/are you an admin/i);

  // A turn that does not: its reply is stuck at the connector when the process is killed.
  connector.hang = true;
  void postActivity(first.url, delivered('act-yes', 'yes')).catch(() => undefined);
  await arrives(/What's going wrong/);
  first.child.kill('SIGKILL');
  await first.exited;

  connector.hang = false;
  connector.arrived.length = 0;
  const second = await spawnServer(env);
  running.push(second);

  // The channel delivers both again. The finished one is a duplicate and is dropped…
  expect((await postActivity(second.url, delivered('act-hello', 'hello'))).status).toBe(200);
  // …the cut-short one runs now.
  expect((await postActivity(second.url, delivered('act-yes', 'yes'))).status).toBe(200);
  await arrives(/What's going wrong/);
  expect(connector.arrived.some((t) => /are you an admin/i.test(t))).toBe(false);

  // Once, not twice: a third delivery of it is dropped, and the conversation is at the problem step.
  const before = connector.arrived.length;
  expect((await postActivity(second.url, delivered('act-yes', 'yes'))).status).toBe(200);
  expect((await postActivity(second.url, delivered('act-problem', 'none of our users can join teams meetings or make calls'))).status).toBe(200);
  await arrives(/Did this solve it/);
  expect(connector.arrived.slice(before).some((t) => /What's going wrong/.test(t))).toBe(false);

  second.child.kill('SIGTERM');
  await second.exited;
});
