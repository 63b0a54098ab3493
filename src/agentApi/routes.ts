import type { Server } from 'restify';
import type { AgentStore } from '../agents/index.js';
import type { EventBus, HandoffService, TranscriptStore } from '../handoff/index.js';
import type { Logger } from '../logger.js';
import type { IncidentService } from '../serviceHealth/index.js';
import type { Ticket, TicketService } from '../tickets/index.js';
import { ApiError, makeEndpoint } from './endpoint.js';
import { mountEventStream, type EventStreams } from './eventStream.js';
import type { AgentRateLimit } from './rateLimit.js';
import { incidentCreateBody, incidentPatchBody, incidentsQuery, messageBody, messagesQuery, queueQuery, statusBody } from './schemas.js';
import { agentView, type handoffView, historyView, incidentView, messageView, ticketView, transcriptView } from './views.js';

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
}

export interface AgentApi {
  /** Ends open event streams (before the server closes). */
  close(): void;
}

const conversationIdOf = (t: Ticket) => (t.conversationReference as { conversation?: { id?: unknown } } | null)?.conversation?.id;

export function mountAgentApi(server: Server, deps: AgentApiDeps): AgentApi {
  const { agents, tickets, incidents, handoff, transcripts, events, log, rateLimit } = deps;
  const endpoint = makeEndpoint(agents, log, rateLimit);
  const actionReply = async (r: { ticket: Ticket; handoff: Parameters<typeof handoffView>[0]; adminNotified: boolean }) => {
    const names = await agents.names();
    return { body: { ticket: ticketView(r.ticket, names, r.handoff), adminNotified: r.adminNotified } };
  };

  server.get(
    '/api/agents/me',
    endpoint({}, async ({ agent }) => ({ body: { agent: { id: agent.id, name: agent.name } } })),
  );

  server.get(
    '/api/agents',
    endpoint({}, async () => ({ body: { agents: (await agents.list()).map(agentView) } })),
  );

  server.get(
    '/api/tickets',
    endpoint({ query: queueQuery }, async ({ query }) => {
      const queue = await tickets.queue({ unassignedOnly: query.unassigned === 'true', limit: query.limit });
      const [names, live, online, available] = await Promise.all([
        agents.names(),
        handoff.store.liveByTicket(queue.map((t) => t.number)),
        agents.onlineCount(),
        agents.availableCount(),
      ]);
      return { body: { tickets: queue.map((t) => ticketView(t, names, live.get(t.number) ?? null)), agentsOnline: online, agentsAvailable: available } };
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
      return {
        body: {
          ticket: ticketView(ticket, names, live ?? null),
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

  const streams: EventStreams = mountEventStream(server, { agents, events, store: handoff.store, log, rateLimit });
  return { close: () => streams.close() };
}
