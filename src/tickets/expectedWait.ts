import { translate, type Language } from '../i18n/index.js';
import type { Queryable } from '../storage/index.js';
import { formatMinutes, formatTime } from './dateText.js';
import { statusLabel } from './statusRules.js';
import { TicketError } from './ticketError.js';
import { parseTicketNumber } from './ticketNumber.js';
import { rowToTicket, selectTicketRow } from './ticketRows.js';
import type { Ticket } from './ticketTypes.js';

/**
 * How long until an agent contacts the requester: an honest guess from the queue, with the
 * response-time objective as the promise it must not contradict.
 *
 * The model: free agents take waiting tickets in queue order (severity, then response due time, then
 * age). With `position` tickets ahead and `agents` free, the ticket is picked up after
 * floor(position / agents) rounds of one average handling time, plus a pickup delay for reading it.
 *
 * Decisions:
 * - When the queue guess is later than the response due time, the due time wins and the text says both:
 *   agents work the queue by due time, and the objective was just promised to the requester, so the
 *   estimate must not contradict it. Once the due time has passed, only the queue guess is left.
 * - With no agent free, there is nothing to estimate from, so the objective is the answer (time left
 *   until the due time), or no figure at all when the plan makes no commitment.
 */

/** Minutes an agent spends on a request before taking the next one. A planning figure; tune it. */
export const AVERAGE_HANDLING_MINUTES = 30;
/** Minutes a free agent needs to pick up a request and read it before calling. */
export const PICKUP_MINUTES = 5;

export interface ExpectedWait {
  /** Minutes until contact, or null when no figure can be given. */
  minutes: number | null;
  /** Tickets waiting for an agent ahead of this one (0 when it is next, or not waiting). */
  position: number;
  /** One or two sentences for the requester explaining the figure. */
  text: string;
  /** What the figure rests on. */
  basis: 'queue' | 'objective' | 'assigned' | 'not_waiting' | 'no_commitment';
}

export interface EstimateInput {
  ticket: Pick<Ticket, 'number' | 'status' | 'assignedAgentId' | 'responseDueAt'>;
  position: number;
  agentsAvailable: number;
  now: Date;
  timeZone?: string;
  averageHandlingMinutes?: number;
  pickupMinutes?: number;
  /** The language of `text` (default English) and the channel's locale for its dates. */
  language?: Language;
  locale?: string;
}

/** The estimate itself, from a queue position already counted. Pure. */
export function estimateWait(input: EstimateInput): ExpectedWait {
  const { ticket, now } = input;
  const tz = input.timeZone ?? 'UTC';
  const handling = input.averageHandlingMinutes ?? AVERAGE_HANDLING_MINUTES;
  const pickup = input.pickupMinutes ?? PICKUP_MINUTES;
  const agents = Math.max(0, Math.floor(input.agentsAvailable));
  const position = Math.max(0, input.position);
  const language = input.language ?? 'en';
  const { locale } = input;
  const say = (key: Parameters<typeof translate>[1], values?: Parameters<typeof translate>[2]) => translate(language, key, values, locale);
  const duration = (minutes: number) => formatMinutes(minutes, language, locale);

  if (ticket.status === 'resolved' || ticket.status === 'closed') {
    return { minutes: null, position: 0, basis: 'not_waiting', text: say('ticket.wait.notWaiting', { number: ticket.number, status: statusLabel(ticket.status, language) }) };
  }
  if (ticket.status === 'waiting_on_customer') {
    return { minutes: null, position: 0, basis: 'not_waiting', text: say('ticket.wait.waitingOnCustomer', { number: ticket.number }) };
  }
  if (ticket.assignedAgentId) {
    return { minutes: 0, position: 0, basis: 'assigned', text: say('ticket.wait.assigned', { number: ticket.number }) };
  }

  const due = ticket.responseDueAt;
  const untilDue = due ? Math.ceil((due.getTime() - now.getTime()) / 60_000) : null;
  const dueText = due ? say('ticket.wait.firstResponseBy', { time: formatTime(due, tz, now, language, locale) }) : '';
  const ahead = say('ticket.wait.ahead', { count: position });

  if (agents === 0) {
    if (untilDue === null) {
      return { minutes: null, position, basis: 'no_commitment', text: say('ticket.wait.noAgent.noCommitment', { ahead }) };
    }
    if (untilDue <= 0) {
      return { minutes: null, position, basis: 'objective', text: say('ticket.wait.noAgent.overdue', { ahead }) };
    }
    return { minutes: untilDue, position, basis: 'objective', text: say('ticket.wait.noAgent.objective', { due: dueText, duration: duration(untilDue), ahead }) };
  }

  const queueMinutes = minutesInQueue(position, agents, handling, pickup);
  const basis = say('ticket.wait.basis', { ahead, agents, handling });
  if (untilDue !== null && untilDue > 0 && queueMinutes > untilDue) {
    return {
      minutes: untilDue,
      position,
      basis: 'objective',
      text: say('ticket.wait.queueLaterThanObjective', { basis, queue: duration(queueMinutes), due: dueText, untilDue: duration(untilDue) }),
    };
  }
  const objective = untilDue === null ? 'none' : untilDue <= 0 ? 'passed' : 'due';
  return { minutes: queueMinutes, position, basis: 'queue', text: say('ticket.wait.queue', { basis, queue: duration(queueMinutes), objective, due: dueText }) };
}

