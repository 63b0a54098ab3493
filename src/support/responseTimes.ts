// Initial-response objectives: what the admin can expect after opening a request, by cloud, support
// family (from the plan, or elevated support) and severity, and the instant a response is due.
//
// Readings of the sources, decided here:
// - Worldwide "next day" is read as 24 hours after the request was opened (requests of that level are
//   worked around the clock, so there is no business-day calendar to count in).
// - 21Vianet counts in business days. Its Severity B/C requests are worked 9:00-24:00 Beijing time every
//   day of the year, so a business day is one such 15-hour working window, and the clock only runs inside
//   the windows: "one business day" is 15 working hours after opening (a request opened at 10:00 is due
//   10:00 the next day; one opened at 02:00 waits for 09:00 and is due at 24:00 that day), "three business
//   days" is 45 working hours. Billing and pre-sales requests follow their own Monday-Friday calendar,
//   whose times 21Vianet does not publish, so there a business day is a whole weekday in Beijing time.
// - An unknown plan gets the business family, the most conservative one, and the text says so.
// - 21Vianet severities are first clamped to what the customer may have (A needs an advanced agreement
//   and a technical issue); an unknown agreement counts as none.
import { DateTime, Duration } from 'luxon';
import { z } from 'zod';
import { catalog, formatList, translate, type Language } from '../i18n/index.js';
import { CLOUDS, type Cloud } from './cloudIds.js';
import { loadSupportData, parseSupportData } from './dataFile.js';
import { dataKey } from './messages.js';
import { PLAN_FAMILIES, resolvePlanFamily, type PlanFamily } from './plans.js';
import { clampSeverity, SEVERITIES, type RequestCategory, type Severity } from './severity.js';
import { addOpenTime, describeSchedule, openMinutesBetween, openMinutesPerDay, supportHoursRule, unpublishedDaysInWords, type SupportKind } from './supportHours.js';

const FILE = 'responseTimes.json';

export const OBJECTIVE_FAMILIES = [...PLAN_FAMILIES, 'elevated'] as const;
export type ObjectiveFamily = (typeof OBJECTIVE_FAMILIES)[number];
export type Availability = '24x7' | 'business-hours';
/** ISO-8601 duration ("PT1H"), 'next-day', 'business-days:N', 'no-commitment' or 'not-published'. */
export type InitialResponse = string;

const initialResponseSchema = z.string().refine(
  (value) =>
    ['next-day', 'no-commitment', 'not-published'].includes(value) ||
    /^business-days:[1-9]\d*$/.test(value) ||
    (value.startsWith('P') && Duration.fromISO(value).isValid),
  "expected an ISO-8601 duration, 'next-day', 'business-days:N', 'no-commitment' or 'not-published'",
);

const objectiveRowSchema = z.object({
  cloud: z.enum(CLOUDS),
  family: z.enum([...OBJECTIVE_FAMILIES, 'any']),
  severity: z.enum(SEVERITIES),
  availability: z.enum(['24x7', 'business-hours']),
  initialResponse: initialResponseSchema,
});
export type ObjectiveRow = z.output<typeof objectiveRowSchema>;

export const responseTimesDataSchema = z
  .object({
    about: z.string().optional(),
    objectives: z.array(objectiveRowSchema).min(1),
  })
  .superRefine((data, ctx) => {
    const keys = data.objectives.map((row) => `${row.cloud}/${row.family}/${row.severity}`);
    keys.forEach((key, index) => {
      if (keys.indexOf(key) !== index) ctx.addIssue({ code: 'custom', path: ['objectives', index], message: `duplicate objective ${key}` });
    });
    // Worldwide objectives depend on the family; the other clouds have one table for every plan.
    for (const cloud of CLOUDS) {
      const families = cloud === 'worldwide' ? OBJECTIVE_FAMILIES : (['any'] as const);
      for (const family of families) {
        for (const severity of SEVERITIES) {
          if (!keys.includes(`${cloud}/${family}/${severity}`)) {
            ctx.addIssue({ code: 'custom', path: ['objectives'], message: `missing objective ${cloud}/${family}/${severity}` });
          }
        }
      }
    }
  });
