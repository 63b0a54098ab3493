import pg from 'pg';
import type { z } from 'zod';
import type { Logger } from '../logger.js';
import type { Db } from './db.js';

/**
 * PostgreSQL LISTEN/NOTIFY for signals between instances on one database. NOTIFY goes out through the
 * normal pool; each listener holds one dedicated connection. A dropped connection is reopened with
 * backoff; notifications sent while it was down are lost, so what is signalled must also be found
 * another way (a periodic re-read), and a signal only ever saves waiting.
 *
 * Channel names are derived from the database and schema, so two deployments (or two test suites)
 * sharing a server never hear each other.
 */

export async function notificationChannel(db: Db, prefix: string): Promise<string> {
  const { rows } = await db.query<{ h: string }>('SELECT md5(current_database() || \'.\' || current_schema()) AS h');
  return `${prefix}_${rows[0]!.h.slice(0, 24)}`;
}

/** NOTIFY's payload limit is 8,000 bytes; a larger signal is not sent. */
export const MAX_NOTIFICATION_BYTES = 7_900;

export const notify = (db: Db, channel: string, payload: string) => db.query('SELECT pg_notify($1, $2)', [channel, payload]);

export interface ListenOptions<T> {
  /** Connection string of the same database (DATABASE_URL). */
  connectionString: string;
  channel: string;
  log: Logger;
  /** What listens, for the log. */
  what: string;
  /** What a payload must be: anything else (not JSON, another shape) is ignored. */
  schema: z.ZodType<T>;
  onSignal(signal: T): void;
}

export interface Listening {
  close(): Promise<void>;
}

/** Parses a payload; undefined when it is not what the listener expects. */
function parse<T>(schema: z.ZodType<T>, payload: string | undefined): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(payload ?? ''));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export async function listenForNotifications<T>({ connectionString, channel, log, what, schema, onSignal }: ListenOptions<T>): Promise<Listening> {
  let client: pg.Client | undefined;
  let closed = false;
  let retryMs = 500;
  let retryTimer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString });
    c.on('notification', (msg) => {
      if (msg.channel !== channel) return;
      const signal = parse(schema, msg.payload);
      if (signal === undefined) return;
      try {
        onSignal(signal);
      } catch (err) {
        log.warn({ err }, `${what}: a listener failed`);
      }
    });
    c.on('error', (err) => {
      log.warn({ err }, `${what}: listening connection failed; reconnecting`);
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
          log.warn({ err }, `${what}: could not reconnect the listening connection; retrying`);
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
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      const c = client;
      client = undefined;
      if (c) {
        c.removeAllListeners('end');
        await c.end().catch(() => undefined);
      }
    },
  };
}
