import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createAgentStore } from '../../src/agents/agentStore.js';
import type { Db } from '../../src/storage/db.js';
import { openTestDb } from '../helpers/databases.js';
import { startTestApp } from '../helpers/testApp.js';
import { agentApi, openEventStream } from '../handoff/helpers.js';

describe('GET /api/events', () => {
  let db: Db;
  let app: App;
  let token: string;
  beforeAll(async () => {
    db = await openTestDb('pglite');
    app = await startTestApp(db);
    token = (await createAgentStore(db).add('Jamie Rivera')).token;
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('is a Server-Sent Events stream that starts with who signed in', async () => {
    const stream = await openEventStream(app.url, token);
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(stream.headers.get('cache-control')).toMatch(/no-cache/);
    expect((await stream.waitFor('ready')).data).toEqual({ agent: { id: expect.any(String), name: 'Jamie Rivera' } });
    await stream.close();
  });

  it('puts the agent online while it is open', async () => {
    const stream = await openEventStream(app.url, token);
    const { body } = await agentApi(app.url, token).get('/api/agents');
    expect(body.agents).toEqual([expect.objectContaining({ name: 'Jamie Rivera', online: true })]);
    await stream.close();
  });

  it('tells every open console about incident changes', async () => {
    const one = await openEventStream(app.url, token);
    const two = await openEventStream(app.url, token);
    const { body } = await agentApi(app.url, token).post('/api/incidents', { title: 'Mail delays', product: 'Exchange Online', summary: 'Outbound mail is queued.' });
    for (const stream of [one, two]) expect((await stream.waitFor('incident')).data).toEqual({ id: body.incident.id });
    await one.close();
    await two.close();
  });

  it('is ended by the server when it shuts down, so shutting down does not hang', async () => {
    const own = await openTestDb('pglite');
    const server = await startTestApp(own);
    const stream = await openEventStream(server.url, (await createAgentStore(own).add('Robin')).token);
    await stream.waitFor('ready');
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(3000);
    await stream.close();
    await own.close();
  });
});
