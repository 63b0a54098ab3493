import type { OutboxConsumer, OutboxEvent } from '../outbox/index.js';
import { responseMinutes, responseTimeObjective, type ResponseTimeQuery } from '../support/index.js';
import type { Queryable } from '../storage/index.js';
import type { EventActor, TicketChange, TicketSnapshot } from '../tickets/index.js';
import { addToCaseDays, type CaseDayRow } from './caseDays.js';
import { reportDay } from './reportDay.js';

/**
 * The insights' own picture of requests, built from the transactional outbox (src/outbox/), never by
 * reading the tickets table: for each request the objective it had (plan family, severity, cloud, whether
 * it counts support hours), the first agent response and how long it took on the objective's clock, and
 * each agent's claims and resolutions with their times.
 */

interface TicketEventData {
  ticket: TicketSnapshot;
  actor?: EventActor;
  change?: TicketChange;
}

const date = (iso: string | null) => (iso ? new Date(iso) : null);

function objectiveQuery(t: TicketSnapshot): ResponseTimeQuery {
  return {
    cloud: t.cloud,
    ...(t.planId ? { planId: t.planId } : {}),
    ...(t.planFamily ? { family: t.planFamily } : {}),
    elevated: t.elevated,
    severity: t.severity,
    category: t.category,
    hasAdvancedAgreement: t.hasAdvancedAgreement,
  };
}

/** The minutes to the first response on the objective's clock, once there is one. */
function minutesToRespond(t: TicketSnapshot): number | null {
  const responded = date(t.firstResponseAt);
  return responded ? responseMinutes(objectiveQuery(t), new Date(t.createdAt), responded) : null;
}

async function insertTicket(tx: Queryable, t: TicketSnapshot, zone: string): Promise<void> {
  const objective = responseTimeObjective(objectiveQuery(t));
  const created = new Date(t.createdAt);
  await tx.query(
    `INSERT INTO insight_tickets (number, created_at, report_day, channel_id, language, cloud, category, topic, plan_id, severity, objective_family, availability,
       initial_response, response_due_at, first_response_at, response_minutes, status, resolved_at, closed_at, reopen_count, assigned_agent_id, waiting_since, working_since)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $2)
     ON CONFLICT (number) DO NOTHING`,
    [
      t.number,
      created,
      reportDay(created, zone),
      t.channelId ?? 'unknown',
      t.language,
      t.cloud,
      t.category,
      t.topic ?? 'unknown',
      t.planId,
      t.severity,
      objective.family,
      objective.availability,
      objective.initialResponse,
      date(t.responseDueAt),
      date(t.firstResponseAt),
      minutesToRespond(t),
      t.status,
      date(t.resolvedAt),
      date(t.closedAt),
      t.reopenCount,
      t.assignedAgentId,
      t.assignedAgentId ? null : created,
    ],
  );
}

async function recordWork(tx: Queryable, event: OutboxEvent, kind: 'claim' | 'resolve', number: string, agentId: string, since: Date, zone: string): Promise<void> {
  await tx.query(
    'INSERT INTO insight_agent_work (event_id, kind, ticket_number, agent_id, at, report_day, minutes) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING',
    [event.eventId, kind, number, agentId, event.occurredAt, reportDay(event.occurredAt, zone), Math.max(0, (event.occurredAt.getTime() - since.getTime()) / 60_000)],
  );
}

async function applyChange(tx: Queryable, event: OutboxEvent, data: TicketEventData, zone: string): Promise<void> {
  const t = data.ticket;
  // A request filed before the insights existed: its row starts from what the event says of it.
  await insertTicket(tx, t, zone);
  const row = (
    await tx.query<{ waiting_since: Date | null; working_since: Date; first_response_at: Date | null }>(
      'SELECT waiting_since, working_since, first_response_at FROM insight_tickets WHERE number = $1 FOR UPDATE',
      [t.number],
    )
  ).rows[0]!;
  let waitingSince = row.waiting_since ? new Date(row.waiting_since) : null;
  let workingSince = new Date(row.working_since);
  const change = data.change;
  const at = event.occurredAt;
  if (change?.kind === 'assigned') {
    if (change.agentId && waitingSince) {
      // The first agent to take it after it was filed or reopened: their time to claim.
      await recordWork(tx, event, 'claim', t.number, change.agentId, waitingSince, zone);
      waitingSince = null;
      await handedToPerson(tx, t.number, at);
    } else if (!change.agentId) {
      waitingSince = at;
    }
  } else if (change?.kind === 'status_changed' && change.to === 'resolved' && data.actor?.kind === 'agent') {
    await recordWork(tx, event, 'resolve', t.number, data.actor.id, workingSince, zone);
  } else if (change?.kind === 'reopened') {
    workingSince = at;
    if (!t.assignedAgentId) waitingSince = at;
  }
  await tx.query(
    `UPDATE insight_tickets SET status = $2, severity = $3, first_response_at = $4, response_minutes = $5, resolved_at = $6, closed_at = $7, reopen_count = $8,
       assigned_agent_id = $9, waiting_since = $10, working_since = $11, topic = $12, category = $13
     WHERE number = $1`,
    [
      t.number,
      t.status,
      t.severity,
      date(t.firstResponseAt),
      minutesToRespond(t),
      date(t.resolvedAt),
      date(t.closedAt),
      t.reopenCount,
      t.assignedAgentId,
      waitingSince,
      workingSince,
      t.topic ?? 'unknown',
      t.category,
    ],
  );
}

/** An agent took the request a case escalated to: the case was handed to a person (if it was not already). */
async function handedToPerson(tx: Queryable, number: string, at: Date): Promise<void> {
  const { rows } = await tx.query<CaseDayRow>(
    `UPDATE insight_cases SET outcome = 'handed_to_person', ended_at = $2 WHERE ticket_number = $1 AND outcome = 'escalated'
     RETURNING report_day::text, channel_id, language, cloud, category, topic`,
    [number, at],
  );
  for (const row of rows) await addToCaseDays(tx, row, { escalated: -1, handed_to_person: 1 });
}

/** The outbox consumer that keeps the read model (wired in src/app.ts's outboxConsumers). */
export function insightsConsumer(opts: { timeZone?: string } = {}): OutboxConsumer {
  const zone = opts.timeZone ?? 'UTC';
  return {
    name: 'insights',
    async handle(tx, events) {
      for (const event of events) {
        if (event.type === 'ticket.created') await insertTicket(tx, (event.data as unknown as TicketEventData).ticket, zone);
        else if (event.type === 'ticket.updated' || event.type === 'ticket.closed') await applyChange(tx, event, event.data as unknown as TicketEventData, zone);
      }
    },
  };
}
