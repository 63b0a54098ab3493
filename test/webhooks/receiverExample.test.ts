import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReceiver, type HelpdeskTicket } from '../../docs/examples/helpdesk-receiver.mjs';
import { startOutboxDispatcher } from '../../src/outbox/index.js';
import type { Db } from '../../src/storage/db.js';
import { createTicketService } from '../../src/tickets/index.js';
import { createWebhookDeliveries, createWebhookEndpoints, startWebhookWorker, webhooksConsumer } from '../../src/webhooks/index.js';
import { openTestDb } from '../helpers/databases.js';
import { repoRoot } from '../helpers/testApp.js';
import { fakeResponseDue, sampleTicket } from '../tickets/fixtures/sampleTicket.js';

/** The receiving example of docs/webhooks.md, fed by real deliveries. */
describe('the helpdesk receiver example', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb('pglite');
  });
  afterAll(() => db.close());

  it('verifies, maps each request onto a helpdesk ticket, and takes a repeated delivery once', async () => {
    const policy = { allowHttp: true, allowPrivate: true };
    const log = pino({ level: 'silent' });
    const upserts: Array<{ ticket: HelpdeskTicket; type: string }> = [];
    const handler = (req: Parameters<ReturnType<typeof createReceiver>>[0], res: Parameters<ReturnType<typeof createReceiver>>[1]) => receive(req, res);
    let receive: ReturnType<typeof createReceiver> = () => undefined;
    const server = createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const created = await createWebhookEndpoints(db, policy).create({ url, events: ['ticket.created', 'ticket.updated', 'ticket.closed'] });
    receive = createReceiver({ secret: created.secret, upsertHelpdeskTicket: async (ticket, event) => void upserts.push({ ticket, type: event.type }) });

    const worker = startWebhookWorker({ db, log, policy, retry: { baseSeconds: 0.05, maxSeconds: 0.1, maxAttempts: 2 }, timeoutMs: 2000, idleMs: 50 });
    const outbox = startOutboxDispatcher({ db, consumers: [webhooksConsumer(() => worker.wake())], log, pollMs: 50 });
    try {
      const tickets = createTicketService({ db, responseDue: fakeResponseDue });
      const { ticket } = await tickets.createTicket(sampleTicket({ severity: 'A', description: 'Mail to external domains bounces with 5.7.1\nsince this morning' }), { dedupeKey: 'example-1' });
      await tickets.setStatus(ticket.number, { kind: 'agent', agentId: 'agent-1' }, 'waiting_on_customer');
      await outbox.drain();
      await expect.poll(() => upserts.length).toBe(2);
      expect(upserts[0]).toEqual({
        type: 'ticket.created',
        ticket: {
          externalId: ticket.number,
          subject: `${ticket.number}: Mail to external domains bounces with 5.7.1`,
          requester: { name: ticket.requester.name, email: ticket.requester.email, phone: ticket.requester.phone },
          priority: 'urgent',
          status: 'open',
          tags: expect.arrayContaining([ticket.category, ticket.cloud, `lang:${ticket.language}`]),
          dueAt: ticket.responseDueAt?.toISOString() ?? null,
        },
      });
      expect(upserts[1]).toMatchObject({ type: 'ticket.updated', ticket: { status: 'pending' } });

      // The same event again (as after a lost answer): acknowledged, not applied twice.
      const deliveries = createWebhookDeliveries(db);
      await expect.poll(async () => (await deliveries.list()).map((d) => d.state)).toEqual(['delivered', 'delivered']);
      const [latest] = await deliveries.list();
      await db.query("UPDATE webhook_deliveries SET state = 'dead' WHERE id = $1", [latest!.id]);
      await deliveries.replay(latest!.id);
      worker.wake();
      await expect.poll(async () => (await deliveries.list()).map((d) => [d.state, d.attempts]), { timeout: 5000 }).toEqual([['delivered', 1], ['delivered', 1]]);
      expect(upserts).toHaveLength(2);

      // A forged request is refused.
      const forged = await fetch(url, { method: 'POST', headers: { 'webhook-id': 'x', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': 'v1,AAAA' }, body: '{}' });
      expect(forged.status).toBe(401);
    } finally {
      await outbox.stop();
      await worker.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('runs on its own, and says what it needs', async () => {
    const run = (env: Record<string, string>) =>
      new Promise<string>((resolve) => {
        const child = spawn(process.execPath, ['docs/examples/helpdesk-receiver.mjs'], { cwd: repoRoot, env: { ...process.env, ...env } });
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
          if (out.includes('listening')) child.kill();
        });
        child.stderr.on('data', (d) => (out += d));
        child.on('exit', () => resolve(out));
      });
    expect(await run({ WEBHOOK_SECRET: '' })).toMatch(/Set WEBHOOK_SECRET/);
    expect(await run({ WEBHOOK_SECRET: 'whsec_AAAA', PORT: '0' })).toMatch(/listening on http:\/\/localhost:0\//);
  });
});
