import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { Db } from '../../src/storage/db.js';
import { describeEachDatabase, openTestDb, resetDatabase } from '../helpers/databases.js';
import { startTestApp } from '../helpers/testApp.js';
import { admin, agentApi, fileTicket, onlineAgent, openEventStream, type Admin } from './helpers.js';
import { startFakeConnector, type FakeConnector } from '../helpers/fakeConnector.js';

/**
 * The handoff as the admin and the agent live it, over HTTP: the admin on POST /api/messages (replies
 * inline with expectReplies), the agent on the agent API, and what the bot sends the admin later
 * arriving at a fake channel connector (the serviceUrl of the admin's conversation).
 */
describeEachDatabase('the human handoff', (backend) => {
  let db: Db;
  let app: App;
  let connector: FakeConnector;
  let seq = 0;
  beforeAll(async () => {
    db = await openTestDb(backend);
    app = await startTestApp(db);
    connector = await startFakeConnector();
  });
  afterAll(async () => {
    await app.close();
    await connector.close();
    await db.close();
  });
  beforeEach(() => resetDatabase(db, ['agents', 'handoffs', 'handoff_messages', 'tickets', 'ticket_events']));

  const newAdmin = (): Admin => admin(app.url, `handoff-${backend}-${++seq}-${Date.now()}`, connector.serviceUrl);
  const ticketRow = async (number: string) =>
    (await db.query<{ status: string; callback_requested: boolean; assigned_agent_id: string | null }>('SELECT status, callback_requested, assigned_agent_id FROM tickets WHERE number = $1', [number])).rows[0]!;

  describe('when nobody is online', () => {
    it('announces the handoff with the standard handoff.initiate event carrying the transcript', async () => {
      const { number, activities } = await fileTicket(newAdmin());
      const event = activities.find((a) => a.type === 'event');
      expect(event).toMatchObject({ name: 'handoff.initiate', value: { skill: 'support', ticket: number, severity: 'A' } });
      const transcript = (event!.attachments as { name: string; contentType: string; content: { activities: { text?: string }[] } }[])[0]!;
      expect(transcript).toMatchObject({ name: 'Transcript', contentType: 'application/json' });
      expect(transcript.content.activities.map((a) => a.text)).toContain('none of our users can join teams meetings or make calls');
    });

    it('says so plainly, keeps the ticket queued and records a callback by the preferred method', async () => {
      const a = newAdmin();
      const { number, text } = await fileTicket(a);
      expect(text).toMatch(/No support engineer is online right now/);
      expect(text).toContain('an engineer will contact you by email at sam@fabrikam.com');
      expect(await ticketRow(number)).toMatchObject({ status: 'new', callback_requested: true, assigned_agent_id: null });
      // The conversation stays with the assistant.
      expect(await a.say(`status of ${number}`)).toMatch(new RegExp(`Request ${number}: new`));
    });
  });

  describe('with an agent online', () => {
    it('queues the admin with the expected wait and passes their messages to the console', async () => {
      const { token } = await onlineAgent(db, 'Jamie Rivera');
      const stream = await openEventStream(app.url, token);
      const a = newAdmin();
      const { number, text } = await fileTicket(a);
      expect(text).toMatch(new RegExp(`You're in the queue for a support engineer on ${number}\\. Expected wait: about 5 minutes\\.`));
      expect((await ticketRow(number)).callback_requested).toBe(false);
      await stream.waitFor('ticket', (d) => d.ticket === number);

      expect(await a.say('It started after we changed the meeting policy')).toMatch(/Noted: the engineer who picks up/);
      expect(await a.say('Only external guests are affected')).toBe('');
      const received = await stream.waitFor('message', (d) => d.text === 'Only external guests are affected');
      expect(received.data).toMatchObject({ ticket: number, sender: 'admin', agent: null });
      expect(await a.say('help')).toMatch(/waiting for a support engineer/);
      await stream.close();
    });

    it('connects admin and agent both ways until the agent hands back, then the assistant answers again', async () => {
      const { token } = await onlineAgent(db, 'Jamie Rivera');
      const api = agentApi(app.url, token);
      const a = newAdmin();
      const { number } = await fileTicket(a);

      const claim = await api.post(`/api/tickets/${number}/claim`);
      expect(claim.body).toMatchObject({ adminNotified: true, ticket: { handoff: { status: 'with_agent', agent: { name: 'Jamie Rivera' } } } });
      await connector.waitFor(a.conversationId, /^Jamie Rivera, a support engineer, has joined to help with SR-\d+/);

      const sent = await api.post(`/api/tickets/${number}/messages`, { text: 'Hi Sam, which meeting policy did you change?' });
      expect(sent).toMatchObject({ status: 201, body: { delivered: true, message: { sender: 'agent', agent: { name: 'Jamie Rivera' } } } });
      const relayed = await connector.waitFor(a.conversationId, /which meeting policy/);
      expect(relayed.text).toBe('**Jamie Rivera (support engineer):** Hi Sam, which meeting policy did you change?');

      // While the agent is there, the admin's words go to them and the assistant stays quiet.
      expect(await a.say('The global one, anonymous join was turned off')).toBe('');
      const chat = (await api.get(`/api/tickets/${number}/messages`)).body.messages;
      expect(chat.filter((m: { sender: string }) => m.sender !== 'system').map((m: { sender: string; text: string }) => [m.sender, m.text])).toEqual([
        ['agent', 'Hi Sam, which meeting policy did you change?'],
        ['admin', 'The global one, anonymous join was turned off'],
      ]);

      const back = await api.post(`/api/tickets/${number}/handback`);
      expect(back.body).toMatchObject({ adminNotified: true, ticket: { status: 'in_progress', assignedAgent: { name: 'Jamie Rivera' }, handoff: { status: 'ended', endReason: 'handed_back' } } });
      await connector.waitFor(a.conversationId, /Jamie Rivera has handed you back to the assistant/);
      expect(await a.say(`status of ${number}`)).toMatch(new RegExp(`Request ${number}: in progress`));
    });

    it('keeps the agent’s relayed messages in the transcript as the agent’s', async () => {
      const { token } = await onlineAgent(db, 'Jamie Rivera');
      const api = agentApi(app.url, token);
      const a = newAdmin();
      const { number } = await fileTicket(a);
      await api.post(`/api/tickets/${number}/claim`);
      await api.post(`/api/tickets/${number}/messages`, { text: 'Checking your tenant now.' });
      await connector.waitFor(a.conversationId, /Checking your tenant now/);
      await expect
        .poll(async () => ((await api.get(`/api/tickets/${number}`)).body.transcript as { role: string; text: string }[]).filter((l) => l.role === 'agent').map((l) => l.text))
        .toContain('**Jamie Rivera (support engineer):** Checking your tenant now.');
    });

    it('lets the admin leave the queue with "cancel": the ticket stays open and the assistant takes over again', async () => {
      const { token } = await onlineAgent(db, 'Jamie Rivera');
      const stream = await openEventStream(app.url, token);
      const a = newAdmin();
      const { number } = await fileTicket(a);
      const left = await a.say('cancel');
      expect(left).toMatch(/you've left the queue/);
      expect(left).toContain(`${number} stays open and an engineer will contact you by email at sam@fabrikam.com`);
      await stream.waitFor('message', (d) => d.ticket === number && d.text === 'The admin left the queue; the ticket stays open.');
      expect((await ticketRow(number)).status).toBe('new');
      expect(await a.say('my requests')).toContain(number);
      await stream.close();
    });

    it.each([
      ['resolved', /Jamie Rivera has marked SR-\d+ as resolved\. If the problem comes back, say "reopen SR-\d+" within 14 days\. You're back with the assistant/],
      ['closed', /Jamie Rivera has closed SR-\d+\..*You're back with the assistant/],
    ])('tells the admin when the agent sets the ticket %s and ends the chat', async (status, told) => {
      const { token } = await onlineAgent(db, 'Jamie Rivera');
      const api = agentApi(app.url, token);
      const a = newAdmin();
      const { number } = await fileTicket(a);
      await api.post(`/api/tickets/${number}/claim`);
      const res = await api.post(`/api/tickets/${number}/status`, { status });
      expect(res.body).toMatchObject({ adminNotified: true, ticket: { status, handoff: { status: 'ended', endReason: status } } });
      await connector.waitFor(a.conversationId, told);
      expect(await a.say(`status of ${number}`)).toMatch(new RegExp(`Request ${number}: ${status}`));
    });

    it('asks the admin for information when waiting on them, and their reply puts the ticket back in progress', async () => {
      const { token } = await onlineAgent(db, 'Jamie Rivera');
      const api = agentApi(app.url, token);
      const a = newAdmin();
      const { number } = await fileTicket(a);
      await api.post(`/api/tickets/${number}/claim`);
      await api.post(`/api/tickets/${number}/status`, { status: 'waiting_on_customer', note: 'Please send the error text.' });
      const told = await connector.waitFor(a.conversationId, /needs information from you/);
      expect(told.text).toContain('Note from Jamie Rivera: Please send the error text.');

      expect(await a.say('The error says: meeting not available')).toBe('');
      const { body } = await api.get(`/api/tickets/${number}`);
      expect(body.ticket.status).toBe('in_progress');
      expect(body.history.at(-2)).toMatchObject({ kind: 'message', by: { kind: 'requester' }, data: { text: 'The error says: meeting not available' } });
    });

    it('tells the admin when the agent leaves, and the next agent can take over', async () => {
      const jamie = agentApi(app.url, (await onlineAgent(db, 'Jamie Rivera')).token);
      const robin = agentApi(app.url, (await onlineAgent(db, 'Robin Park')).token);
      const a = newAdmin();
      const { number } = await fileTicket(a);
      await jamie.post(`/api/tickets/${number}/claim`);
      expect((await robin.post(`/api/tickets/${number}/claim`)).status).toBe(409);
      const released = await jamie.post(`/api/tickets/${number}/release`);
      expect(released.body.ticket).toMatchObject({ assignedAgent: null, handoff: { status: 'waiting' } });
      await connector.waitFor(a.conversationId, /Jamie Rivera had to step away and has put SR-\d+ back in the queue/);
      expect((await robin.post(`/api/tickets/${number}/claim`)).status).toBe(200);
      await connector.waitFor(a.conversationId, /Robin Park, a support engineer, has joined/);
    });

    it('lets an agent reach an admin who is no longer waiting (claiming starts a new chat)', async () => {
      const a = newAdmin();
      const { number } = await fileTicket(a); // nobody online: callback requested
      const api = agentApi(app.url, (await onlineAgent(db, 'Jamie Rivera')).token);
      expect((await api.post(`/api/tickets/${number}/claim`)).body.adminNotified).toBe(true);
      await connector.waitFor(a.conversationId, /has joined to help with/);
      expect(await a.say('Thanks for calling back')).toBe('');
      expect((await api.get(`/api/tickets/${number}/messages`)).body.messages.at(-1)).toMatchObject({ sender: 'admin', text: 'Thanks for calling back' });
    });
  });
});
