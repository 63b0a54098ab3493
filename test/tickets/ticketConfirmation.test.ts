import { describe, expect, it } from 'vitest';
import { ticketConfirmation, type TicketConfirmationInput } from '../../src/tickets/index.js';

// A Wednesday afternoon in London; the Saturday after it.
const WEDNESDAY = new Date('2026-11-04T15:30:00Z');
const SATURDAY = new Date('2026-11-07T12:00:00Z');

type TicketFields = TicketConfirmationInput['ticket'];

const ticket = (overrides: Partial<TicketFields> = {}): TicketFields => ({
  number: 'SR-1000042',
  cloud: 'worldwide',
  planId: 'business-basic',
  category: 'technical',
  severity: 'A',
  severityReason: 'Nobody can send mail.',
  ...overrides,
});

const confirm = (overrides: Partial<TicketFields> = {}, input: Partial<Omit<TicketConfirmationInput, 'ticket'>> = {}) =>
  ticketConfirmation({ ticket: ticket(overrides), created: true, country: 'GB', wait: { text: 'Your request is next in the queue.' }, now: WEDNESDAY, ...input });

const fact = (confirmation: ReturnType<typeof ticketConfirmation>, label: string) => confirmation.facts.find((f) => f.label === label)?.value;

const PIN_CHECK = /support checks a caller's identity with a PIN/;
const PLAN_ASSUMED = /Your plan isn't known yet, so I'm quoting the business-plan targets/;

describe('the confirmation of a filed request', () => {
  it('gives the objective, the hours, the wait and the number to call, in that order', () => {
    expect(confirm().facts.map((f) => f.label)).toEqual(['Response objective', 'Support hours', 'Expected wait', 'Prefer to call?']);
  });

  it.each([
    [true, 'Request SR-1000042 is open'],
    [false, 'You already submitted this: it is request SR-1000042'],
  ])('is titled for a new request (%s) or a repeated submission', (created, title) => {
    expect(confirm({}, { created }).title).toBe(title);
  });

  it.each([
    // plan, cloud, severity, objective
    ['business-basic', 'worldwide', 'A', 'an initial response within one hour, 24 hours a day, 7 days a week'],
    ['business-basic', 'worldwide', 'C', 'handled during business hours, with no committed initial response time'],
    ['o365-e3', 'worldwide', 'C', 'handled 24 hours a day, 7 days a week, with no committed initial response time'],
    [null, 'worldwide', 'B', 'handled during business hours, with no committed initial response time'],
    [null, '21vianet', 'B', 'an initial response within one business day, counting only working hours: every day, 9:00 AM to midnight Beijing time'],
    [null, 'germany', 'B', 'handled 24 hours a day, 7 days a week; no initial response time is published for this cloud'],
  ] as const)('quotes the response-time objective of plan %s in the %s cloud for Sev %s', (planId, cloud, severity, objective) => {
    expect(fact(confirm({ planId, cloud, severity }), 'Response objective')).toBe(objective);
  });

  it.each([
    // category, country, when, hours
    ['technical', 'GB', WEDNESDAY, 'Technical phone support is open now: it answers 24 hours a day, 7 days a week.'],
    ['billing', 'GB', WEDNESDAY, 'Billing phone support in the United Kingdom is open now until 5:00 PM (United Kingdom Time).'],
    ['billing', 'GB', SATURDAY, 'Billing phone support in the United Kingdom is closed now; it opens Monday at 9:00 AM (United Kingdom Time).'],
    ['presales', 'US', WEDNESDAY, "Pre-sales phone support in the United States is open now until 5:00 PM (Eastern Time). Pre-sales hours are local time and the United States has several time zones; I used Eastern Time because I don't know yours."],
    ['support', 'US', SATURDAY, 'Technical phone support is open now: it answers 24 hours a day, 7 days a week.'],
  ] as const)('gives the hours of the %s desk for a requester in %s', (category, country, now, hours) => {
    expect(fact(confirm({ category, severity: 'C' }, { country, now }), 'Support hours')).toBe(hours);
  });

  it.each([
    // cloud, country, number to call
    ['worldwide', 'GB', /^United Kingdom: call 0800 032 6417\./],
    ['worldwide', 'US', /^United States: call 1 800 865 9408\./],
    ['worldwide', undefined, /open the admin center's support page/],
    ['21vianet', 'CN', /^China: call \(86\) 400-089-0365\./],
    ['germany', 'DE', /^Germany: call 0800 589 2330\./],
  ] as const)('gives the %s number to call for a requester in %s', (cloud, country, phone) => {
    expect(fact(confirm({ cloud, severity: 'B' }, { country }), 'Prefer to call?')).toMatch(phone);
  });

  it('passes the expected wait on as it was worked out', () => {
    expect(fact(confirm({}, { wait: { text: 'No agent is free right now.' } }), 'Expected wait')).toBe('No agent is free right now.');
  });

  it.each([
    // plan, cloud, the PIN check is explained, the assumed plan is said
    ['business-basic', 'worldwide', true, false],
    [null, 'worldwide', true, true],
    [null, '21vianet', false, false],
    [null, 'germany', false, false],
  ] as const)('notes under the facts for plan %s in the %s cloud', (planId, cloud, pin, assumed) => {
    const { notes } = confirm({ planId, cloud, severity: 'B' });
    expect(notes.some((n) => PIN_CHECK.test(n))).toBe(pin);
    expect(notes.some((n) => PLAN_ASSUMED.test(n))).toBe(assumed);
    expect(notes.at(-1)).toBe('Ask me "status of SR-1000042" at any time, or "add info to SR-1000042" to send more details.');
  });

  it('reads as lines of text: title, severity with its reason, the facts, then the notes', () => {
    const confirmation = confirm({ cloud: 'germany', severity: 'B', planId: null }, { country: 'DE' });
    expect(confirmation.text.split('\n')).toEqual([
      'Request SR-1000042 is open.',
      'Severity: Sev B. Nobody can send mail.',
      'Response objective: handled 24 hours a day, 7 days a week; no initial response time is published for this cloud',
      'Support hours: Technical phone support for Office 365 Germany is open now: it answers 24 hours a day, 7 days a week.',
      'Expected wait: Your request is next in the queue.',
      'Prefer to call?: Germany: call 0800 589 2330. Free call within Germany. Alternatively call 069 380 789 305 (local call charges apply).',
      ...confirmation.notes,
    ]);
  });
});
