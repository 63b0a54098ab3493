// When each kind of support answers, per cloud, and whether it is open at a given instant.
// Worldwide billing and pre-sales follow the caller's local business hours, so the rule is read in the
// caller's time zone (explicit, or the default zone of their country); Germany and 21Vianet rules are
// tied to Berlin and Beijing time whoever calls. All arithmetic goes through luxon in the rule's zone so
// weekends and daylight-saving changes fall where they do locally.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { CLOUDS, cloudName, type Cloud } from './cloudIds.js';
import { countryNameInSentence, defaultTimeZone, hasSeveralTimeZones, normalizeCountry, timeZoneSchema } from './countries.js';
import { loadSupportData, parseSupportData } from './dataFile.js';
import { SEVERITIES, type Severity } from './severity.js';

const FILE = 'supportHours.json';

export const SUPPORT_KINDS = ['billing', 'technical', 'presales'] as const;
export type SupportKind = (typeof SUPPORT_KINDS)[number];

const clockTime = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected a time "HH:mm" (or "24:00" for midnight)');

const scheduleSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('always') }),
  z
    .object({
      type: z.literal('weekly'),
      days: z.array(z.number().int().min(1).max(7)).min(1),
      open: clockTime,
      close: clockTime,
    })
    .refine((s) => minutesOf(s.open) < minutesOf(s.close), { message: 'close must be later than open', path: ['close'] }),
  // The source names the days but not the times, e.g. "China business hours", Monday to Friday.
  z.object({
    type: z.literal('unpublished'),
    days: z.array(z.number().int().min(1).max(7)).min(1),
    /** How the source names the hours, e.g. "China business hours". */
    hours: z.string().min(1),
  }),
]);
export type Schedule = z.output<typeof scheduleSchema>;
export type WeeklySchedule = Extract<Schedule, { type: 'weekly' }>;
export type UnpublishedSchedule = Extract<Schedule, { type: 'unpublished' }>;

const ruleSchema = z
  .object({
    id: z.string().min(1),
    cloud: z.enum(CLOUDS),
    kind: z.enum(SUPPORT_KINDS),
    /** Country-specific rule (ISO alpha-2); beats the rule without countries. */
    countries: z.array(z.string().regex(/^[A-Z]{2}$/)).min(1).optional(),
    severities: z.array(z.enum(SEVERITIES)).min(1).optional(),
    /** 'caller' = the caller's local time; otherwise a fixed IANA zone. Not needed for 'always'. */
    timeZone: z.union([z.literal('caller'), timeZoneSchema]).optional(),
    timeZoneLabel: z.string().min(1).optional(),
    schedule: scheduleSchema,
    languages: z.array(z.string().min(1)),
    note: z.string().min(1).optional(),
  })
  .refine((rule) => rule.schedule.type === 'always' || rule.timeZone !== undefined, {
    message: 'a weekly or unpublished schedule needs a timeZone',
    path: ['timeZone'],
  });
export type SupportHoursRule = z.output<typeof ruleSchema>;

export const supportHoursDataSchema = z
  .object({ about: z.string().optional(), rules: z.array(ruleSchema).min(1) })
  .superRefine((data, ctx) => {
    // Every cloud, kind and severity must have a rule that applies whatever the caller's country.
    for (const cloud of CLOUDS) {
      for (const kind of SUPPORT_KINDS) {
        for (const severity of SEVERITIES) {
          const covered = data.rules.some(
            (r) => r.cloud === cloud && r.kind === kind && !r.countries && (!r.severities || r.severities.includes(severity)),
          );
          if (!covered) ctx.addIssue({ code: 'custom', path: ['rules'], message: `no rule for ${cloud} ${kind} severity ${severity}` });
        }
      }
    }
  });
export type SupportHoursData = z.output<typeof supportHoursDataSchema>;

export function parseSupportHoursData(value: unknown): SupportHoursData {
  return parseSupportData(FILE, supportHoursDataSchema, value);
}

const data = loadSupportData(FILE, supportHoursDataSchema);

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours! * 60 + minutes!;
}

// ---------------------------------------------------------------------------------------------------
// Rule selection

export interface SupportHoursQuery {
  cloud: Cloud;
  kind: SupportKind;
  /** ISO 3166-1 alpha-2 country of the caller. */
  country?: string;
  /** IANA time zone of the caller; overrides the country's default zone. */
  timeZone?: string;
  severity?: Severity;
}

/**
 * Picks the rule for a query. Without a severity, rules split by severity are read as for B: Severity A
 * in 21Vianet needs an advanced agreement, so B/C hours are what most callers get.
 */
