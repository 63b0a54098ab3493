import { z } from 'zod';
import type { Logger } from '../logger.js';
import { listenForNotifications, notificationChannel, notify, type Db } from '../storage/index.js';
import type { EventBus, HandoffEvent, HandoffListener } from './eventBus.js';

/**
 * The event bus across bot instances on one PostgreSQL database (LISTEN/NOTIFY, src/storage/pgNotifications.ts).
 * The instance that publishes hears its own event the same way, so every listener everywhere sees each
 * event exactly once per connection. Events sent while an instance's listening connection was down are
 * lost, which consoles absorb by re-reading the queue periodically and on reconnect.
 */

const eventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message'), ticket: z.string(), id: z.number() }),
  z.object({ type: z.literal('ticket'), ticket: z.string() }),
  z.object({ type: z.literal('incident'), id: z.string() }),
  z.object({ type: z.literal('takeover'), ticket: z.string(), from: z.string(), by: z.string() }),
]);

export const channelName = (db: Db): Promise<string> => notificationChannel(db, 'support_events');

export interface PgEventBusOptions {
  /** Connection string of the same database (DATABASE_URL). */
  connectionString: string;
  db: Db;
  log: Logger;
}

export async function pgEventBus({ connectionString, db, log }: PgEventBusOptions): Promise<EventBus> {
  const channel = await channelName(db);
  const listeners = new Set<HandoffListener>();

  const listening = await listenForNotifications({
    connectionString,
    channel,
    log,
    what: 'handoff events',
    schema: eventSchema,
    onSignal(event: HandoffEvent) {
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (err) {
          log.warn({ err }, 'handoff event listener failed');
        }
      }
    },
  });

  return {
    async publish(event) {
      await notify(db, channel, JSON.stringify(event));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
      await listening.close();
    },
  };
}
