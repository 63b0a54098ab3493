import type { Server } from 'restify';
import type { AgentStore } from '../agents/index.js';
import { DuplicateTitleError, fillPlaceholders, type CannedReplyStore } from '../cannedReplies/index.js';
import type { AdminRelay, EventBus, HandoffService, TranscriptStore } from '../handoff/index.js';
import type { Logger } from '../logger.js';
import type { IncidentService } from '../serviceHealth/index.js';
import { formatMinutes, formatTime, statusLabel, type Ticket, type TicketService } from '../tickets/index.js';
import type { AttachmentService } from '../attachments/index.js';
import { ApiError, makeEndpoint } from './endpoint.js';
import { mountAttachmentRoutes } from './attachmentRoutes.js';
import { mountInsightsRoutes, type InsightsRouteDeps } from './insightsRoutes.js';
import { mountCallbackRoutes } from './callbackRoutes.js';
import { mountWebhookRoutes, type WebhookRouteDeps } from './webhookRoutes.js';
// Registers the notifications answer's schema (by id) for `npm run docs:openapi`.
import './notificationSchemas.js';
import { mountEventStream, type EventStreams } from './eventStream.js';
import type { AgentRateLimit } from './rateLimit.js';
import {
  cannedRepliesQuery,
  cannedReplyBody,
  cannedReplyPatchBody,
  incidentCreateBody,
  incidentPatchBody,
  incidentsQuery,
  isSearch,
  messageBody,
  messagesQuery,
  noteBody,
  queueQuery,
  statusBody,
} from './schemas.js';
import { agentView, cannedReplyView, type handoffView, historyView, incidentView, messageView, ticketView, transcriptView } from './views.js';

/**
 * The agent API under /api/: the queue, a ticket with its transcript, history and chat, the actions an
 * agent takes (claim, take over, message, release, hand back, status), service-health incidents, and the live
 * event stream. Every route needs `Authorization: Bearer <agent token>`.
 */

export interface AgentApiDeps {
  agents: AgentStore;
  tickets: TicketService;
  incidents: IncidentService;
  handoff: HandoffService;
  transcripts: TranscriptStore;
  events: EventBus;
  log: Logger;
  /** Requests per agent (token); none when absent. */
  rateLimit?: AgentRateLimit;
  cannedReplies: CannedReplyStore;
  /** Files of tickets (attachmentRoutes.ts), and the way to send an agent's file into the admin's conversation. */
  attachments?: AttachmentService;
  relay?: AdminRelay;
  /** Live ownership codes of a ticket (src/identity/), shown to agents until codes are emailed. */
  ownership?: { pending(number: string): Promise<ReadonlyArray<{ code: string; requestedAt: Date; expiresAt: Date }>> };
  /** The team's webhooks (managers only; src/webhooks/). */
  webhooks?: WebhookRouteDeps['webhooks'];
  /** What the admin was emailed about a ticket (src/notifications/), and whether a mail server is set. */
  notifications?: { list(number: string): Promise<NotificationView[]>; mailServer: boolean };
  /** The managers' insights (src/insights/). */
  insights?: InsightsRouteDeps['insights'];
}

/** A ticket's email notification as the API answers it (notificationSchemas.ts). */
export interface NotificationView {
  id: string;
  kind: string;
  recipient: string;
  state: string;
  attempts: number;
  lastError: string | null;
  occurredAt: Date;
  sentAt: Date | null;
  messageId: string | null;
}

export interface AgentApi {
  /** Ends open event streams (before the server closes). */
  close(): void;
}

/** The end of a search's `to`: a date includes its whole day (UTC); a moment is the end itself. */
const endOf = (to: string) => (to.length === 10 ? new Date(Date.parse(to) + 24 * 60 * 60 * 1000) : new Date(to));

const conversationIdOf = (t: Ticket) => (t.conversationReference as { conversation?: { id?: unknown } } | null)?.conversation?.id;

