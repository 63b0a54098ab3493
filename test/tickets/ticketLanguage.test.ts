import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { Db } from '../../src/storage/db.js';
import { createTicketService, type TicketService } from '../../src/tickets/ticketService.js';
import { describeEachDatabase, openTestDb, resetDatabase } from '../helpers/databases.js';
import { fakeResponseDue, sampleTicket } from './fixtures/sampleTicket.js';

describeEachDatabase('the language a ticket was filed in', (backend) => {
  let db: Db;
  let tickets: TicketService;
  let keys = 0;

  beforeAll(async () => {
    db = await openTestDb(backend);
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await resetDatabase(db, ['ticket_events', 'tickets']);
    tickets = createTicketService({ db, responseDue: fakeResponseDue, now: () => new Date('2026-11-22T10:00:00Z') });
  });

  it('is stored and returned: a request filed in German stays German', async () => {
    const { ticket } = await tickets.createTicket(sampleTicket({ language: 'de' }), { dedupeKey: `k-${++keys}` });
    expect(ticket.language).toBe('de');
    expect((await tickets.getTicket(ticket.number, { kind: 'agent', agentId: 'agent-1' })).language).toBe('de');
    expect((await tickets.queue()).map((t) => t.language)).toEqual(['de']);
  });

  it.each(['zh-Hans', 'zh-Hant'] as const)('keeps %s as filed', async (language) => {
    const { ticket } = await tickets.createTicket(sampleTicket({ language }), { dedupeKey: `k-${++keys}` });
    expect((await tickets.getTicket(ticket.number, { kind: 'requester', requesterId: 'aad-alice' })).language).toBe(language);
  });

  it('is English when the caller does not say', async () => {
    const { ticket } = await tickets.createTicket(sampleTicket(), { dedupeKey: `k-${++keys}` });
    expect(ticket.language).toBe('en');
  });

  it('refuses a language the assistant does not speak', async () => {
    await expect(tickets.createTicket(sampleTicket({ language: 'fr' as 'de' }), { dedupeKey: `k-${++keys}` })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('is a required column that defaults to English, so requests filed before it read as English (migration 011)', async () => {
    const { rows } = await db.query<{ column_default: string; is_nullable: string }>(
      "SELECT column_default, is_nullable FROM information_schema.columns WHERE table_name = 'tickets' AND column_name = 'language'",
    );
    expect(rows[0]).toMatchObject({ is_nullable: 'NO' });
    expect(rows[0]!.column_default).toContain("'en'");
  });
});
