import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentStore } from '../../src/agents/index.js';
import { verifySignature } from '../../src/webhooks/index.js';
import { agentApi, directTicket } from '../handoff/helpers.js';
import { useTestApp } from '../helpers/testApp.js';
import { startReceiver } from './receiver.js';

describe('webhooks through the agent API (managers)', () => {
  const ctx = useTestApp({ WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_RETRY_BASE_SECONDS: '0.05', WEBHOOK_RETRY_MAX_SECONDS: '0.1', WEBHOOK_MAX_ATTEMPTS: '2' });
  let manager: ReturnType<typeof agentApi>;
  let agent: ReturnType<typeof agentApi>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    const agents = createAgentStore(ctx.db);
    manager = agentApi(ctx.app.url, (await agents.add('Morgan Lee', { role: 'manager' })).token);
    agent = agentApi(ctx.app.url, (await agents.add('Jamie Rivera')).token);
    receiver = await startReceiver();
  });
  afterAll(() => receiver.close());

  it('are for managers only, and /api/agents/me says who is one', async () => {
    expect((await agent.get('/api/agents/me')).body.agent.role).toBe('agent');
    expect((await manager.get('/api/agents/me')).body.agent.role).toBe('manager');
    for (const [method, path] of [
      ['GET', '/api/webhooks'],
      ['POST', '/api/webhooks'],
      ['GET', '/api/webhooks/deliveries'],
      ['POST', '/api/webhooks/deliveries/1/replay'],
      ['DELETE', '/api/webhooks/wh_1'],
    ] as const) {
      const res = await agent.call(method, path, method === 'POST' ? {} : undefined);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.message).toMatch(/Only a manager/);
    }
    expect((await agentApi(ctx.app.url).get('/api/webhooks')).status).toBe(401);
  });

  it('refuses bad endpoints with the reason', async () => {
    expect(await manager.post('/api/webhooks', { url: 'helpdesk', events: ['ticket.created'] })).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/not valid/) } } });
    expect(await manager.post('/api/webhooks', { url: receiver.url, events: ['ticket.exploded'] })).toMatchObject({ status: 400 });
    expect(await manager.post('/api/webhooks', { url: receiver.url, events: [] })).toMatchObject({ status: 400 });
    expect(await manager.post('/api/webhooks', '{"url": ')).toMatchObject({ status: 400 });
    expect(await manager.post('/api/webhooks', { url: 'https://user:pw@example.com/', events: ['ticket.created'] })).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/user name or password/) } } });
  });

  it('adds an endpoint (secret shown once), delivers to it, turns it off and on, rotates its secret and removes it', async () => {
    const created = await manager.post('/api/webhooks', { url: receiver.url, events: ['ticket.created'], description: 'Our helpdesk' });
    expect(created.status).toBe(201);
    const { endpoint, secret } = created.body;
    expect(secret).toMatch(/^whsec_/);
    expect(endpoint).toMatchObject({ url: receiver.url, events: ['ticket.created'], description: 'Our helpdesk', enabled: true, createdBy: expect.stringMatching(/^agent-/) });
    const listed = await manager.get('/api/webhooks');
    expect(listed.body.endpoints).toEqual([endpoint]);
    expect(JSON.stringify(listed.body)).not.toContain(secret);

    const first = await directTicket(ctx.db, { severity: 'B', dueInMinutes: 60 });
    await ctx.app.outbox.drain();
    await receiver.waitFor(1);
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ type: 'ticket.created', data: { ticket: { number: first.number } } });
    expect(verifySignature(secret, receiver.received[0]!.headers as never, receiver.received[0]!.body)).toBe(true);
    await expect.poll(async () => (await manager.get('/api/webhooks/deliveries')).body.deliveries[0]?.state).toBe('delivered');
    expect((await manager.get('/api/webhooks/deliveries')).body.deliveries[0]).toMatchObject({ endpointId: endpoint.id, eventType: 'ticket.created', subject: first.number, attempts: 1, lastStatus: 200 });

    expect((await manager.patch(`/api/webhooks/${endpoint.id}`, { enabled: false })).body.endpoint).toMatchObject({ enabled: false, disabledReason: 'turned off by a manager' });
    await directTicket(ctx.db, { severity: 'C', dueInMinutes: 60 });
    await ctx.app.outbox.drain();
    expect((await manager.get('/api/webhooks/deliveries')).body.deliveries).toHaveLength(1);

    expect((await manager.patch(`/api/webhooks/${endpoint.id}`, { enabled: true })).body.endpoint).toMatchObject({ enabled: true, disabledReason: null });
    const rotated = await manager.post(`/api/webhooks/${endpoint.id}/rotate-secret`);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(secret);
    await directTicket(ctx.db, { severity: 'C', dueInMinutes: 60 });
    await ctx.app.outbox.drain();
    await receiver.waitFor(2);
    const latest = receiver.received[1]!;
    expect(verifySignature(rotated.body.secret, latest.headers as never, latest.body)).toBe(true);
    expect(verifySignature(secret, latest.headers as never, latest.body)).toBe(false);

    expect((await manager.post('/api/webhooks/deliveries/1/replay')).status).toBe(409);
    expect((await manager.get('/api/webhooks/deliveries?state=nope')).status).toBe(400);
    expect((await manager.call('DELETE', `/api/webhooks/${endpoint.id}`)).status).toBe(204);
    expect((await manager.call('DELETE', `/api/webhooks/${endpoint.id}`)).status).toBe(404);
    expect((await manager.patch('/api/webhooks/wh_missing', { enabled: true })).status).toBe(404);
  });

  it('keeps dead letters a manager replays', async () => {
    const failing = await startReceiver([500, 500]);
    try {
      const { endpoint } = (await manager.post('/api/webhooks', { url: failing.url, events: ['ticket.created'] })).body;
      await directTicket(ctx.db, { severity: 'A', dueInMinutes: 15 });
      await ctx.app.outbox.drain();
      await expect.poll(async () => (await manager.get(`/api/webhooks/deliveries?state=dead&endpoint=${endpoint.id}`)).body.deliveries.length, { timeout: 10_000 }).toBe(1);
      const [dead] = (await manager.get(`/api/webhooks/deliveries?state=dead&endpoint=${endpoint.id}`)).body.deliveries;
      expect(dead).toMatchObject({ attempts: 2, lastStatus: 500 });
      expect(await manager.post(`/api/webhooks/deliveries/${dead.id}/replay`)).toMatchObject({ status: 200, body: { replayed: true } });
      await failing.waitFor(3);
      await expect.poll(async () => (await manager.get(`/api/webhooks/deliveries?endpoint=${endpoint.id}`)).body.deliveries[0].state).toBe('delivered');
      expect(new Set(failing.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    } finally {
      await failing.close();
    }
  });
});
