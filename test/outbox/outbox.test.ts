import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAgentStore } from '../../src/agents/index.js';
import { createHandoffService, createHandoffStore, createTranscriptStore, inProcessBus } from '../../src/handoff/index.js';
import { outboxRetention, recordEvent, startOutboxDispatcher, type OutboxConsumer, type OutboxEvent } from '../../src/outbox/index.js';
import type { Db } from '../../src/storage/db.js';
import { postgresDb } from '../../src/storage/postgresDb.js';
import { createTicketService, type TicketService } from '../../src/tickets/index.js';
import { describeEachDatabase, openTestDb, postgresUrl, resetDatabase } from '../helpers/databases.js';
import { fakeResponseDue, sampleTicket } from '../tickets/fixtures/sampleTicket.js';

const log = pino({ level: 'silent' });

/** A consumer that remembers what it was given, in order. */
function collector(name = 'test'): OutboxConsumer & { seen: OutboxEvent[] } {
  const seen: OutboxEvent[] = [];
  return { name, seen, handle: async (_tx, events) => void seen.push(...events) };
}

const agentActor = { kind: 'agent', agentId: 'agent-1' } as const;

describeEachDatabase('transactional outbox', (backend) => {
  let db: Db;
  let tickets: TicketService;
  let keys = 0;
  const file = async () => (await tickets.createTicket(sampleTicket(), { dedupeKey: `outbox-${++keys}` })).ticket;
  const events = async () =>
    (await db.query<{ type: string; subject: string; payload: Record<string, any> }>('SELECT type, subject, payload FROM outbox_events ORDER BY id')).rows;

  beforeAll(async () => {
    db = await openTestDb(backend);
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await resetDatabase(db, ['outbox_events', 'outbox_cursors', 'ticket_events', 'tickets', 'handoff_messages', 'handoffs', 'agents']);
    tickets = createTicketService({ db, responseDue: fakeResponseDue });
  });

  it('keeps an event exactly when its transaction commits', async () => {
    await db.transaction((tx) => recordEvent(tx, { type: 'ticket.updated', subject: 'SR-1', occurredAt: new Date(), data: { n: 1 } }));
    await expect(
      db.transaction(async (tx) => {
        await recordEvent(tx, { type: 'ticket.updated', subject: 'SR-2', occurredAt: new Date(), data: { n: 2 } });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect((await events()).map((e) => e.subject)).toEqual(['SR-1']);
  });

  it('records what happens to a request, with the request as it is after the change, and nothing for internal notes', async () => {
    const ticket = await file();
    await tickets.assign(ticket.number, agentActor);
    await tickets.addInternalNote(ticket.number, agentActor, 'the tenant is on the old plan');
    await tickets.setStatus(ticket.number, agentActor, 'waiting_on_customer');
    await tickets.addInformation(ticket.number, { kind: 'requester', requesterId: ticket.requester.id }, 'here is the trace');
    await tickets.resolve(ticket.number, agentActor, { note: 'The connector was fixed.' });
    await tickets.reopen(ticket.number, { kind: 'requester', requesterId: ticket.requester.id }, { reason: 'it is back' });
    await tickets.close(ticket.number, agentActor, { note: 'Duplicate of another request.' });
    // A refused change writes nothing.
    await expect(tickets.assign(ticket.number, agentActor)).rejects.toThrow();

    const all = await events();
    expect(all.map((e) => [e.type, e.payload.change?.kind ?? null, e.payload.change?.to ?? null])).toEqual([
      ['ticket.created', null, null],
      ['ticket.updated', 'assigned', null],
      ['ticket.updated', 'status_changed', 'in_progress'],
      ['ticket.updated', 'status_changed', 'waiting_on_customer'],
      ['ticket.updated', 'information', null],
      ['ticket.updated', 'status_changed', 'in_progress'],
      ['ticket.updated', 'status_changed', 'resolved'],
      ['ticket.updated', 'reopened', null],
      ['ticket.closed', 'status_changed', 'closed'],
    ]);
    expect(all.every((e) => e.subject === ticket.number)).toBe(true);
    const created = all[0]!.payload;
    expect(created.actor).toEqual({ kind: 'requester', id: ticket.requester.id });
    expect(created.ticket).toMatchObject({ number: ticket.number, status: 'new', requester: { email: ticket.requester.email } });
    expect(created.ticket).not.toHaveProperty('conversationReference');
    expect(all[6]!.payload.ticket).toMatchObject({ status: 'resolved', resolutionNote: 'The connector was fixed.' });
    expect(all[6]!.payload.change).toEqual({ kind: 'status_changed', from: 'in_progress', to: 'resolved', note: 'The connector was fixed.' });
    expect(all[7]!.payload.change).toEqual({ kind: 'reopened', from: 'resolved', reason: 'it is back' });
    expect(JSON.stringify(all)).not.toContain('the tenant is on the old plan');
  });

  it('gives every consumer every committed event once, in order, and retries a batch that failed', async () => {
    const a = collector('a');
    let failures = 1;
    const b: OutboxConsumer & { seen: OutboxEvent[] } = {
      name: 'b',
      seen: [],
      async handle(tx, batch) {
        // Its own write in the batch's transaction is undone with the batch when it fails.
        await tx.query("INSERT INTO outbox_cursors (consumer, updated_at) VALUES ('b-side-effect', now()) ON CONFLICT DO NOTHING");
        if (failures-- > 0) throw new Error('the first try fails');
        b.seen.push(...batch);
      },
    };
    const dispatcher = startOutboxDispatcher({ db, consumers: [a, b], log, pollMs: 60_000, batchSize: 3, retryMs: 10 });
    try {
      for (let i = 0; i < 7; i++) await db.transaction((tx) => recordEvent(tx, { type: 'ticket.updated', subject: `SR-${i}`, occurredAt: new Date(), data: { i } }));
      dispatcher.wake();
      await dispatcher.drain();
      expect(a.seen.map((e) => e.subject)).toEqual(['SR-0', 'SR-1', 'SR-2', 'SR-3', 'SR-4', 'SR-5', 'SR-6']);
      expect(b.seen.map((e) => e.subject)).toEqual(a.seen.map((e) => e.subject));
      expect(new Set(a.seen.map((e) => e.eventId)).size).toBe(7);
      expect(a.seen[3]).toMatchObject({ type: 'ticket.updated', data: { i: 3 } });
      await db.transaction((tx) => recordEvent(tx, { type: 'ticket.closed', subject: 'SR-7', occurredAt: new Date(), data: {} }));
      await dispatcher.drain();
      expect(a.seen.map((e) => e.subject).slice(-1)).toEqual(['SR-7']);
      expect(a.seen).toHaveLength(8);
    } finally {
      await dispatcher.stop();
    }
    // A second dispatcher (a restart, or another instance) starts where the cursors are.
    const again = collector('a');
    const restarted = startOutboxDispatcher({ db, consumers: [again], log, pollMs: 60_000 });
    await restarted.drain();
    await restarted.stop();
    expect(again.seen).toEqual([]);
  });

  it('joins a burst of wake-ups into one run, and a run with nothing new costs one read and no transaction', async () => {
    const statements: string[] = [];
    let transactions = 0;
    const counted: Db = {
      ...db,
      query: (sql, params) => (statements.push(sql), db.query(sql, params)),
      transaction: (fn) => (transactions++, db.transaction(fn)),
    };
    const a = collector('a');
    const b = collector('b');
    const dispatcher = startOutboxDispatcher({ db: counted, consumers: [a, b], log, pollMs: 60_000, wakeDelayMs: 30 });
    try {
      await dispatcher.drain();
      await db.transaction((tx) => recordEvent(tx, { type: 'ticket.created', subject: 'SR-1', occurredAt: new Date(), data: {} }));
      transactions = 0;
      statements.length = 0;
      for (let i = 0; i < 5; i++) dispatcher.wake();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(a.seen.map((e) => e.subject)).toEqual(['SR-1']);
      expect(b.seen.map((e) => e.subject)).toEqual(['SR-1']);
      // One check, then one batch per consumer: a batch shorter than the batch size means it has caught up.
      expect(transactions).toBe(2);
      expect(statements.filter((sql) => /outbox_events e/.test(sql))).toHaveLength(1);
      transactions = 0;
      statements.length = 0;
      dispatcher.wake();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(transactions).toBe(0);
      expect(statements).toHaveLength(1);
    } finally {
      await dispatcher.stop();
    }
  });

  it('deletes old events only once every consumer has read them', async () => {
    const old = new Date(Date.now() - 40 * 24 * 3600 * 1000);
    for (const subject of ['SR-old-1', 'SR-old-2']) await db.transaction((tx) => recordEvent(tx, { type: 'ticket.updated', subject, occurredAt: old, data: {} }));
    const a = collector('a');
    const dispatcher = startOutboxDispatcher({ db, consumers: [a], log, pollMs: 60_000 });
    await dispatcher.drain();
    await dispatcher.stop();
    const cutoff = new Date(Date.now() - 30 * 24 * 3600 * 1000);
    expect(await outboxRetention(db, () => ['a', 'not-yet-run']).deleteBefore(cutoff)).toEqual({ outboxEvents: 0 });
    expect(await outboxRetention(db, () => ['a']).deleteBefore(cutoff)).toEqual({ outboxEvents: 2 });
  });

  it('tells the handoff: started (live or call back) and each agent message, in the message transaction', async () => {
    const agents = createAgentStore(db);
    const handoff = createHandoffService({
      db,
      tickets,
      agents,
      store: createHandoffStore(db),
      transcripts: createTranscriptStore(db),
      relay: async () => undefined,
      events: inProcessBus(),
      log,
    });
    const conversationReference = { conversation: { id: 'conv-outbox' }, serviceUrl: 'http://127.0.0.1:1/' };
    const nobodyOnline = (await tickets.createTicket({ ...sampleTicket(), conversationReference }, { dedupeKey: 'handoff-1' })).ticket;
    const turn = { conversationId: 'conv-outbox', reply: async () => undefined, announce: async () => undefined };
    await handoff.startHandoff(turn, nobodyOnline);
    await handoff.startHandoff(turn, nobodyOnline);

    const { agent } = await agents.add('Jamie');
    await agents.touch(agent);
    const ticket = (await tickets.createTicket({ ...sampleTicket(), conversationReference: { ...conversationReference, conversation: { id: 'conv-2' } } }, { dedupeKey: 'handoff-2' })).ticket;
    await handoff.startHandoff({ ...turn, conversationId: 'conv-2' }, ticket);
    await handoff.claim(ticket.number, agent);
    await handoff.sendToAdmin(ticket.number, agent, 'Could you send the message trace?');

    const all = await events();
    const started = all.filter((e) => e.type === 'handoff.started');
    expect(started.map((e) => [e.subject, e.payload.mode, e.payload.conversationId])).toEqual([
      [nobodyOnline.number, 'callback', 'conv-outbox'],
      [ticket.number, 'live', 'conv-2'],
    ]);
    const message = all.find((e) => e.payload.change?.kind === 'agent_message')!;
    expect(message).toMatchObject({ type: 'ticket.updated', subject: ticket.number });
    expect(message.payload.change).toMatchObject({ agentId: agent.id, agentName: 'Jamie', text: 'Could you send the message trace?' });
    // The agent responded: the snapshot the message carries has the first response.
    expect(message.payload.ticket.firstResponseAt).toEqual(expect.any(String));
  });

  if (backend === 'postgres') {
    it('never skips an event whose transaction commits after a later one (PostgreSQL)', async () => {
      // A second connection pool on the same schema: two writers at once.
      const schema = (await db.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]!.s;
      const other = postgresDb({ connectionString: postgresUrl()!, schema, max: 2 });
      const a = collector('a');
      const dispatcher = startOutboxDispatcher({ db, consumers: [a], log, pollMs: 60_000 });
      try {
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        let wrote!: () => void;
        const written = new Promise<void>((resolve) => (wrote = resolve));
        // The slow transaction writes first (the lower id) and commits last.
        const slow = other.transaction(async (tx) => {
          await recordEvent(tx, { type: 'ticket.updated', subject: 'SR-slow', occurredAt: new Date(), data: {} });
          wrote();
          await held;
        });
        await written;
        await db.transaction((tx) => recordEvent(tx, { type: 'ticket.updated', subject: 'SR-fast', occurredAt: new Date(), data: {} }));
        dispatcher.wake();
        await new Promise((resolve) => setTimeout(resolve, 100));
        // The fast event is held back while an older transaction is still running.
        expect(a.seen.map((e) => e.subject)).toEqual([]);
        release();
        await slow;
        await dispatcher.drain();
        expect(a.seen.map((e) => e.subject).sort()).toEqual(['SR-fast', 'SR-slow']);
      } finally {
        await dispatcher.stop();
        await other.close();
      }
    });
  }
}, { worker: true });

describe('outbox dispatcher without consumers', () => {
  it('drains at once', async () => {
    const db = { query: async () => ({ rows: [], rowCount: 0 }) } as unknown as Db;
    const dispatcher = startOutboxDispatcher({ db, consumers: [], log });
    await dispatcher.drain();
    await dispatcher.stop();
  });
});
