import { translate, type Language } from '../i18n/index.js';
import { formatDay } from './dateText.js';
import { TicketError, type LocalizedMessage } from './ticketError.js';
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

/** The status in words, as the admin reads it: "in progress", "in Bearbeitung", "处理中". */
export function statusLabel(status: TicketStatus, language: Language = 'en'): string {
  return translate(language, `ticket.status.${status}`);
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
  /** The language of the error's `message` (default English); `messageIn` gives it in any other. */
  language?: Language;
  /** The channel's locale, for date formats. */
  locale?: string;
}

/** A refusal worded for the admin, in the context's language and in any other on request. */
function refusal(code: 'illegal_transition' | 'reopen_window_expired', ctx: MessageContext, say: LocalizedMessage): TicketError {
  return new TicketError(code, say, [], ctx.language, ctx.locale);
}

/** Throws unless `setStatus` may move the ticket to `to`. */
export function assertTransition(t: LifecycleView, to: TicketStatus, ctx: MessageContext): void {
  if (t.status === to) {
    throw refusal('illegal_transition', ctx, (language, locale) => translate(language, 'ticket.error.alreadyStatus', { number: t.number, status: statusLabel(to, language) }, locale));
  }
  if (allowedTransitions[t.status].includes(to)) return;
  if (!isOpen(t.status)) {
    throw refusal('illegal_transition', ctx, (language, locale) =>
      translate(
        language,
        'ticket.error.endedCantMark',
        { number: t.number, status: statusLabel(t.status, language), to: statusLabel(to, language), next: howToContinue(t, ctx, language, locale) },
        locale,
      ),
    );
  }
  throw refusal('illegal_transition', ctx, (language, locale) =>
    translate(language, 'ticket.error.cantGoBack', { number: t.number, status: statusLabel(t.status, language), to: statusLabel(to, language) }, locale),
  );
}

/** Throws unless information can still be added (only to an open ticket). */
export function assertAcceptsInformation(t: LifecycleView, ctx: MessageContext): void {
  if (isOpen(t.status)) return;
  throw refusal('illegal_transition', ctx, (language, locale) =>
    translate(language, 'ticket.error.endedNoInformation', { number: t.number, status: statusLabel(t.status, language), next: howToContinue(t, ctx, language, locale) }, locale),
  );
}

/**
 * The status a reopened ticket takes, or an error: open tickets have nothing to reopen, and the window
 * is 14 days (exactly 14 × 24 hours) from closing, inclusive.
 */
export function reopenTarget(t: LifecycleView, ctx: MessageContext): TicketStatus {
  if (isOpen(t.status)) {
    throw refusal('illegal_transition', ctx, (language, locale) =>
      translate(language, 'ticket.error.stillOpen', { number: t.number, status: statusLabel(t.status, language) }, locale),
    );
  }
  const deadline = reopenDeadline(t)!;
  if (ctx.now.getTime() > deadline.getTime()) {
    throw refusal('reopen_window_expired', ctx, (language, locale) => expiredMessage(t, ctx, language, locale));
  }
  // The agent who held it keeps it: they know the case. Otherwise it goes back to the queue as new.
  return t.assignedAgentId ? 'in_progress' : 'new';
}

function howToContinue(t: LifecycleView, ctx: MessageContext, language: Language, locale?: string): string {
  const deadline = reopenDeadline(t)!;
  if (ctx.now.getTime() > deadline.getTime()) return expiredMessage(t, ctx, language, locale);
  return translate(language, 'ticket.error.reopenFirst', { day: formatDay(deadline, ctx.timeZone, ctx.now, language, locale) }, locale);
}

function expiredMessage(t: LifecycleView, ctx: MessageContext, language: Language, locale?: string): string {
  const ended = endedAt(t)!;
  return translate(
    language,
    'ticket.error.reopenExpired',
    { number: t.number, status: statusLabel(t.status, language), day: formatDay(ended, ctx.timeZone, ctx.now, language, locale), days: REOPEN_WINDOW_DAYS },
    locale,
  );
}
