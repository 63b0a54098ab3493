import { EventEmitter } from 'node:events';

/**
 * What agent consoles hear about, across every bot instance. Events carry ids only: a listener reads
 * the details from the database, so a payload is never stale and never carries personal data.
 */
export type HandoffEvent =
  /** A chat line (admin, agent or notice) was stored for the ticket. */
  | { type: 'message'; ticket: string; id: number }
  /** The ticket or its handoff changed (filed, claimed, status, handed back, left the queue). */
  | { type: 'ticket'; ticket: string }
  /** A service-health incident was created, updated or resolved. */
  | { type: 'incident'; id: string }
  /** Agent `by` took over the ticket from agent `from` (who is told on their console). */
  | { type: 'takeover'; ticket: string; from: string; by: string };

export type HandoffListener = (event: HandoffEvent) => void;

export interface EventBus {
  /** Resolves once the event is on its way to every instance (this one included). */
  publish(event: HandoffEvent): Promise<void>;
  /** Returns the function that unsubscribes. */
  subscribe(listener: HandoffListener): () => void;
  close(): Promise<void>;
}

/** One process (the embedded database allows only one): a plain EventEmitter. */
export function inProcessBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async publish(event) {
      emitter.emit('event', event);
    },
    subscribe(listener) {
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}
