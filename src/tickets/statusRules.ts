import { formatDay } from './dateText.js';
import { TicketError } from './ticketError.js';
import type { Ticket, TicketStatus } from './ticketTypes.js';

/**
 * The ticket lifecycle as pure rules: which status may follow which, and the 14-day reopen window from
 * the support service description. The service applies them inside a transaction; they never touch the
 * database, so they are tested directly.
 */

/** Service requests can be reopened for up to 14 days after they were closed. */
export const REOPEN_WINDOW_DAYS = 14;
const REOPEN_WINDOW_MS = REOPEN_WINDOW_DAYS * 24 * 60 * 60 * 1000;

/**
 * Moves `setStatus` may make. Resolved and closed tickets come back only through `reopen`, which checks
 * the window and records a `reopened` event; nothing ever goes back to `new` except a reopened ticket
 * that no agent holds.
 */
export const allowedTransitions: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  new: ['in_progress', 'waiting_on_customer', 'resolved', 'closed'],
  in_progress: ['waiting_on_customer', 'resolved', 'closed'],
  waiting_on_customer: ['in_progress', 'resolved', 'closed'],
  resolved: ['closed'],
  closed: [],
};

const labels: Record<TicketStatus, string> = {
  new: 'new',
  in_progress: 'in progress',
  waiting_on_customer: 'waiting on the customer',
  resolved: 'resolved',
  closed: 'closed',
};

export function statusLabel(status: TicketStatus): string {
  return labels[status];
}

export function isOpen(status: TicketStatus): boolean {
  return status === 'new' || status === 'in_progress' || status === 'waiting_on_customer';
}

type LifecycleView = Pick<Ticket, 'number' | 'status' | 'closedAt' | 'resolvedAt' | 'assignedAgentId'>;

/**
 * When the ticket stopped being open: closing time, or resolution time for a ticket resolved but not
 * yet closed. The reopen window runs from here. Null while the ticket is open.
 */
function endedAt(t: LifecycleView): Date | null {
  if (t.status === 'closed') return t.closedAt;
  if (t.status === 'resolved') return t.resolvedAt;
  return null;
}

/** The last moment the ticket can be reopened, or null while it is open. */
export function reopenDeadline(t: LifecycleView): Date | null {
  const ended = endedAt(t);
  return ended ? new Date(ended.getTime() + REOPEN_WINDOW_MS) : null;
}

export interface MessageContext {
  now: Date;
  timeZone: string;
}

/** Throws unless `setStatus` may move the ticket to `to`. */
export function assertTransition(t: LifecycleView, to: TicketStatus, ctx: MessageContext): void {
  if (t.status === to) {
    throw new TicketError('illegal_transition', `${t.number} is already ${statusLabel(to)}.`);
  }
  if (allowedTransitions[t.status].includes(to)) return;
  if (!isOpen(t.status)) {
    throw new TicketError('illegal_transition', `${t.number} is ${statusLabel(t.status)}, so it can't be marked ${statusLabel(to)}. ${howToContinue(t, ctx)}`);
  }
  throw new TicketError('illegal_transition', `${t.number} is ${statusLabel(t.status)}; a request can't go back to ${statusLabel(to)}.`);
}

/** Throws unless information can still be added (only to an open ticket). */
export function assertAcceptsInformation(t: LifecycleView, ctx: MessageContext): void {
  if (isOpen(t.status)) return;
  throw new TicketError('illegal_transition', `${t.number} is ${statusLabel(t.status)}, so information can't be added to it. ${howToContinue(t, ctx)}`);
}

/**
 * The status a reopened ticket takes, or an error: open tickets have nothing to reopen, and the window
 * is 14 days (exactly 14 × 24 hours) from closing, inclusive.
 */
export function reopenTarget(t: LifecycleView, ctx: MessageContext): TicketStatus {
  if (isOpen(t.status)) {
    throw new TicketError(
      'illegal_transition',
      `${t.number} is still open (${statusLabel(t.status)}), so there is nothing to reopen; you can add information to it instead.`,
    );
  }
  const deadline = reopenDeadline(t)!;
  if (ctx.now.getTime() > deadline.getTime()) {
    throw new TicketError('reopen_window_expired', expiredMessage(t, ctx));
  }
  // The agent who held it keeps it: they know the case. Otherwise it goes back to the queue as new.
  return t.assignedAgentId ? 'in_progress' : 'new';
}

function howToContinue(t: LifecycleView, ctx: MessageContext): string {
  const deadline = reopenDeadline(t)!;
  if (ctx.now.getTime() > deadline.getTime()) return expiredMessage(t, ctx);
  return `Reopen it first; that is possible until ${formatDay(deadline, ctx.timeZone, ctx.now)}.`;
}

function expiredMessage(t: LifecycleView, ctx: MessageContext): string {
  const ended = endedAt(t)!;
  return (
    `${t.number} was ${statusLabel(t.status)} on ${formatDay(ended, ctx.timeZone, ctx.now)}, more than ${REOPEN_WINDOW_DAYS} days ago, ` +
    `so it can't be reopened; please open a new request and mention ${t.number} in it.`
  );
}
