import { describe, expect, it } from 'vitest';
import { defaultTimeZone, findCountry, isEeaCountry } from '../../src/support/countries.js';
import { isSupportOpen, supportHoursFor, type SupportHoursQuery } from '../../src/support/supportHours.js';

describe('which hours apply', () => {
  it.each([
    // [query, rule id, text fragment, fact]
    [{ cloud: 'worldwide', kind: 'billing', country: 'US' }, 'worldwide-billing', 'in English, Monday to Friday, 9:00 AM to 5:00 PM local time (Eastern Time)', 'Billing support ... in English from 9 AM-5 PM ..., Monday-Friday'],
    [{ cloud: 'worldwide', kind: 'billing', country: 'AU' }, 'worldwide-billing-australia', 'Monday to Friday, 9:00 AM to 6:00 PM local time (Australian Eastern Time)', '"(9 AM-6 PM in Australia)"'],
    [{ cloud: 'worldwide', kind: 'technical', country: 'FR' }, 'worldwide-technical', 'in English, 24 hours a day, 7 days a week', '"Technical support is provided in English 24 hours a day, 7 days a week"'],
    [{ cloud: 'worldwide', kind: 'presales', country: 'GB' }, 'worldwide-presales', 'Monday to Friday, 9:00 AM to 5:00 PM local time (United Kingdom Time)', 'pre-sales: "call during local business hours, Monday through Friday"'],
    [{ cloud: 'germany', kind: 'billing', country: 'FR' }, 'germany-billing', 'in German and English, Monday to Friday, 9:00 AM to 5:00 PM Berlin time', 'Billing Support: German/English "Mon-Fri 9-5 Berlin"'],
    [{ cloud: 'germany', kind: 'technical' }, 'germany-technical', 'in German and English, 24 hours a day, 7 days a week', 'Technical Support: German/English "24 hours a day, 7 days a week"'],
    [{ cloud: '21vianet', kind: 'billing' }, '21vianet-billing', 'during China business hours (Beijing time), Monday to Friday; the exact times are not published', '"China business hours (Beijing Time), Monday through Friday" (no times given)'],
    [{ cloud: '21vianet', kind: 'technical', severity: 'A' }, '21vianet-technical-sev-a', '24 hours a day, 7 days a week', '"Severity A: 24*7 continuous service"'],
    [{ cloud: '21vianet', kind: 'technical', severity: 'C' }, '21vianet-technical-sev-bc', 'every day, 9:00 AM to midnight Beijing time', '"Severity B/C: 9:00 ~24:00 (Beijing Time) a day, 365 days"'],
  ] as const)('%j uses %s', (query, ruleId, fragment, _fact) => {
    const hours = supportHoursFor(query as SupportHoursQuery);
    expect(hours.rule.id).toBe(ruleId);
    expect(hours.text).toContain(fragment);
  });

  it('mentions the Australian exception when the country is not known', () => {
    expect(supportHoursFor({ cloud: 'worldwide', kind: 'billing' }).text).toContain('In Australia it is 9:00 AM to 6:00 PM.');
  });

  it('mentions Severity A round-the-clock hours when 21Vianet technical hours are asked without a severity', () => {
    const hours = supportHoursFor({ cloud: '21vianet', kind: 'technical' });
    expect(hours.rule.id).toBe('21vianet-technical-sev-bc');
    expect(hours.text).toContain('Severity A requests are handled 24 hours a day, 7 days a week.');
  });

  it('says that 21Vianet billing hours are not published, and invents none', () => {
    expect(supportHoursFor({ cloud: '21vianet', kind: 'billing' }).text).toMatch(/the exact times are not published/);
    expect(supportHoursFor({ cloud: '21vianet', kind: 'billing' }).text).not.toMatch(/AM|PM|assumed/);
  });
});

