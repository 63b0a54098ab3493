import { beforeAll, describe, expect, it } from 'vitest';
import { createAgentStore } from '../../src/agents/index.js';
import { createTicketService, requestCallback } from '../../src/tickets/index.js';
import { agentApi } from '../handoff/helpers.js';
import { useTestApp } from '../helpers/testApp.js';
import { sampleTicket } from '../tickets/fixtures/sampleTicket.js';

describe('call-backs (GET /api/callbacks, POST /api/tickets/:number/calls)', () => {
  const ctx = useTestApp();
  let agent: ReturnType<typeof agentApi>;
  beforeAll(async () => {
    agent = agentApi(ctx.app.url, (await createAgentStore(ctx.db).add('Jamie Rivera')).token);
  });

  it('lists who waits for a call with their time now, records calls, and takes a reached admin off the list', async () => {
    const tickets = createTicketService({ db: ctx.db, responseDue: () => null });
    const phone = (
      await tickets.createTicket(
        sampleTicket({ severity: 'C', contactMethod: 'phone', requesterTimeZone: 'Europe/Berlin', callbackHours: 'weekdays after 14:00', requester: { id: 'aad-ute', name: 'Ute Berg', email: 'ute@fabrikam.example', phone: '+4930123456' } }),
        { dedupeKey: 'cb-phone' },
      )
    ).ticket;
    const nobodyOnline = (await tickets.createTicket(sampleTicket({ severity: 'A', contactMethod: 'email', requester: { id: 'aad-li', name: 'Li Wei', email: 'li@contoso.example', phone: null } }), { dedupeKey: 'cb-offline' })).ticket;
    await requestCallback(ctx.db, nobodyOnline.number);
    await tickets.createTicket(sampleTicket({ contactMethod: 'email' }), { dedupeKey: 'cb-none' });

    const listed = (await agent.get('/api/callbacks')).body.callbacks;
    expect(listed.map((c: { number: string; reason: string }) => [c.number, c.reason])).toEqual([
      [nobodyOnline.number, 'nobody_online'],
      [phone.number, 'phone_preferred'],
    ]);
    const ute = listed[1];
    expect(ute).toMatchObject({ requester: { name: 'Ute Berg', phone: '+4930123456' }, timeZone: 'Europe/Berlin', timeZoneName: 'Central European Time', callbackHours: 'weekdays after 14:00', lastCall: null, calls: 0 });
    expect(ute.localTime).toBe(new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Berlin' }).format(new Date()));
    expect(listed[0]).toMatchObject({ timeZone: null, localTime: null, requester: { phone: null } });

    const missed = await agent.post(`/api/tickets/${phone.number}/calls`, { outcome: 'no_answer', note: 'Rang 8 times' });
    expect(missed.body).toMatchObject({ done: false, callback: { lastCall: { outcome: 'no_answer', note: 'Rang 8 times' }, calls: 1 } });
    expect((await tickets.getTicket(phone.number, { kind: 'agent', agentId: 'x' })).firstResponseAt).toBeNull();
    const reached = await agent.post(`/api/tickets/${phone.number}/calls`, { outcome: 'reached', note: 'Walked through the connector settings' });
    expect(reached.body).toMatchObject({ done: true, callback: { calls: 2 } });
    expect((await agent.get('/api/callbacks')).body.callbacks.map((c: { number: string }) => c.number)).toEqual([nobodyOnline.number]);
    const after = await tickets.getTicket(phone.number, { kind: 'agent', agentId: 'x' });
    expect(after.firstResponseAt).not.toBeNull();
    expect(after.callbackDoneAt).not.toBeNull();

    // Calls are for agents: the admin's own history does not show them.
    const agentHistory = (await agent.get(`/api/tickets/${phone.number}`)).body.ticket;
    expect(JSON.stringify(await tickets.history(phone.number, { kind: 'agent', agentId: 'x' }))).toContain('Walked through the connector settings');
    expect(JSON.stringify(await tickets.history(phone.number, { kind: 'requester', requesterId: 'aad-ute' }))).not.toContain('call_attempt');
    expect(agentHistory.callbackDoneAt).toEqual(expect.any(String));

    // Reopened: the call-back is due again.
    await tickets.resolve(phone.number, { kind: 'agent', agentId: 'x' });
    await tickets.reopen(phone.number, { kind: 'requester', requesterId: 'aad-ute' });
    expect((await agent.get('/api/callbacks')).body.callbacks.map((c: { number: string }) => c.number)).toContain(phone.number);

    expect((await agent.post(`/api/tickets/${phone.number}/calls`, { outcome: 'shouted' })).status).toBe(400);
    expect((await agent.post('/api/tickets/SR-9999999/calls', { outcome: 'reached' })).status).toBe(404);
    await tickets.close(nobodyOnline.number, { kind: 'agent', agentId: 'x' });
    expect((await agent.post(`/api/tickets/${nobodyOnline.number}/calls`, { outcome: 'reached' })).status).toBe(409);
  });
});
