import { isOpen } from './statusRules.js';
import type { Ticket } from './ticketTypes.js';

/**
 * Where a request stands against its first-response objective, for the agents' queue and ticket view.
 * The due time is the one stored when the request was filed (src/support/responseTimes.ts computed it,
 * counting working hours where the objective does); the warning comes once 80% of the time from filing to
 * that due time has passed without an agent responding. The console only displays what this returns, so
 * every console and the API agree.
 *
 * Working-hours objectives (21Vianet's business days): the 80% is of the time between filing and the due
 * time, closed hours included, as the stored due time already places the deadline inside working hours.
 */

/** Share of the time to the due time after which the request is flagged. */
export const RESPONSE_WARNING_SHARE = 0.8;

export type ResponseObjectiveState =
  /** No committed response time (or the request ended before its due time without needing one). */
  | 'none'
  /** Open, no response yet, under 80% of the time used. */
  | 'on_track'
  /** Open, no response yet, 80% of the time or more used: respond soon. */
  | 'warning'
  /** No response and the due time has passed. */
  | 'breached'
  /** An agent responded by the due time. */
  | 'met'
  /** An agent responded, after the due time. */
  | 'missed';

export interface ResponseObjectiveStatus {
  state: ResponseObjectiveState;
  /** When the warning starts (80% of the time); null without a due time. */
  warnAt: Date | null;
  dueAt: Date | null;
}

export function responseObjectiveStatus(
  ticket: Pick<Ticket, 'createdAt' | 'responseDueAt' | 'firstResponseAt' | 'status' | 'resolvedAt' | 'closedAt'>,
  now: Date,
): ResponseObjectiveStatus {
  const { createdAt, responseDueAt: dueAt, firstResponseAt } = ticket;
  if (!dueAt) return { state: 'none', warnAt: null, dueAt: null };
  const warnAt = new Date(createdAt.getTime() + Math.max(0, dueAt.getTime() - createdAt.getTime()) * RESPONSE_WARNING_SHARE);
  const at = (state: ResponseObjectiveState): ResponseObjectiveStatus => ({ state, warnAt, dueAt });
  if (firstResponseAt) return at(firstResponseAt.getTime() <= dueAt.getTime() ? 'met' : 'missed');
  if (!isOpen(ticket.status)) {
    // Resolved or closed without an agent writing (the admin closed it, say): late only if it ended late.
    const ended = ticket.resolvedAt ?? ticket.closedAt ?? now;
    return at(ended.getTime() > dueAt.getTime() ? 'missed' : 'none');
  }
  if (now.getTime() >= dueAt.getTime()) return at('breached');
  if (now.getTime() >= warnAt.getTime()) return at('warning');
  return at('on_track');
}
