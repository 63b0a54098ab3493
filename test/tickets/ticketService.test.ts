import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/storage/db.js';
import { responseDueAt } from '../../src/support/responseTimes.js';
import { TicketError, type TicketErrorCode } from '../../src/tickets/ticketError.js';
import { createTicketService, type TicketService } from '../../src/tickets/ticketService.js';
import type { Actor, AgentActor } from '../../src/tickets/ticketTypes.js';
import { describeEachDatabase, openTestDb, resetDatabase } from '../helpers/databases.js';
import { fakeResponseDue, sampleTicket } from './fixtures/sampleTicket.js';

const DAY = 24 * 60 * 60 * 1000;
const alice: Actor = { kind: 'requester', requesterId: 'aad-alice' };
const bob: Actor = { kind: 'requester', requesterId: 'aad-bob' };
const agent: AgentActor = { kind: 'agent', agentId: 'agent-7' };
const bobTicket = () => sampleTicket({ requester: { id: 'aad-bob', name: 'Bob', email: 'bob@fabrikam.example', phone: null }, contactMethod: 'email' });

async function codeOf(p: Promise<unknown>): Promise<TicketErrorCode | 'none'> {
  try {
    await p;
    return 'none';
  } catch (err) {
    if (err instanceof TicketError) return err.code;
    throw err;
  }
}

