import type { Server } from 'restify';
import { timeZoneDisplayName } from '../i18n/index.js';
import { type AgentActor, type CallOutcome, type Ticket, type TicketService } from '../tickets/index.js';
import type { makeEndpoint } from './endpoint.js';
import { callBody } from './callbackSchemas.js';

/**
 * Call-backs for agents:
 *   GET  /api/callbacks               open requests waiting for a call: the admin prefers the phone, or
 *                                     nobody was online; the number, the admin's time now and zone, the
 *                                     hours that suit them, the calls so far
 *   POST /api/tickets/:number/calls   a call and its outcome; `reached` completes the call-back
 */

export interface CallbackRouteDeps {
  endpoint: ReturnType<typeof makeEndpoint>;
  tickets: TicketService;
  /** Asks the history for a ticket's calls (the ticket service's history, as the agent). */
  now?: () => Date;
}

function localTime(zone: string | null, now: Date): string | null {
  if (!zone) return null;
  try {
    return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: zone }).format(now);
  } catch {
    return null;
  }
}

export function mountCallbackRoutes(server: Server, { endpoint, tickets, now = () => new Date() }: CallbackRouteDeps): void {
  const item = async (t: Ticket, actor: AgentActor) => {
    const calls = (await tickets.history(t.number, actor)).filter((e) => e.kind === 'call_attempt');
    const last = calls.at(-1) as { data: { outcome: CallOutcome; note?: string }; actor: AgentActor; at: Date } | undefined;
    return {
      number: t.number,
      severity: t.severity,
      status: t.status,
      description: t.description,
      reason: t.contactMethod === 'phone' ? ('phone_preferred' as const) : ('nobody_online' as const),
      requester: { name: t.requester.name, email: t.requester.email, phone: t.requester.phone },
      language: t.language,
      timeZone: t.requesterTimeZone,
      timeZoneName: t.requesterTimeZone ? timeZoneDisplayName(t.requesterTimeZone, 'en') : null,
      localTime: localTime(t.requesterTimeZone, now()),
      callbackHours: t.callbackHours,
      createdAt: t.createdAt.toISOString(),
      responseDueAt: t.responseDueAt?.toISOString() ?? null,
      lastCall: last ? { outcome: last.data.outcome, note: last.data.note ?? null, agentId: last.actor.agentId, at: new Date(last.at).toISOString() } : null,
      calls: calls.length,
    };
  };

  server.get(
    '/api/callbacks',
    endpoint({}, async ({ agent }) => {
      const actor: AgentActor = { kind: 'agent', agentId: agent.id };
      const due = await tickets.callbacksDue({ limit: 100 });
      return { body: { callbacks: await Promise.all(due.map((t) => item(t, actor))) } };
    }),
  );

  server.post(
    '/api/tickets/:number/calls',
    endpoint({ body: callBody }, async ({ params, body, agent }) => {
      const actor: AgentActor = { kind: 'agent', agentId: agent.id };
      const ticket = await tickets.recordCall(params.number!, actor, { outcome: body.outcome, note: body.note });
      return { body: { callback: await item(ticket, actor), done: ticket.callbackDoneAt !== null } };
    }),
  );
}
