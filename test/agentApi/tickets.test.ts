import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { Db } from '../../src/storage/db.js';
import { openTestDb, resetDatabase } from '../helpers/databases.js';
import { startTestApp } from '../helpers/testApp.js';
import { agentApi, directTicket, onlineAgent } from '../handoff/helpers.js';
import { startFakeConnector, type FakeConnector } from '../helpers/fakeConnector.js';

let db: Db;
let app: App;
let connector: FakeConnector;
let jamie: ReturnType<typeof agentApi>;
let robin: ReturnType<typeof agentApi>;
beforeAll(async () => {
  db = await openTestDb('pglite');
  app = await startTestApp(db);
  connector = await startFakeConnector();
});
afterAll(async () => {
  await app.close();
  await connector.close();
  await db.close();
});
beforeEach(async () => {
  await resetDatabase(db, ['tickets', 'ticket_events', 'agents', 'handoffs', 'handoff_messages', 'transcript_activities']);
  jamie = agentApi(app.url, (await onlineAgent(db, 'Jamie Rivera')).token);
  robin = agentApi(app.url, (await onlineAgent(db, 'Robin Park')).token);
});

describe('GET /api/tickets', () => {
  it('orders the queue by severity, then by response due time (none last)', async () => {
    const c60 = await directTicket(db, { severity: 'C', dueInMinutes: 60 });
    const aNone = await directTicket(db, { severity: 'A', dueInMinutes: null });
    const b240 = await directTicket(db, { severity: 'B', dueInMinutes: 240 });
    const a30 = await directTicket(db, { severity: 'A', dueInMinutes: 30 });
    const b120 = await directTicket(db, { severity: 'B', dueInMinutes: 120 });
    const { status, body } = await jamie.get('/api/tickets');
    expect(status).toBe(200);
    expect(body.tickets.map((t: { number: string }) => t.number)).toEqual([a30.number, aNone.number, b120.number, b240.number, c60.number]);
    expect(body).toMatchObject({ agentsOnline: 2, agentsAvailable: 2 });
  });

  it('lists each ticket with what an agent needs and nothing internal', async () => {
    const t = await directTicket(db, { severity: 'B', dueInMinutes: 90, conversationId: 'conv-view', description: 'Mail stuck in outbox' });
    const { body } = await jamie.get('/api/tickets');
    expect(body.tickets[0]).toMatchObject({
      number: t.number,
      severity: 'B',
      status: 'new',
      description: 'Mail stuck in outbox',
      requester: { name: expect.any(String), email: expect.stringContaining('@') },
      contactMethod: 'email',
      callbackRequested: false,
      assignedAgent: null,
      responseDueAt: t.responseDueAt!.toISOString(),
      handoff: null,
    });
    expect(JSON.stringify(body)).not.toMatch(/conversationReference|dedupe|serviceUrl/);
  });

  it('says which language each request was filed in, English when the admin did not write in another', async () => {
    const german = await directTicket(db, { severity: 'A', dueInMinutes: 30, language: 'de' });
    const taiwan = await directTicket(db, { severity: 'B', dueInMinutes: 30, language: 'zh-Hant' });
    const english = await directTicket(db, { severity: 'C', dueInMinutes: 30 });
    const { body } = await jamie.get('/api/tickets');
    expect(body.tickets.map((t: { number: string; language: string }) => [t.number, t.language])).toEqual([
      [german.number, 'de'],
      [taiwan.number, 'zh-Hant'],
      [english.number, 'en'],
    ]);
    expect((await jamie.get(`/api/tickets/${german.number}`)).body.ticket.language).toBe('de');
  });

  it('leaves out claimed tickets with ?unassigned=true', async () => {
    const claimed = await directTicket(db, { severity: 'A', dueInMinutes: 30 });
    const open = await directTicket(db, { severity: 'B', dueInMinutes: 30 });
    expect((await jamie.post(`/api/tickets/${claimed.number}/claim`)).status).toBe(200);
    const { body } = await robin.get('/api/tickets?unassigned=true');
    expect(body.tickets.map((t: { number: string }) => t.number)).toEqual([open.number]);
  });

  it.each([['?limit=0'], ['?limit=lots'], ['?unassigned=maybe']])('refuses the query %s with 400', async (query) => {
    const { status, body } = await jamie.get(`/api/tickets${query}`);
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/^Invalid query: (limit|unassigned): /);
  });
});

