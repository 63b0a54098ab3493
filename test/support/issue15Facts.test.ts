import { describe, expect, it } from 'vitest';
import { countryOfTimeZone } from '../../src/support/countries.js';
import { resolvePlanFamily, unknownPlanExplanation } from '../../src/support/plans.js';
import { responseDueAt, responseTimeObjective } from '../../src/support/responseTimes.js';
import { isSupportOpen, supportHoursFor } from '../../src/support/supportHours.js';
import { ticketConfirmation } from '../../src/tickets/ticketConfirmation.js';

// Issue #15, item 9: facts the assistant stated that the source documents do not support.

describe('the unknown-plan explanation agrees with the response-time table', () => {
  // Service description: enterprise Sev B "Available: 24/7 Response time: next day"; Sev C "Available: 24/7
  // Response time: no commitment"; elevated Sev B "2 hours", Sev C "4 hours".
  it('does not promise enterprise plans faster targets for non-critical issues', () => {
    const text = unknownPlanExplanation();
    expect(text).not.toMatch(/faster targets for high and non-critical/);
    expect(responseTimeObjective({ cloud: 'worldwide', family: 'enterprise', severity: 'C' }).initialResponse).toBe('no-commitment');
    expect(text).toMatch(/no committed (initial )?response time/i);
    expect(text).toMatch(/non-critical/);
  });

  it('names what enterprise and elevated support really add', () => {
    const text = unknownPlanExplanation();
    expect(responseTimeObjective({ cloud: 'worldwide', family: 'enterprise', severity: 'B' }).initialResponse).toBe('next-day');
    expect(text).toMatch(/next[- ]day/);
    expect(responseTimeObjective({ cloud: 'worldwide', family: 'elevated', severity: 'B' }).initialResponse).toBe('PT2H');
    expect(responseTimeObjective({ cloud: 'worldwide', family: 'elevated', severity: 'C' }).initialResponse).toBe('PT4H');
    expect(text).toMatch(/2 hours/);
    expect(text).toMatch(/4 hours/);
    expect(resolvePlanFamily(undefined).note).toBe(text);
  });
});

describe('21Vianet billing hours are not published', () => {
  // Ways to contact support (21Vianet): billing "during China business hours (Beijing Time), Monday
  // through Friday", with no times.
  it('says China business hours, Monday to Friday, and that the times are not published', () => {
    const text = supportHoursFor({ cloud: '21vianet', kind: 'billing' }).text;
    expect(text).toMatch(/China business hours \(Beijing time\)/);
    expect(text).toMatch(/Monday to Friday/);
    expect(text).toMatch(/not published/);
    expect(text).not.toMatch(/6:00 PM|18:00|assumed/);
  });

  it('pre-sales, also without published times, is worded the same way', () => {
    const text = supportHoursFor({ cloud: '21vianet', kind: 'presales' }).text;
    expect(text).toMatch(/not published/);
    expect(text).not.toMatch(/6:00 PM|18:00/);
  });

  it.each([
    ['a weekday afternoon in Beijing', '2024-06-14T07:00:00Z', /not published/, null],
    ['a Saturday in Beijing', '2024-06-15T04:00:00Z', /closed now; it opens Monday/, false],
  ] as const)('does not claim it is open or closed at a time it cannot know: %s', (_name, at, text, open) => {
    const status = isSupportOpen({ cloud: '21vianet', kind: 'billing', at: new Date(at) });
    expect(status.text).toMatch(text);
    expect(status.text).not.toMatch(/6:00 PM|until/);
    expect(status.open).toBe(open);
  });

  it('counts a billing request\'s business day Monday to Friday in Beijing time without invented hours', () => {
    const objective = responseTimeObjective({ cloud: '21vianet', category: 'billing', severity: 'B' });
    expect(objective.text).toMatch(/one business day/);
    expect(objective.text).not.toMatch(/6:00 PM|18:00/);
    // Friday 17:00 Beijing + one business day = Monday 17:00 Beijing.
    expect(responseDueAt({ cloud: '21vianet', category: 'billing', severity: 'B', createdAt: new Date('2024-06-14T09:00:00Z') })?.toISOString()).toBe('2024-06-17T09:00:00.000Z');
  });
});

describe('US billing hours in the admin\'s own time zone', () => {
  // Ways to contact support: "Billing support is provided in English from 9 AM-5 PM ..., Monday-Friday",
  // local time. 7:30 AM in Seattle is 10:30 AM in New York.
  const at = new Date('2024-06-14T14:30:00Z');
  const ticket = { number: 'SR-1000001', cloud: 'worldwide' as const, planId: 'business-basic', category: 'billing' as const, severity: 'B' as const, severityReason: 'r' };
  const wait = { text: 'soon' };

  it('reads the hours in the admin\'s time zone when the channel gives it', () => {
    const hours = ticketConfirmation({ ticket, created: true, country: 'US', timeZone: 'America/Los_Angeles', wait, now: at }).facts.find((f) => f.label === 'Support hours')!.value;
    expect(hours).toMatch(/closed now; it opens today at 9:00 AM \(Pacific Time\)/);
    expect(hours).not.toMatch(/Eastern/);
  });

  it('without the admin\'s zone, says which zone it used for a country with several', () => {
    const status = isSupportOpen({ cloud: 'worldwide', kind: 'billing', country: 'US', at });
    expect(status.text).toMatch(/I used Eastern Time/);
    expect(status.text).toMatch(/several time zones/);
    expect(isSupportOpen({ cloud: 'worldwide', kind: 'billing', country: 'GB', at }).text).not.toMatch(/several time zones/);
  });

  it.each([
    ['America/Los_Angeles', 'US'],
    ['Australia/Perth', 'AU'],
    ['Europe/London', 'GB'],
    ['Not/A_Zone', undefined],
    ['UTC', undefined],
  ])('knows the country of the time zone %s', (zone, country) => {
    expect(countryOfTimeZone(zone)).toBe(country);
  });
});
