import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/storage/db.js';
import { formatMinutes } from '../../src/tickets/dateText.js';
import { AVERAGE_HANDLING_MINUTES, estimateWait, PICKUP_MINUTES } from '../../src/tickets/expectedWait.js';
import { createTicketService, type TicketService } from '../../src/tickets/ticketService.js';
import type { AgentActor, TicketStatus } from '../../src/tickets/ticketTypes.js';
import { describeEachDatabase, openTestDb, resetDatabase } from '../helpers/databases.js';
import { fakeResponseDue, sampleTicket } from './fixtures/sampleTicket.js';

const now = new Date('2026-11-22T10:00:00Z');
const inMinutes = (m: number) => new Date(now.getTime() + m * 60_000);
const waiting = (responseDueAt: Date | null, status: TicketStatus = 'new', assignedAgentId: string | null = null) => ({
  number: 'SR-1000042',
  status,
  assignedAgentId,
  responseDueAt,
});

describe('estimating the wait', () => {
  it.each([
    // position, agents, expected minutes
    [0, 1, PICKUP_MINUTES],
    [0, 3, PICKUP_MINUTES],
    [2, 3, PICKUP_MINUTES],
    [3, 3, PICKUP_MINUTES + AVERAGE_HANDLING_MINUTES],
    [4, 2, PICKUP_MINUTES + 2 * AVERAGE_HANDLING_MINUTES],
    [5, 1, PICKUP_MINUTES + 5 * AVERAGE_HANDLING_MINUTES],
  ])('with %i ahead and %i agents free, counts rounds of handling time', (position, agents, minutes) => {
    const wait = estimateWait({ ticket: waiting(inMinutes(24 * 60)), position, agentsAvailable: agents, now });
    expect(wait).toMatchObject({ minutes, position, basis: 'queue' });
  });

  it('explains the queue estimate and names the objective', () => {
    const wait = estimateWait({ ticket: waiting(inMinutes(240)), position: 2, agentsAvailable: 1, now });
    expect(wait.text).toBe(
      '2 requests are ahead of yours, 1 agent is free and each request takes about 30 minutes, so expect contact in about 65 minutes. ' +
        'The response-time objective is a first response by 14:00 UTC today.',
    );
  });

  it('never promises later than the response-time objective, and says so', () => {
    const wait = estimateWait({ ticket: waiting(inMinutes(60)), position: 6, agentsAvailable: 1, now });
    expect(wait).toMatchObject({ minutes: 60, position: 6, basis: 'objective' });
    expect(wait.text).toBe(
      '6 requests are ahead of yours, 1 agent is free and each request takes about 30 minutes, so the queue alone suggests about 3 hours; ' +
        'but the response-time objective for this request is a first response by 11:00 UTC today, so expect contact within about 60 minutes.',
    );
  });

  it('keeps the queue estimate once the due time has passed', () => {
    const wait = estimateWait({ ticket: waiting(inMinutes(-10)), position: 1, agentsAvailable: 1, now });
    expect(wait).toMatchObject({ minutes: PICKUP_MINUTES + AVERAGE_HANDLING_MINUTES, basis: 'queue' });
    expect(wait.text).toContain('The target time for a first response has already passed.');
  });

  it('falls back to the objective when no agent is free', () => {
    const wait = estimateWait({ ticket: waiting(inMinutes(90)), position: 0, agentsAvailable: 0, now });
    expect(wait).toMatchObject({ minutes: 90, basis: 'objective' });
    expect(wait.text).toBe(
      'No agent is free right now, so the estimate is the response-time objective: a first response by 11:30 UTC today, about 90 minutes from now. Your request is next in the queue.',
    );
  });

  it('gives no figure without free agents or a committed response time', () => {
    const wait = estimateWait({ ticket: waiting(null), position: 3, agentsAvailable: 0, now });
    expect(wait).toMatchObject({ minutes: null, position: 3, basis: 'no_commitment' });
    expect(wait.text).toMatch(/no committed response time; we'll contact you during business hours\. 3 requests are ahead of yours\./);
  });

  it('gives no figure without free agents once the due time has passed', () => {
    expect(estimateWait({ ticket: waiting(inMinutes(-5)), position: 0, agentsAvailable: 0, now })).toMatchObject({ minutes: null, basis: 'objective' });
  });

  it('uses the queue alone when the plan makes no commitment', () => {
    const wait = estimateWait({ ticket: waiting(null), position: 1, agentsAvailable: 1, now });
    expect(wait).toMatchObject({ minutes: PICKUP_MINUTES + AVERAGE_HANDLING_MINUTES, basis: 'queue' });
    expect(wait.text).toContain('This request has no committed response time.');
  });

  it('accepts other planning figures', () => {
    const wait = estimateWait({ ticket: waiting(null), position: 2, agentsAvailable: 1, now, averageHandlingMinutes: 10, pickupMinutes: 0 });
    expect(wait.minutes).toBe(20);
  });

  it.each([
    ['assigned', waiting(inMinutes(60), 'in_progress', 'agent-7'), 0, 'assigned'],
    ['waiting on the customer', waiting(inMinutes(60), 'waiting_on_customer'), null, 'not_waiting'],
    ['resolved', waiting(null, 'resolved'), null, 'not_waiting'],
    ['closed', waiting(null, 'closed'), null, 'not_waiting'],
  ] as const)('has nothing to wait for when the ticket is %s', (_what, ticket, minutes, basis) => {
    expect(estimateWait({ ticket, position: 4, agentsAvailable: 2, now })).toMatchObject({ minutes, position: 0, basis });
  });
});

describeEachDatabase('expected wait from the queue', (backend) => {
  let db: Db;
  let tickets: TicketService;
  let clock: Date;
  let keys = 0;
  const agent: AgentActor = { kind: 'agent', agentId: 'agent-7' };
  const create = async (severity: 'A' | 'B' | 'C') => {
    clock = new Date(clock.getTime() + 60_000);
    return (await tickets.createTicket(sampleTicket({ severity }), { dedupeKey: `w-${++keys}` })).ticket;
  };

  beforeAll(async () => {
    db = await openTestDb(backend);
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await resetDatabase(db, ['ticket_events', 'tickets']);
    clock = new Date('2026-11-22T10:00:00Z');
    tickets = createTicketService({ db, responseDue: fakeResponseDue, now: () => clock });
  });

  it('counts waiting tickets of higher severity or earlier due time as ahead, not assigned or ended ones', async () => {
    await create('A');
    const assigned = await create('A');
    await tickets.assign(assigned.number, agent);
    const resolved = await create('A');
    await tickets.resolve(resolved.number, agent);
    await create('B');
    const mine = await create('B');
    await create('B');
    await create('C');
    const wait = await tickets.expectedWait(mine.number, { agentsAvailable: 1 });
    expect(wait.position).toBe(2);
    expect(wait.minutes).toBe(PICKUP_MINUTES + 2 * AVERAGE_HANDLING_MINUTES);
  });

  it('puts a ticket without a due time behind those with one', async () => {
    await create('C');
    const mine = await create('C');
    await create('C');
    // C tickets of an elevated plan, say, carry a due time; both later and earlier ones go first.
    await db.query('UPDATE tickets SET response_due_at = now() WHERE number <> $1', [mine.number]);
    expect((await tickets.expectedWait(mine, { agentsAvailable: 1 })).position).toBe(2);
  });

  it('puts the first ticket first', async () => {
    const mine = await create('C');
    expect((await tickets.expectedWait(mine.number, { agentsAvailable: 2 })).position).toBe(0);
  });

  it('reports a missing ticket', async () => {
    await expect(tickets.expectedWait('SR-9999999', { agentsAvailable: 1 })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('durations in wait texts', () => {
  it.each([
    [0.5, 'less than a minute'],
    [1, 'about 1 minute'],
    [7, 'about 7 minutes'],
    [63, 'about 65 minutes'],
    [117, 'about 115 minutes'],
    [119, 'about 2 hours'],
    [185, 'about 3 hours'],
    [47 * 60, 'about 47 hours'],
    [72 * 60, 'about 3 days'],
  ])('reads %f minutes as %j', (minutes, text) => {
    expect(formatMinutes(minutes)).toBe(text);
  });
});