export function supportHoursRule(query: Pick<SupportHoursQuery, 'cloud' | 'kind' | 'country' | 'severity'>): SupportHoursRule {
  const country = normalizeCountry(query.country);
  const severity = query.severity ?? 'B';
  const candidates = data.rules.filter(
    (rule) =>
      rule.cloud === query.cloud &&
      rule.kind === query.kind &&
      (!rule.severities || rule.severities.includes(severity)) &&
      (!rule.countries || (country !== undefined && rule.countries.includes(country))),
  );
  // The data schema guarantees a country-independent rule; a country-specific one is more precise.
  return candidates.find((rule) => rule.countries) ?? candidates[0]!;
}

type ZoneSource = 'rule' | 'explicit' | 'country' | 'unknown';

/**
 * " Billing hours are local time and the United States has several time zones; I used America/New_York
 * because I don't know yours." when the zone is a guess from a country that spans several zones.
 */
function assumedZoneInWords(rule: SupportHoursRule, query: SupportHoursQuery, source: ZoneSource, zone: string | undefined): string {
  if (rule.timeZone !== 'caller' || source !== 'country' || !zone || !query.country || !hasSeveralTimeZones(query.country)) return '';
  return ` ${KIND_LABELS[rule.kind]} hours are local time and ${countryNameInSentence(query.country)} has several time zones; I used ${zone} because I don't know yours.`;
}

function resolveZone(rule: SupportHoursRule, query: SupportHoursQuery): { zone: string | undefined; source: ZoneSource } {
  if (rule.timeZone && rule.timeZone !== 'caller') return { zone: rule.timeZone, source: 'rule' };
  if (query.timeZone && timeZoneSchema.safeParse(query.timeZone).success) return { zone: query.timeZone, source: 'explicit' };
  const byCountry = query.country ? defaultTimeZone(query.country) : undefined;
  if (byCountry) return { zone: byCountry, source: 'country' };
  return { zone: undefined, source: 'unknown' };
}

// ---------------------------------------------------------------------------------------------------
// Open windows

interface OpenWindow {
  start: DateTime;
  end: DateTime;
}

function windowOn(day: DateTime, schedule: WeeklySchedule): OpenWindow | undefined {
  if (!schedule.days.includes(day.weekday)) return undefined;
  const at = (time: string) =>
    time === '24:00' ? day.plus({ days: 1 }).startOf('day') : day.set({ hour: minutesOf(time) / 60 | 0, minute: minutesOf(time) % 60 });
  return { start: at(schedule.open), end: at(schedule.close) };
}

/** The open window containing `at`, if any. */
function windowAt(schedule: WeeklySchedule, at: DateTime): OpenWindow | undefined {
  const window = windowOn(at.startOf('day'), schedule);
  return window && window.start <= at && at < window.end ? window : undefined;
}

/** The first open window starting strictly after `at` (always within eight days for a weekly schedule). */
function nextWindow(schedule: WeeklySchedule, at: DateTime): OpenWindow {
  const today = at.startOf('day');
  for (let offset = 0; offset <= 8; offset++) {
    const window = windowOn(today.plus({ days: offset }), schedule);
    if (window && window.start > at) return window;
  }
  throw new Error('weekly schedule without open days');
}

/**
 * The calendar a rule's business days are counted in. Without published times, a business day is a whole
 * listed day (Monday to Friday in Beijing time for 21Vianet billing): nothing is assumed about the hours.
 */
function countingSchedule(schedule: WeeklySchedule | UnpublishedSchedule): WeeklySchedule {
  return schedule.type === 'weekly' ? schedule : { type: 'weekly', days: schedule.days, open: '00:00', close: '24:00' };
}

/** Length of one day's open window in minutes, e.g. 900 for 9:00-24:00. */
export function openMinutesPerDay(schedule: WeeklySchedule): number {
  return minutesOf(schedule.close) - minutesOf(schedule.open);
}

/**
 * Adds `minutes` of open time to `from`: the clock only runs while support is open. Used for
 * objectives counted in business days. Rules local to the caller are read in `callerZone` (UTC if none).
 */
export function addOpenTime(rule: SupportHoursRule, from: Date, minutes: number, callerZone?: string): Date {
  if (rule.schedule.type === 'always') return new Date(from.getTime() + minutes * 60_000);
  const zone = rule.timeZone === 'caller' || !rule.timeZone ? (callerZone ?? 'UTC') : rule.timeZone;
  const schedule = countingSchedule(rule.schedule);
  let cursor: DateTime = DateTime.fromJSDate(from, { zone });
  let remainingMs = minutes * 60_000;
  let window = windowAt(schedule, cursor) ?? nextWindow(schedule, cursor);
  for (;;) {
    if (cursor < window.start) cursor = window.start;
    const available = window.end.toMillis() - cursor.toMillis();
    if (remainingMs <= available) return new Date(cursor.toMillis() + remainingMs);
    remainingMs -= available;
    window = nextWindow(schedule, window.end.minus({ milliseconds: 1 }));
  }
}

