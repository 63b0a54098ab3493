import { describe, expect, it } from 'vitest';
import { responseDueAt, responseTimeObjective } from '../../src/support/responseTimes.js';

describe('worldwide objectives per family and severity', () => {
  it.each([
    // [family, severity, availability, initialResponse, text, fact from the service description table]
    ['business', 'A', '24x7', 'PT1H', 'an initial response within one hour, 24 hours a day, 7 days a week', 'Sev A: "Available: 24/7 Response time: one hour" for every column'],
    ['business', 'B', 'business-hours', 'no-commitment', 'handled during business hours, with no committed initial response time', 'business plans Sev B: "Available: business hours Response time: no commitment"'],
    ['business', 'C', 'business-hours', 'no-commitment', 'handled during business hours, with no committed initial response time', 'business plans Sev C: "Available: business hours Response time: no commitment"'],
    ['enterprise', 'A', '24x7', 'PT1H', 'an initial response within one hour, 24 hours a day, 7 days a week', 'enterprise Sev A: "Available: 24/7 Response time: one hour"'],
    ['enterprise', 'B', '24x7', 'next-day', 'an initial response by the next day, 24 hours a day, 7 days a week', 'enterprise Sev B: "Available: 24/7 Response time: next day"'],
    ['enterprise', 'C', '24x7', 'no-commitment', 'handled 24 hours a day, 7 days a week, with no committed initial response time', 'enterprise Sev C: "Available: 24/7 Response time: no commitment"'],
    ['elevated', 'A', '24x7', 'PT1H', 'an initial response within one hour, 24 hours a day, 7 days a week', 'elevated Sev A: "Available: 24/7 Response time: one hour"'],
    ['elevated', 'B', '24x7', 'PT2H', 'an initial response within two hours, 24 hours a day, 7 days a week', 'elevated Sev B: "Available: 24/7 Response time: 2 hours"'],
    ['elevated', 'C', '24x7', 'PT4H', 'an initial response within four hours, 24 hours a day, 7 days a week', 'elevated Sev C: "Available: 24/7 Response time: 4 hours"'],
  ] as const)('%s Sev %s: %s, %s (%s)', (family, severity, availability, initialResponse, text, _fact) => {
    const objective = responseTimeObjective({ cloud: 'worldwide', family, severity });
    expect(objective).toMatchObject({ family, severity, availability, initialResponse, text, planAssumed: false });
  });
});

