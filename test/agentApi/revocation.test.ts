import restify from 'restify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mountEventStream, type EventStreams } from '../../src/agentApi/eventStream.js';
import { createAgentStore } from '../../src/agents/agentStore.js';
import type { App } from '../../src/app.js';
import { createHandoffStore, inProcessBus, pgEventBus, type EventBus, type HandoffStore } from '../../src/handoff/index.js';
import { createLogger } from '../../src/logger.js';
import type { Db } from '../../src/storage/db.js';
import { postgresDb } from '../../src/storage/postgresDb.js';
import { describeEachDatabase, openTestDb, resetDatabase } from '../helpers/databases.js';
import { startFakeConnector, type FakeConnector } from '../helpers/fakeConnector.js';
import { spawnServer, startTestApp, type ServerProcess } from '../helpers/testApp.js';
import { admin, agentApi, describePostgres, fileTicket, onlineAgent, openEventStream, postgresSchema } from '../handoff/helpers.js';

/**
 * Finding 3: an agent revoked with `npm run agent -- remove` (AgentStore.remove, the function the CLI
 * calls) got 401 on REST, but their already-open /api/events stream kept delivering what admins typed.
 * A stream now re-checks the token against the database before each event and at each keep-alive, and
 * ends (after a `revoked` event) once it is revoked, on every instance.
 */

const PASSWORD_LINE = 'our admin password is Hunter2-Secret!';
const leaked = (events: Array<{ event: string; data: unknown }>) => events.filter((e) => JSON.stringify(e.data).includes('Hunter2'));

describeEachDatabase('a revoked agent’s open event stream', (backend) => {
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

  it('delivers no admin message after the revoke and ends with a `revoked` event', async () => {
    const { agent, token } = await onlineAgent(db, 'Jamie Rivera');
    const stream = await openEventStream(app.url, token);
    const a = admin(app.url, `revoked-${backend}-${++seq}-${Date.now()}`, connector.serviceUrl);
    const { number } = await fileTicket(a);
    await a.say('It started this morning');
    await stream.waitFor('message', (d) => d.text === 'It started this morning');

    // Revoked as `npm run agent -- remove` does it, on its own connection to the database.
    expect(await createAgentStore(db).remove(agent.id)).toBe(true);
    expect((await agentApi(app.url, token).get(`/api/tickets/${number}`)).status).toBe(401);

    await a.say(PASSWORD_LINE);
    await stream.waitForEnd();
    expect(stream.events.at(-1)).toEqual({ event: 'revoked', data: { message: expect.stringMatching(/revoked/) } });
    expect(leaked(stream.events)).toEqual([]);
    // The line is in the ticket's chat for the agents who may read it.
    const other = agentApi(app.url, (await onlineAgent(db, 'Robin Park')).token);
    expect((await other.get(`/api/tickets/${number}/messages`)).body.messages.map((m: { text: string }) => m.text)).toContain(PASSWORD_LINE);
    await stream.close();
  });

  it('leaves the streams of other agents alone', async () => {
    const jamie = await onlineAgent(db, 'Jamie Rivera');
    const robin = await onlineAgent(db, 'Robin Park');
    const revoked = await openEventStream(app.url, jamie.token);
    const kept = await openEventStream(app.url, robin.token);
    const a = admin(app.url, `revoked-${backend}-${++seq}-${Date.now()}`, connector.serviceUrl);
    await fileTicket(a);
    await createAgentStore(db).remove(jamie.agent.id);
    await a.say(PASSWORD_LINE);
    await kept.waitFor('message', (d) => d.text === PASSWORD_LINE);
    await revoked.waitForEnd();
    expect(leaked(revoked.events)).toEqual([]);
    expect(kept.ended).toBe(false);
    await revoked.close();
    await kept.close();
  });
});