describeEachDatabase('ticket service', (backend) => {
  let db: Db;
  let now: Date;
  let tickets: TicketService;
  let keys = 0;
  const create = async (input = sampleTicket()) => (await tickets.createTicket(input, { dedupeKey: `k-${++keys}` })).ticket;
  const later = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };

  beforeAll(async () => {
    db = await openTestDb(backend);
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await resetDatabase(db, ['ticket_events', 'tickets']);
    now = new Date('2026-11-22T10:00:00Z');
    tickets = createTicketService({ db, responseDue: fakeResponseDue, now: () => now });
  });

  describe('creating', () => {
    it('stores every field and gives a readable number', async () => {
      const { ticket, created } = await tickets.createTicket(sampleTicket(), { dedupeKey: 'activity-1' });
      expect(created).toBe(true);
      expect(ticket.number).toMatch(/^SR-\d{7,}$/);
      expect(ticket).toMatchObject({
        requester: { id: 'aad-alice', name: 'Alice Admin', email: 'alice@contoso.example', phone: '+14255550100' },
        contactMethod: 'phone',
        cloud: 'worldwide',
        planId: 'o365-e3',
        planFamily: 'enterprise',
        elevated: false,
        hasAdvancedAgreement: false,
        category: 'technical',
        topic: 'exchange.mail-flow',
        product: 'Exchange Online',
        severity: 'B',
        severityReason: 'Several users cannot receive external mail',
        articlesTried: [{ id: 'exo-mail-flow-inbound-mx', title: 'Check the MX record' }],
        status: 'new',
        assignedAgentId: null,
        channelId: 'msteams',
        conversationReference: { conversation: { id: '19:abc' }, serviceUrl: 'https://smba.example/' },
        createdAt: now,
        updatedAt: now,
        resolvedAt: null,
        closedAt: null,
      });
      expect(await tickets.getTicket(ticket.number, alice)).toEqual(ticket);
    });

    it('computes the response due time with the injected rules', async () => {
      const seen: unknown[] = [];
      tickets = createTicketService({
        db,
        now: () => now,
        responseDue: (input) => {
          seen.push(input);
          return fakeResponseDue(input);
        },
      });
      const ticket = await create(sampleTicket({ severity: 'A' }));
      expect(ticket.responseDueAt).toEqual(new Date('2026-11-22T11:00:00Z'));
      expect(seen).toEqual([
        { cloud: 'worldwide', planId: 'o365-e3', family: 'enterprise', elevated: false, hasAdvancedAgreement: false, severity: 'A', category: 'technical', createdAt: now },
      ]);
    });

    it('works with the real response-time rules', async () => {
      tickets = createTicketService({ db, now: () => now, responseDue: responseDueAt });
      const critical = await create(sampleTicket({ severity: 'A' }));
      expect(critical.responseDueAt!.getTime()).toBeGreaterThan(now.getTime());
      expect((await create(sampleTicket({ severity: 'C', planFamily: 'business', planId: 'business-basic' }))).responseDueAt).toBeNull();
    });

    it('keeps no due time when the plan makes no commitment', async () => {
      expect((await create(sampleTicket({ severity: 'C' }))).responseDueAt).toBeNull();
    });

    it('gives each ticket its own number', async () => {
      const numbers = await Promise.all(Array.from({ length: 5 }, () => create()));
      expect(new Set(numbers.map((t) => t.number)).size).toBe(5);
    });

    it('records a created event', async () => {
      const ticket = await create();
      expect(await tickets.history(ticket.number, alice)).toMatchObject([
        { kind: 'created', at: now, actor: alice, data: { severity: 'B', responseDueAt: '2026-11-22T14:00:00.000Z' } },
      ]);
    });

    it('returns the existing ticket for a retried submission', async () => {
      const first = await tickets.createTicket(sampleTicket(), { dedupeKey: 'activity-1' });
      later(5000);
      const again = await tickets.createTicket(sampleTicket(), { dedupeKey: 'activity-1' });
      expect(again).toEqual({ ticket: first.ticket, created: false });
      expect(await tickets.history(first.ticket.number, alice)).toHaveLength(1);
    });

    it('makes exactly one ticket from 20 concurrent deliveries of one submission', async () => {
      const results = await Promise.all(Array.from({ length: 20 }, () => tickets.createTicket(sampleTicket(), { dedupeKey: 'same-submit' })));
      expect(new Set(results.map((r) => r.ticket.number)).size).toBe(1);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets');
      expect(rows[0].n).toBe(1);
      const events = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM ticket_events WHERE kind = 'created'");
      expect(events.rows[0].n).toBe(1);
    });

    it('does not hand someone else the ticket of a reused key', async () => {
      await tickets.createTicket(sampleTicket(), { dedupeKey: 'activity-1' });
      expect(await codeOf(tickets.createTicket(bobTicket(), { dedupeKey: 'activity-1' }))).toBe('invalid_input');
    });

    it.each([
      ['a malformed email', { requester: { id: 'a', name: 'A', email: 'not-an-email', phone: null } }, 'requester.email'],
      ['a phone number not in E.164', { requester: { id: 'a', name: 'A', email: 'a@b.example', phone: '425 555 0100' } }, 'requester.phone'],
      ['phone contact without a number', { requester: { id: 'a', name: 'A', email: 'a@b.example', phone: null } }, 'requester.phone'],
      ['an unknown contact method', { contactMethod: 'fax' }, 'contactMethod'],
      ['an unknown severity', { severity: 'D' }, 'severity'],
      ['an empty description', { description: '   ' }, 'description'],
      ['a description that is far too long', { description: 'x'.repeat(8001) }, 'description'],
      ['an unknown cloud', { cloud: 'mars' }, 'cloud'],
      ['an unknown plan family', { planFamily: 'consumer' }, 'planFamily'],
    ])('refuses %s', async (_what, overrides, path) => {
      const err = await tickets.createTicket(sampleTicket(overrides as never), { dedupeKey: 'k' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TicketError);
      expect(err).toMatchObject({ code: 'invalid_input' });
      expect((err as TicketError).issues.join(' ')).toContain(path);
      expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets')).rows[0].n).toBe(0);
    });

    it('refuses an empty dedupe key', async () => {
      expect(await codeOf(tickets.createTicket(sampleTicket(), { dedupeKey: ' ' }))).toBe('invalid_input');
    });
  });

  describe('looking up', () => {
    it.each([['sr 1000042'], ['#1000042'], ['SR1000042']])('accepts the number typed as %j', async (typed) => {
      const ticket = await create();
      const digits = ticket.number.slice(3);
      expect((await tickets.getTicket(typed.replace('1000042', digits), alice)).number).toBe(ticket.number);
    });

    it('lets an agent read any ticket', async () => {
      const ticket = await create();
      expect((await tickets.getTicket(ticket.number, agent)).number).toBe(ticket.number);
    });

    it("answers a requester asking for someone else's ticket exactly as for a missing one", async () => {
      const ticket = await create();
      const other = await tickets.getTicket(ticket.number, bob).catch((e: TicketError) => e);
      const missing = await tickets.getTicket('SR-9999999', bob).catch((e: TicketError) => e);
      expect(other).toMatchObject({ code: 'not_found' });
      expect(missing).toMatchObject({ code: 'not_found' });
      expect((other as TicketError).message).toBe((missing as TicketError).message.replace('SR-9999999', ticket.number));
      expect(await codeOf(tickets.history(ticket.number, bob))).toBe('not_found');
      expect(await codeOf(tickets.addInformation(ticket.number, bob, 'hi'))).toBe('not_found');
    });

    it('explains what a number looks like when the text is not one', async () => {
      await expect(tickets.getTicket('my ticket', alice)).rejects.toThrow(/doesn't look like a request number; they look like SR-1000042/);
    });

    it('lists open and recently closed tickets of a requester, not older or other ones', async () => {
      const open = await create();
      const closedLongAgo = await create();
      await tickets.close(closedLongAgo.number, agent);
      later(10 * DAY);
      const closedRecently = await create();
      await tickets.close(closedRecently.number, agent);
      const resolvedRecently = await create();
      await tickets.resolve(resolvedRecently.number, agent);
      await create(bobTicket());
      later(5 * DAY);
      const list = await tickets.listForRequester('aad-alice');
      expect(list.open.map((t) => t.number)).toEqual([open.number]);
      expect(list.recentlyClosed.map((t) => t.number).sort()).toEqual([closedRecently.number, resolvedRecently.number].sort());
    });
  });

  describe('lifecycle', () => {
    it('adds information to an open ticket and records it', async () => {
      const ticket = await create();
      later(60_000);
      const updated = await tickets.addInformation(ticket.number, alice, 'It also affects the shared mailbox.');
      expect(updated.updatedAt).toEqual(now);
      const events = await tickets.history(ticket.number, agent);
      expect(events.map((e) => e.kind)).toEqual(['created', 'message']);
      expect(events[1]).toMatchObject({ actor: alice, data: { text: 'It also affects the shared mailbox.' } });
    });

    it('moves a ticket waiting on the customer back to in progress when the requester answers', async () => {
      const ticket = await create();
      await tickets.setStatus(ticket.number, agent, 'waiting_on_customer', { note: 'asked for a message trace' });
      const updated = await tickets.addInformation(ticket.number, alice, 'Trace attached.');
      expect(updated.status).toBe('in_progress');
      expect((await tickets.history(ticket.number, agent)).map((e) => e.kind)).toEqual(['created', 'status_changed', 'message', 'status_changed']);
    });

    it('refuses information on a closed ticket and points to reopening', async () => {
      const ticket = await create();
      await tickets.close(ticket.number, alice);
      await expect(tickets.addInformation(ticket.number, alice, 'one more thing')).rejects.toThrow(/is closed, so information can't be added to it\. Reopen it first; that is possible until 6 December/);
      expect((await tickets.history(ticket.number, alice)).map((e) => e.kind)).toEqual(['created', 'status_changed']);
    });

    it('claims a new ticket for the agent and starts work on it', async () => {
      const ticket = await create();
      const updated = await tickets.assign(ticket.number, agent);
      expect(updated).toMatchObject({ assignedAgentId: 'agent-7', status: 'in_progress' });
      expect((await tickets.history(ticket.number, agent)).slice(1)).toMatchObject([
        { kind: 'assigned', actor: agent, data: { agentId: 'agent-7', previousAgentId: null } },
        { kind: 'status_changed', data: { from: 'new', to: 'in_progress' } },
      ]);
    });

    it('does not let a requester assign', async () => {
      const ticket = await create();
      expect(await codeOf(tickets.assign(ticket.number, alice as unknown as AgentActor))).toBe('forbidden');
    });

    it.each([['in_progress'], ['waiting_on_customer']] as const)('does not let a requester set %s', async (to) => {
      const ticket = await create();
      expect(await codeOf(tickets.setStatus(ticket.number, alice, to))).toBe('forbidden');
    });

    it('resolves, then closes, stamping both times and the history', async () => {
      const ticket = await create();
      later(DAY);
      const resolved = await tickets.resolve(ticket.number, agent, { note: 'MX record fixed' });
      expect(resolved).toMatchObject({ status: 'resolved', resolvedAt: now, closedAt: null });
      later(DAY);
      const closed = await tickets.close(ticket.number, alice);
      expect(closed).toMatchObject({ status: 'closed', resolvedAt: resolved.resolvedAt, closedAt: now });
      expect((await tickets.history(ticket.number, alice)).slice(1)).toMatchObject([
        { kind: 'status_changed', actor: agent, data: { from: 'new', to: 'resolved', note: 'MX record fixed' } },
        { kind: 'status_changed', actor: alice, data: { from: 'resolved', to: 'closed' } },
      ]);
    });

    it('refuses an illegal transition with a clear error and changes nothing', async () => {
      const ticket = await create();
      await tickets.close(ticket.number, agent);
      await expect(tickets.resolve(ticket.number, agent)).rejects.toThrow(/SR-\d+ is closed, so it can't be marked resolved\. Reopen it first/);
      expect((await tickets.getTicket(ticket.number, agent)).status).toBe('closed');
      expect(await tickets.history(ticket.number, agent)).toHaveLength(2);
    });

    it('reopens a closed ticket within 14 days', async () => {
      const ticket = await create();
      await tickets.assign(ticket.number, agent);
      await tickets.close(ticket.number, agent);
      later(14 * DAY);
      const reopened = await tickets.reopen(ticket.number, alice, { reason: 'Bounces are back' });
      expect(reopened).toMatchObject({ status: 'in_progress', closedAt: null, reopenCount: 1, assignedAgentId: 'agent-7' });
      expect((await tickets.history(ticket.number, alice)).at(-1)).toMatchObject({
        kind: 'reopened',
        actor: alice,
        data: { from: 'closed', to: 'in_progress', reason: 'Bounces are back' },
      });
    });

    it('refuses to reopen after 14 days and says why', async () => {
      const ticket = await create();
      await tickets.close(ticket.number, alice);
      later(14 * DAY + 1000);
      const err = await tickets.reopen(ticket.number, alice).catch((e: TicketError) => e);
      expect(err).toMatchObject({ code: 'reopen_window_expired' });
      expect((err as TicketError).message).toBe(
        `${ticket.number} was closed on 22 November, more than 14 days ago, so it can't be reopened; please open a new request and mention ${ticket.number} in it.`,
      );
      expect((await tickets.getTicket(ticket.number, alice)).status).toBe('closed');
    });

    it('refuses to reopen a ticket that is still open', async () => {
      const ticket = await create();
      expect(await codeOf(tickets.reopen(ticket.number, alice))).toBe('illegal_transition');
    });

    it('keeps the history append-only in the database itself', async () => {
      const ticket = await create();
      await expect(db.exec("UPDATE ticket_events SET kind = 'message'")).rejects.toThrow(/append-only/);
      await expect(db.exec('DELETE FROM ticket_events')).rejects.toThrow(/append-only/);
      expect(await tickets.history(ticket.number, alice)).toHaveLength(1);
    });
  });

  describe('queue', () => {
    it('orders open tickets by severity, then due time with none last, and leaves out ended ones', async () => {
      const c = await create(sampleTicket({ severity: 'C' }));
      later(60_000);
      const b1 = await create(sampleTicket({ severity: 'B' }));
      const a = await create(sampleTicket({ severity: 'A' }));
      const done = await create(sampleTicket({ severity: 'A' }));
      await tickets.resolve(done.number, agent);
      later(60_000);
      const b2 = await create(sampleTicket({ severity: 'B' }));
      const early = await create(sampleTicket({ severity: 'C' }));
      // A C ticket with a due time (e.g. an elevated plan) comes before C tickets without one.
      await db.query('UPDATE tickets SET response_due_at = $1 WHERE number = $2', [new Date(now.getTime() + DAY), early.number]);
      expect((await tickets.queue()).map((t) => t.number)).toEqual([a.number, b1.number, b2.number, early.number, c.number]);
    });

    it('can leave out assigned tickets', async () => {
      const mine = await create();
      const waiting = await create();
      await tickets.assign(mine.number, agent);
      expect((await tickets.queue({ unassignedOnly: true })).map((t) => t.number)).toEqual([waiting.number]);
    });
  });
});

describe('ticket service without a database', () => {
  it('rejects bad input before touching the database', async () => {
    const tickets = createTicketService({ db: {} as Db, responseDue: fakeResponseDue });
    await expect(tickets.createTicket(sampleTicket({ requester: { id: '', name: '', email: '', phone: null } }), { dedupeKey: 'k' })).rejects.toThrow(
      /The service request is not valid: requester\.id: .*requester\.name: .*requester\.email: /,
    );
  });
});