export type ResponseTimesData = z.output<typeof responseTimesDataSchema>;

export function parseResponseTimesData(value: unknown): ResponseTimesData {
  return parseSupportData(FILE, responseTimesDataSchema, value);
}

const data = loadSupportData(FILE, responseTimesDataSchema);

export interface ResponseTimeQuery {
  cloud: Cloud;
  /** Plan id from plans.json; ignored when `family` is given. */
  planId?: string;
  family?: PlanFamily | 'elevated';
  /** The customer has paid elevated support (Premier, Professional Direct ...). Worldwide only. */
  elevated?: boolean;
  severity: Severity;
  /** Defaults to 'technical'. */
  category?: RequestCategory;
  /** 21Vianet: an advanced online service agreement is signed. Unknown counts as no. */
  hasAdvancedAgreement?: boolean;
  /** The language of `text` and `notes` (default English) and the channel's locale. */
  language?: Language;
  locale?: string;
}

export interface ResponseTimeObjective {
  cloud: Cloud;
  /** Severity the objective is for: the requested one, lowered if the cloud does not allow it. */
  severity: Severity;
  requestedSeverity: Severity;
  /** Family whose column was used; 'any' for clouds whose objectives do not depend on the plan. */
  family: ObjectiveFamily | 'any';
  /** True when the plan was unknown and the business family was assumed. */
  planAssumed: boolean;
  availability: Availability;
  initialResponse: InitialResponse;
  /** e.g. "an initial response within one hour, 24 hours a day, 7 days a week". */
  text: string;
  /** Sentences to show next to the objective: assumed plan, lowered severity, family and cloud notes. */
  notes: string[];
}

interface Wording {
  language: Language;
  locale?: string;
}

const say = (w: Wording, key: Parameters<typeof translate>[1], values?: Parameters<typeof translate>[2]) => translate(w.language, key, values, w.locale);

/** "one hour", "two days and three hours"; "2 Stunden" in German. */
function durationInWords(iso: string, w: Wording): string {
  const duration = Duration.fromISO(iso).shiftTo('days', 'hours', 'minutes');
  const parts: string[] = [];
  if (duration.days) parts.push(say(w, 'support.response.count.days', { count: duration.days }));
  if (duration.hours) parts.push(say(w, 'support.response.count.hours', { count: duration.hours }));
  if (duration.minutes) parts.push(say(w, 'support.response.count.minutes', { count: duration.minutes }));
  return formatList(w.language, parts);
}

function supportKindFor(category: RequestCategory): SupportKind {
  return category === 'billing' || category === 'presales' ? category : 'technical';
}

function businessDays(initialResponse: InitialResponse): number | undefined {
  const match = /^business-days:(\d+)$/.exec(initialResponse);
  return match ? Number(match[1]) : undefined;
}

function objectiveText(row: ObjectiveRow, cloud: Cloud, severity: Severity, kind: SupportKind, availability: Availability, w: Wording): string {
  const when = availability === '24x7' ? 'always' : 'businessHours';
  const days = businessDays(row.initialResponse);
  if (days !== undefined) {
    const rule = supportHoursRule({ cloud, kind, severity });
    const duration = say(w, 'support.response.count.businessDays', { count: days });
    if (rule.schedule.type === 'unpublished') {
      return say(w, 'support.response.businessDays.counting', { duration, calendar: unpublishedDaysInWords(rule.schedule, rule, w.language, w.locale) });
    }
    return say(w, 'support.response.businessDays.workingHours', { duration, schedule: describeSchedule(rule, undefined, w.language, w.locale) });
  }
  switch (row.initialResponse) {
    case 'next-day':
      return say(w, 'support.response.nextDay', { when });
    case 'no-commitment':
      return say(w, 'support.response.noCommitment', { when });
    case 'not-published':
      return say(w, 'support.response.notPublished', { when });
    default:
      return say(w, 'support.response.within', { duration: durationInWords(row.initialResponse, w), when });
  }
}

