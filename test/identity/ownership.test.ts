import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createConversationServices } from '../../src/conversationServices.js';
import { createCodeMailer } from '../../src/notifications/index.js';
import { startMailCatcher } from '../../tools/dev/mailCatcher.js';
import { loadConfig } from '../../src/config.js';
import {
  CODES_PER_REQUESTER_PER_HOUR,
  CODES_PER_TICKET_PER_HOUR,
  createIdentityContacts,
  createIdentityService,
  createOwnershipCodes,
  MAX_CODE_ATTEMPTS,
  pendingOwnershipCodes,
} from '../../src/identity/index.js';
import type { Db } from '../../src/storage/db.js';
import { createTicketAccess, createTicketService, type Ticket } from '../../src/tickets/index.js';
import { describeEachDatabase, openTestDb, resetDatabase } from '../helpers/databases.js';
import { startConversation } from '../helpers/conversation.js';
import { fakeResponseDue, sampleTicket } from '../tickets/fixtures/sampleTicket.js';

const FILER = 'directline:dl_filedInFirstBrowser';
const NEWCOMER = 'directline:dl_secondBrowser';

describeEachDatabase('ownership codes', (backend) => {
  let db: Db;
  let clock: Date;
  const now = () => clock;
  beforeAll(async () => {
    db = await openTestDb(backend);
  });
  afterAll(() => db?.close());
  beforeEach(async () => {
    await resetDatabase(db);
    clock = new Date('2026-03-02T10:00:00Z');
  });

  const fileTicket = async (requesterId = FILER): Promise<Ticket> => {
    const tickets = createTicketService({ db, responseDue: fakeResponseDue, now });
    return (await tickets.createTicket(sampleTicket({ requester: { id: requesterId, name: 'Alex', email: 'alex@contoso.example', phone: '+14255550100' } }), { dedupeKey: `k-${Math.random()}` })).ticket;
  };
  const codes = () => createOwnershipCodes(db, createTicketAccess(db), now);
  const liveCode = async (number: string) => (await pendingOwnershipCodes(db, number, clock))[0]!.code;
  const minutes = (n: number) => (clock = new Date(clock.getTime() + n * 60_000));

  it('links the ticket on the right code, once, and the requester then sees and lists it', async () => {
    const ticket = await fileTicket();
    const tickets = createTicketService({ db, responseDue: fakeResponseDue, now });
    await expect(tickets.getTicket(ticket.number, { kind: 'requester', requesterId: NEWCOMER })).rejects.toMatchObject({ code: 'not_found' });
    expect(await codes().heldByAnother(ticket.number, NEWCOMER)).toBe(true);
    expect(await codes().request(ticket.number, NEWCOMER)).toMatchObject({ kind: 'issued' });
    const [pending] = await pendingOwnershipCodes(db, ticket.number, clock);
    expect(pending!.code).toMatch(/^\d{6}$/);
    expect(pending!.expiresAt.getTime() - pending!.requestedAt.getTime()).toBe(15 * 60_000);
    expect(await codes().check(ticket.number, NEWCOMER, pending!.code)).toEqual({ kind: 'linked' });
    // Single use, and no longer shown to agents.
    expect(await codes().check(ticket.number, NEWCOMER, pending!.code)).toEqual({ kind: 'none' });
    expect(await pendingOwnershipCodes(db, ticket.number, clock)).toEqual([]);
    const stored = await db.query<{ code_for_agents: string | null; code_hash: string }>('SELECT code_for_agents, code_hash FROM ownership_codes');
    expect(stored.rows[0]).toMatchObject({ code_for_agents: null });
    expect(stored.rows[0]!.code_hash).not.toContain(pending!.code);

    expect((await tickets.getTicket(ticket.number, { kind: 'requester', requesterId: NEWCOMER })).number).toBe(ticket.number);
    expect((await tickets.listForRequester(NEWCOMER)).open.map((t) => t.number)).toEqual([ticket.number]);
    expect((await tickets.listForRequester(FILER)).open.map((t) => t.number)).toEqual([ticket.number]);
    expect(await codes().heldByAnother(ticket.number, NEWCOMER)).toBe(false);
    expect(await codes().request(ticket.number, NEWCOMER)).toEqual({ kind: 'notApplicable' });
  });

  it('counts wrong codes down and locks the code at the fifth', async () => {
    const ticket = await fileTicket();
    await codes().request(ticket.number, NEWCOMER);
    const right = await liveCode(ticket.number);
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 1; i < MAX_CODE_ATTEMPTS; i++) expect(await codes().check(ticket.number, NEWCOMER, wrong)).toEqual({ kind: 'wrong', attemptsLeft: MAX_CODE_ATTEMPTS - i });
    expect(await codes().check(ticket.number, NEWCOMER, wrong)).toEqual({ kind: 'locked' });
    expect(await codes().check(ticket.number, NEWCOMER, right)).toEqual({ kind: 'locked' });
    expect(await pendingOwnershipCodes(db, ticket.number, clock)).toEqual([]);
    expect(await createTicketAccess(db).mayRequesterSee(ticket.number, NEWCOMER)).toBe(false);
    // A locked code makes room for a new one.
    expect(await codes().request(ticket.number, NEWCOMER)).toMatchObject({ kind: 'issued' });
  });

  it('refuses a code after its 15 minutes', async () => {
    const ticket = await fileTicket();
    await codes().request(ticket.number, NEWCOMER);
    const right = await liveCode(ticket.number);
    minutes(16);
    expect(await codes().check(ticket.number, NEWCOMER, right)).toEqual({ kind: 'none' });
    expect(await pendingOwnershipCodes(db, ticket.number, clock)).toEqual([]);
  });

  it('answers the live code instead of a second one, and only its own requester can use it', async () => {
    const ticket = await fileTicket();
    await codes().request(ticket.number, NEWCOMER);
    expect(await codes().request(ticket.number, NEWCOMER)).toMatchObject({ kind: 'pending' });
    expect(await pendingOwnershipCodes(db, ticket.number, clock)).toHaveLength(1);
    expect(await codes().check(ticket.number, 'directline:dl_someoneElse', await liveCode(ticket.number))).toEqual({ kind: 'none' });
  });

  it(`issues a ticket at most ${CODES_PER_TICKET_PER_HOUR} codes an hour, whoever asks`, async () => {
    const ticket = await fileTicket();
    for (let i = 0; i < CODES_PER_TICKET_PER_HOUR; i++) expect(await codes().request(ticket.number, `directline:dl_asker${i}`)).toMatchObject({ kind: 'issued' });
    const limited = await codes().request(ticket.number, 'directline:dl_another');
    expect(limited).toEqual({ kind: 'rateLimited', retryAt: new Date(clock.getTime() + 60 * 60_000) });
    minutes(61);
    expect(await codes().request(ticket.number, 'directline:dl_another')).toMatchObject({ kind: 'issued' });
  });

  it(`issues one requester at most ${CODES_PER_REQUESTER_PER_HOUR} codes an hour over all tickets`, async () => {
    const numbers = [];
    for (let i = 0; i <= CODES_PER_REQUESTER_PER_HOUR; i++) numbers.push((await fileTicket(`directline:dl_filer${i}`)).number);
    for (const number of numbers.slice(0, CODES_PER_REQUESTER_PER_HOUR)) expect(await codes().request(number, NEWCOMER)).toMatchObject({ kind: 'issued' });
    expect(await codes().request(numbers.at(-1)!, NEWCOMER)).toMatchObject({ kind: 'rateLimited' });
  });

  it('has nothing to prove for a missing ticket or one the requester filed', async () => {
    const ticket = await fileTicket();
    expect(await codes().request('SR-9999999', NEWCOMER)).toEqual({ kind: 'notApplicable' });
    expect(await codes().request(ticket.number, FILER)).toEqual({ kind: 'notApplicable' });
    expect(await codes().heldByAnother('SR-9999999', NEWCOMER)).toBe(false);
  });
});

