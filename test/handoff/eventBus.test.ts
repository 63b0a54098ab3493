import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessBus, type EventBus, type HandoffEvent } from '../../src/handoff/eventBus.js';
import { pgEventBus } from '../../src/handoff/pgEventBus.js';
import { createLogger } from '../../src/logger.js';
import { describePostgres, postgresSchema } from './helpers.js';

const collect = (bus: EventBus) => {
  const heard: HandoffEvent[] = [];
  bus.subscribe((e) => heard.push(e));
  return heard;
};

const until = async (check: () => boolean, ms = 3000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('the in-process event bus', () => {
  it('delivers each event to every subscriber until it unsubscribes', async () => {
    const bus = inProcessBus();
    const a = collect(bus);
    const heardByB: HandoffEvent[] = [];
    const unsubscribe = bus.subscribe((e) => heardByB.push(e));
    await bus.publish({ type: 'ticket', ticket: 'SR-1' });
    unsubscribe();
    await bus.publish({ type: 'incident', id: 'EX1' });
    expect(a).toEqual([{ type: 'ticket', ticket: 'SR-1' }, { type: 'incident', id: 'EX1' }]);
    expect(heardByB).toEqual([{ type: 'ticket', ticket: 'SR-1' }]);
  });
});

describePostgres('the LISTEN/NOTIFY event bus', (serverUrl) => {
  let first: Awaited<ReturnType<typeof postgresSchema>>;
  let second: Awaited<ReturnType<typeof postgresSchema>>;
  const buses: EventBus[] = [];
  const log = createLogger('silent');
  beforeAll(async () => {
    first = await postgresSchema(serverUrl);
    second = await postgresSchema(serverUrl);
  });
  afterAll(async () => {
    for (const bus of buses) await bus.close();
    await first.drop();
    await second.drop();
  });
  const open = async (schema: typeof first) => {
    const bus = await pgEventBus({ connectionString: schema.url, db: schema.db, log });
    buses.push(bus);
    return bus;
  };

  it('carries an event to every instance on the same database, the sender included, once each', async () => {
    const a = await open(first);
    const b = await open(first);
    const heardA = collect(a);
    const heardB = collect(b);
    await b.publish({ type: 'message', ticket: 'SR-1000001', id: 7 });
    await until(() => heardA.length > 0 && heardB.length > 0);
    await new Promise((r) => setTimeout(r, 100));
    expect(heardA).toEqual([{ type: 'message', ticket: 'SR-1000001', id: 7 }]);
    expect(heardB).toEqual([{ type: 'message', ticket: 'SR-1000001', id: 7 }]);
  });

  it('keeps deployments that share a server (other schemas) apart', async () => {
    const here = await open(first);
    const elsewhere = await open(second);
    const heardElsewhere = collect(elsewhere);
    const heardHere = collect(here);
    await here.publish({ type: 'ticket', ticket: 'SR-1000002' });
    await until(() => heardHere.length > 0);
    await new Promise((r) => setTimeout(r, 100));
    expect(heardElsewhere).toEqual([]);
  });
});