/** The event stream alone on a server, with a keep-alive of `keepAliveMs`: one "instance". */
async function streamInstance(db: Db, events: EventBus, keepAliveMs: number) {
  const server = restify.createServer();
  const streams: EventStreams = mountEventStream(server, {
    agents: createAgentStore(db),
    events,
    store: createHandoffStore(db),
    log: createLogger('silent'),
    keepAliveMs,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url,
    streams,
    async close() {
      streams.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const KEEP_ALIVE_MS = 150;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeEachDatabase('an idle event stream after a revoke', (backend) => {
  let db: Db;
  let events: EventBus;
  let store: HandoffStore;
  let instance: Awaited<ReturnType<typeof streamInstance>>;
  beforeAll(async () => {
    db = await openTestDb(backend);
    events = inProcessBus();
    store = createHandoffStore(db);
    instance = await streamInstance(db, events, KEEP_ALIVE_MS);
  });
  afterAll(async () => {
    await instance.close();
    await events.close();
    await db.close();
  });

  it('stays open across keep-alives while the token is valid', async () => {
    const { token } = await onlineAgent(db, 'Jamie Rivera');
    const stream = await openEventStream(instance.url, token);
    await stream.waitFor('ready');
    await sleep(KEEP_ALIVE_MS * 4);
    expect(stream.ended).toBe(false);
    await stream.close();
  });

  it('ends within one keep-alive of the revoke, and nothing published after reaches it', async () => {
    const { agent, token } = await onlineAgent(db, 'Robin Park');
    const stream = await openEventStream(instance.url, token);
    await stream.waitFor('ready');
    await createAgentStore(db).remove(agent.id);
    const revokedAt = Date.now();
    await stream.waitForEnd(KEEP_ALIVE_MS * 10);
    // One keep-alive, plus the time a check takes on a busy test machine.
    expect(Date.now() - revokedAt).toBeLessThan(KEEP_ALIVE_MS * 2 + 1000);
    expect(stream.events.map((e) => e.event)).toEqual(['ready', 'revoked']);
    expect(instance.streams.count()).toBe(0);

    const line = await store.addMessage({ ticketNumber: 'SR-1000001', sender: 'admin', text: PASSWORD_LINE });
    await events.publish({ type: 'message', ticket: 'SR-1000001', id: line.id });
    await sleep(100);
    expect(leaked(stream.events)).toEqual([]);
    await stream.close();
  });
});

/**
 * PostgreSQL with several instances. In-process first: two instances (each its own pool and LISTEN
 * connection) with a short keep-alive, and the revoke from a third connection, as the CLI makes it.
 * Then the real server, twice, as child processes behind a "load balancer".
 */
describePostgres('revoking an agent while their streams are open on several instances', (serverUrl) => {
  let database: Awaited<ReturnType<typeof postgresSchema>>;
  const log = createLogger('silent');
  beforeAll(async () => {
    database = await postgresSchema(serverUrl);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('ends the stream on every instance within one keep-alive, and none delivers the next admin message', async () => {
    const instances = await Promise.all(
      [0, 1].map(async () => {
        const db = postgresDb({ connectionString: database.url, max: 3 });
        const bus = await pgEventBus({ connectionString: database.url, db, log });
        return { db, bus, server: await streamInstance(db, bus, KEEP_ALIVE_MS) };
      }),
    );
    try {
      const { agent, token } = await onlineAgent(database.db, 'Jamie Rivera');
      const streams = await Promise.all(instances.map((i) => openEventStream(i.server.url, token)));
      for (const s of streams) await s.waitFor('ready');
      // Both hear an admin line published on the first instance while the token is good.
      const before = await createHandoffStore(instances[0]!.db).addMessage({ ticketNumber: 'SR-1000001', sender: 'admin', text: 'It started this morning' });
      await instances[0]!.bus.publish({ type: 'message', ticket: 'SR-1000001', id: before.id });
      for (const s of streams) await s.waitFor('message', (d) => d.id === before.id);

      // The CLI's connection, not either instance's.
      const cli = postgresDb({ connectionString: database.url, max: 1 });
      expect(await createAgentStore(cli).remove(agent.id)).toBe(true);
      await cli.close();
      const revokedAt = Date.now();
      for (const s of streams) await s.waitForEnd(KEEP_ALIVE_MS * 10);
      expect(Date.now() - revokedAt).toBeLessThan(KEEP_ALIVE_MS * 2 + 1000);

      const after = await createHandoffStore(instances[1]!.db).addMessage({ ticketNumber: 'SR-1000001', sender: 'admin', text: PASSWORD_LINE });
      await instances[1]!.bus.publish({ type: 'message', ticket: 'SR-1000001', id: after.id });
      await sleep(200);
      for (const s of streams) {
        expect(s.events.map((e) => e.event)).toEqual(['ready', 'message', 'revoked']);
        expect(leaked(s.events)).toEqual([]);
        await s.close();
      }
    } finally {
      for (const i of instances) {
        await i.server.close();
        await i.bus.close();
        await i.db.close();
      }
    }
  }, 30_000);
});

describePostgres('two server processes: a revoked agent’s console', (serverUrl) => {
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
  it('stops on both instances and never shows the admin’s password typed after the revoke', async () => {
    const [adminSide, agentSide] = servers.map((s) => s.url) as [string, string];
    const { agent, token } = await onlineAgent(database.db, 'Jamie Rivera');
    const consoles = [await openEventStream(agentSide, token), await openEventStream(adminSide, token)];
    const a = admin(adminSide, `revoked-two-instances-${Date.now()}`, connector.serviceUrl);
    const { number } = await fileTicket(a);
    await a.say('It started this morning');
    for (const c of consoles) await c.waitFor('message', (d) => d.text === 'It started this morning');

    // `npm run agent -- remove` from a third process: its own connection to the database.
    expect(await createAgentStore(database.db).remove(agent.id)).toBe(true);
    expect((await agentApi(agentSide, token).get(`/api/tickets/${number}`)).status).toBe(401);

    await a.say(PASSWORD_LINE);
    for (const c of consoles) {
      await c.waitForEnd();
      expect(c.events.at(-1)?.event).toBe('revoked');
      expect(leaked(c.events)).toEqual([]);
      await c.close();
    }
  }, 60_000);
});

describe('AgentStore.recheck', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb('pglite');
  });
  afterAll(async () => {
    await db.close();
  });

  it('answers the agent id while the token is valid, and nothing once it is revoked or was never one', async () => {
    const store = createAgentStore(db);
    const { agent, token } = await store.add('Jamie Rivera');
    const other = await store.add('Robin Park');
    // Asked together (as many streams do at once), answered by one query, each its own answer.
    expect(await Promise.all([store.recheck(token), store.recheck(other.token), store.recheck('x'.repeat(43)), store.recheck('nope')])).toEqual([
      agent.id,
      other.agent.id,
      undefined,
      undefined,
    ]);
    await store.remove(agent.id);
    expect(await Promise.all([store.recheck(token), store.recheck(other.token)])).toEqual([undefined, other.agent.id]);
  });
});