/** A note shown next to objectives of a family or a cloud, when the catalog has one. */
function note(key: string, w: Wording): string | undefined {
  return key in catalog('en') ? say(w, dataKey(key)) : undefined;
}

/** The objective for a request, with a sentence for the admin and the notes that explain it. */
export function responseTimeObjective(query: ResponseTimeQuery): ResponseTimeObjective {
  const category = query.category ?? 'technical';
  const kind = supportKindFor(category);
  const notes: string[] = [];
  const w: Wording = { language: query.language ?? 'en', locale: query.locale };

  const clamp = clampSeverity({ cloud: query.cloud, category, hasAdvancedAgreement: query.hasAdvancedAgreement, severity: query.severity, language: w.language });
  if (clamp.reason) notes.push(clamp.reason);
  const severity = clamp.severity;

  let family: ObjectiveFamily | 'any' = 'any';
  let planAssumed = false;
  if (query.cloud === 'worldwide') {
    if (query.elevated || query.family === 'elevated') {
      family = 'elevated';
    } else if (query.family) {
      family = query.family;
    } else {
      const resolution = resolvePlanFamily(query.planId, w.language);
      family = resolution.family;
      planAssumed = resolution.assumed;
      if (resolution.note) notes.push(resolution.note);
    }
  }

  const row = data.objectives.find((r) => r.cloud === query.cloud && r.family === family && r.severity === severity)!;
  // Without published objectives, say when the line is staffed for this kind of request instead.
  const availability: Availability =
    row.initialResponse === 'not-published' && supportHoursRule({ cloud: query.cloud, kind, severity }).schedule.type !== 'always'
      ? 'business-hours'
      : row.availability;

  const familyNote = note(`support.response.familyNote.${family}`, w);
  if (familyNote) notes.push(familyNote);
  const cloudNote = note(`support.response.cloudNote.${query.cloud}`, w);
  if (cloudNote) notes.push(cloudNote);

  return {
    cloud: query.cloud,
    severity,
    requestedSeverity: query.severity,
    family,
    planAssumed,
    availability,
    initialResponse: row.initialResponse,
    text: objectiveText(row, query.cloud, severity, kind, availability, w),
    notes,
  };
}

/**
 * When the initial response is due for a request opened at `createdAt`, or null when there is no
 * committed time ('no-commitment', 'not-published'). See the readings at the top of this file.
 */
export function responseDueAt(query: ResponseTimeQuery & { createdAt: Date }): Date | null {
  const objective = responseTimeObjective(query);
  const { initialResponse } = objective;
  if (initialResponse === 'no-commitment' || initialResponse === 'not-published') return null;
  if (initialResponse === 'next-day') return DateTime.fromJSDate(query.createdAt).plus({ hours: 24 }).toJSDate();
  const days = businessDays(initialResponse);
  if (days !== undefined) {
    const rule = supportHoursRule({ cloud: query.cloud, kind: supportKindFor(query.category ?? 'technical'), severity: objective.severity });
    const minutesPerDay = rule.schedule.type === 'weekly' ? openMinutesPerDay(rule.schedule) : 24 * 60;
    return addOpenTime(rule, query.createdAt, days * minutesPerDay);
  }
  return DateTime.fromJSDate(query.createdAt).plus(Duration.fromISO(initialResponse)).toJSDate();
}

/**
 * Minutes from filing to an agent's first response on the objective's own clock: support hours only for
 * objectives counted in business days (21Vianet B and C), the wall clock for every other one.
 */
export function responseMinutes(query: ResponseTimeQuery, from: Date, to: Date): number {
  const objective = responseTimeObjective(query);
  if (businessDays(objective.initialResponse) === undefined) return Math.max(0, (to.getTime() - from.getTime()) / 60_000);
  const rule = supportHoursRule({ cloud: query.cloud, kind: supportKindFor(query.category ?? 'technical'), severity: objective.severity });
  return openMinutesBetween(rule, from, to);
}
