import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { Db } from '../../src/storage/db.js';
import { createTicketService } from '../../src/tickets/ticketService.js';
import { describeEachDatabase, openTestDb, resetDatabase } from '../helpers/databases.js';
import { startFakeConnector, type FakeConnector } from '../helpers/fakeConnector.js';
import { startTestApp } from '../helpers/testApp.js';
import { admin, agentApi, directTicket, fileTicket, onlineAgent, openEventStream } from '../handoff/helpers.js';

/**
 * The agents' tools of issue 17 over HTTP: search and filters over every ticket, internal notes (and that
 * they never reach the admin), canned replies, resolution notes in the admin's language, the response
 * objective in the ticket view, and live refresh of a ticket an admin changes in the conversation.
 */

describeEachDatabase('agent tools', (backend) => {
  let db: Db;
  let app: App;
  let connector: FakeConnector;
  let jamie: ReturnType<typeof agentApi>;
  let seq = 0;
  beforeAll(async () => {
    db = await openTestDb(backend);
    app = await startTestApp(db);
    connector = await startFakeConnector();
  });
  afterAll(async () => {
    await app?.close();
    await connector?.close();
    await db?.close();
  });
  beforeEach(async () => {
    await resetDatabase(db, ['tickets', 'ticket_events', 'agents', 'handoffs', 'handoff_messages', 'transcript_activities', 'canned_replies']);
    jamie = agentApi(app.url, (await onlineAgent(db, 'Jamie Rivera')).token);
  });
  const conversation = () => `tools-${backend}-${++seq}-${Date.now()}`;

  describe('GET /api/tickets search', () => {
    /** Tickets filed at given days in March 2026, with the fields a search looks at. */
    async function seed() {
      const tickets = createTicketService({ db, responseDue: () => null });
      const make = async (day: number, fields: { name: string; email: string; description: string; severity: 'A' | 'B' | 'C'; product?: string }) => {
        const service = createTicketService({ db, responseDue: () => null, now: () => new Date(Date.UTC(2026, 2, day, 10)) });
        const { ticket } = await service.createTicket(
          {
            requester: { id: `req-${fields.email}`, name: fields.name, email: fields.email, phone: null },
            contactMethod: 'email',
            cloud: 'worldwide',
            planId: 'business-standard',
            category: 'technical',
            severity: fields.severity,
            severityReason: 'Chosen by the admin.',
            description: fields.description,
            product: fields.product,
          },
          { dedupeKey: `search-${day}-${Math.random()}` },
        );
        return ticket;
      };
      const mail = await make(1, { name: 'Sam Jones', email: 'sam@fabrikam.com', description: 'Mail stuck in the outbox', severity: 'B', product: 'Exchange Online' });
      const teams = await make(2, { name: 'Kim Lee', email: 'kim@contoso.com', description: 'Teams meetings drop after ten minutes', severity: 'A' });
      const license = await make(3, { name: 'Sam Park', email: 'sam.park@contoso.com', description: 'Lizenz fehlt nach dem Kauf', severity: 'C' });
      const chinese = await make(4, { name: '王伟', email: 'wang@contoso.cn', description: '用户无法登录邮箱', severity: 'B' });
      await tickets.close(license.number, { kind: 'agent', agentId: 'agent-x' }, { note: 'Licence assigned.' });
      return { mail, teams, license, chinese };
    }
    const numbers = (body: { tickets: Array<{ number: string }> }) => body.tickets.map((t) => t.number);

    it('answers 401 without a token, like every route', async () => {
      expect((await agentApi(app.url).get('/api/tickets?q=mail')).status).toBe(401);
    });

    it.each([
      ['status=finished', /status/],
      ['severity=D', /severity/],
      ['from=yesterday', /from: expected a date/],
      ['to=2026-13-45', /to: /],
      ['cursor=not-a-cursor', /cursor: not a cursor/],
      ['limit=0', /limit/],
      [`q=${'x'.repeat(201)}`, /q: at most 200/],
    ])('refuses %s with 400 and says which parameter', async (query, message) => {
      const { status, body } = await jamie.get(`/api/tickets?${query}`);
      expect(status).toBe(400);
      expect(body.error.message).toMatch(/^Invalid query: /);
      expect(body.error.message).toMatch(message);
    });

    it('finds by number, email, name and description words, Chinese by substring, closed tickets included', async () => {
      const { mail, teams, license, chinese } = await seed();
      const search = async (q: string) => numbers((await jamie.get(`/api/tickets?q=${encodeURIComponent(q)}`)).body);
      expect(await search(license.number.toLowerCase().replace('-', ' '))).toEqual([license.number]);
      expect(await search('SAM@fabrikam.com')).toEqual([mail.number]);
      expect(await search('sam')).toEqual([license.number, mail.number]);
      expect(await search('meeting drop')).toEqual([teams.number]);
      expect(await search('exchange')).toEqual([mail.number]);
      expect(await search('lizenz')).toEqual([license.number]);
      expect(await search('无法登录')).toEqual([chinese.number]);
      expect(await search('nothing like this')).toEqual([]);
    });

    it('filters by status, severity and filing date, newest first', async () => {
      const { mail, teams, license, chinese } = await seed();
      const list = async (query: string) => numbers((await jamie.get(`/api/tickets?${query}`)).body);
      expect(await list('status=closed')).toEqual([license.number]);
      expect(await list('status=ended')).toEqual([license.number]);
      expect(await list('status=open')).toEqual([chinese.number, teams.number, mail.number]);
      expect(await list('severity=B')).toEqual([chinese.number, mail.number]);
      expect(await list('from=2026-03-02&to=2026-03-03')).toEqual([license.number, teams.number]);
      expect(await list('from=2026-03-02T10:00:00Z&to=2026-03-03T10:00:00Z')).toEqual([teams.number]);
      expect(await list('severity=B&q=mail')).toEqual([mail.number]);
    });

    it('pages with nextCursor until the last page says null, and stays the queue without search parameters', async () => {
      const { mail, teams, license, chinese } = await seed();
      const first = await jamie.get('/api/tickets?status=open&limit=2&from=2026-01-01');
      expect(numbers(first.body)).toEqual([chinese.number, teams.number]);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await jamie.get(`/api/tickets?status=open&limit=2&from=2026-01-01&cursor=${first.body.nextCursor}`);
      expect(numbers(second.body)).toEqual([mail.number]);
      expect(second.body.nextCursor).toBeNull();
      // The queue as before: open tickets only, by severity; no cursor.
      const queue = await jamie.get('/api/tickets');
      expect(numbers(queue.body)).toEqual([teams.number, mail.number, chinese.number]);
      expect(queue.body).not.toHaveProperty('nextCursor');
      expect(numbers(queue.body)).not.toContain(license.number);
    });
  });

  describe('internal notes', () => {
    it('validates, needs a token and a real ticket, and shows in the agents’ history', async () => {
      const t = await directTicket(db, { severity: 'B', dueInMinutes: 60 });
      expect((await agentApi(app.url).post(`/api/tickets/${t.number}/notes`, { text: 'x' })).status).toBe(401);
      expect(await jamie.post(`/api/tickets/${t.number}/notes`, { text: '  ' })).toMatchObject({ status: 400, body: { error: { message: 'Invalid request body: text: must not be empty.' } } });
      expect((await jamie.post(`/api/tickets/${t.number}/notes`, { text: 'a'.repeat(4001) })).status).toBe(400);
      expect((await jamie.post(`/api/tickets/${t.number}/notes`, { text: 'hi', extra: 1 })).status).toBe(400);
      expect((await jamie.post('/api/tickets/SR-9999999/notes', { text: 'hi' })).status).toBe(404);
      const { status, body } = await jamie.post(`/api/tickets/${t.number}/notes`, { text: 'Customer is on a shared mailbox.' });
      expect(status).toBe(201);
      expect(body.entry).toMatchObject({ kind: 'internal_note', by: { kind: 'agent', name: 'Jamie Rivera' }, data: { text: 'Customer is on a shared mailbox.' } });
      const detail = await jamie.get(`/api/tickets/${t.number}`);
      expect(detail.body.history.map((e: { kind: string }) => e.kind)).toEqual(['created', 'internal_note']);
      // A note is not a change the admin sees: the ticket's last update stays.
      expect(detail.body.ticket.updatedAt).toBe(t.updatedAt.toISOString());
    });

    it('never reaches the admin: not relayed, not in "status of", "my requests", their history or the transcript', async () => {
      const a = admin(app.url, conversation(), connector.serviceUrl);
      const { number } = await fileTicket(a);
      await jamie.post(`/api/tickets/${number}/claim`);
      const secret = 'INTERNAL-ONLY: admin seems to be a reseller, check the contract';
      expect((await jamie.post(`/api/tickets/${number}/notes`, { text: secret })).status).toBe(201);
      await jamie.post(`/api/tickets/${number}/messages`, { text: 'Which users are affected?' });
      await connector.waitFor(a.conversationId, /Which users are affected/);
      await jamie.post(`/api/tickets/${number}/handback`);
      const answers = [await a.say(`status of ${number}`), await a.say('my requests')];
      expect(answers.join('\n')).toMatch(new RegExp(number));
      for (const text of [...answers, ...connector.messages(a.conversationId)]) expect(text).not.toContain('INTERNAL-ONLY');
      expect(JSON.stringify(connector.delivered(a.conversationId))).not.toContain('INTERNAL-ONLY');
      const service = createTicketService({ db, responseDue: () => null });
      const { rows } = await db.query<{ requester_id: string }>('SELECT requester_id FROM tickets WHERE number = $1', [number]);
      const theirs = await service.history(number, { kind: 'requester', requesterId: rows[0]!.requester_id });
      expect(theirs.map((e) => e.kind)).not.toContain('internal_note');
      expect(JSON.stringify(theirs)).not.toContain('INTERNAL-ONLY');
      const stored = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM transcript_activities WHERE activity::text LIKE '%INTERNAL-ONLY%'");
      expect(stored.rows[0]!.n).toBe(0);
    });
  });

  describe('canned replies', () => {
    it('are created, listed, edited and deleted by agents, with clear refusals', async () => {
      expect((await agentApi(app.url).get('/api/canned-replies')).status).toBe(401);
      const bad = await jamie.post('/api/canned-replies', { title: 'Hello', body: 'Hi {adminNme}, this is {agentName}.' });
      expect(bad).toMatchObject({ status: 400 });
      expect(bad.body.error.message).toMatch(/unknown placeholder \{adminNme\}; use \{adminName\}/);
      expect((await jamie.post('/api/canned-replies', { title: '', body: 'x' })).status).toBe(400);
      expect((await jamie.post('/api/canned-replies', { title: 'x', body: 'y', language: 'fr' })).status).toBe(400);
      const created = await jamie.post('/api/canned-replies', { title: 'Greeting', body: 'Hello {adminName}, {agentName} here about {ticketNumber}.' });
      expect(created).toMatchObject({ status: 201, body: { reply: { title: 'Greeting', language: null, createdBy: { name: 'Jamie Rivera' } } } });
      expect((await jamie.post('/api/canned-replies', { title: 'greeting', body: 'again' })).status).toBe(409);
      const german = await jamie.post('/api/canned-replies', { title: 'Greeting', body: 'Hallo {adminName}, hier ist {agentName} zu {ticketNumber}.', language: 'de' });
      expect(german.status).toBe(201);
      const id = created.body.reply.id;
      expect((await jamie.patch(`/api/canned-replies/${id}`, {})).status).toBe(400);
      expect((await jamie.patch('/api/canned-replies/999999', { title: 'x' })).status).toBe(404);
      expect((await jamie.patch('/api/canned-replies/abc', { title: 'x' })).status).toBe(404);
      expect((await jamie.patch(`/api/canned-replies/${id}`, { body: 'Hi {adminName}, {agentName} here about {ticketNumber}.' })).body.reply.body).toMatch(/^Hi /);
      expect((await jamie.get('/api/canned-replies')).body.replies.map((r: { language: string | null }) => r.language)).toEqual([null, 'de']);
      expect((await jamie.get('/api/canned-replies?language=en')).body.replies).toHaveLength(1);
      expect((await jamie.call('DELETE', `/api/canned-replies/${german.body.reply.id}`)).status).toBe(200);
      expect((await jamie.call('DELETE', `/api/canned-replies/${german.body.reply.id}`)).status).toBe(404);
    });

    it('are filled from the ticket, in its language', async () => {
      await jamie.post('/api/canned-replies', { title: 'Greeting', body: 'Hello {adminName}, {agentName} here about {ticketNumber} ({severity}, {status}). { braces } stay.' });
      await jamie.post('/api/canned-replies', { title: 'Begrüßung', body: 'Hallo {adminName}, {ticketNumber} ist {status}.', language: 'de' });
      const t = await directTicket(db, { severity: 'A', dueInMinutes: 60, language: 'de' });
      expect((await jamie.get('/api/tickets/SR-9999999/canned-replies')).status).toBe(404);
      const { body } = await jamie.get(`/api/tickets/${t.number}/canned-replies`);
      expect(body.replies.map((r: { text: string }) => r.text)).toEqual([
        `Hallo ${t.requester.name}, ${t.number} ist neu.`,
        `Hello ${t.requester.name}, Jamie Rivera here about ${t.number} (A, neu). { braces } stay.`,
      ]);
    });
  });

  describe('resolution notes', () => {
    it.each([
      ['de', /Lösungsnotiz von Jamie Rivera: „Die Richtlinie ist wiederhergestellt\.“/],
      ['zh-Hans', /Jamie Rivera 的解决说明：“Die Richtlinie ist wiederhergestellt\.”/],
      ['zh-Hant', /Jamie Rivera 的解決說明：「Die Richtlinie ist wiederhergestellt\.」/],
    ] as const)('reach the admin in %s, the note quoted as written, and stay on the ticket', async (language, expected) => {
      const t = await directTicket(db, { severity: 'B', dueInMinutes: 60, language, conversationId: conversation(), serviceUrl: connector.serviceUrl });
      await jamie.post(`/api/tickets/${t.number}/claim`);
      const { status, body } = await jamie.post(`/api/tickets/${t.number}/status`, { status: 'resolved', note: 'Die Richtlinie ist wiederhergestellt.' });
      expect(status).toBe(200);
      expect(body.ticket.resolutionNote).toBe('Die Richtlinie ist wiederhergestellt.');
      const sent = await connector.waitFor(String((t.conversationReference as { conversation: { id: string } }).conversation.id), expected);
      expect(String(sent.text)).toMatch(expected);
      // Closing without a new note keeps it; reopening clears it (the history keeps every note).
      expect((await jamie.post(`/api/tickets/${t.number}/status`, { status: 'closed' })).body.ticket.resolutionNote).toBe('Die Richtlinie ist wiederhergestellt.');
    });

    it('is cleared when the request is reopened, and kept in the history', async () => {
      const t = await directTicket(db, { severity: 'B', dueInMinutes: 60 });
      await jamie.post(`/api/tickets/${t.number}/status`, { status: 'resolved', note: 'Fixed the policy.' });
      await createTicketService({ db, responseDue: () => null }).reopen(t.number, { kind: 'agent', agentId: 'agent-x' });
      const { body } = await jamie.get(`/api/tickets/${t.number}`);
      expect(body.ticket.resolutionNote).toBeNull();
      expect(body.history.some((e: { data: { note?: string } }) => e.data.note === 'Fixed the policy.')).toBe(true);
    });

    it('refuses a note over 2000 characters', async () => {
      const t = await directTicket(db, { severity: 'B', dueInMinutes: 60 });
      expect((await jamie.post(`/api/tickets/${t.number}/status`, { status: 'closed', note: 'n'.repeat(2001) })).status).toBe(400);
    });
  });

  describe('response objective in the ticket view', () => {
    it('warns at 80% of the time without a response, and counts an agent message as the response', async () => {
      const t = await directTicket(db, { severity: 'A', dueInMinutes: 60, conversationId: conversation(), serviceUrl: connector.serviceUrl });
      // Filed 50 minutes ago, due in 10: 83% of the hour used.
      const { rows } = await db.query<{ due: Date }>(
        "UPDATE tickets SET created_at = now() - interval '50 minutes', response_due_at = now() + interval '10 minutes' WHERE number = $1 RETURNING response_due_at AS due",
        [t.number],
      );
      const before = (await jamie.get(`/api/tickets/${t.number}`)).body.ticket;
      expect(before.responseObjective).toMatchObject({ state: 'warning', dueAt: new Date(rows[0]!.due).toISOString() });
      expect((await jamie.get('/api/tickets')).body.tickets[0].responseObjective.state).toBe('warning');
      await jamie.post(`/api/tickets/${t.number}/claim`);
      await jamie.post(`/api/tickets/${t.number}/messages`, { text: 'Looking at it now.' });
      const after = (await jamie.get(`/api/tickets/${t.number}`)).body.ticket;
      expect(after.responseObjective.state).toBe('met');
      expect(after.firstResponseAt).toEqual(expect.any(String));
    });
  });

  describe('live refresh', () => {
    it('tells consoles when the admin reopens a request in the conversation', async () => {
      const a = admin(app.url, conversation(), connector.serviceUrl);
      const { number } = await fileTicket(a);
      await jamie.post(`/api/tickets/${number}/claim`);
      await jamie.post(`/api/tickets/${number}/status`, { status: 'closed', note: 'Done.' });
      const token = (await onlineAgent(db, 'Robin Park')).token;
      const stream = await openEventStream(app.url, token);
      try {
        await stream.waitFor('ready');
        const reply = await a.say(`reopen ${number}`);
        expect(reply).toMatch(new RegExp(number));
        await stream.waitFor('ticket', (d) => d.ticket === number, 3000);
      } finally {
        await stream.close();
      }
    });
  });
});

describe('agent tools on an empty database', () => {
  it('answers an empty search with no tickets and no next page', async () => {
    const db = await openTestDb('pglite');
    const app = await startTestApp(db);
    try {
      const api = agentApi(app.url, (await onlineAgent(db, 'Ari')).token);
      expect((await api.get('/api/tickets?q=anything')).body).toMatchObject({ tickets: [], nextCursor: null });
    } finally {
      await app.close();
      await db.close();
    }
  });
});
