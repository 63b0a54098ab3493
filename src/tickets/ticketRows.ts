import type { Queryable } from '../storage/index.js';
import type { Actor, ArticleTried, Ticket, TicketEvent } from './ticketTypes.js';

/** Rows of `tickets` and `ticket_events` as both database engines return them, and their mapping. */

export interface TicketRow {
  id: number | string;
  number: string;
  requester_id: string;
  requester_name: string;
  requester_email: string;
  requester_phone: string | null;
  contact_method: Ticket['contactMethod'];
  cloud: Ticket['cloud'];
  plan_id: string | null;
  plan_family: Ticket['planFamily'];
  elevated: boolean;
  advanced_agreement: boolean;
  category: Ticket['category'];
  topic: string | null;
  product: string | null;
  severity: Ticket['severity'];
  severity_reason: string;
  description: string;
  articles_tried: ArticleTried[];
  language: Ticket['language'];
  status: Ticket['status'];
  assigned_agent_id: string | null;
  callback_requested: boolean;
  channel_id: string | null;
  conversation_reference: Record<string, unknown> | null;
  reopen_count: number;
  created_at: Date;
  updated_at: Date;
  response_due_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  resolution_note: string | null;
  first_response_at: Date | null;
  requester_time_zone: string | null;
  callback_hours: string | null;
  callback_done_at: Date | null;
}

export function rowToTicket(r: TicketRow): Ticket {
  return {
    number: r.number,
    requester: { id: r.requester_id, name: r.requester_name, email: r.requester_email, phone: r.requester_phone },
    contactMethod: r.contact_method,
    cloud: r.cloud,
    planId: r.plan_id,
    planFamily: r.plan_family,
    elevated: r.elevated,
    hasAdvancedAgreement: r.advanced_agreement,
    category: r.category,
    topic: r.topic,
    product: r.product,
    severity: r.severity,
    severityReason: r.severity_reason,
    description: r.description,
    articlesTried: r.articles_tried,
    language: r.language,
    status: r.status,
    assignedAgentId: r.assigned_agent_id,
    callbackRequested: r.callback_requested,
    channelId: r.channel_id,
    conversationReference: r.conversation_reference,
    reopenCount: Number(r.reopen_count),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    responseDueAt: r.response_due_at,
    resolvedAt: r.resolved_at,
    closedAt: r.closed_at,
    resolutionNote: r.resolution_note ?? null,
    firstResponseAt: r.first_response_at ?? null,
    requesterTimeZone: r.requester_time_zone ?? null,
    callbackHours: r.callback_hours ?? null,
    callbackDoneAt: r.callback_done_at ?? null,
  };
}

export interface EventRow {
  id: number | string;
  at: Date;
  kind: TicketEvent['kind'];
  actor: Actor;
  data: Record<string, unknown>;
}

export function rowToEvent(r: EventRow): TicketEvent {
  return { id: Number(r.id), at: r.at, kind: r.kind, actor: r.actor, data: r.data } as TicketEvent;
}

export async function selectTicketRow(q: Queryable, number: string, forUpdate = false): Promise<TicketRow | undefined> {
  const { rows } = await q.query<TicketRow>(`SELECT * FROM tickets WHERE number = $1${forUpdate ? ' FOR UPDATE' : ''}`, [number]);
  return rows[0];
}

export async function insertEvent(
  q: Queryable,
  ticketId: number | string,
  at: Date,
  actor: Actor,
  kind: TicketEvent['kind'],
  data: Record<string, unknown>,
): Promise<TicketEvent> {
  const { rows } = await q.query<EventRow>('INSERT INTO ticket_events (ticket_id, at, kind, actor, data) VALUES ($1, $2, $3, $4::jsonb, $5::jsonb) RETURNING id, at, kind, actor, data', [
    ticketId,
    at,
    kind,
    JSON.stringify(actor),
    JSON.stringify(data),
  ]);
  return rowToEvent(rows[0]!);
}
