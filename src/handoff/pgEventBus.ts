import pg from 'pg';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import type { Db } from '../storage/index.js';
import type { EventBus, HandoffEvent, HandoffListener } from './eventBus.js';

/**
 * The event bus across bot instances on one PostgreSQL database: NOTIFY goes out through the normal
 * pool, and each instance LISTENs on one dedicated connection. The instance that publishes hears its
 * own event the same way, so every listener everywhere sees each event exactly once per connection.
 *
 * The channel name is derived from the database and schema, so two deployments (or two test suites)
 * sharing a server never hear each other.
 *
 * A dropped listening connection is reopened with backoff; events sent while it was down are lost,
 * which consoles absorb by re-reading the queue periodically and on reconnect.
 */

const eventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message'), ticket: z.string(), id: z.number() }),
  z.object({ type: z.literal('ticket'), ticket: z.string() }),
  z.object({ type: z.literal('incident'), id: z.string() }),
  z.object({ type: z.literal('takeover'), ticket: z.string(), from: z.string(), by: z.string() }),
]);

export async function channelName(db: Db): Promise<string> {
  const { rows } = await db.query<{ h: string }>('SELECT md5(current_database() || \'.\' || current_schema()) AS h');
  return `support_events_${rows[0]!.h.slice(0, 24)}`;
}

export interface PgEventBusOptions {
  /** Connection string of the same database (DATABASE_URL). */
  connectionString: string;
  db: Db;
  log: Logger;
}

export async function pgEventBus({ connectionString, db, log }: PgEventBusOptions): Promise<EventBus> {
  const channel = await channelName(db);
  const listeners = new Set<HandoffListener>();
  let client: pg.Client | undefined;
  let closed = false;
  let retryMs = 500;
  let retryTimer: NodeJS.Timeout | undefined;

  const deliver = (payload: string | undefined) => {
    let event: HandoffEvent;
    try {
      const parsed = eventSchema.safeParse(JSON.parse(payload ?? ''));
      if (!parsed.success) return;
      event = parsed.data;
    } catch {
      return;
    }
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (err) {
        log.warn({ err }, 'handoff event listener failed');
      }
    }
  };

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString });
    c.on('notification', (msg) => {
      if (msg.channel === channel) deliver(msg.payload);
    });
    c.on('error', (err) => {
      log.warn({ err }, 'event listener connection failed; reconnecting');
      void reconnect(c);
    });
    c.on('end', () => void reconnect(c));
    await c.connect();
    await c.query(`LISTEN ${channel}`);
    client = c;
    retryMs = 500;
  };

  const reconnect = async (dead: pg.Client) => {
    if (closed || client !== dead) return;
    client = undefined;
    dead.removeAllListeners('end');
    await dead.end().catch(() => undefined);
    const attempt = () => {
      retryTimer = setTimeout(() => {
        if (closed) return;
        connect().catch((err) => {
          log.warn({ err }, 'event listener could not reconnect; retrying');
          retryMs = Math.min(retryMs * 2, 15_000);
          attempt();
        });
      }, retryMs);
      retryTimer.unref();
    };
    attempt();
  };

  await connect();

  return {
    async publish(event) {
      await db.query('SELECT pg_notify($1, $2)', [channel, JSON.stringify(event)]);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      listeners.clear();
      const c = client;
      client = undefined;
      if (c) {
        c.removeAllListeners('end');
        await c.end().catch(() => undefined);
      }
    },
  };
}
