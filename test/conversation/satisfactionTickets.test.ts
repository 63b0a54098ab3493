// The satisfaction question after a request is resolved or closed, over HTTP as it happens: the admin on
// POST /api/messages (a text channel, replies inline), the agent on the agent API, and what the bot sends
// the admin later arriving at a fake channel connector. Asked once per request, right after the admin is
// told, or at their next message when the news could not reach them.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { Db } from '../../src/storage/db.js';
import { createInsightsRecorder } from '../../src/insights/index.js';
import { createTicketService } from '../../src/tickets/index.js';
import { describeEachDatabase, openTestDb, resetDatabase } from '../helpers/databases.js';
import { startTestApp } from '../helpers/testApp.js';
import { startFakeConnector, type FakeConnector } from '../helpers/fakeConnector.js';
import { admin, agentApi, fileTicket, onlineAgent, type Admin } from '../handoff/helpers.js';
import { messageActivity } from '../helpers/activities.js';

describeEachDatabase('the satisfaction question after a request ended', (backend) => {
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
    await app?.close();
    await connector?.close();
    await db?.close();
  });
  beforeEach(async () => {
    await resetDatabase(db);
    connector.reset();
  });

  const newAdmin = (): Admin => admin(app.url, `satisfaction-${backend}-${++seq}-${Date.now()}`, connector.serviceUrl);
  const QUESTION = /One quick question about (SR-\d+): how satisfied are you with how it was handled\?/;

  async function resolvedWithAdminTold(status: 'resolved' | 'closed' = 'resolved') {
    const { token } = await onlineAgent(db, 'Jamie Rivera');
    const api = agentApi(app.url, token);
    const a = newAdmin();
    const { number } = await fileTicket(a);
    await api.post(`/api/tickets/${number}/claim`);
    const res = await api.post(`/api/tickets/${number}/status`, { status });
    expect(res.body).toMatchObject({ adminNotified: true });
    return { a, api, number };
  }

  it('follows the news that the request was resolved, in the request’s language, and takes a typed answer with a comment', async () => {
    const { a, number } = await resolvedWithAdminTold();
    await connector.waitFor(a.conversationId, QUESTION);
    const sent = connector.messages(a.conversationId);
    const told = sent.findIndex((text) => /has marked SR-\d+ as resolved/.test(text));
    const asked = sent.findIndex((text) => QUESTION.test(text));
    expect(told).toBeGreaterThanOrEqual(0);
    expect(asked).toBe(told + 1);
    expect(sent[asked]).toContain(number);
    // A text channel: how to answer is said with the question.
    expect(sent[asked]).toContain('Reply with a number from 1 (very dissatisfied) to 5 (very satisfied)');

    expect(await a.say('4 - quick, but the first answer took a day')).toBe('Thank you for your feedback and your comment!');
    const insights = createInsightsRecorder(db);
    expect(await insights.satisfactionAsked({ ticketNumber: number })).toBe(true);
  });

  it('asks once per request: closing it after resolving it does not ask again', async () => {
    const { a, api, number } = await resolvedWithAdminTold();
    await connector.waitFor(a.conversationId, QUESTION);
    await api.post(`/api/tickets/${number}/status`, { status: 'closed' });
    await connector.waitFor(a.conversationId, /has closed SR-\d+/);
    expect(connector.messages(a.conversationId).filter((text) => QUESTION.test(text))).toHaveLength(1);
  });

  it('never blocks: another message goes on as usual and drops the question', async () => {
    const { a, number } = await resolvedWithAdminTold();
    await connector.waitFor(a.conversationId, QUESTION);
    expect(await a.say(`status of ${number}`)).toMatch(new RegExp(`Request ${number}: resolved`));
    // The question was dropped: a number now starts no rating (it is not a problem either: the assistant asks for one).
    expect(await a.say('5')).not.toContain('Thank you for your feedback');
  });

  it('asks at the admin’s next message, once, when the request ended without them being told', async () => {
    // Nobody online when it was filed (no live chat); then resolved outside the handoff, so nothing reached the admin.
    const a = newAdmin();
    const { number } = await fileTicket(a);
    const { agent } = await onlineAgent(db, 'Jamie Rivera');
    await createTicketService({ db, responseDue: () => null }).setStatus(number, { kind: 'agent', agentId: agent.id }, 'resolved');
    expect(connector.messages(a.conversationId).filter((text) => /resolved|how satisfied/.test(text))).toEqual([]);

    const next = await a.say('thanks');
    expect(next).toContain(`Your request ${number} was resolved while you were away. One quick question: how satisfied are you with how it was handled?`);
    expect(await a.say('five')).toBe('Thank you for your feedback!');
    // Asked once: the next turns say nothing more of it.
    expect(await a.say('thanks')).not.toContain('how satisfied');
  });

  it('refuses a rating of a request that is not the sender’s', async () => {
    const { number } = await fileTicket(newAdmin());
    const other = newAdmin();
    const res = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...messageActivity(other.conversationId, '', { channelId: 'sms', serviceUrl: connector.serviceUrl }),
        value: { action: 'satisfaction', satisfaction: { about: 'ticket', ticketNumber: number }, rating: '1' },
      }),
    });
    const body = (await res.json()) as { activities: { text?: string }[] };
    expect(body.activities.map((x) => x.text).join('\n')).toBe("I can't take a rating for that request in this conversation.");
  });
});
