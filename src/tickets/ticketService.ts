import { translate } from '../i18n/index.js';
import type { Db, Queryable } from '../storage/index.js';
import { expectedWait, type ExpectedWait, type ExpectedWaitOptions } from './expectedWait.js';
import { assertAcceptsInformation, assertTransition, isOpen, type MessageContext, reopenTarget, REOPEN_WINDOW_DAYS, statusLabel } from './statusRules.js';
import { isLinkedRequester, requesterCondition } from './ticketAccess.js';
import { TicketError } from './ticketError.js';
import { agentIdSchema, dedupeKeySchema, messageSchema, newTicketSchema, type NewTicketInput, noteSchema, parseOrThrow } from './ticketInput.js';
import { parseTicketNumber, TICKET_NUMBER_PREFIX } from './ticketNumber.js';
import { insertEvent, rowToEvent, rowToTicket, selectTicketRow, type EventRow, type TicketRow } from './ticketRows.js';
import { recordTicketChanges, recordTicketCreated } from './ticketOutbox.js';
import { searchTickets, type TicketSearch, type TicketSearchPage } from './ticketSearch.js';
import { callOutcomes, type Actor, type AgentActor, type CallOutcome, type ResponseDue, type Ticket, type TicketEvent, type TicketStatus } from './ticketTypes.js';
import { z } from 'zod';

/**
 * Service requests on the project's database: creation (idempotent per submission), lookups that only
 * the requester or an agent may make, and the lifecycle with its history. Every change and its event
 * are written in one transaction, so a ticket whose number the user has been told is always committed,
 * and the history never misses a step.
 */

export interface TicketServiceDeps {
  db: Db;
  /** Due time of the first response under the response-time objective (src/support/responseTimes.ts). */
  responseDue: ResponseDue;
  now?: () => Date;
  /** IANA time zone for dates in messages. Default UTC. */
  timeZone?: string;
}

export interface CreateResult {
  ticket: Ticket;
  /** False when the submission had been received before and the existing ticket is returned. */
  created: boolean;
}

export interface RequesterTickets {
  /** New, in progress or waiting on the customer; newest first. */
  open: Ticket[];
  /** Resolved or closed within the reopen window (14 days); most recently ended first. */
  recentlyClosed: Ticket[];
}

export interface TicketService {
  createTicket(input: NewTicketInput, opts: { dedupeKey: string }): Promise<CreateResult>;
  getTicket(number: string, actor: Actor): Promise<Ticket>;
  history(number: string, actor: Actor): Promise<TicketEvent[]>;
  listForRequester(requesterId: string, opts?: { now?: Date }): Promise<RequesterTickets>;
  addInformation(number: string, actor: Actor, text: string): Promise<Ticket>;
  /** Agents only. `agentId` defaults to the acting agent; null puts the ticket back in the queue. */
  assign(number: string, actor: AgentActor, agentId?: string | null): Promise<Ticket>;
  /**
   * Agents only: the acting agent takes an open ticket over from `fromAgentId`, who holds it; recorded
   * as an `assigned` event with `takeOver: true` (who, from whom, when). Refused (illegal_transition)
   * when the ticket is no longer held by `fromAgentId`, so of two agents taking over at once one wins.
   */
  takeOver(number: string, actor: AgentActor, fromAgentId: string | null): Promise<Ticket>;
  /**
   * Agents may make any legal move; requesters may only resolve or close their own ticket. With
   * `ownerOnly`, an agent may not change an open ticket another agent has claimed (checked in the same
   * transaction as the change).
   */
  setStatus(number: string, actor: Actor, to: TicketStatus, opts?: { note?: string; ownerOnly?: boolean }): Promise<Ticket>;
  resolve(number: string, actor: Actor, opts?: { note?: string }): Promise<Ticket>;
  close(number: string, actor: Actor, opts?: { note?: string }): Promise<Ticket>;
  reopen(number: string, actor: Actor, opts?: { reason?: string }): Promise<Ticket>;
  /** Open tickets for agents, by severity (A first), then response due time (none last), then age. */
  queue(opts?: { unassignedOnly?: boolean; limit?: number }): Promise<Ticket[]>;
  /** Agents' search over every ticket, open and ended, newest first, a page at a time (ticketSearch.ts). */
  search(search: TicketSearch): Promise<TicketSearchPage>;
  /** Agents only: a note for other agents in the ticket's history; requesters never see it. */
  addInternalNote(number: string, actor: AgentActor, text: string): Promise<TicketEvent>;
  /**
   * Agents only: a call to the admin and its outcome, in the history (agents only). A call that reached
   * them completes the call-back and, if none came before, is the first response.
   */
  recordCall(number: string, actor: AgentActor, call: { outcome: CallOutcome; note?: string }): Promise<Ticket>;
  /** Open tickets waiting for an agent's call (phone preferred, or nobody was online), most severe and oldest first. */
  callbacksDue(opts?: { limit?: number }): Promise<Ticket[]>;
  /** Agents only: an agent responded to the admin (wrote in the chat); the first one meets the response objective. */
  recordResponse(number: string, actor: AgentActor): Promise<void>;
  /**
   * Calls `listener` with the ticket's number after every committed change made through this service
   * (filed, assigned, status, reopened, information, notes), whoever made it: the admin in the
   * conversation or an agent. Returns the function that unsubscribes.
   */
  onChange(listener: (number: string) => void): () => void;
  expectedWait(ticket: Ticket | string, opts: ExpectedWaitOptions): Promise<ExpectedWait>;
}