/** Open, not waiting on the customer, unassigned: a ticket in the agents' queue (SQL on `tickets`). */
const WAITING_FOR_AN_AGENT = "status IN ('new', 'in_progress') AND assigned_agent_id IS NULL";

/**
 * The queue model's figure: with `agents` working the queue, the request `position` places back is
 * picked up after floor(position / agents) rounds of one handling time, plus the time to read it.
 */
export function minutesInQueue(position: number, agents: number, handling = AVERAGE_HANDLING_MINUTES, pickup = PICKUP_MINUTES): number {
  return pickup + Math.floor(Math.max(0, position) / Math.max(1, agents)) * handling;
}

/** How many tickets wait for an agent now (open, not waiting on the customer, unassigned). */
export async function waitingTicketCount(q: Queryable): Promise<number> {
  const { rows } = await q.query<{ n: number | string }>(
    `SELECT count(*) AS n FROM tickets WHERE ${WAITING_FOR_AN_AGENT}`,
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * Tickets waiting for an agent (open, not waiting on the customer, unassigned) ordered before this one
 * in the agents' queue. Uses the same order as the queue itself.
 */
export async function queuePosition(q: Queryable, number: string): Promise<number> {
  const { rows } = await q.query<{ pos: number | string }>(
    `WITH waiting AS (
       SELECT number, row_number() OVER (ORDER BY severity, response_due_at ASC NULLS LAST, created_at, id) - 1 AS pos
         FROM tickets
        WHERE (${WAITING_FOR_AN_AGENT}) OR number = $1
     )
     SELECT pos FROM waiting WHERE number = $1`,
    [number],
  );
  return rows[0] ? Number(rows[0].pos) : 0;
}

export interface ExpectedWaitOptions {
  agentsAvailable: number;
  now?: Date;
  timeZone?: string;
  averageHandlingMinutes?: number;
  pickupMinutes?: number;
  /** The language of the text (default English) and the channel's locale for its dates. */
  language?: Language;
  locale?: string;
}

/** The expected wait for a ticket, given as a ticket or its number. */
export async function expectedWait(q: Queryable, ticket: Ticket | string, opts: ExpectedWaitOptions): Promise<ExpectedWait> {
  let t: Ticket;
  if (typeof ticket === 'string') {
    const number = parseTicketNumber(ticket);
    const row = number ? await selectTicketRow(q, number) : undefined;
    const shown = number ?? ticket.trim();
    if (!row) throw new TicketError('not_found', (language, locale) => translate(language, 'ticket.error.notFound', { number: shown }, locale));
    t = rowToTicket(row);
  } else {
    t = ticket;
  }
  const position = await queuePosition(q, t.number);
  return estimateWait({ ...opts, ticket: t, position, now: opts.now ?? new Date() });
}