describe('GET /api/tickets/:number', () => {
  it('answers 404 for a ticket that does not exist and 400 for something that is not a number', async () => {
    expect(await jamie.get('/api/tickets/SR-9999999')).toMatchObject({ status: 404, body: { error: { message: expect.stringMatching(/couldn't find/) } } });
    expect((await jamie.get('/api/tickets/banana')).status).toBe(400);
  });

  it('shows the ticket with its history, transcript and chat', async () => {
    const t = await directTicket(db, { severity: 'A', dueInMinutes: 30, conversationId: 'conv-detail' });
    await db.query(
      'INSERT INTO transcript_activities (conversation_id, channel_id, role, text, activity, at) VALUES (\'conv-detail\', \'sms\', \'user\', \'mail is down\', \'{}\', now())',
    );
    await jamie.post(`/api/tickets/${t.number}/claim`);
    const { status, body } = await jamie.get(`/api/tickets/${t.number.toLowerCase()}`);
    expect(status).toBe(200);
    expect(body.ticket).toMatchObject({ number: t.number, status: 'in_progress', assignedAgent: { name: 'Jamie Rivera' } });
    expect(body.history.map((e: { kind: string }) => e.kind)).toEqual(['created', 'assigned', 'status_changed']);
    expect(body.history[1].by).toMatchObject({ kind: 'agent', name: 'Jamie Rivera' });
    expect(body.transcript).toEqual([expect.objectContaining({ role: 'user', text: 'mail is down' })]);
    expect(body.chat.map((m: { text: string }) => m.text)).toEqual(['Jamie Rivera joined the chat.']);
  });
});

describe('claiming', () => {
  it('assigns the ticket and starts work on it', async () => {
    const t = await directTicket(db, { severity: 'B', dueInMinutes: 60 });
    const { status, body } = await jamie.post(`/api/tickets/${t.number}/claim`);
    expect(status).toBe(200);
    expect(body.ticket).toMatchObject({ status: 'in_progress', assignedAgent: { name: 'Jamie Rivera' } });
    expect(body.adminNotified).toBe(false);
  });

  it('is refused (409) when another agent holds the ticket, and repeating your own claim is harmless', async () => {
    const t = await directTicket(db, { severity: 'B', dueInMinutes: 60 });
    await jamie.post(`/api/tickets/${t.number}/claim`);
    expect(await robin.post(`/api/tickets/${t.number}/claim`)).toMatchObject({ status: 409, body: { error: { message: `${t.number} is already claimed by Jamie Rivera; take it over if you need to act on it.` } } });
    expect((await jamie.post(`/api/tickets/${t.number}/claim`)).status).toBe(200);
  });

  it('lets only one of two agents claiming the same live chat at once win', async () => {
    const t = await directTicket(db, { severity: 'A', dueInMinutes: 30, conversationId: 'conv-race', serviceUrl: connector.serviceUrl });
    const results = await Promise.all([jamie.post(`/api/tickets/${t.number}/claim`), robin.post(`/api/tickets/${t.number}/claim`)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM handoffs WHERE status = \'with_agent\'');
    expect(rows[0]!.n).toBe(1);
  });

  it('is refused for a closed ticket', async () => {
    const t = await directTicket(db, { severity: 'C', dueInMinutes: null });
    await jamie.post(`/api/tickets/${t.number}/status`, { status: 'closed' });
    expect(await robin.post(`/api/tickets/${t.number}/claim`)).toMatchObject({ status: 409, body: { error: { message: expect.stringMatching(/closed; it can't be claimed/) } } });
  });

  it('can be given up: the ticket goes back to the queue', async () => {
    const t = await directTicket(db, { severity: 'B', dueInMinutes: 60 });
    expect((await robin.post(`/api/tickets/${t.number}/release`)).status).toBe(409);
    await jamie.post(`/api/tickets/${t.number}/claim`);
    const { status, body } = await jamie.post(`/api/tickets/${t.number}/release`);
    expect(status).toBe(200);
    expect(body.ticket.assignedAgent).toBeNull();
    expect((await robin.post(`/api/tickets/${t.number}/claim`)).status).toBe(200);
  });
});

describe('POST /api/tickets/:number/messages', () => {
  it('needs the ticket to be claimed by the sender', async () => {
    const t = await directTicket(db, { severity: 'B', dueInMinutes: 60, conversationId: 'conv-unclaimed', serviceUrl: connector.serviceUrl });
    expect(await jamie.post(`/api/tickets/${t.number}/messages`, { text: 'hi' })).toMatchObject({ status: 409, body: { error: { message: `Claim ${t.number} before writing to the admin.` } } });
  });

  it('refuses a ticket that has no conversation to write to', async () => {
    const t = await directTicket(db, { severity: 'B', dueInMinutes: 60 });
    await jamie.post(`/api/tickets/${t.number}/claim`);
    expect((await jamie.post(`/api/tickets/${t.number}/messages`, { text: 'hi' })).body.error.message).toMatch(/no conversation to write to/);
  });

  it.each([
    ['an empty text', { text: '   ' }, /text: must not be empty/],
    ['no text', {}, /text: /],
    ['a number for text', { text: 5 }, /text: /],
    ['an unknown field', { text: 'hi', html: '<b>' }, /Unrecognized key/i],
    ['text over 4000 characters', { text: 'x'.repeat(4001) }, /at most 4000/],
  ])('refuses %s with 400 naming the field', async (_name, body, reason) => {
    const t = await directTicket(db, { severity: 'B', dueInMinutes: 60 });
    const res = await jamie.post(`/api/tickets/${t.number}/messages`, body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^Invalid request body: /);
    expect(res.body.error.message).toMatch(reason);
  });

  it.each([
    ['malformed JSON', '{"text": ', 400, 'Request body is not valid JSON.'],
    ['an empty body', '', 400, 'Request body is empty; a JSON object is expected.'],
    ['a body over 256 KB', JSON.stringify({ text: 'x'.repeat(300 * 1024) }), 413, 'Request body is larger than 256 KB.'],
  ])('answers %s with %i and a plain message', async (_name, raw, status, message) => {
    const t = await directTicket(db, { severity: 'B', dueInMinutes: 60 });
    const res = await jamie.call('POST', `/api/tickets/${t.number}/messages`, raw, { 'content-type': 'application/json' });
    expect(res).toEqual({ status, body: { error: { status, message } } });
  });
});

describe('POST /api/tickets/:number/status', () => {
  it.each([
    [{ status: 'new' }, /status: /],
    [{ status: 'done' }, /status: /],
    [{ status: 'resolved', note: 5 }, /note: /],
  ])('refuses %o with 400', async (body, reason) => {
    const t = await directTicket(db, { severity: 'B', dueInMinutes: 60 });
    const res = await jamie.post(`/api/tickets/${t.number}/status`, body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(reason);
  });

  it('refuses a move the lifecycle does not allow with 409 and the reason', async () => {
    const t = await directTicket(db, { severity: 'B', dueInMinutes: 60 });
    expect((await jamie.post(`/api/tickets/${t.number}/status`, { status: 'closed', note: 'duplicate of another request' })).status).toBe(200);
    const res = await jamie.post(`/api/tickets/${t.number}/status`, { status: 'resolved' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/is closed, so it can't be marked resolved/);
  });

  it('records the status and the note in the history', async () => {
    const t = await directTicket(db, { severity: 'B', dueInMinutes: 60 });
    await jamie.post(`/api/tickets/${t.number}/status`, { status: 'waiting_on_customer', note: 'asked for a screenshot' });
    const { body } = await jamie.get(`/api/tickets/${t.number}`);
    expect(body.ticket.status).toBe('waiting_on_customer');
    expect(body.history.at(-1)).toMatchObject({ kind: 'status_changed', data: { to: 'waiting_on_customer', note: 'asked for a screenshot' } });
  });
});

describe('POST /api/tickets/:number/handback', () => {
  it('is refused when there is no live chat', async () => {
    const t = await directTicket(db, { severity: 'B', dueInMinutes: 60 });
    expect(await jamie.post(`/api/tickets/${t.number}/handback`)).toMatchObject({ status: 409, body: { error: { message: `There is no live chat on ${t.number} to hand back.` } } });
  });
});

describe('GET /api/agents', () => {
  it('says who the caller is and who is online', async () => {
    expect((await jamie.get('/api/agents/me')).body).toEqual({ agent: { id: expect.any(String), name: 'Jamie Rivera', role: 'agent' } });
    const { body } = await robin.get('/api/agents');
    expect(body.agents).toEqual([
      expect.objectContaining({ name: 'Jamie Rivera', online: true, busy: false }),
      expect.objectContaining({ name: 'Robin Park', online: true, busy: false }),
    ]);
  });
});