const OPEN = '(\'new\', \'in_progress\', \'waiting_on_customer\')';
const REOPEN_WINDOW_MS = REOPEN_WINDOW_DAYS * 24 * 60 * 60 * 1000;

/** Columns a lifecycle step may change. */
type Patch = Partial<Record<'status' | 'assigned_agent_id' | 'resolved_at' | 'closed_at' | 'reopen_count' | 'resolution_note' | 'first_response_at' | 'callback_done_at', unknown>>;

interface Step {
  patch: Patch;
  events: Array<{ kind: TicketEvent['kind']; data: Record<string, unknown> }>;
}

export function createTicketService(deps: TicketServiceDeps): TicketService {
  const { db, responseDue } = deps;
  const clock = deps.now ?? (() => new Date());
  const timeZone = deps.timeZone ?? 'UTC';
  const listeners = new Set<(number: string) => void>();
  /** After the commit: a listener's failure is its own and never undoes or fails the change. */
  const changed = (number: string) => {
    for (const listener of listeners) {
      try {
        listener(number);
      } catch {
        // Listeners publish events; losing one only delays a console's refresh to its next poll.
      }
    }
  };

  function canonical(number: string): string {
    const n = parseTicketNumber(number);
    if (!n) {
      const text = number.trim();
      throw new TicketError('invalid_input', (language, locale) =>
        translate(language, 'ticket.error.notANumber', { text, example: `${TICKET_NUMBER_PREFIX}1000042` }, locale),
      );
    }
    return n;
  }

  const notFound = (number: string) => new TicketError('not_found', (language, locale) => translate(language, 'ticket.error.notFound', { number }, locale));

  /** The ticket if the actor may see it; someone else's ticket is reported exactly like a missing one. */
  async function visibleRow(q: Queryable, number: string, actor: Actor, forUpdate: boolean): Promise<TicketRow> {
    const row = await selectTicketRow(q, number, forUpdate);
    if (!row) throw notFound(number);
    // A requester sees the tickets they filed and those they proved are theirs (ticketAccess.ts).
    if (actor.kind === 'requester' && row.requester_id !== actor.requesterId && !(await isLinkedRequester(q, row.id, actor.requesterId))) throw notFound(number);
    return row;
  }

  /** Loads, checks and changes one ticket and records its events, all in one transaction. */
  async function change(rawNumber: string, actor: Actor, decide: (t: Ticket, ctx: MessageContext) => Step): Promise<Ticket> {
    const number = canonical(rawNumber);
    const ticket = await db.transaction(async (tx) => {
      const row = await visibleRow(tx, number, actor, true);
      const now = clock();
      const step = decide(rowToTicket(row), { now, timeZone });
      const cols = Object.keys(step.patch);
      const sets = cols.map((c, i) => `${c} = $${i + 3}`);
      const { rows } = await tx.query<TicketRow>(
        `UPDATE tickets SET ${['updated_at = $2', ...sets].join(', ')} WHERE id = $1 RETURNING *`,
        [row.id, now, ...cols.map((c) => step.patch[c as keyof Patch])],
      );
      for (const e of step.events) await insertEvent(tx, row.id, now, actor, e.kind, e.data);
      const changed = rowToTicket(rows[0]!);
      await recordTicketChanges(tx, changed, actor, now, step.events);
      return changed;
    });
    changed(ticket.number);
    return ticket;
  }

  function statusStep(t: Ticket, actor: Actor, to: TicketStatus, note: string | undefined, ctx: MessageContext, ownerOnly: boolean): Step {
    if (actor.kind === 'requester' && to !== 'resolved' && to !== 'closed') {
      throw new TicketError('forbidden', (language, locale) =>
        translate(language, 'ticket.error.onlyAgentCanMark', { number: t.number, status: statusLabel(to, language) }, locale),
      );
    }
    if (ownerOnly && actor.kind === 'agent' && isOpen(t.status) && t.assignedAgentId && t.assignedAgentId !== actor.agentId) {
      throw new TicketError('illegal_transition', `${t.number} is claimed by another agent (${t.assignedAgentId}); take it over to change its status.`);
    }
    assertTransition(t, to, ctx);
    const patch: Patch = { status: to };
    if (to === 'resolved') patch.resolved_at = ctx.now;
    if (to === 'closed') patch.closed_at = ctx.now;
    // The resolution note the admin is shown; closing a resolved request without a new note keeps the old one.
    if ((to === 'resolved' || to === 'closed') && note) patch.resolution_note = note;
    // An agent's status change is told to the admin: a response under the objective.
    if (actor.kind === 'agent' && !t.firstResponseAt) patch.first_response_at = ctx.now;
    return { patch, events: [{ kind: 'status_changed', data: { from: t.status, to, ...(note ? { note } : {}) } }] };
  }

  const service: TicketService = {
    async createTicket(rawInput, opts) {
      const input = parseOrThrow(newTicketSchema, rawInput, 'service request');
      const dedupeKey = parseOrThrow(dedupeKeySchema, opts?.dedupeKey, 'submission key');
      const createdAt = clock();
      const due = responseDue({
        cloud: input.cloud,
        planId: input.planId ?? undefined,
        family: input.planFamily ?? undefined,
        elevated: input.elevated,
        severity: input.severity,
        category: input.category,
        hasAdvancedAgreement: input.hasAdvancedAgreement,
        createdAt,
      });
      const result = await db.transaction(async (tx): Promise<CreateResult> => {
        // The unique dedupe key settles races between retried deliveries: a concurrent duplicate waits
        // for the first insert to commit, then inserts nothing and reads the winner's row.
        const inserted = await tx.query<TicketRow>(
          `INSERT INTO tickets (
             number, dedupe_key, requester_id, requester_name, requester_email, requester_phone, contact_method,
             cloud, plan_id, plan_family, elevated, category, topic, product, severity, severity_reason, description,
             articles_tried, callback_requested, channel_id, conversation_reference, created_at, updated_at, response_due_at,
             advanced_agreement, language, requester_time_zone, callback_hours)
           VALUES ($1::text || nextval('ticket_number_seq'), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
             $18::jsonb, $19, $20, $21::jsonb, $22, $22, $23, $24, $25, $26, $27)
           ON CONFLICT (dedupe_key) DO NOTHING
           RETURNING *`,
          [
            TICKET_NUMBER_PREFIX,
            dedupeKey,
            input.requester.id,
            input.requester.name,
            input.requester.email,
            input.requester.phone ?? null,
            input.contactMethod,
            input.cloud,
            input.planId ?? null,
            input.planFamily ?? null,
            input.elevated,
            input.category,
            input.topic ?? null,
            input.product ?? null,
            input.severity,
            input.severityReason,
            input.description,
            JSON.stringify(input.articlesTried),
            input.callbackRequested,
            input.channelId ?? null,
            input.conversationReference ? JSON.stringify(input.conversationReference) : null,
            createdAt,
            due,
            input.hasAdvancedAgreement,
            input.language,
            input.requesterTimeZone ?? null,
            input.callbackHours ?? null,
          ],
        );
        const row = inserted.rows[0];
        if (row) {
          await insertEvent(tx, row.id, createdAt, { kind: 'requester', requesterId: input.requester.id }, 'created', {
            severity: input.severity,
            responseDueAt: due ? due.toISOString() : null,
          });
          const ticket = rowToTicket(row);
          await recordTicketCreated(tx, ticket, { kind: 'requester', requesterId: input.requester.id });
          return { ticket, created: true };
        }
        const existing = (await tx.query<TicketRow>('SELECT * FROM tickets WHERE dedupe_key = $1', [dedupeKey])).rows[0];
        if (!existing) throw new Error('ticket insert skipped for a dedupe key that has no ticket');
        // A key reused by someone else must not hand them another person's ticket.
        if (existing.requester_id !== input.requester.id) {
          throw new TicketError('invalid_input', 'This submission key already belongs to another request; submit again with a new key.');
        }
        return { ticket: rowToTicket(existing), created: false };
      });
      if (result.created) changed(result.ticket.number);
      return result;
    },

    async getTicket(rawNumber, actor) {
      return rowToTicket(await visibleRow(db, canonical(rawNumber), actor, false));
    },

    async history(rawNumber, actor) {
      const row = await visibleRow(db, canonical(rawNumber), actor, false);
      // Internal notes are for agents only: a requester's history never carries them.
      const { rows } = await db.query<EventRow>(
        `SELECT id, at, kind, actor, data FROM ticket_events WHERE ticket_id = $1${actor.kind === 'agent' ? '' : " AND kind NOT IN ('internal_note', 'call_attempt')"} ORDER BY id`,
        [row.id],
      );
      return rows.map(rowToEvent);
    },

    async listForRequester(requesterId, opts) {
      const since = new Date((opts?.now ?? clock()).getTime() - REOPEN_WINDOW_MS);
      const { rows } = await db.query<TicketRow>(
        `SELECT * FROM tickets
          WHERE ${requesterCondition('tickets', 1)}
            AND (status IN ${OPEN}
                 OR (status = 'closed' AND closed_at >= $2)
                 OR (status = 'resolved' AND resolved_at >= $2))
          ORDER BY coalesce(closed_at, resolved_at, created_at) DESC, id DESC`,
        [requesterId, since],
      );
      const tickets = rows.map(rowToTicket);
      return { open: tickets.filter((t) => isOpen(t.status)), recentlyClosed: tickets.filter((t) => !isOpen(t.status)) };
    },

    async addInformation(number, actor, rawText) {
      const text = parseOrThrow(messageSchema, rawText, 'message');
      return change(number, actor, (t, ctx) => {
        assertAcceptsInformation(t, ctx);
        const step: Step = { patch: {}, events: [{ kind: 'message', data: { text } }] };
        // The requester answering is what the agent was waiting for.
        if (actor.kind === 'requester' && t.status === 'waiting_on_customer') {
          step.patch.status = 'in_progress';
          step.events.push({ kind: 'status_changed', data: { from: t.status, to: 'in_progress', note: 'the requester added information' } });
        }
        return step;
      });
    },

    async assign(number, actor, rawAgentId) {
      if ((actor as Actor).kind !== 'agent') {
        throw new TicketError('forbidden', 'Only a support agent can assign a request.');
      }
      const agentId = rawAgentId === null ? null : parseOrThrow(agentIdSchema, rawAgentId ?? actor.agentId, 'agent id');
      return change(number, actor, (t) => {
        if (!isOpen(t.status)) {
          throw new TicketError('illegal_transition', `${t.number} is ${statusLabel(t.status)}, so it can't be assigned; reopen it first.`);
        }
        if (t.assignedAgentId === agentId) {
          throw new TicketError('illegal_transition', agentId ? `${t.number} is already assigned to ${agentId}.` : `${t.number} is not assigned to anyone.`);
        }
        const step: Step = {
          patch: { assigned_agent_id: agentId },
          events: [{ kind: 'assigned', data: { agentId, previousAgentId: t.assignedAgentId } }],
        };
        // Claiming a new ticket is starting work on it.
        if (agentId && t.status === 'new') {
          step.patch.status = 'in_progress';
          step.events.push({ kind: 'status_changed', data: { from: 'new', to: 'in_progress' } });
        }
        return step;
      });
    },

    async takeOver(number, actor, fromAgentId) {
      if ((actor as Actor).kind !== 'agent') {
        throw new TicketError('forbidden', 'Only a support agent can take over a request.');
      }
      return change(number, actor, (t) => {
        if (!isOpen(t.status)) {
          throw new TicketError('illegal_transition', `${t.number} is ${statusLabel(t.status)}, so it can't be taken over; reopen it first.`);
        }
        if (t.assignedAgentId !== fromAgentId || fromAgentId === actor.agentId) {
          throw new TicketError('illegal_transition', `${t.number} changed hands meanwhile; look at it again before taking it over.`);
        }
        const step: Step = {
          patch: { assigned_agent_id: actor.agentId },
          events: [{ kind: 'assigned', data: { agentId: actor.agentId, previousAgentId: fromAgentId, takeOver: true } }],
        };
        if (t.status === 'new') {
          step.patch.status = 'in_progress';
          step.events.push({ kind: 'status_changed', data: { from: 'new', to: 'in_progress' } });
        }
        return step;
      });
    },

    async setStatus(number, actor, to, opts) {
      const note = parseOrThrow(noteSchema, opts?.note, 'note') ?? undefined;
      return change(number, actor, (t, ctx) => statusStep(t, actor, to, note, ctx, opts?.ownerOnly ?? false));
    },

    async resolve(number, actor, opts) {
      return service.setStatus(number, actor, 'resolved', opts);
    },

    async close(number, actor, opts) {
      return service.setStatus(number, actor, 'closed', opts);
    },

    async reopen(number, actor, opts) {
      const reason = parseOrThrow(noteSchema, opts?.reason, 'reason') ?? undefined;
      return change(number, actor, (t, ctx) => {
        const to = reopenTarget(t, ctx);
        return {
          patch: { status: to, resolved_at: null, closed_at: null, reopen_count: t.reopenCount + 1, resolution_note: null, callback_done_at: null },
          events: [{ kind: 'reopened', data: { from: t.status, to, ...(reason ? { reason } : {}) } }],
        };
      });
    },

    async queue(opts) {
      const limit = Math.max(1, Math.min(opts?.limit ?? 200, 1000));
      const { rows } = await db.query<TicketRow>(
        `SELECT * FROM tickets
          WHERE status IN ${OPEN} ${opts?.unassignedOnly ? 'AND assigned_agent_id IS NULL' : ''}
          ORDER BY severity, response_due_at ASC NULLS LAST, created_at, id
          LIMIT $1`,
        [limit],
      );
      return rows.map(rowToTicket);
    },

    search: (search) => searchTickets(db, search),

    async addInternalNote(number, actor, rawText) {
      if ((actor as Actor).kind !== 'agent') throw new TicketError('forbidden', 'Only a support agent can write an internal note.');
      const text = parseOrThrow(messageSchema, rawText, 'note');
      const ticketNumber = canonical(number);
      // Not a change of the ticket: its updated_at stays, so nothing the admin sees moves ("last update").
      const note = await db.transaction(async (tx) => {
        const row = await visibleRow(tx, ticketNumber, actor, true);
        return insertEvent(tx, row.id, clock(), actor, 'internal_note', { text });
      });
      changed(ticketNumber);
      return note;
    },

    async recordCall(number, actor, call) {
      if ((actor as Actor).kind !== 'agent') throw new TicketError('forbidden', 'Only a support agent records a call.');
      const outcome = parseOrThrow(z.enum(callOutcomes), call.outcome, 'call outcome');
      const note = parseOrThrow(noteSchema, call.note, 'note') ?? undefined;
      return change(number, actor, (t, ctx) => {
        if (!isOpen(t.status)) throw new TicketError('illegal_transition', `${t.number} is ${statusLabel(t.status)}; reopen it before recording a call.`);
        const patch: Patch = {};
        if (outcome === 'reached') {
          patch.callback_done_at = ctx.now;
          if (!t.firstResponseAt) patch.first_response_at = ctx.now;
        }
        return { patch, events: [{ kind: 'call_attempt', data: { outcome, ...(note ? { note } : {}) } }] };
      });
    },

    async callbacksDue(opts) {
      const limit = Math.max(1, Math.min(opts?.limit ?? 100, 500));
      const { rows } = await db.query<TicketRow>(
        `SELECT * FROM tickets
          WHERE status IN ${OPEN} AND callback_done_at IS NULL AND (contact_method = 'phone' OR callback_requested)
          ORDER BY severity, created_at, id LIMIT $1`,
        [limit],
      );
      return rows.map(rowToTicket);
    },

    async recordResponse(rawNumber, actor) {
      if ((actor as Actor).kind !== 'agent') throw new TicketError('forbidden', 'Only a support agent responds to a request.');
      const number = canonical(rawNumber);
      const { rowCount } = await db.query('UPDATE tickets SET first_response_at = $2 WHERE number = $1 AND first_response_at IS NULL', [number, clock()]);
      if (actor.kind === 'agent' && rowCount) changed(number);
    },

    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async expectedWait(ticket, opts) {
      return expectedWait(db, ticket, { timeZone, ...opts, now: opts.now ?? clock() });
    },
  };
  return service;
}