describe('worldwide objectives from the plan', () => {
  it.each([
    // [planId, severity, initialResponse, fact]
    ['o365-e3', 'B', 'next-day', 'Office 365 Enterprise E3 is in the enterprise columns'],
    ['us-gov-k1', 'B', 'next-day', 'frontline/K1 column: Sev B "next day"'],
    ['paid-standalone', 'B', 'next-day', '"paid standalone plans" get the Enterprise family objectives'],
    ['business-standard', 'B', 'no-commitment', 'business plans: Sev B "no commitment"'],
    ['education', 'C', 'no-commitment', 'Education carries the business-plan footnote'],
  ] as const)('%s Sev %s: %s (%s)', (planId, severity, initialResponse, _fact) => {
    expect(responseTimeObjective({ cloud: 'worldwide', planId, severity }).initialResponse).toBe(initialResponse);
  });

  it('assumes the business family when the plan is unknown, and says so', () => {
    const objective = responseTimeObjective({ cloud: 'worldwide', severity: 'B' });
    expect(objective).toMatchObject({ family: 'business', planAssumed: true, initialResponse: 'no-commitment' });
    expect(objective.notes.join(' ')).toMatch(/plan isn't known/);
  });

  it('uses the elevated column when the customer has elevated support, whatever the plan', () => {
    // fact: elevated support offers "quicker response objectives"
    const objective = responseTimeObjective({ cloud: 'worldwide', planId: 'business-basic', elevated: true, severity: 'B' });
    expect(objective).toMatchObject({ family: 'elevated', initialResponse: 'PT2H' });
  });

  it('adds the business-plan footnote to business objectives', () => {
    // fact: "Business plans include business hours support for all non-critical issues and 24/7 phone support"
    const objective = responseTimeObjective({ cloud: 'worldwide', family: 'business', severity: 'C' });
    expect(objective.notes.join(' ')).toMatch(/business-hours support for non-critical issues/);
  });
});

describe('21Vianet objectives', () => {
  it.each([
    // [category, agreement, requested, severity, availability, initialResponse, fact]
    ['technical', true, 'A', 'A', '24x7', 'PT1H', 'Sev A: "Initial Response: 1 hour or less"; "Severity A: 24*7 continuous service"'],
    ['technical', false, 'B', 'B', 'business-hours', 'business-days:1', 'Sev B: "Initial Response: 1 business day or less"'],
    ['technical', false, 'C', 'C', 'business-hours', 'business-days:3', 'Sev C: "Initial Response: 3 business day or less"'],
    ['technical', false, 'A', 'B', 'business-hours', 'business-days:1', 'Sev A only with "an advanced online service agreement"'],
    ['billing', true, 'A', 'B', 'business-hours', 'business-days:1', '"For billing and subscription management support, the highest severity level is B"'],
  ] as const)('%s (agreement %s) Sev %s is treated as Sev %s: %s, %s (%s)', (category, hasAdvancedAgreement, requested, severity, availability, initialResponse, _fact) => {
    const objective = responseTimeObjective({ cloud: '21vianet', category, hasAdvancedAgreement, severity: requested });
    expect(objective).toMatchObject({ family: 'any', requestedSeverity: requested, severity, availability, initialResponse });
  });

  it('ignores the plan, since one table covers every 21Vianet subscription', () => {
    const objective = responseTimeObjective({ cloud: '21vianet', planId: 'business-basic', severity: 'B' });
    expect(objective).toMatchObject({ family: 'any', planAssumed: false, initialResponse: 'business-days:1' });
  });

  it('explains a lowered severity in the notes', () => {
    const objective = responseTimeObjective({ cloud: '21vianet', category: 'technical', severity: 'A' });
    expect(objective.notes[0]).toMatch(/advanced online service agreement/);
  });

  it('describes business days with the 9:00-24:00 working hours', () => {
    // fact: "Severity B/C: 9:00 ~24:00 (Beijing Time) a day, 365 days"
    const objective = responseTimeObjective({ cloud: '21vianet', severity: 'C' });
    expect(objective.text).toBe(
      'an initial response within three business days, counting only working hours: every day, 9:00 AM to midnight Beijing time',
    );
  });
});

describe('Office 365 Germany objectives', () => {
  it.each([
    ['technical', '24x7', 'the Germany page: technical support "24 hours a day, 7 days a week", no response-time table'],
    ['billing', 'business-hours', 'the Germany page: billing support "Mon-Fri 9-5 Berlin", no response-time table'],
  ] as const)('%s requests have no published objective and %s availability (%s)', (category, availability, _fact) => {
    const objective = responseTimeObjective({ cloud: 'germany', category, severity: 'A' });
    expect(objective).toMatchObject({ initialResponse: 'not-published', availability });
    expect(responseDueAt({ cloud: 'germany', category, severity: 'A', createdAt: new Date('2024-05-06T10:00:00Z') })).toBeNull();
  });
});

describe('responseDueAt', () => {
  it.each([
    // [description, query, createdAt (UTC), due (UTC) or null]
    ['worldwide Sev A: one hour', { cloud: 'worldwide', family: 'business', severity: 'A' }, '2024-03-09T23:30:00Z', '2024-03-10T00:30:00Z'],
    ['worldwide enterprise Sev B: "next day" read as 24 hours', { cloud: 'worldwide', family: 'enterprise', severity: 'B' }, '2024-03-09T15:00:00Z', '2024-03-10T15:00:00Z'],
    ['worldwide elevated Sev B: 2 hours', { cloud: 'worldwide', family: 'elevated', severity: 'B' }, '2024-06-01T12:00:00Z', '2024-06-01T14:00:00Z'],
    ['worldwide elevated Sev C: 4 hours', { cloud: 'worldwide', family: 'elevated', severity: 'C' }, '2024-06-01T22:00:00Z', '2024-06-02T02:00:00Z'],
    ['worldwide business Sev B: no commitment', { cloud: 'worldwide', family: 'business', severity: 'B' }, '2024-06-01T12:00:00Z', null],
    ['worldwide enterprise Sev C: no commitment', { cloud: 'worldwide', family: 'enterprise', severity: 'C' }, '2024-06-01T12:00:00Z', null],
    ['21Vianet Sev A with agreement: 1 hour around the clock', { cloud: '21vianet', severity: 'A', hasAdvancedAgreement: true }, '2024-06-15T19:00:00Z', '2024-06-15T20:00:00Z'],
    // 10:00 Beijing: 14 working hours left today, 1 more tomorrow → 10:00 next day
    ['21Vianet Sev B opened 10:00 Beijing: due 10:00 next day', { cloud: '21vianet', severity: 'B' }, '2024-06-15T02:00:00Z', '2024-06-16T02:00:00Z'],
    // 02:00 Beijing is outside 9:00-24:00: the clock starts at 9:00 and runs the full 15-hour window
    ['21Vianet Sev B opened 02:00 Beijing: due midnight that day', { cloud: '21vianet', severity: 'B' }, '2024-06-14T18:00:00Z', '2024-06-15T16:00:00Z'],
    ['21Vianet Sev B opened 23:00 Beijing: due 23:00 next day', { cloud: '21vianet', severity: 'B' }, '2024-06-15T15:00:00Z', '2024-06-16T15:00:00Z'],
    // Saturday is a working day for B/C ("365 days")
    ['21Vianet Sev C opened Friday 10:00 Beijing: due Monday 10:00', { cloud: '21vianet', severity: 'C' }, '2024-06-14T02:00:00Z', '2024-06-17T02:00:00Z'],
    ['21Vianet Sev C opened 01:00 Beijing: due midnight two days later', { cloud: '21vianet', severity: 'C' }, '2024-06-13T17:00:00Z', '2024-06-16T16:00:00Z'],
    ['21Vianet Sev A without agreement is timed as Sev B', { cloud: '21vianet', severity: 'A' }, '2024-06-15T02:00:00Z', '2024-06-16T02:00:00Z'],
    // billing follows Monday-Friday 9:00-18:00 Beijing: Friday 17:00-18:00 is 1 hour, Monday 9:00-17:00 the other 8
    ['21Vianet billing Sev B opened Friday 17:00 Beijing: due Monday 17:00', { cloud: '21vianet', category: 'billing', severity: 'B' }, '2024-06-14T09:00:00Z', '2024-06-17T09:00:00Z'],
  ] as const)('%s', (_description, query, createdAt, due) => {
    const result = responseDueAt({ ...query, createdAt: new Date(createdAt) });
    expect(result?.toISOString() ?? null).toBe(due === null ? null : new Date(due).toISOString());
  });
});