describe('the ownership conversation', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb('pglite');
  });
  afterAll(() => db?.close());
  beforeEach(() => resetDatabase(db));

  const chat = (userId: string) => {
    const config = loadConfig({ LOG_LEVEL: 'silent', SEED_SAMPLE_INCIDENTS: 'false' });
    const services = { ...createConversationServices(db, config), identity: createIdentityService(db) };
    return startConversation({ db, channelId: 'directline', services, from: { id: userId, name: 'Alex' } });
  };

  it('offers a code for a request filed elsewhere, links it on the right code, and "my requests" then lists it', async () => {
    const first = chat('dl_firstBrowser');
    const { ticket } = await first.services.tickets.createTicket(
      sampleTicket({ requester: { id: 'directline:dl_firstBrowser', name: 'Alex', email: 'alex@contoso.example', phone: null }, contactMethod: 'web_chat', channelId: 'directline' }),
      { dedupeKey: 'filed-in-first-browser' },
    );
    const second = chat('dl_secondBrowser');
    expect(await second.sayText('my requests')).toMatch(/another browser or device/);
    const offer = await second.sayText(`status of ${ticket.number}`);
    expect(offer).toContain(`${ticket.number} exists, but it was filed from another browser`);
    expect(offer).toMatch(/ask a support agent in this chat or by phone/);
    expect(offer).toMatch(/Type the 6-digit code/);
    const code = (await pendingOwnershipCodes(db, ticket.number))[0]!.code;
    const wrong = code === '123456' ? '654321' : '123456';
    expect(await second.sayText(wrong)).toMatch(/isn't right. 4 more tries/);
    const linked = await second.sayText(`${code.slice(0, 3)} ${code.slice(3)}`);
    expect(linked).toContain(`${ticket.number} is now linked to you`);
    expect(linked).toContain(`Request ${ticket.number}`);
    expect(await second.sayText('my requests')).toContain(ticket.number);
  });

  it('mails the code to the address on the request, in its language, when a mail server is set', async () => {
    const catcher = await startMailCatcher();
    try {
      const config = loadConfig({ LOG_LEVEL: 'silent', SEED_SAMPLE_INCIDENTS: 'false' });
      const mailCode = createCodeMailer({ smtpUrl: catcher.url, from: 'Support <support@contoso.example>' });
      const services = { ...createConversationServices(db, config), identity: createIdentityService(db, undefined, { mailCode }) };
      const { ticket } = await services.tickets.createTicket(
        sampleTicket({ requester: { id: 'directline:dl_home', name: 'Alex', email: 'alex.admin@contoso.example', phone: null }, contactMethod: 'web_chat', channelId: 'directline', language: 'de' }),
        { dedupeKey: 'filed-at-home' },
      );
      const other = startConversation({ db, channelId: 'directline', services, from: { id: 'dl_office', name: 'Alex' } });
      const offer = await other.sayText(`status of ${ticket.number}`);
      expect(offer).toContain(`I've sent a one-time code for ${ticket.number} to the email address on the request (a***@contoso.example)`);
      expect(offer).not.toMatch(/ask a support agent/);
      await catcher.waitFor(1);
      const mail = catcher.mails[0]!;
      expect(mail.to).toEqual(['alex.admin@contoso.example']);
      expect(mail.parsed.subject).toBe(`${ticket.number}: Ihr Einmalcode`);
      const code = (await pendingOwnershipCodes(db, ticket.number))[0]!.code;
      expect(mail.parsed.text).toContain(`    ${code}\n`);
      expect(mail.parsed.text).toMatch(/Er gilt bis .* und nur einmal/);
      // Asked again while it is live: no second code, no second mail, and the chat says where it went.
      expect(await other.sayText('no idea')).toMatch(/isn't a 6-digit code/);
      expect(await other.sayText(`status of ${ticket.number}`)).toContain('was sent to the email address on the request (a***@contoso.example) a moment ago');
      expect(await other.sayText(code)).toContain(`${ticket.number} is now linked to you`);
      expect(catcher.mails).toHaveLength(1);
    } finally {
      await catcher.close();
    }
  });

  it('stops waiting when something else is typed, and says a missing request is missing', async () => {
    const first = chat('dl_a');
    const { ticket } = await first.services.tickets.createTicket(
      sampleTicket({ requester: { id: 'directline:dl_a', name: 'Alex', email: 'alex@contoso.example', phone: null }, contactMethod: 'web_chat', channelId: 'directline' }),
      { dedupeKey: 'filed-by-a' },
    );
    const other = chat('dl_b');
    await other.sayText(`status of ${ticket.number}`);
    expect(await other.sayText('no idea')).toMatch(/isn't a 6-digit code/);
    expect(await other.sayText('status of SR-9999999')).toMatch(/couldn't find a request numbered SR-9999999/);
  });

  it('prefills the contact step with the name and email the host site vouched for', async () => {
    await createIdentityContacts(db).remember('dl_signedIn', { name: 'Kim Akers', email: 'kim@contoso.example' }, new Date());
    const c = chat('dl_signedIn');
    const reply = await c.sayText('talk to a person');
    const profile = await db.query<{ data: unknown }>("SELECT data FROM bot_state WHERE key LIKE '%users/dl_signedIn%'");
    expect(reply.length).toBeGreaterThan(0);
    expect(JSON.stringify(profile.rows)).toContain('kim@contoso.example');
  });
});
