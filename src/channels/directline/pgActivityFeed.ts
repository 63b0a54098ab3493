import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from '../../logger.js';
import { listenForNotifications, MAX_NOTIFICATION_BYTES, notificationChannel, notify, type Db } from '../../storage/index.js';
import { inProcessFeed, type ActivityFeed } from './activityFeed.js';
import type { DirectLineActivity } from './protocol.js';

/**
 * The activity feed across instances on one PostgreSQL database: a widget's stream may be held by one
 * instance while its messages (and the bot's replies, and an agent's answer) are handled by another,
 * since no load balancer stickiness is assumed. Each signal goes to this instance's own streams at
 * once and to the other instances through NOTIFY (src/storage/pgNotifications.ts); an instance ignores
 * its own. A lost signal costs the stream's next keep-alive re-read, never an activity: `stored` still
 * carries nothing, and the stream reads the database from its watermark.
 */

const signalSchema = z.object({
  /** The instance that sent it. */
  i: z.string(),
  /** The conversation. */
  c: z.string(),
  /** A transient activity (typing), when the signal is one. */
  t: z.record(z.string(), z.unknown()).optional(),
});

export interface ClosableFeed extends ActivityFeed {
  close(): Promise<void>;
}

export async function pgActivityFeed({ connectionString, db, log }: { connectionString: string; db: Db; log: Logger }): Promise<ClosableFeed> {
  const local = inProcessFeed();
  const instance = randomUUID();
  const channel = await notificationChannel(db, 'support_feed');
  const listening = await listenForNotifications({
    connectionString,
    channel,
    log,
    what: 'Direct Line feed',
    schema: signalSchema,
    onSignal(signal) {
      if (signal.i === instance) return;
      local.publish(signal.c, signal.t ? { kind: 'transient', activity: signal.t as unknown as DirectLineActivity } : { kind: 'stored' });
    },
  });

  return {
    publish(conversationId, event) {
      local.publish(conversationId, event);
      const payload = JSON.stringify({ i: instance, c: conversationId, ...(event.kind === 'transient' ? { t: event.activity } : {}) });
      // A typing indicator too large to signal only reaches this instance's streams; it is never stored anyway.
      if (Buffer.byteLength(payload) > MAX_NOTIFICATION_BYTES) return;
      notify(db, channel, payload).catch((err: unknown) => log.warn({ err }, 'Direct Line feed: could not signal the other instances'));
    },
    subscribe: (conversationId, listener) => local.subscribe(conversationId, listener),
    watching: (conversationId) => local.watching(conversationId),
    close: () => listening.close(),
  };
}
