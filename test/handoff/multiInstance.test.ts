import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAgentStore } from '../../src/agents/agentStore.js';
import { spawnServer, type ServerProcess } from '../helpers/testApp.js';
import { admin, agentApi, describePostgres, fileTicket, openEventStream, postgresSchema } from './helpers.js';
import { startFakeConnector, type FakeConnector } from '../helpers/fakeConnector.js';

/**
 * Two bot instances on one PostgreSQL database, as behind a load balancer: the admin talks to one,
 * the agent's console and API calls go to the other. Events cross through LISTEN/NOTIFY; the bot's
 * messages to the admin are sent once, by the instance that handled the agent's request.
 */
describePostgres('two server processes sharing one database', (serverUrl) => {
  let database: Awaited<ReturnType<typeof postgresSchema>>;
  let connector: FakeConnector;
  const servers: ServerProcess[] = [];
  beforeAll(async () => {
    database = await postgresSchema(serverUrl);
    connector = await startFakeConnector();
    const env = { DATABASE_URL: database.url, SEED_SAMPLE_INCIDENTS: 'false', LOG_LEVEL: 'warn', DATA_DIR: '/nonexistent' };
    servers.push(...(await Promise.all([spawnServer(env, 60_000), spawnServer(env, 60_000)])));
  }, 90_000);
  afterAll(async () => {
    for (const s of servers) {
      s.child.kill('SIGTERM');
      await s.exited;
    }
    await connector.close();
    await database?.drop();
  });

  it('relays between an admin on one instance and an agent on the other, each message exactly once', async () => {
    const [adminSide, agentSide] = servers.map((s) => s.url) as [string, string];
    const agents = createAgentStore(database.db);
    const { agent, token } = await agents.add('Jamie Rivera');
    await agents.touch(agent);

    const consoleOnAgentSide = await openEventStream(agentSide, token);
    const consoleOnAdminSide = await openEventStream(adminSide, token);
    const a = admin(adminSide, `two-instances-${Date.now()}`, connector.serviceUrl);
    const { number, text } = await fileTicket(a);
    expect(text).toContain(`You're in the queue for a support engineer on ${number}`);
    await consoleOnAgentSide.waitFor('ticket', (d) => d.ticket === number);

    await a.say('Only the Sydney office is affected');
    const fromAdmin = await consoleOnAgentSide.waitFor('message', (d) => d.sender === 'admin');
    expect(fromAdmin.data).toMatchObject({ ticket: number, text: 'Only the Sydney office is affected' });

    const api = agentApi(agentSide, token);
    expect((await api.post(`/api/tickets/${number}/claim`)).status).toBe(200);
    await connector.waitFor(a.conversationId, /has joined to help with/);
    expect((await api.post(`/api/tickets/${number}/messages`, { text: 'Which network do they use?' })).body.delivered).toBe(true);
    await connector.waitFor(a.conversationId, /Which network do they use\?/);
    // Both instances' consoles see the agent's line.
    await consoleOnAdminSide.waitFor('message', (d) => d.sender === 'agent' && d.text === 'Which network do they use?');

    await a.say('The guest Wi-Fi');
    await consoleOnAgentSide.waitFor('message', (d) => d.text === 'The guest Wi-Fi');

    await api.post(`/api/tickets/${number}/status`, { status: 'resolved' });
    await connector.waitFor(a.conversationId, /has marked SR-\d+ as resolved/);
    await new Promise((r) => setTimeout(r, 300));
    const toAdmin = connector.messages(a.conversationId);
    expect(toAdmin).toEqual([
      expect.stringMatching(/has joined to help with/),
      '**Jamie Rivera (support engineer):** Which network do they use?',
      expect.stringMatching(/has marked SR-\d+ as resolved/),
      // #18: the satisfaction question follows the news, once.
      expect.stringMatching(/One quick question about SR-\d+: how satisfied are you/),
    ]);
    const adminLines = consoleOnAgentSide.events.filter((e) => e.event === 'message' && e.data.sender === 'admin');
    expect(adminLines.map((e) => e.data.text)).toEqual(['Only the Sydney office is affected', 'The guest Wi-Fi']);
    await consoleOnAgentSide.close();
    await consoleOnAdminSide.close();
  }, 60_000);
});
