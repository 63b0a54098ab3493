import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCloudsData } from '../../src/support/clouds.js';
import { parseCountriesData } from '../../src/support/countries.js';
import { formatIssuePath } from '../../src/support/dataFile.js';
import { parsePhonesData } from '../../src/support/phoneDirectory.js';
import { parsePlansData } from '../../src/support/plans.js';
import { parseResponseTimesData } from '../../src/support/responseTimes.js';
import { parseSeveritiesData } from '../../src/support/severity.js';
import { parseSupportHoursData } from '../../src/support/supportHours.js';

function readData(fileName: string): any {
  return JSON.parse(readFileSync(new URL(`../../knowledge/support/${fileName}`, import.meta.url), 'utf8'));
}

/** A deep copy of a shipped data file with one change applied. */
function broken(fileName: string, change: (data: any) => void): unknown {
  const data = readData(fileName);
  change(data);
  return data;
}

describe('shipped data files are valid', () => {
  it.each([
    ['plans.json', parsePlansData],
    ['severities.json', parseSeveritiesData],
    ['responseTimes.json', parseResponseTimesData],
    ['supportHours.json', parseSupportHoursData],
    ['phones.json', parsePhonesData],
    ['clouds.json', parseCloudsData],
    ['countries.json', parseCountriesData],
  ] as const)('%s', (fileName, parse) => {
    expect(() => parse(readData(fileName))).not.toThrow();
  });
});

describe('a bad data file is refused with the file, the field path and the reason', () => {
  it.each([
    [
      'a plan family that does not exist',
      () => parsePlansData(broken('plans.json', (d) => (d.plans[3].family = 'premium'))),
      /knowledge\/support\/plans\.json: plans\[3\]\.family: Invalid option/,
    ],
    [
      'two plans with the same id',
      () => parsePlansData(broken('plans.json', (d) => (d.plans[1].id = d.plans[0].id))),
      /plans\.json: plans\[1\]\.id: duplicate plan id "business-basic"/,
    ],
    [
      'a missing response-time objective',
      () => parseResponseTimesData(broken('responseTimes.json', (d) => d.objectives.splice(8, 1))),
      /responseTimes\.json: objectives: missing objective worldwide\/elevated\/C/,
    ],
    [
      'a response time that is neither a duration nor a keyword',
      () => parseResponseTimesData(broken('responseTimes.json', (d) => (d.objectives[4].initialResponse = 'tomorrow-ish'))),
      /responseTimes\.json: objectives\[4\]\.initialResponse: expected an ISO-8601 duration/,
    ],
    [
      'opening hours that close before they open',
      () => parseSupportHoursData(broken('supportHours.json', (d) => (d.rules[0].schedule.close = '08:00'))),
      /supportHours\.json: rules\[0\]\.schedule\.close: close must be later than open/,
    ],
    [
      'an unknown time zone',
      () => parseSupportHoursData(broken('supportHours.json', (d) => (d.rules[5].timeZone = 'Europe/Atlantis'))),
      /supportHours\.json: rules\[5\]\.timeZone: .*not a valid IANA time zone/,
    ],
    [
      'a kind of support left without hours',
      () => parseSupportHoursData(broken('supportHours.json', (d) => (d.rules = d.rules.filter((r: any) => r.id !== 'germany-technical')))),
      /supportHours\.json: rules: no rule for germany technical severity A/,
    ],
    [
      'a phone number whose E.164 form is malformed',
      () => parsePhonesData(broken('phones.json', (d) => (d.entries[2].e164 = '1800197503'))),
      /phones\.json: entries\[2\]\.e164: expected an E\.164 number/,
    ],
    [
      'a cloud described twice',
      () => parseCloudsData(broken('clouds.json', (d) => d.clouds.push(d.clouds[0]))),
      /clouds\.json: clouds: expected exactly one entry for cloud "worldwide", found 2/,
    ],
    [
      'a restriction on the lowest severity',
      () => parseSeveritiesData(broken('severities.json', (d) => (d.restrictions[0].severity = 'C'))),
      /severities\.json: restrictions\[0\]\.severity: severity C must stay available/,
    ],
    [
      'a country code in lower case',
      () => parseCountriesData({ timeZones: { us: 'America/New_York' }, eeaCountries: ['DE'] }),
      /countries\.json: timeZones\.us: /,
    ],
  ])('%s', (_description, parse, message) => {
    expect(parse).toThrowError(message);
  });

  it('lists every problem, not only the first', () => {
    const bad = broken('plans.json', (d) => {
      d.plans[0].family = 'x';
      d.plans[2].aliases = [];
    });
    expect(() => parsePlansData(bad)).toThrowError(/plans\[0\]\.family: .*; plans\[2\]\.aliases: /);
  });
});

describe('formatIssuePath', () => {
  it.each([
    [[], '(root)'],
    [['plans'], 'plans'],
    [['plans', 3, 'family'], 'plans[3].family'],
    [['rules', 0, 'schedule', 'close'], 'rules[0].schedule.close'],
  ] as const)('%j is written %s', (path, text) => {
    expect(formatIssuePath(path)).toBe(text);
  });
});