export function mountAgentApi(server: Server, deps: AgentApiDeps): AgentApi {
  const { agents, tickets, incidents, handoff, transcripts, events, log, rateLimit, cannedReplies } = deps;
  const endpoint = makeEndpoint(agents, log, rateLimit);
  const actionReply = async (r: { ticket: Ticket; handoff: Parameters<typeof handoffView>[0]; adminNotified: boolean }) => {
    const names = await agents.names();
    return { body: { ticket: ticketView(r.ticket, names, r.handoff), adminNotified: r.adminNotified } };
  };

  server.get(
    '/api/agents/me',
    endpoint({}, async ({ agent }) => ({ body: { agent: { id: agent.id, name: agent.name, role: agent.role } } })),
  );

  server.get(
    '/api/agents',
    endpoint({}, async () => ({ body: { agents: (await agents.list()).map(agentView) } })),
  );

  server.get(
    '/api/tickets',
    endpoint({ query: queueQuery }, async ({ query }) => {
      // Any search parameter turns the queue into a search over every ticket; without one it stays the queue.
      const page = isSearch(query)
        ? await tickets.search({
          q: query.q,
          status: query.status,
          severity: query.severity,
          from: query.from ? new Date(query.from) : undefined,
          to: query.to ? endOf(query.to) : undefined,
          cursor: query.cursor,
          limit: query.limit,
        })
        : undefined;
      const queue = page ? page.tickets : await tickets.queue({ unassignedOnly: query.unassigned === 'true', limit: query.limit });
      const [names, live, online, available] = await Promise.all([
        agents.names(),
        handoff.store.liveByTicket(queue.map((t) => t.number)),
        agents.onlineCount(),
        agents.availableCount(),
      ]);
      return {
        body: {
          tickets: queue.map((t) => ticketView(t, names, live.get(t.number) ?? null)),
          agentsOnline: online,
          agentsAvailable: available,
          ...(page ? { nextCursor: page.nextCursor } : {}),
        },
      };
    }),
  );

  server.get(
    '/api/tickets/:number',
    endpoint({}, async ({ agent, params }) => {
      const ticket = await tickets.getTicket(params.number!, { kind: 'agent', agentId: agent.id });
      const conversationId = conversationIdOf(ticket);
      const [names, history, live, chat, transcript] = await Promise.all([
        agents.names(),
        tickets.history(ticket.number, { kind: 'agent', agentId: agent.id }),
        handoff.store.liveForTicket(ticket.number),
        handoff.store.messages(ticket.number),
        typeof conversationId === 'string' ? transcripts.lines(conversationId) : Promise.resolve([]),
      ]);
      const codes = deps.ownership ? await deps.ownership.pending(ticket.number) : [];
      const ownershipCodes = codes.map((c) => ({ code: c.code, requestedAt: c.requestedAt.toISOString(), expiresAt: c.expiresAt.toISOString() }));
      return {
        body: {
          ticket: { ...ticketView(ticket, names, live ?? null), ownershipCodes },
          history: history.map((e) => historyView(e, names)),
          transcript: transcript.map(transcriptView),
          chat: chat.map(messageView),
        },
      };
    }),
  );

  server.get(
    '/api/tickets/:number/messages',
    endpoint({ query: messagesQuery }, async ({ agent, params, query }) => {
      const ticket = await tickets.getTicket(params.number!, { kind: 'agent', agentId: agent.id });
      return { body: { messages: (await handoff.store.messages(ticket.number, { afterId: query.after })).map(messageView) } };
    }),
  );

  server.post(
    '/api/tickets/:number/messages',
    endpoint({ body: messageBody }, async ({ agent, params, body }) => {
      const { message, delivered } = await handoff.sendToAdmin(params.number!, agent, body.text);
      return { status: 201, body: { message: messageView(message), delivered } };
    }),
  );

  server.post(
    '/api/tickets/:number/claim',
    endpoint({}, async ({ agent, params }) => actionReply(await handoff.claim(params.number!, agent))),
  );
  server.post(
    '/api/tickets/:number/takeover',
    endpoint({}, async ({ agent, params }) => actionReply(await handoff.takeOver(params.number!, agent))),
  );
  server.post(
    '/api/tickets/:number/release',
    endpoint({}, async ({ agent, params }) => actionReply(await handoff.release(params.number!, agent))),
  );
  server.post(
    '/api/tickets/:number/handback',
    endpoint({}, async ({ agent, params }) => actionReply(await handoff.handBack(params.number!, agent))),
  );
  server.post(
    '/api/tickets/:number/status',
    endpoint({ body: statusBody }, async ({ agent, params, body }) => actionReply(await handoff.setStatus(params.number!, agent, body.status, body.note || undefined))),
  );

  server.post(
    '/api/tickets/:number/notes',
    endpoint({ body: noteBody }, async ({ agent, params, body }) => {
      const note = await tickets.addInternalNote(params.number!, { kind: 'agent', agentId: agent.id }, body.text);
      return { status: 201, body: { entry: historyView(note, await agents.names()) } };
    }),
  );

  server.get(
    '/api/tickets/:number/canned-replies',
    endpoint({}, async ({ agent, params }) => {
      const ticket = await tickets.getTicket(params.number!, { kind: 'agent', agentId: agent.id });
      const [replies, wait] = await Promise.all([
        cannedReplies.list({ language: ticket.language }),
        tickets.expectedWait(ticket, { agentsAvailable: await agents.availableCount(), language: ticket.language }),
      ]);
      const now = new Date();
      // What the admin reads, in the ticket's language; the agent can still edit it in the reply box.
      const values = {
        adminName: ticket.requester.name,
        ticketNumber: ticket.number,
        agentName: agent.name,
        severity: ticket.severity,
        status: statusLabel(ticket.status, ticket.language),
        responseDue: ticket.responseDueAt ? formatTime(ticket.responseDueAt, 'UTC', now, ticket.language) : '',
        expectedWait: wait.minutes !== null ? formatMinutes(wait.minutes, ticket.language) : wait.text,
      };
      return { body: { replies: replies.map((r) => ({ id: r.id, title: r.title, language: r.language, text: fillPlaceholders(r.body, values) })) } };
    }),
  );

  const replyId = (raw: string | undefined) => {
    if (!raw || !/^\d{1,15}$/.test(raw)) throw new ApiError(404, `No canned reply with id ${raw ?? ''}.`);
    return Number(raw);
  };
  const noDuplicate = async <T>(write: () => Promise<T>): Promise<T> => {
    try {
      return await write();
    } catch (err) {
      if (err instanceof DuplicateTitleError) throw new ApiError(409, err.message);
      throw err;
    }
  };

  server.get(
    '/api/canned-replies',
    endpoint({ query: cannedRepliesQuery }, async ({ query }) => {
      const [replies, names] = await Promise.all([cannedReplies.list({ language: query.language }), agents.names()]);
      return { body: { replies: replies.map((r) => cannedReplyView(r, names)) } };
    }),
  );
  server.post(
    '/api/canned-replies',
    endpoint({ body: cannedReplyBody }, async ({ agent, body }) => {
      const reply = await noDuplicate(() => cannedReplies.create(body, agent.id));
      return { status: 201, body: { reply: cannedReplyView(reply, await agents.names()) } };
    }),
  );
  server.patch(
    '/api/canned-replies/:id',
    endpoint({ body: cannedReplyPatchBody }, async ({ agent, params, body }) => {
      const id = replyId(params.id);
      const reply = await noDuplicate(() => cannedReplies.update(id, body, agent.id));
      if (!reply) throw new ApiError(404, `No canned reply with id ${id}.`);
      return { body: { reply: cannedReplyView(reply, await agents.names()) } };
    }),
  );
  server.del(
    '/api/canned-replies/:id',
    endpoint({}, async ({ params }) => {
      const id = replyId(params.id);
      const reply = await cannedReplies.get(id);
      if (!reply || !(await cannedReplies.remove(id))) throw new ApiError(404, `No canned reply with id ${id}.`);
      // The reply as it was, so a console can offer to put it back.
      return { body: { reply: cannedReplyView(reply, await agents.names()) } };
    }),
  );

  const incidentChanged = (id: string) => events.publish({ type: 'incident', id }).catch((err) => log.warn({ err }, 'could not publish an incident event'));
  const found = <T>(value: T | undefined, id: string): T => {
    if (value === undefined) throw new ApiError(404, `No incident with id ${id}.`);
    return value;
  };

  server.get(
    '/api/incidents',
    endpoint({ query: incidentsQuery }, async ({ query }) => ({ body: { incidents: (await incidents.list({ status: query.status })).map(incidentView) } })),
  );
  server.get(
    '/api/incidents/:id',
    endpoint({}, async ({ params }) => ({ body: { incident: incidentView(found(await incidents.get(params.id!), params.id!)) } })),
  );
  server.post(
    '/api/incidents',
    endpoint({ body: incidentCreateBody }, async ({ body }) => {
      if (body.id && (await incidents.get(body.id))) throw new ApiError(409, `An incident with id ${body.id} already exists.`);
      const incident = await incidents.create(body);
      await incidentChanged(incident.id);
      return { status: 201, body: { incident: incidentView(incident) } };
    }),
  );
  server.patch(
    '/api/incidents/:id',
    endpoint({ body: incidentPatchBody }, async ({ params, body }) => {
      const incident = found(await incidents.update(params.id!, body), params.id!);
      await incidentChanged(incident.id);
      return { body: { incident: incidentView(incident) } };
    }),
  );
  server.post(
    '/api/incidents/:id/resolve',
    endpoint({}, async ({ params }) => {
      const incident = found(await incidents.resolve(params.id!), params.id!);
      await incidentChanged(incident.id);
      return { body: { incident: incidentView(incident) } };
    }),
  );

  mountAttachmentRoutes(server, { endpoint, attachments: deps.attachments, tickets, agents, handoff, events, relay: deps.relay, log });
  mountWebhookRoutes(server, { endpoint, webhooks: deps.webhooks });
  mountCallbackRoutes(server, { endpoint, tickets });
  mountInsightsRoutes(server, { endpoint, agents, insights: deps.insights });

  server.get(
    '/api/tickets/:number/notifications',
    endpoint({}, async ({ params, agent }) => {
      const ticket = await tickets.getTicket(params.number!, { kind: 'agent', agentId: agent.id });
      const list = (await deps.notifications?.list(ticket.number)) ?? [];
      return {
        body: {
          notifications: list.map((n) => ({ ...n, occurredAt: n.occurredAt.toISOString(), sentAt: n.sentAt?.toISOString() ?? null })),
          mailServer: deps.notifications?.mailServer ?? false,
        },
      };
    }),
  );
  const streams: EventStreams = mountEventStream(server, { agents, events, store: handoff.store, log, rateLimit });
  return { close: () => streams.close() };
}
