import { type OutboxEventType, recordEvent } from '../outbox/index.js';
import type { Queryable } from '../storage/index.js';
import type { Actor, Ticket, TicketEvent, TicketStatus } from './ticketTypes.js';

/**
 * What the rest of the product hears about a request's changes, through the transactional outbox
 * (src/outbox/): written in the transaction of the change, so a webhook or an email follows every
 * committed change and no rolled-back one. Agents' internal notes are not told: they never leave the team.
 */

/** A request as events carry it: everything but the channel's internal conversation reference. */
export interface TicketSnapshot extends Omit<Ticket, 'conversationReference' | 'createdAt' | 'updatedAt' | 'responseDueAt' | 'resolvedAt' | 'closedAt' | 'firstResponseAt' | 'callbackDoneAt'> {
  /** The admin's conversation (widget or Teams), for modules that find the admin there. */
  conversationId: string | null;
  createdAt: string;
  updatedAt: string;
  responseDueAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  firstResponseAt: string | null;
  callbackDoneAt: string | null;
}

export type TicketChange =
  | { kind: 'assigned'; agentId: string | null; fromAgentId: string | null; takeOver: boolean }
  | { kind: 'status_changed'; from: TicketStatus; to: TicketStatus; note: string | null }
  | { kind: 'reopened'; from: TicketStatus; reason: string | null }
  | { kind: 'information'; by: 'requester' | 'agent'; text: string }
  | { kind: 'agent_message'; agentId: string; agentName: string; text: string; messageId: string };

export interface EventActor {
  kind: 'requester' | 'agent';
  id: string;
}

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

export function ticketSnapshot(ticket: Ticket): TicketSnapshot {
  const { conversationReference, createdAt, updatedAt, responseDueAt, resolvedAt, closedAt, firstResponseAt, callbackDoneAt, ...rest } = ticket;
  const id = (conversationReference as { conversation?: { id?: unknown } } | null)?.conversation?.id;
  return {
    ...rest,
    conversationId: typeof id === 'string' && id ? id : null,
    createdAt: iso(createdAt)!,
    updatedAt: iso(updatedAt)!,
    responseDueAt: iso(responseDueAt),
    resolvedAt: iso(resolvedAt),
    closedAt: iso(closedAt),
    firstResponseAt: iso(firstResponseAt),
    callbackDoneAt: iso(callbackDoneAt),
  };
}

export const eventActor = (actor: Actor): EventActor => (actor.kind === 'agent' ? { kind: 'agent', id: actor.agentId } : { kind: 'requester', id: actor.requesterId });

/** The outbox's change for one history event; undefined for what stays inside the team (internal notes). */
function changeOf(kind: TicketEvent['kind'], data: Record<string, unknown>, actor: Actor): TicketChange | undefined {
  switch (kind) {
    case 'assigned':
      return { kind, agentId: (data.agentId as string | null) ?? null, fromAgentId: (data.previousAgentId as string | null) ?? null, takeOver: data.takeOver === true };
    case 'status_changed':
      return { kind, from: data.from as TicketStatus, to: data.to as TicketStatus, note: (data.note as string | undefined) ?? null };
    case 'reopened':
      return { kind, from: data.from as TicketStatus, reason: (data.reason as string | undefined) ?? null };
    case 'message':
      return { kind: 'information', by: actor.kind, text: String(data.text) };
    default:
      return undefined;
  }
}

/** `ticket.closed` when the request was closed, `ticket.updated` otherwise. */
const typeOf = (change: TicketChange): OutboxEventType => (change.kind === 'status_changed' && change.to === 'closed' ? 'ticket.closed' : 'ticket.updated');

export async function recordTicketCreated(tx: Queryable, ticket: Ticket, actor: Actor): Promise<void> {
  await recordEvent(tx, { type: 'ticket.created', subject: ticket.number, occurredAt: ticket.createdAt, data: { ticket: ticketSnapshot(ticket), actor: eventActor(actor) } });
}

/** One outbox event per history event of a change, each with the request as it is after the change. */
export async function recordTicketChanges(
  tx: Queryable,
  ticket: Ticket,
  actor: Actor,
  at: Date,
  events: ReadonlyArray<{ kind: TicketEvent['kind']; data: Record<string, unknown> }>,
): Promise<void> {
  const snapshot = ticketSnapshot(ticket);
  for (const e of events) {
    const change = changeOf(e.kind, e.data, actor);
    if (change) await recordEvent(tx, { type: typeOf(change), subject: ticket.number, occurredAt: at, data: { ticket: snapshot, actor: eventActor(actor), change } });
  }
}

/** A change made outside the ticket service's own steps (an agent's chat message, from the handoff). */
export async function recordTicketChange(tx: Queryable, ticket: Ticket, actor: Actor, at: Date, change: TicketChange): Promise<void> {
  await recordEvent(tx, { type: typeOf(change), subject: ticket.number, occurredAt: at, data: { ticket: ticketSnapshot(ticket), actor: eventActor(actor), change } });
}
