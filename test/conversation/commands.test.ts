import { describe, expect, it } from 'vitest';
import { DatabaseStorage } from '../../src/storage/stateStorage.js';
import { startConversation, useConversationDb, type TestConversation } from '../helpers/conversation.js';

const ctx = useConversationDb();

const DAY = 24 * 60 * 60 * 1000;
const agent = { kind: 'agent', agentId: 'agent-1' } as const;

/** A conversation whose clock the test moves, and a ticket of its user filed at the start. */
async function withTicket(userId = 'u-cmd') {
  let now = new Date('2026-11-02T10:00:00Z');
  const c = startConversation({ db: ctx.db, from: { id: userId }, now: () => now });
  const { ticket } = await c.services.tickets.createTicket(
    {
      requester: { id: `test:${userId}`, name: 'Kim Lee', email: 'kim@contoso.com' },
      contactMethod: 'email',
      cloud: 'worldwide',
      category: 'technical',
      severity: 'B',
      severityReason: 'One user impaired.',
      description: 'Outlook send button is garbled',
    },
    { dedupeKey: `k-${userId}` },
  );
  return { c, ticket, setNow: (d: Date) => (now = d), now: () => now };
}

describe('ticket commands at any point', () => {
  it('reports the status of the admin’s own request', async () => {
    const { c, ticket } = await withTicket();
    const reply = await c.sayText(`what's the status of ${ticket.number}?`);
    expect(reply).toMatch(new RegExp(`Request ${ticket.number}`));
    expect(reply).toMatch(/Status: New/);
  });

  it('answers "not found" for someone else’s request, revealing nothing', async () => {
    const { ticket } = await withTicket('owner');
    const stranger = startConversation({ db: ctx.db, from: { id: 'stranger' } });
    const reply = await stranger.sayText(`status of ${ticket.number}`);
    expect(reply).toMatch(/couldn't find|can't find|no request|not find/i);
    expect(reply).not.toMatch(/garbled|Kim/);
  });

  it('lists open and recently closed requests', async () => {
    const { c, ticket } = await withTicket();
    expect(await c.sayText('my requests')).toMatch(new RegExp(`Open requests:[\\s\\S]*${ticket.number}`));
    await c.services.tickets.close(ticket.number, agent);
    expect(await c.sayText('show my tickets')).toMatch(/Closed in the last 14 days/);
  });

  it('adds information, asking for it when the command carries none', async () => {
    const { c, ticket } = await withTicket();
    expect(await c.sayText(`add info to ${ticket.number}`)).toMatch(/What would you like to add/);
    expect(await c.sayText('It happens only in the new Outlook')).toMatch(/Added to/);
    expect(await c.sayText(`add more details to ${ticket.number}: screenshots sent by mail`)).toMatch(/Added to/);
    const events = await c.services.tickets.history(ticket.number, agent);
    expect(events.filter((e) => e.kind === 'message').map((e) => (e.data as { text: string }).text)).toEqual([
      'It happens only in the new Outlook',
      'screenshots sent by mail',
    ]);
  });

  it.each([
    [13, true],
    [15, false],
  ])('reopens %i days after closing: allowed = %s', async (days, allowed) => {
    const { c, ticket, setNow, now } = await withTicket();
    await c.services.tickets.close(ticket.number, agent);
    setNow(new Date(now().getTime() + days * DAY));
    const reply = await c.sayText(`please reopen ${ticket.number}`);
    if (allowed) expect(reply).toMatch(/is open again/);
    else expect(reply).toMatch(/14 days/);
    const status = (await c.services.tickets.getTicket(ticket.number, agent)).status;
    expect(status).toBe(allowed ? 'new' : 'closed');
  });

  it('returns to the question that was pending after a ticket command', async () => {
    const { c, ticket } = await withTicket();
    await c.sayText('hi');
    const reply = await c.sayText(`status of ${ticket.number}`);
    expect(reply).toMatch(new RegExp(ticket.number));
    expect(reply).toMatch(/What's going wrong/);
  });
});

describe('interruptions', () => {
  async function midFlow(c: TestConversation) {
    await c.sayText('hi');
    return c.sayText('our intranet sharepoint site is down for everyone');
  }

  it('help explains what the assistant does and repeats the pending question', async () => {
    const c = startConversation({ db: ctx.db });
    await midFlow(c);
    const reply = await c.sayText('help');
    expect(reply).toMatch(/Here is what I can do/);
    expect(reply).toMatch(/Did this solve it/);
  });

  it('cancel stops the flow; the next message starts afresh', async () => {
    const c = startConversation({ db: ctx.db });
    await midFlow(c);
    expect(await c.sayText('cancel')).toMatch(/stopped there/);
    expect(await c.sayText('teams meetings fail for everyone')).toMatch(/Did this solve it/);
  });

  it('start over forgets the problem and asks for it again', async () => {
    const c = startConversation({ db: ctx.db });
    await midFlow(c);
    const reply = await c.sayText('start over');
    expect(reply).toMatch(/start over/i);
    expect(reply).toMatch(/What's going wrong/);
  });

  it('"talk to a person" goes straight to escalation with what is known', async () => {
    const c = startConversation({ db: ctx.db });
    await midFlow(c);
    // Only opening the request needs an admin, so the admin question comes just before it.
    expect(await c.sayText('I want to talk to a person')).toMatch(/are you an admin/i);
    const reply = await c.sayText('yes');
    expect(reply).toMatch(/support engineer/);
    expect(reply).toMatch(/I suggest Severity A/);
  });

  it('"talk to a person" before any problem asks for a description first', async () => {
    const c = startConversation({ db: ctx.db });
    await c.sayText('hi');
    const reply = await c.sayText('agent');
    expect(reply).toMatch(/What's going wrong/);
  });
});

describe('state in the database', () => {
  it('continues at the same step with a new bot instance (as after a restart)', async () => {
    const first = startConversation({ db: ctx.db, conversationId: 'restart-conv', from: { id: 'r1' } });
    await first.sayText('hi');
    const second = startConversation({ db: ctx.db, conversationId: 'restart-conv', from: { id: 'r1' }, storage: new DatabaseStorage(ctx.db) });
    expect(await second.sayText('our intranet sharepoint site is down for everyone')).toMatch(/Did this solve it/);
  });
});
