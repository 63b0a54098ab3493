import { randomUUID } from 'node:crypto';
import type { Queryable } from '../storage/index.js';

/**
 * The outbox's log: what happened, appended in the transaction of the change itself, so an event exists
 * exactly when its change committed. Consumers (src/outbox/dispatcher.ts) read it later, each at its own
 * pace, and a crash between the change and its consequences (a webhook, an email) loses nothing.
 */

export const outboxEventTypes = ['ticket.created', 'ticket.updated', 'ticket.closed', 'handoff.started', 'satisfaction.recorded'] as const;
export type OutboxEventType = (typeof outboxEventTypes)[number];

export interface OutboxEvent<D = Record<string, unknown>> {
  /** Position in the log (a bigint as text). */
  id: string;
  /** The idempotency key: the same for every delivery of this event. */
  eventId: string;
  type: OutboxEventType;
  /** The ticket number for events about a request. */
  subject: string | null;
  occurredAt: Date;
  data: D;
}

export interface NewOutboxEvent {
  type: OutboxEventType;
  subject?: string | null;
  occurredAt: Date;
  data: Record<string, unknown>;
}

/** Appends an event in the caller's transaction (pass the transaction, not the database). Returns its idempotency key. */
export async function recordEvent(q: Queryable, event: NewOutboxEvent): Promise<string> {
  const eventId = randomUUID();
  await q.query('INSERT INTO outbox_events (event_id, type, subject, payload, occurred_at) VALUES ($1, $2, $3, $4::jsonb, $5)', [
    eventId,
    event.type,
    event.subject ?? null,
    JSON.stringify(event.data),
    event.occurredAt,
  ]);
  return eventId;
}

export interface OutboxRow {
  id: string | number;
  event_id: string;
  type: OutboxEventType;
  subject: string | null;
  payload: Record<string, unknown>;
  occurred_at: Date;
  txid: string | number;
}

export const rowToOutboxEvent = (r: OutboxRow): OutboxEvent => ({
  id: String(r.id),
  eventId: r.event_id,
  type: r.type,
  subject: r.subject,
  occurredAt: new Date(r.occurred_at),
  data: r.payload,
});
