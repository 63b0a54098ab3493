import { describe, expect, it } from 'vitest';
import { responseObjectiveStatus } from '../../src/tickets/index.js';
import { responseDueAt } from '../../src/support/index.js';

/** The first-response objective as agents see it, on fixed clocks. */

const at = (iso: string) => new Date(iso);
const open = { status: 'in_progress' as const, resolvedAt: null, closedAt: null, firstResponseAt: null };

describe('responseObjectiveStatus', () => {
  // Filed 10:00, due 11:00: the warning starts at 10:48 (80% of the hour).
  const ticket = { ...open, createdAt: at('2026-03-02T10:00:00Z'), responseDueAt: at('2026-03-02T11:00:00Z') };

  it.each([
    ['2026-03-02T10:00:00Z', 'on_track'],
    ['2026-03-02T10:47:59.999Z', 'on_track'],
    ['2026-03-02T10:48:00Z', 'warning'],
    ['2026-03-02T10:59:59.999Z', 'warning'],
    ['2026-03-02T11:00:00Z', 'breached'],
    ['2026-03-03T09:00:00Z', 'breached'],
  ])('at %s without a response: %s', (now, state) => {
    expect(responseObjectiveStatus(ticket, at(now))).toEqual({ state, warnAt: at('2026-03-02T10:48:00Z'), dueAt: ticket.responseDueAt });
  });

  it('is met by a response by the due time and missed by a later one, whatever the clock says now', () => {
    expect(responseObjectiveStatus({ ...ticket, firstResponseAt: at('2026-03-02T11:00:00Z') }, at('2026-03-09T00:00:00Z')).state).toBe('met');
    expect(responseObjectiveStatus({ ...ticket, firstResponseAt: at('2026-03-02T11:00:01Z') }, at('2026-03-02T11:00:02Z')).state).toBe('missed');
  });

  it('has nothing to say without a committed time', () => {
    expect(responseObjectiveStatus({ ...ticket, responseDueAt: null }, at('2026-03-05T00:00:00Z'))).toEqual({ state: 'none', warnAt: null, dueAt: null });
  });

  it('judges a request that ended without an agent response by when it ended', () => {
    const ended = { ...ticket, status: 'closed' as const };
    expect(responseObjectiveStatus({ ...ended, closedAt: at('2026-03-02T10:30:00Z') }, at('2026-03-04T00:00:00Z')).state).toBe('none');
    expect(responseObjectiveStatus({ ...ended, closedAt: at('2026-03-02T12:00:00Z') }, at('2026-03-04T00:00:00Z')).state).toBe('missed');
  });

  it('warns inside the working hours of a business-day objective (21Vianet, Severity B: 9:00-24:00 Beijing time)', () => {
    // Filed 02:00 Beijing (18:00 UTC the day before), outside the hours: the clock starts at 09:00 and
    // the one business day (15 working hours) ends at 24:00 Beijing, 16:00 UTC.
    const createdAt = at('2026-03-01T18:00:00Z');
    const due = responseDueAt({ cloud: '21vianet', planId: 'business-standard', severity: 'B', category: 'technical', createdAt });
    expect(due).toEqual(at('2026-03-02T16:00:00Z'));
    const status = (now: string) => responseObjectiveStatus({ ...open, createdAt, responseDueAt: due }, at(now));
    // 80% of the 22 hours from filing to the due time: 17 h 36 min after filing, 19:36 Beijing, inside the working day.
    expect(status('2026-03-02T11:35:00Z')).toMatchObject({ state: 'on_track', warnAt: at('2026-03-02T11:36:00Z') });
    expect(status('2026-03-02T11:36:00Z').state).toBe('warning');
    expect(status('2026-03-02T16:00:00Z').state).toBe('breached');
  });
});
