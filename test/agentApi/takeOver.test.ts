import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { Db } from '../../src/storage/db.js';
import { describeEachDatabase, openTestDb, resetDatabase } from '../helpers/databases.js';
import { startFakeConnector, type FakeConnector } from '../helpers/fakeConnector.js';
import { startTestApp } from '../helpers/testApp.js';
import { admin, agentApi, directTicket, fileTicket, onlineAgent, openEventStream } from '../handoff/helpers.js';

/**
 * Finding 12: any agent could change the status of a ticket another agent had claimed during a live
 * chat. Now only the agent who holds an open ticket (claimed, or in its live chat) may change its
 * status, write, release or hand back; anyone else gets 409 naming who holds it, unless they take it
 * over (POST …/takeover), which is recorded in the history and told to the admin and the other agent.
 */
describeEachDatabase('a ticket another agent holds', (backend) => {
  let db: Db;
  let app: App;
  let connector: FakeConnector;
  let seq = 0;
  let jamie: Awaited<ReturnType<typeof onlineAgent>> & { api: ReturnType<typeof agentApi> };
  let robin: Awaited<ReturnType<typeof onlineAgent>> & { api: ReturnType<typeof agentApi> };
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
  beforeEach(async () => {
    await resetDatabase(db, ['agents', 'handoffs', 'handoff_messages', 'tickets', 'ticket_events']);
    const j = await onlineAgent(db, 'Jamie Rivera');
    const r = await onlineAgent(db, 'Robin Park');
    jamie = { ...j, api: agentApi(app.url, j.token) };
    robin = { ...r, api: agentApi(app.url, r.token) };
  });

  /** An admin in a live chat with Jamie. */
  async function liveChatWithJamie() {
    const a = admin(app.url, `takeover-${backend}-${++seq}-${Date.now()}`, connector.serviceUrl);
    const { number } = await fileTicket(a);
    expect((await jamie.api.post(`/api/tickets/${number}/claim`)).status).toBe(200);
    await connector.waitFor(a.conversationId, /Jamie Rivera, a support engineer, has joined/);
    return { a, number };
  }

  const statusOf = async (number: string) => (await db.query<{ status: string; assigned_agent_id: string | null }>('SELECT status, assigned_agent_id FROM tickets WHERE number = $1', [number])).rows[0]!;

  it('refuses another agent’s status change during the live chat with 409 naming who holds it', async () => {
    const { a, number } = await liveChatWithJamie();
    for (const status of ['resolved', 'closed', 'waiting_on_customer', 'in_progress']) {
      const res = await robin.api.post(`/api/tickets/${number}/status`, { status, note: 'not mine to close' });
      expect(res.status, status).toBe(409);
      expect(res.body.error.message).toBe(
        `${number} is claimed by Jamie Rivera, who is in a live chat with the admin; only they can change its status. Take it over first if you need to.`,
      );
    }
    expect(await statusOf(number)).toEqual({ status: 'in_progress', assigned_agent_id: jamie.agent.id });
    const { body } = await jamie.api.get(`/api/tickets/${number}`);
    expect(body.ticket.handoff).toMatchObject({ status: 'with_agent', agent: { name: 'Jamie Rivera' } });
    expect(body.history.filter((e: { kind: string }) => e.kind === 'status_changed').map((e: { data: { to: string } }) => e.data.to)).toEqual(['in_progress']);
    // Nothing was said to the admin about it.
    expect(connector.messages(a.conversationId).filter((m) => /Robin/.test(m))).toEqual([]);
  });

  it('refuses the other owner-only actions the same way', async () => {
    const { number } = await liveChatWithJamie();
    const expected = (what: string) => `${number} is claimed by Jamie Rivera, who is in a live chat with the admin; only they can ${what}. Take it over first if you need to.`;
    expect(await robin.api.post(`/api/tickets/${number}/messages`, { text: 'hello from Robin' })).toMatchObject({ status: 409, body: { error: { message: expected('write to the admin') } } });
    expect(await robin.api.post(`/api/tickets/${number}/release`)).toMatchObject({ status: 409, body: { error: { message: expected('release it') } } });
    expect(await robin.api.post(`/api/tickets/${number}/handback`)).toMatchObject({
      status: 409,
      body: { error: { message: expected('hand the admin back to the assistant') } },
    });
    expect(await robin.api.post(`/api/tickets/${number}/claim`)).toMatchObject({
      status: 409,
      body: { error: { message: `${number} is already claimed by Jamie Rivera; take it over if you need to act on it.` } },
    });
  });

  it('applies to a claimed ticket without a live chat too', async () => {
    const t = await directTicket(db, { severity: 'B', dueInMinutes: 60 });
    await jamie.api.post(`/api/tickets/${t.number}/claim`);
    expect(await robin.api.post(`/api/tickets/${t.number}/status`, { status: 'closed' })).toMatchObject({
      status: 409,
      body: { error: { message: `${t.number} is claimed by Jamie Rivera; only they can change its status. Take it over first if you need to.` } },
    });
    expect((await jamie.api.post(`/api/tickets/${t.number}/status`, { status: 'waiting_on_customer' })).status).toBe(200);
    // Unclaimed tickets and ended ones stay open to every agent.
    const unclaimed = await directTicket(db, { severity: 'C', dueInMinutes: null });
    expect((await robin.api.post(`/api/tickets/${unclaimed.number}/status`, { status: 'closed' })).status).toBe(200);
    expect((await jamie.api.post(`/api/tickets/${t.number}/status`, { status: 'resolved' })).status).toBe(200);
    expect((await robin.api.post(`/api/tickets/${t.number}/status`, { status: 'closed' })).status).toBe(200);
  });

  it('lets the other agent take over: recorded in the history, told to the admin and to the agent who had it', async () => {
    const { a, number } = await liveChatWithJamie();
    const jamieConsole = await openEventStream(app.url, jamie.token);
    const robinConsole = await openEventStream(app.url, robin.token);
    await jamieConsole.waitFor('ready');
    await robinConsole.waitFor('ready');

    const taken = await robin.api.post(`/api/tickets/${number}/takeover`);
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({
      ticket: { assignedAgent: { id: robin.agent.id, name: 'Robin Park' }, handoff: { status: 'with_agent', agent: { name: 'Robin Park' } } },
      adminNotified: true,
    });
    await connector.waitFor(a.conversationId, new RegExp(`Robin Park, a support engineer, has taken over ${number} from Jamie Rivera`));

    // Jamie's console is told who took it; Robin's is not sent that event.
    expect((await jamieConsole.waitFor('takeover')).data).toEqual({ ticket: number, by: { id: robin.agent.id, name: 'Robin Park' } });
    await robinConsole.waitFor('ticket', (d) => d.ticket === number);
    await jamieConsole.waitFor('message', (d) => d.text === 'Robin Park took over from Jamie Rivera.');
    expect(robinConsole.events.filter((e) => e.event === 'takeover')).toEqual([]);

    const { body } = await robin.api.get(`/api/tickets/${number}`);
    expect(body.history.at(-1)).toMatchObject({
      kind: 'assigned',
      at: expect.any(String),
      by: { kind: 'agent', id: robin.agent.id, name: 'Robin Park' },
      data: { agentId: robin.agent.id, previousAgentId: jamie.agent.id, takeOver: true },
    });

    // Now Robin owns it, and Jamie is the one refused.
    expect((await jamie.api.post(`/api/tickets/${number}/status`, { status: 'resolved' })).body.error.message).toMatch(
      new RegExp(`^${number} is claimed by Robin Park, who is in a live chat with the admin; only they can change its status`),
    );
    expect((await robin.api.post(`/api/tickets/${number}/messages`, { text: 'Robin here, picking this up.' })).body.delivered).toBe(true);
    await a.say('Thanks Robin');
    await robinConsole.waitFor('message', (d) => d.sender === 'admin' && d.text === 'Thanks Robin');
    expect((await robin.api.post(`/api/tickets/${number}/status`, { status: 'resolved', note: 'Policy restored.' })).status).toBe(200);
    await jamieConsole.close();
    await robinConsole.close();
  });

  it('keeps one owner when two agents take over at once, and refuses a take-over from someone who no longer holds it', async () => {
    const { number } = await liveChatWithJamie();
    const casey = await onlineAgent(db, 'Casey Lee');
    const results = await Promise.all([robin.api.post(`/api/tickets/${number}/takeover`), agentApi(app.url, casey.token).post(`/api/tickets/${number}/takeover`)]);
    const { body } = await jamie.api.get(`/api/tickets/${number}`);
    const takeOvers = body.history.filter((e: { data: { takeOver?: boolean } }) => e.data.takeOver).map((e: { data: { agentId: string; previousAgentId: string } }) => e.data);
    // Either one won and the other was refused, or they ran one after the other: a chain from Jamie.
    expect(takeOvers).toHaveLength(results.filter((r) => r.status === 200).length);
    expect(results.every((r) => r.status === 200 || (r.status === 409 && /changed hands meanwhile|is in a live chat with/.test(r.body.error.message)))).toBe(true);
    expect(takeOvers[0].previousAgentId).toBe(jamie.agent.id);
    if (takeOvers[1]) expect(takeOvers[1].previousAgentId).toBe(takeOvers[0].agentId);
    const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM handoffs WHERE status = 'with_agent'");
    expect(rows[0]!.n).toBe(1);
    expect(body.ticket.handoff.agent.id).toBe(body.ticket.assignedAgent.id);

    // What settles a real race: the ticket's own transaction refuses a take-over from a former holder.
    const { createTicketService } = await import('../../src/tickets/ticketService.js');
    const tickets = createTicketService({ db, responseDue: () => null });
    await expect(tickets.takeOver(number, { kind: 'agent', agentId: jamie.agent.id }, 'agent-that-no-longer-holds-it')).rejects.toMatchObject({
      code: 'illegal_transition',
      message: `${number} changed hands meanwhile; look at it again before taking it over.`,
    });
  });

  it('is a plain claim on a ticket nobody holds, harmless on your own, and refused on a closed one', async () => {
    const t = await directTicket(db, { severity: 'B', dueInMinutes: 60 });
    expect((await robin.api.post(`/api/tickets/${t.number}/takeover`)).body.ticket).toMatchObject({ status: 'in_progress', assignedAgent: { name: 'Robin Park' } });
    expect((await robin.api.post(`/api/tickets/${t.number}/takeover`)).status).toBe(200);
    const { body } = await robin.api.get(`/api/tickets/${t.number}`);
    expect(body.history.filter((e: { kind: string }) => e.kind === 'assigned')).toEqual([expect.objectContaining({ data: { agentId: robin.agent.id, previousAgentId: null } })]);
    await robin.api.post(`/api/tickets/${t.number}/status`, { status: 'closed' });
    expect(await jamie.api.post(`/api/tickets/${t.number}/takeover`)).toMatchObject({ status: 409, body: { error: { message: `${t.number} is closed; it can't be taken over.` } } });
  });
});
