import type { OutboxEvent, OutboxEventType } from '../outbox/index.js';

/**
 * The public shape of a webhook: what a receiving system may rely on, versioned, documented in
 * docs/webhooks.md and docs/webhook-events.schema.json. It is mapped from the outbox's internal events
 * here, so an internal change does not silently change what the team's helpdesk receives. A breaking
 * change gets a new `version`.
 */

export const WEBHOOK_VERSION = '1';
export const webhookEventTypes = ['ticket.created', 'ticket.updated', 'ticket.closed', 'handoff.started', 'satisfaction.recorded'] as const satisfies readonly OutboxEventType[];
export type WebhookEventType = (typeof webhookEventTypes)[number];

/** The most a delivery's body may be; the request's own texts are bounded far below it. */
export const MAX_BODY_BYTES = 256 * 1024;

type Json = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** A request as receivers see it. */
function publicTicket(t: Json): Json {
  const requester = (t.requester ?? {}) as Json;
  return {
    number: t.number,
    status: t.status,
    severity: t.severity,
    category: t.category,
    topic: str(t.topic),
    product: str(t.product),
    description: t.description,
    cloud: t.cloud,
    plan: { id: str(t.planId), family: str(t.planFamily), elevated: t.elevated === true },
    language: t.language,
    channel: str(t.channelId),
    contactMethod: t.contactMethod,
    requester: { id: requester.id, name: requester.name, email: requester.email, phone: str(requester.phone), timeZone: str(t.requesterTimeZone) },
    callbackRequested: t.callbackRequested === true,
    callbackHours: str(t.callbackHours),
    assignedAgentId: str(t.assignedAgentId),
    articlesTried: Array.isArray(t.articlesTried) ? t.articlesTried : [],
    reopenCount: typeof t.reopenCount === 'number' ? t.reopenCount : 0,
    resolutionNote: str(t.resolutionNote),
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    responseDueAt: str(t.responseDueAt),
    firstResponseAt: str(t.firstResponseAt),
    resolvedAt: str(t.resolvedAt),
    closedAt: str(t.closedAt),
  };
}

function dataOf(event: OutboxEvent): Json {
  const d = event.data as Json;
  switch (event.type) {
    case 'ticket.created':
      return { ticket: publicTicket(d.ticket as Json), actor: d.actor };
    case 'ticket.updated':
    case 'ticket.closed':
      return { ticket: publicTicket(d.ticket as Json), actor: d.actor, change: d.change };
    case 'handoff.started':
      return { ticket: publicTicket(d.ticket as Json), mode: d.mode };
    case 'satisfaction.recorded':
      return {
        score: d.score,
        comment: str(d.comment),
        about: d.about,
        ticketNumber: str(d.ticketNumber),
        channel: str(d.channelId),
        language: d.language,
        topic: str(d.topic),
      };
  }
}

/** The JSON body of a delivery: the same bytes on every attempt and replay. */
export function webhookBody(event: OutboxEvent): string {
  const body = JSON.stringify({ id: event.eventId, type: event.type, version: WEBHOOK_VERSION, occurredAt: event.occurredAt.toISOString(), data: dataOf(event) });
  // Texts are bounded where they enter (descriptions 8,000 characters, messages 8,000); a body this
  // large means something upstream changed, and the receiver is better served by the truth than a cut.
  if (Buffer.byteLength(body) > MAX_BODY_BYTES) throw new Error(`webhook body of ${event.type} ${event.eventId} is over ${MAX_BODY_BYTES} bytes`);
  return body;
}
