import { describe, expect, it } from 'vitest';
import { assertAcceptsInformation, assertTransition, reopenDeadline, reopenTarget } from '../../src/tickets/statusRules.js';
import { isTicketError, type TicketErrorCode } from '../../src/tickets/ticketError.js';
import type { TicketStatus } from '../../src/tickets/ticketTypes.js';

const DAY = 24 * 60 * 60 * 1000;
const closedAt = new Date('2026-11-03T09:00:00Z');
const ctx = (now: Date) => ({ now, timeZone: 'UTC' });

function ticket(status: TicketStatus, more: { assignedAgentId?: string | null; closedAt?: Date | null; resolvedAt?: Date | null } = {}) {
  return {
    number: 'SR-1000042',
    status,
    assignedAgentId: more.assignedAgentId ?? null,
    closedAt: more.closedAt ?? (status === 'closed' ? closedAt : null),
    resolvedAt: more.resolvedAt ?? (status === 'resolved' ? closedAt : null),
  };
}

function codeOf(fn: () => unknown): TicketErrorCode | 'none' {
  try {
    fn();
    return 'none';
  } catch (err) {
    if (isTicketError(err)) return err.code;
    throw err;
  }
}

describe('status transitions', () => {
  it.each<[TicketStatus, TicketStatus]>([
    ['new', 'in_progress'],
    ['new', 'waiting_on_customer'],
    ['new', 'resolved'],
    ['new', 'closed'],
    ['in_progress', 'waiting_on_customer'],
    ['in_progress', 'resolved'],
    ['in_progress', 'closed'],
    ['waiting_on_customer', 'in_progress'],
    ['waiting_on_customer', 'resolved'],
    ['waiting_on_customer', 'closed'],
    ['resolved', 'closed'],
  ])('allows %s -> %s', (from, to) => {
    expect(codeOf(() => assertTransition(ticket(from), to, ctx(closedAt)))).toBe('none');
  });

  it.each<[TicketStatus, TicketStatus]>([
    ['in_progress', 'new'],
    ['waiting_on_customer', 'new'],
    ['resolved', 'in_progress'],
    ['resolved', 'waiting_on_customer'],
    ['resolved', 'new'],
    ['closed', 'in_progress'],
    ['closed', 'resolved'],
    ['closed', 'new'],
    ['new', 'new'],
    ['resolved', 'resolved'],
    ['closed', 'closed'],
  ])('refuses %s -> %s', (from, to) => {
    expect(codeOf(() => assertTransition(ticket(from), to, ctx(closedAt)))).toBe('illegal_transition');
  });

  it('says a ticket is already in the status asked for', () => {
    expect(() => assertTransition(ticket('resolved'), 'resolved', ctx(closedAt))).toThrow('SR-1000042 is already resolved.');
  });

  it('points from a closed ticket to reopening, with the last day', () => {
    expect(() => assertTransition(ticket('closed'), 'in_progress', ctx(new Date(closedAt.getTime() + DAY)))).toThrow(
      /SR-1000042 is closed, so it can't be marked in progress\. Reopen it first; that is possible until 17 November\./,
    );
  });
});

describe('adding information', () => {
  it.each<TicketStatus>(['new', 'in_progress', 'waiting_on_customer'])('is accepted while the ticket is %s', (status) => {
    expect(codeOf(() => assertAcceptsInformation(ticket(status), ctx(closedAt)))).toBe('none');
  });

  it('is refused on a closed ticket with a pointer to reopening', () => {
    expect(() => assertAcceptsInformation(ticket('closed'), ctx(closedAt))).toThrow(/is closed, so information can't be added to it\. Reopen it first/);
  });

  it('is refused on a resolved ticket too', () => {
    expect(codeOf(() => assertAcceptsInformation(ticket('resolved'), ctx(closedAt)))).toBe('illegal_transition');
  });
});

describe('reopening', () => {
  it('is possible until exactly 14 days after closing', () => {
    expect(reopenDeadline(ticket('closed'))).toEqual(new Date(closedAt.getTime() + 14 * DAY));
  });

  it('has no deadline while the ticket is open', () => {
    expect(reopenDeadline(ticket('in_progress'))).toBeNull();
  });

  it.each([
    ['a minute after closing', 60_000],
    ['13 days after closing', 13 * DAY],
    ['at the last moment of day 14', 14 * DAY],
  ])('is allowed %s', (_when, after) => {
    expect(reopenTarget(ticket('closed'), ctx(new Date(closedAt.getTime() + after)))).toBe('new');
  });

  it('is refused a millisecond after the 14 days, saying when it closed', () => {
    const now = new Date(closedAt.getTime() + 14 * DAY + 1);
    expect(codeOf(() => reopenTarget(ticket('closed'), ctx(now)))).toBe('reopen_window_expired');
    expect(() => reopenTarget(ticket('closed'), ctx(now))).toThrow(
      "SR-1000042 was closed on 3 November, more than 14 days ago, so it can't be reopened; please open a new request and mention SR-1000042 in it.",
    );
  });

  it('counts the window of a resolved ticket from its resolution', () => {
    const now = new Date(closedAt.getTime() + 15 * DAY);
    expect(() => reopenTarget(ticket('resolved'), ctx(now))).toThrow(/was resolved on 3 November, more than 14 days ago/);
  });

  it('gives the ticket back to the agent who held it', () => {
    expect(reopenTarget(ticket('closed', { assignedAgentId: 'agent-7' }), ctx(closedAt))).toBe('in_progress');
  });

  it('refuses a ticket that is still open', () => {
    expect(() => reopenTarget(ticket('waiting_on_customer'), ctx(closedAt))).toThrow(
      'SR-1000042 is still open (waiting on the customer), so there is nothing to reopen; you can add information to it instead.',
    );
  });

  it('shows the year of a closing date in another year', () => {
    const now = new Date('2027-01-20T00:00:00Z');
    expect(() => reopenTarget(ticket('closed', { closedAt: new Date('2026-12-20T00:00:00Z') }), ctx(now))).toThrow(/closed on 20 December 2026/);
  });
});