describe('is support open now?', () => {
  it.each([
    // [description, query, at (UTC), open, opensAt or closesAt (UTC), fact]
    ['Saturday noon in Sydney: closed until Monday 9:00', { cloud: 'worldwide', kind: 'billing', country: 'AU' }, '2024-06-15T02:00:00Z', false, '2024-06-16T23:00:00Z', 'billing Monday-Friday'],
    ['Wednesday 17:30 in Sydney: still open until 18:00', { cloud: 'worldwide', kind: 'billing', country: 'AU' }, '2024-06-12T07:30:00Z', true, '2024-06-12T08:00:00Z', '"9 AM-6 PM in Australia"'],
    ['Wednesday 18:00 in Sydney: closed until 9:00 tomorrow', { cloud: 'worldwide', kind: 'billing', country: 'AU' }, '2024-06-12T08:00:00Z', false, '2024-06-12T23:00:00Z', '"9 AM-6 PM in Australia"'],
    ['Friday 16:59 in New York: open until 17:00', { cloud: 'worldwide', kind: 'billing', country: 'US' }, '2024-06-14T20:59:00Z', true, '2024-06-14T21:00:00Z', '"9 AM-5 PM"'],
    ['Friday 17:00 in New York: closed until Monday 9:00', { cloud: 'worldwide', kind: 'billing', country: 'US' }, '2024-06-14T21:00:00Z', false, '2024-06-17T13:00:00Z', '"9 AM-5 PM", "Monday-Friday"'],
    // DST: New York moved to UTC-4 on Sunday 10 March 2024; the same local 9:00 is an hour earlier in UTC
    ['Monday after US DST starts, 8:30 EDT: opens 9:00 EDT (13:00 UTC)', { cloud: 'worldwide', kind: 'billing', country: 'US' }, '2024-03-11T12:30:00Z', false, '2024-03-11T13:00:00Z', '"9 AM-5 PM" local'],
    ['Monday before US DST starts, 8:30 EST: opens 9:00 EST (14:00 UTC)', { cloud: 'worldwide', kind: 'billing', country: 'US' }, '2024-03-04T13:30:00Z', false, '2024-03-04T14:00:00Z', '"9 AM-5 PM" local'],
    ['Monday after US DST starts, 13:30 UTC is 9:30 EDT: open', { cloud: 'worldwide', kind: 'billing', country: 'US' }, '2024-03-11T13:30:00Z', true, '2024-03-11T21:00:00Z', '"9 AM-5 PM" local'],
    ['explicit time zone wins over the country default (Los Angeles, 14:00 PDT)', { cloud: 'worldwide', kind: 'billing', country: 'US', timeZone: 'America/Los_Angeles' }, '2024-06-14T21:00:00Z', true, '2024-06-15T00:00:00Z', 'local business hours'],
    ['United Kingdom, Friday 17:00 BST: closed until Monday', { cloud: 'worldwide', kind: 'billing', country: 'GB' }, '2024-06-14T16:00:00Z', false, '2024-06-17T08:00:00Z', '"9 AM-5 PM", "Monday-Friday"'],
    ['worldwide technical on Saturday 3:00: open', { cloud: 'worldwide', kind: 'technical', country: 'US' }, '2024-06-15T07:00:00Z', true, undefined, '"24 hours a day, 7 days a week"'],
    // Germany: the table writes "Berlin(UTC+1)"; Berlin time is read with its summer time (UTC+2 from 31 March 2024)
    ['Germany billing, Monday 8:30 CET: opens 9:00 CET (08:00 UTC)', { cloud: 'germany', kind: 'billing', country: 'DE' }, '2024-03-25T07:30:00Z', false, '2024-03-25T08:00:00Z', '"Mon-Fri 9-5 Berlin"'],
    ['Germany billing, Monday 9:30 CEST: open until 17:00 CEST (15:00 UTC)', { cloud: 'germany', kind: 'billing', country: 'DE' }, '2024-04-01T07:30:00Z', true, '2024-04-01T15:00:00Z', '"Mon-Fri 9-5 Berlin"'],
    ['Germany billing from France is still Berlin time', { cloud: 'germany', kind: 'billing', country: 'FR' }, '2024-04-01T15:00:00Z', false, '2024-04-02T07:00:00Z', '"Mon-Fri 9-5 Berlin (UTC +1)" for other EEA markets'],
    ['Germany technical on Sunday night: open', { cloud: 'germany', kind: 'technical' }, '2024-06-16T22:00:00Z', true, undefined, '"24 hours a day, 7 days a week"'],
    ['21Vianet Sev B at 00:30 Beijing: closed until 9:00', { cloud: '21vianet', kind: 'technical', severity: 'B' }, '2024-06-14T16:30:00Z', false, '2024-06-15T01:00:00Z', '"Severity B/C: 9:00 ~24:00 (Beijing Time)"'],
    ['21Vianet Sev C on Saturday 23:59 Beijing: open until midnight', { cloud: '21vianet', kind: 'technical', severity: 'C' }, '2024-06-15T15:59:00Z', true, '2024-06-15T16:00:00Z', '"365 days"'],
    ['21Vianet Sev A at 03:00 Beijing: open', { cloud: '21vianet', kind: 'technical', severity: 'A' }, '2024-06-14T19:00:00Z', true, undefined, '"Severity A: 24*7 continuous service"'],
    // no times are published, so only the day is known: closed on Saturday, opening time not given
    ['21Vianet billing on Saturday: closed until Monday', { cloud: '21vianet', kind: 'billing' }, '2024-06-15T04:00:00Z', false, undefined, '"China business hours (Beijing Time), Monday through Friday"'],
  ] as const)('%s', (_description, query, at, open, boundary, _fact) => {
    const status = isSupportOpen({ ...(query as SupportHoursQuery), at: new Date(at) });
    expect(status.open).toBe(open);
    const actual = open ? status.closesAt : status.opensAt;
    expect(actual?.toISOString()).toBe(boundary === undefined ? undefined : new Date(boundary).toISOString());
  });

  it('answers "is billing phone support open now in my country, and if not when does it open?"', () => {
    const status = isSupportOpen({ cloud: 'worldwide', kind: 'billing', country: 'AU', at: new Date('2024-06-15T02:00:00Z') });
    expect(status).toMatchObject({ open: false, timeZone: 'Australia/Sydney' });
    expect(status.text).toBe(
      "Billing phone support in Australia is closed now; it opens Monday at 9:00 AM (Australian Eastern Time). Billing hours are local time and Australia has several time zones; I used Australian Eastern Time because I don't know yours.",
    );
  });

  it('says until when it is open', () => {
    const status = isSupportOpen({ cloud: 'worldwide', kind: 'billing', country: 'US', at: new Date('2024-06-14T20:59:00Z') });
    expect(status.text).toBe(
      "Billing phone support in the United States is open now until 5:00 PM (Eastern Time). Billing hours are local time and the United States has several time zones; I used Eastern Time because I don't know yours.",
    );
  });

  it('says "today" when it opens later the same day', () => {
    const status = isSupportOpen({ cloud: '21vianet', kind: 'technical', severity: 'B', at: new Date('2024-06-14T16:30:00Z') });
    expect(status.text).toBe(
      'Technical phone support for Office 365 operated by 21Vianet (Severity B and C requests) is closed now; it opens today at 9:00 AM (Beijing time).',
    );
  });

  it("adds the caller's own time when the hours are in another zone", () => {
    const status = isSupportOpen({ cloud: 'germany', kind: 'billing', timeZone: 'America/New_York', at: new Date('2024-06-15T02:00:00Z') });
    expect(status.text).toBe(
      'Billing phone support for Office 365 Germany is closed now; it opens Monday at 9:00 AM (Berlin time). That is Monday at 3:00 AM your time (Eastern Time).',
    );
  });

  it('falls back to UTC and says so when neither country nor time zone is known', () => {
    const status = isSupportOpen({ cloud: 'worldwide', kind: 'billing', at: new Date('2024-06-14T08:30:00Z') });
    expect(status).toMatchObject({ open: false, timeZone: 'UTC', opensAt: new Date('2024-06-14T09:00:00Z') });
    expect(status.text).toMatch(/I used UTC because I don't know your country or time zone/);
  });

  it('says round-the-clock support is open without a closing time', () => {
    const status = isSupportOpen({ cloud: 'worldwide', kind: 'technical', at: new Date('2024-06-15T07:00:00Z') });
    expect(status.text).toBe('Technical phone support is open now: it answers 24 hours a day, 7 days a week.');
  });
});

describe('countries', () => {
  it.each([
    ['US', 'America/New_York'],
    ['AU', 'Australia/Sydney'],
    ['CA', 'America/Toronto'],
    ['GB', 'Europe/London'],
    ['uk', 'Europe/London'],
    ['DE', 'Europe/Berlin'],
    ['CN', 'Asia/Shanghai'],
    ['BR', 'America/Sao_Paulo'],
    ['RU', 'Europe/Moscow'],
  ])('%s defaults to %s', (country, zone) => {
    expect(defaultTimeZone(country)).toBe(zone);
  });

  it('has no zone for an unknown code', () => {
    expect(defaultTimeZone('XX')).toBeUndefined();
  });

  it.each([
    ['I am calling from Australia', 'AU'],
    ['United Kingdom', 'GB'],
    ['uk', 'GB'],
    ['USA', 'US'],
    ['we are in the Netherlands', 'NL'],
    ['somewhere', undefined],
  ])('finds the country in "%s"', (text, code) => {
    expect(findCountry(text)).toBe(code);
  });

  it.each([
    ['FR', true],
    ['NO', true],
    ['DE', true],
    ['CH', false],
    ['GB', false],
    ['US', false],
  ])('%s is in the European Economic Area: %s', (country, expected) => {
    expect(isEeaCountry(country)).toBe(expected);
  });
});