// ---------------------------------------------------------------------------------------------------
// Words

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const KIND_LABELS: Record<SupportKind, string> = { billing: 'Billing', technical: 'Technical', presales: 'Pre-sales' };

function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function clockInWords(time: string): string {
  if (time === '24:00' || time === '00:00') return 'midnight';
  const minutes = minutesOf(time);
  return DateTime.fromObject({ hour: (minutes / 60) | 0, minute: minutes % 60 }, { zone: 'UTC' }).toFormat('h:mm a');
}

function daysInWords(days: readonly number[]): string {
  const sorted = [...new Set(days)].sort();
  if (sorted.length === 7) return 'every day';
  const contiguous = sorted.every((day, i) => i === 0 || day === sorted[i - 1]! + 1);
  if (contiguous && sorted.length > 2) return `${DAY_NAMES[sorted[0]! - 1]} to ${DAY_NAMES[sorted[sorted.length - 1]! - 1]}`;
  return listInWords(sorted.map((day) => DAY_NAMES[day - 1]!));
}

function zoneInWords(rule: SupportHoursRule, zone: string | undefined): string {
  if (rule.schedule.type === 'unpublished') return rule.timeZoneLabel ?? zone ?? 'local time';
  if (rule.timeZone === 'caller') return zone ? `local time (${zone})` : 'local time';
  return `${rule.timeZoneLabel ?? zone} (${zone})`;
}

/** "Monday to Friday only (Beijing time); the exact business hours are not published". */
export function unpublishedDaysInWords(schedule: UnpublishedSchedule, rule: SupportHoursRule): string {
  return `${daysInWords(schedule.days)} only (${zoneInWords(rule, rule.timeZone)}); the exact business hours are not published`;
}

/** "Monday to Friday, 9:00 AM to 5:00 PM local time (America/New_York)" or "24 hours a day, 7 days a week". */
export function describeSchedule(rule: SupportHoursRule, zone?: string): string {
  return scheduleInWords(rule, zone ?? (rule.timeZone === 'caller' ? undefined : rule.timeZone));
}

function scheduleInWords(rule: SupportHoursRule, zone: string | undefined): string {
  if (rule.schedule.type === 'always') return '24 hours a day, 7 days a week';
  if (rule.schedule.type === 'unpublished') {
    return `during ${rule.schedule.hours} (${zoneInWords(rule, zone)}), ${daysInWords(rule.schedule.days)}; the exact times are not published`;
  }
  const { days, open, close } = rule.schedule;
  return `${daysInWords(days)}, ${clockInWords(open)} to ${clockInWords(close)} ${zoneInWords(rule, zone)}`;
}

function subject(rule: SupportHoursRule, query: SupportHoursQuery, channel: string): string {
  let text = `${KIND_LABELS[rule.kind]}${channel} support`;
  if (rule.cloud !== 'worldwide') text += ` for ${cloudName(rule.cloud)}`;
  if (rule.timeZone === 'caller' && normalizeCountry(query.country)) text += ` in ${countryNameInSentence(query.country!)}`;
  if (rule.severities) text += ` (Severity ${listInWords(rule.severities)} requests)`;
  return text;
}

/** Rules of the same cloud and kind that did not apply, summarised so the admin sees the exceptions. */
function otherRulesInWords(rule: SupportHoursRule, query: SupportHoursQuery): string {
  const others = data.rules.filter((r) => r.cloud === rule.cloud && r.kind === rule.kind && r !== rule);
  const parts: string[] = [];
  for (const other of others) {
    if (other.countries && !normalizeCountry(query.country)) {
      const where = listInWords(other.countries.map((c) => countryNameInSentence(c)));
      if (other.schedule.type === 'weekly') {
        parts.push(`in ${where} it is ${clockInWords(other.schedule.open)} to ${clockInWords(other.schedule.close)}`);
      }
    } else if (other.severities && !query.severity) {
      parts.push(`Severity ${listInWords(other.severities)} requests are handled ${scheduleInWords(other, resolveZone(other, query).zone)}`);
    }
  }
  return parts.length ? ` ${parts.map((p) => p[0]!.toUpperCase() + p.slice(1)).join('. ')}.` : '';
}

// ---------------------------------------------------------------------------------------------------
// Public queries

export interface SupportHours {
  rule: SupportHoursRule;
  /** Zone the hours are read in; undefined when they are local to a caller whose zone is unknown. */
  timeZone?: string;
  alwaysOpen: boolean;
  languages: readonly string[];
  text: string;
}

