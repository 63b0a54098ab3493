import type { DirectLineActivity } from './protocol.js';

/**
 * Tells open streams that a conversation has something new. `stored` carries no payload on purpose:
 * listeners read the database from their own watermark, so a lost or duplicated signal costs a query,
 * never an activity. `transient` carries what is never stored (typing indicators).
 *
 * This implementation reaches streams in this process only; with DATABASE_URL the feed of
 * pgActivityFeed.ts wraps it and signals the other instances too. Streams also re-read the database on
 * every keep-alive, so even a lost signal only delays an activity.
 */
export type FeedEvent = { kind: 'stored' } | { kind: 'transient'; activity: DirectLineActivity };

export type FeedListener = (event: FeedEvent) => void;

export interface ActivityFeed {
  publish(conversationId: string, event: FeedEvent): void;
  /** Returns the function that unsubscribes. */
  subscribe(conversationId: string, listener: FeedListener): () => void;
  /** Whether a stream of this process is open on the conversation: the admin has the widget open. */
  watching(conversationId: string): boolean;
}

export function inProcessFeed(): ActivityFeed {
  const listeners = new Map<string, Set<FeedListener>>();
  return {
    publish(conversationId, event) {
      for (const listener of [...(listeners.get(conversationId) ?? [])]) listener(event);
    },
    watching: (conversationId) => (listeners.get(conversationId)?.size ?? 0) > 0,
    subscribe(conversationId, listener) {
      let set = listeners.get(conversationId);
      if (!set) listeners.set(conversationId, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(conversationId);
      };
    },
  };
}
