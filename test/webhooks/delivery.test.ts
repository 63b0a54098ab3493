import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { startOutboxDispatcher, type OutboxDispatcher } from '../../src/outbox/index.js';
import type { Db } from '../../src/storage/db.js';
import { createTicketService, type TicketService } from '../../src/tickets/index.js';
import {
  createWebhookDeliveries,
  createWebhookEndpoints,
  startWebhookWorker,
  verifySignature,
  webhooksConsumer,
  type WebhookEndpoints,
  type WebhookWorker,
} from '../../src/webhooks/index.js';
import { describeEachDatabase, openTestDb, resetDatabase } from '../helpers/databases.js';
import { fakeResponseDue, sampleTicket } from '../tickets/fixtures/sampleTicket.js';
import { startReceiver } from './receiver.js';

const log = pino({ level: 'silent' });
const agent = { kind: 'agent', agentId: 'agent-1' } as const;
const loopbackAllowed = { allowHttp: true, allowPrivate: true };

const ajv = new Ajv2020({ strict: false, allErrors: true });
formats.default(ajv);
const validateEvent = ajv.compile(JSON.parse(readFileSync(new URL('../../docs/webhook-events.schema.json', import.meta.url), 'utf8')));

describeEachDatabase('webhook deliveries', (backend) => {
  let db: Db;
  let tickets: TicketService;
  let endpoints: WebhookEndpoints;
  let worker: WebhookWorker;
  let outbox: OutboxDispatcher;
  let keys = 0;
  const file = async () => (await tickets.createTicket(sampleTicket(), { dedupeKey: `wh-${backend}-${++keys}` })).ticket;
  const start = (retry = { baseSeconds: 0.05, maxSeconds: 0.2, maxAttempts: 3 }, policy = loopbackAllowed) => {
    worker = startWebhookWorker({ db, log, policy, retry, timeoutMs: 2000, idleMs: 50 });
    outbox = startOutboxDispatcher({ db, consumers: [webhooksConsumer(() => worker.wake())], log, pollMs: 50 });
  };
  const deliveries = () => createWebhookDeliveries(db).list();

  beforeAll(async () => {
    db = await openTestDb(backend);
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await resetDatabase(db, ['outbox_events', 'outbox_cursors', 'webhook_deliveries', 'webhook_endpoints', 'ticket_events', 'tickets']);
    tickets = createTicketService({ db, responseDue: fakeResponseDue });
    endpoints = createWebhookEndpoints(db, loopbackAllowed);
  });
  afterEach(async () => {
    await outbox?.stop();
    await worker?.stop();
  });

  it('sends each subscribed event once per endpoint, signed, in the documented shape', async () => {
    const helpdesk = await startReceiver();
    const closedOnly = await startReceiver();
    try {
      const a = await endpoints.create({ url: helpdesk.url, events: ['ticket.created', 'ticket.updated', 'ticket.closed'], description: 'helpdesk' });
      const b = await endpoints.create({ url: closedOnly.url, events: ['ticket.closed'] });
      start();
      const ticket = await file();
      await tickets.assign(ticket.number, agent);
      await tickets.close(ticket.number, agent, { note: 'Fixed by the vendor.' });
      await outbox.drain();
      await helpdesk.waitFor(4);
      await closedOnly.waitFor(1);

      const bodies = helpdesk.received.map((r) => JSON.parse(r.body));
      expect(bodies.map((e) => [e.type, e.data.change?.kind ?? null])).toEqual([
        ['ticket.created', null],
        ['ticket.updated', 'assigned'],
        ['ticket.updated', 'status_changed'],
        ['ticket.closed', 'status_changed'],
      ]);
      for (const r of [...helpdesk.received, ...closedOnly.received]) {
        const event = JSON.parse(r.body);
        expect(validateEvent(event), JSON.stringify(validateEvent.errors)).toBe(true);
        expect(r.headers['webhook-id']).toBe(event.id);
        expect(r.headers['content-type']).toBe('application/json');
        expect(r.headers['user-agent']).toBe('SupportAssistant-Webhooks/1');
        const secret = r === closedOnly.received[0] ? b.secret : a.secret;
        expect(verifySignature(secret, r.headers as never, r.body)).toBe(true);
      }
      expect(JSON.parse(closedOnly.received[0]!.body)).toMatchObject({
        type: 'ticket.closed',
        version: '1',
        data: {
          ticket: { number: ticket.number, status: 'closed', severity: ticket.severity, requester: { email: ticket.requester.email }, resolutionNote: 'Fixed by the vendor.' },
          actor: { kind: 'agent', id: 'agent-1' },
          change: { kind: 'status_changed', from: 'in_progress', to: 'closed', note: 'Fixed by the vendor.' },
        },
      });
      // The same closing event, one id for both endpoints.
      expect(closedOnly.received[0]!.headers['webhook-id']).toBe(helpdesk.received[3]!.headers['webhook-id']);
      await expect.poll(async () => (await deliveries()).every((d) => d.state === 'delivered' && d.attempts === 1)).toBe(true);
      // A repeated outbox batch (a crash before the cursor moved) makes nothing new.
      await db.query('UPDATE outbox_cursors SET last_txid = 0, last_id = 0');
      outbox.wake();
      await outbox.drain();
      expect(await deliveries()).toHaveLength(5);
    } finally {
      await helpdesk.close();
      await closedOnly.close();
    }
  });

  it('retries failures with backoff until the receiver takes it, with the same id each time', async () => {
    const receiver = await startReceiver([500, 503]);
    try {
      await endpoints.create({ url: receiver.url, events: ['ticket.created'] });
      start({ baseSeconds: 0.1, maxSeconds: 1, maxAttempts: 5 });
      await file();
      await receiver.waitFor(3);
      const ids = new Set(receiver.received.map((r) => r.headers['webhook-id']));
      expect(ids.size).toBe(1);
      // Waited between attempts (full jitter: at least a tenth of the ceiling).
      expect(receiver.received[1]!.at - receiver.received[0]!.at).toBeGreaterThanOrEqual(9);
      await expect.poll(async () => (await deliveries())[0]?.state).toBe('delivered');
      expect((await deliveries())[0]).toMatchObject({ attempts: 3, lastStatus: 200, lastError: null });
    } finally {
      await receiver.close();
    }
  });

  it('makes a dead letter after the last attempt, and a replay delivers it with the same id', async () => {
    const receiver = await startReceiver([500, 500, 500]);
    try {
      await endpoints.create({ url: receiver.url, events: ['ticket.created'] });
      start({ baseSeconds: 0.02, maxSeconds: 0.05, maxAttempts: 3 });
      await file();
      await expect.poll(async () => (await deliveries())[0]?.state, { timeout: 10_000 }).toBe('dead');
      const [dead] = await deliveries();
      expect(dead).toMatchObject({ attempts: 3, lastStatus: 500, lastError: 'HTTP 500: refused with 500' });
      expect(await createWebhookDeliveries(db).list({ state: 'dead' })).toHaveLength(1);
      expect(await createWebhookDeliveries(db).replay(dead!.id)).toBe(true);
      expect(await createWebhookDeliveries(db).replay(dead!.id)).toBe(false);
      worker.wake();
      await receiver.waitFor(4);
      await expect.poll(async () => (await deliveries())[0]?.state).toBe('delivered');
      expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    } finally {
      await receiver.close();
    }
  });

  it('turns an endpoint off when the receiver answers 410 Gone', async () => {
    const receiver = await startReceiver([410]);
    try {
      const { endpoint } = await endpoints.create({ url: receiver.url, events: ['ticket.created'] });
      start();
      await file();
      await expect.poll(async () => (await deliveries())[0]?.state).toBe('dead');
      expect(await endpoints.get(endpoint.id)).toMatchObject({ enabled: false, disabledReason: expect.stringContaining('410 Gone') });
      // Later events make no delivery for it.
      await file();
      await outbox.drain();
      expect(await deliveries()).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  it('refuses at delivery time a name that resolves to a private address (DNS rebinding)', async () => {
    const receiver = await startReceiver();
    try {
      // Registered while private targets were allowed; the worker runs under the strict policy.
      await endpoints.create({ url: receiver.url.replace('127.0.0.1', 'localhost'), events: ['ticket.created'] });
      start({ baseSeconds: 0.02, maxSeconds: 0.05, maxAttempts: 2 }, { allowHttp: true, allowPrivate: false });
      await file();
      await expect.poll(async () => (await deliveries())[0]?.state, { timeout: 10_000 }).toBe('dead');
      expect((await deliveries())[0]!.lastError).toMatch(/localhost resolves to .*which webhooks may not reach/);
      expect(receiver.received).toHaveLength(0);
    } finally {
      await receiver.close();
    }
  });

  it('gives up on a receiver that does not answer in time, and tries again', async () => {
    const receiver = await startReceiver(['hang']);
    try {
      await endpoints.create({ url: receiver.url, events: ['ticket.created'] });
      worker = startWebhookWorker({ db, log, policy: loopbackAllowed, retry: { baseSeconds: 0.05, maxSeconds: 0.1, maxAttempts: 3 }, timeoutMs: 500, idleMs: 50 });
      outbox = startOutboxDispatcher({ db, consumers: [webhooksConsumer(() => worker.wake())], log, pollMs: 50 });
      await file();
      await receiver.waitFor(2);
      await expect.poll(async () => (await deliveries())[0]?.state).toBe('delivered');
      expect((await deliveries())[0]!.attempts).toBe(2);
    } finally {
      await receiver.close();
    }
  });
});