/**
 * The hours that apply, with a sentence such as "Billing support in Australia is available in English,
 * Monday to Friday, 9:00 AM to 6:00 PM local time (Australia/Sydney)."
 */
export function supportHoursFor(query: SupportHoursQuery): SupportHours {
  const rule = supportHoursRule(query);
  const { zone } = resolveZone(rule, query);
  const languages = rule.languages.length ? ` in ${listInWords(rule.languages)},` : '';
  const note = rule.note ? ` ${rule.note}` : '';
  const text = `${subject(rule, query, '')} is available${languages} ${scheduleInWords(rule, zone)}.${otherRulesInWords(rule, query)}${note}`;
  return { rule, timeZone: zone, alwaysOpen: rule.schedule.type === 'always', languages: rule.languages, text };
}

export interface OpenStatus {
  /** Null when the source gives the days but not the times and today is one of those days. */
  open: boolean | null;
  /** Next opening, when closed. */
  opensAt?: Date;
  /** End of the current open window, when open and not 24/7. */
  closesAt?: Date;
  /** Zone the times are expressed in. */
  timeZone: string;
  text: string;
}

function dayInWords(target: DateTime, now: DateTime): string {
  const days = target.startOf('day').diff(now.startOf('day'), 'days').days;
  if (Math.round(days) === 0) return 'today';
  if (Math.round(days) === 1) return 'tomorrow';
  return target.toFormat('cccc');
}

/** " That is Sunday at 7:00 PM your time (America/New_York)." when the caller's zone differs. */
function callerTimeInWords(moment: DateTime, query: SupportHoursQuery, zone: string, nowUtc: DateTime): string {
  if (!query.timeZone || query.timeZone === zone || !timeZoneSchema.safeParse(query.timeZone).success) return '';
  const local = moment.setZone(query.timeZone);
  return ` That is ${dayInWords(local, nowUtc.setZone(query.timeZone))} at ${local.toFormat('h:mm a')} your time (${query.timeZone}).`;
}

/**
 * Whether support of this kind is open at `at`, and when it opens or closes, e.g. "Billing phone support
 * in Australia is closed now; it opens Monday at 9:00 AM (Australia/Sydney)."
 * When the hours are local to the caller and neither country nor time zone is known, UTC is used and
 * the text says so.
 */
export function isSupportOpen(query: SupportHoursQuery & { at: Date }): OpenStatus {
  const rule = supportHoursRule(query);
  const resolved = resolveZone(rule, query);
  const zone = resolved.zone ?? 'UTC';
  const caveat =
    resolved.source === 'unknown' && rule.schedule.type === 'weekly'
      ? " I used UTC because I don't know your country or time zone."
      : assumedZoneInWords(rule, query, resolved.source, resolved.zone);
  const who = subject(rule, query, ' phone');
  const nowUtc = DateTime.fromJSDate(query.at, { zone: 'UTC' });

  if (rule.schedule.type === 'always') {
    return { open: true, timeZone: zone, text: `${who} is open now: it answers 24 hours a day, 7 days a week.` };
  }
  const now = DateTime.fromJSDate(query.at, { zone });
  if (rule.schedule.type === 'unpublished') {
    const { days, hours } = rule.schedule;
    const where = zoneInWords(rule, zone);
    const notPublished = `${hours} (${where}), ${daysInWords(days)}; the exact times are not published`;
    if (!days.includes(now.weekday)) {
      const opens = nextWindow(countingSchedule(rule.schedule), now).start;
      return { open: false, timeZone: zone, text: `${who} is closed now; it opens ${dayInWords(opens, now)}, during ${notPublished}.` };
    }
    return {
      open: null,
      timeZone: zone,
      text: `${who} answers during ${notPublished}, so I can't tell whether it is open right now (it is ${now.toFormat('cccc h:mm a')} ${where}).`,
    };
  }
  const current = windowAt(rule.schedule, now);
  if (current) {
    const closes = current.end;
    const until = rule.schedule.close === '24:00' ? 'midnight' : closes.toFormat('h:mm a');
    return {
      open: true,
      closesAt: closes.toJSDate(),
      timeZone: zone,
      text: `${who} is open now until ${until} (${zone}).${callerTimeInWords(closes, query, zone, nowUtc)}${caveat}`,
    };
  }
  const opens = nextWindow(rule.schedule, now).start;
  return {
    open: false,
    opensAt: opens.toJSDate(),
    timeZone: zone,
    text: `${who} is closed now; it opens ${dayInWords(opens, now)} at ${opens.toFormat('h:mm a')} (${zone}).${callerTimeInWords(opens, query, zone, nowUtc)}${caveat}`,
  };
}

export function listSupportHoursRules(): readonly SupportHoursRule[] {
  return data.rules;
}
