// When each kind of support answers, per cloud, and whether it is open at a given instant.
// Worldwide billing and pre-sales follow the caller's local business hours, so the rule is read in the
// caller's time zone (explicit, or the default zone of their country); Germany and 21Vianet rules are
// tied to Berlin and Beijing time whoever calls. All arithmetic goes through luxon in the rule's zone so
// weekends and daylight-saving changes fall where they do locally.
import { DateTime, Info } from 'luxon';
import { z } from 'zod';
import { catalog, FORMATTING_LOCALE, formattingLocale, timeZoneDisplayName, translate, type Language } from '../i18n/index.js';
import { CLOUDS, cloudName, type Cloud } from './cloudIds.js';
import { countryNameInSentence, defaultTimeZone, hasSeveralTimeZones, normalizeCountry, timeZoneSchema } from './countries.js';
import { loadSupportData, parseSupportData } from './dataFile.js';
import { dataKey, joinSentences, messageKeys } from './messages.js';
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
  // The source names the days but not the times, e.g. "China business hours", Monday to Friday; how it
  // names the hours is the catalog message support.hours.<rule id>.hoursName.
  z.object({
    type: z.literal('unpublished'),
    days: z.array(z.number().int().min(1).max(7)).min(1),
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
    /**
     * 'caller' = the caller's local time; otherwise a fixed IANA zone, named by the catalog message
     * support.hours.zoneName.<zone> when it has one ("Beijing time"). Not needed for 'always'.
     */
    timeZone: z.union([z.literal('caller'), timeZoneSchema]).optional(),
    schedule: scheduleSchema,
    /** BCP 47 codes of the languages the line answers in (named in the admin's language when shown). */
    languages: z.array(z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]+)*$/, 'expected a language code such as "en"')),
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
messageKeys(
  FILE,
  data.rules.filter((rule) => rule.schedule.type === 'unpublished').map((rule) => `support.hours.${rule.id}.hoursName`),
);

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
function assumedZoneInWords(rule: SupportHoursRule, query: SupportHoursQuery, source: ZoneSource, zone: string | undefined, language: Language): string | undefined {
  if (rule.timeZone !== 'caller' || source !== 'country' || !zone || !query.country || !hasSeveralTimeZones(query.country)) return undefined;
  return translate(language, 'support.hours.assumedZone', { kind: rule.kind, country: countryNameInSentence(query.country, language), zone: zoneLabel(zone, { language }) });
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

/**
 * Open time between two instants, in minutes: what the clock of an objective counted in business days
 * shows (the insights' time to first response). Rules local to the caller are read in `callerZone`.
 */
export function openMinutesBetween(rule: SupportHoursRule, from: Date, to: Date, callerZone?: string): number {
  if (to.getTime() <= from.getTime()) return 0;
  if (rule.schedule.type === 'always') return (to.getTime() - from.getTime()) / 60_000;
  const zone = rule.timeZone === 'caller' || !rule.timeZone ? (callerZone ?? 'UTC') : rule.timeZone;
  const schedule = countingSchedule(rule.schedule);
  const start = DateTime.fromJSDate(from, { zone });
  const end = DateTime.fromJSDate(to, { zone });
  let window = windowAt(schedule, start) ?? nextWindow(schedule, start);
  let totalMs = 0;
  while (window.start < end) {
    const openFrom = window.start < start ? start : window.start;
    const openTo = window.end < end ? window.end : end;
    if (openTo > openFrom) totalMs += openTo.toMillis() - openFrom.toMillis();
    window = nextWindow(schedule, window.end.minus({ milliseconds: 1 }));
  }
  return totalMs / 60_000;
}

// ---------------------------------------------------------------------------------------------------
// Words: every sentence is a catalog message (support.hours.*); days, clock times and lists come from the
// runtime's locale data in the admin's language. English keeps the forms it always had: "Monday",
// "9:00 AM", "A, B and C".

/** The admin's language and the channel's locale, which every piece of wording needs. */
interface Wording {
  language: Language;
  locale?: string;
}

const say = (w: Wording, key: Parameters<typeof translate>[1], values?: Parameters<typeof translate>[2]) => translate(w.language, key, values, w.locale);

/** The locale dates and lists are written in: British-style English lists, else the language's own locale. */
function wordingLocale(w: Wording): string {
  return w.language === 'en' ? 'en-GB' : formattingLocale(w.language, w.locale);
}

function listInWords(items: readonly string[], w: Wording): string {
  if (items.length <= 1) return items.join('');
  return new Intl.ListFormat(wordingLocale(w), { type: 'conjunction' }).format(items);
}

/** A clock time: "9:00 AM" in English, "09:00" in German, the locale's own form in Chinese. */
function timeInWords(time: DateTime, w: Wording): string {
  return w.language === 'en' ? time.toFormat('h:mm a') : time.setLocale(formattingLocale(w.language, w.locale)).toLocaleString(DateTime.TIME_SIMPLE);
}

function clockInWords(time: string, w: Wording): string {
  if (time === '24:00' || time === '00:00') return say(w, 'support.hours.midnight');
  const minutes = minutesOf(time);
  return timeInWords(DateTime.fromObject({ hour: (minutes / 60) | 0, minute: minutes % 60 }, { zone: 'UTC' }), w);
}

function weekdayNames(w: Wording): string[] {
  return Info.weekdays('long', { locale: w.language === 'en' ? 'en-US' : FORMATTING_LOCALE[w.language] });
}

function daysInWords(days: readonly number[], w: Wording): string {
  const sorted = [...new Set(days)].sort();
  if (sorted.length === 7) return say(w, 'support.hours.days.every');
  const names = weekdayNames(w);
  const contiguous = sorted.every((day, i) => i === 0 || day === sorted[i - 1]! + 1);
  if (contiguous && sorted.length > 2) return say(w, 'support.hours.days.range', { from: names[sorted[0]! - 1]!, to: names[sorted[sorted.length - 1]! - 1]! });
  return listInWords(sorted.map((day) => names[day - 1]!), w);
}

/** "Beijing time" for a zone the catalog names, else undefined. */
function zoneName(zone: string | undefined, w: Wording): string | undefined {
  const key = `support.hours.zoneName.${zone}`;
  return zone && key in catalog('en') ? say(w, dataKey(key)) : undefined;
}

/** "Beijing time", "Eastern Time": the catalog's name for the zone, else the one people use (CLDR). */
function zoneLabel(zone: string, w: Wording): string {
  return zoneName(zone, w) ?? timeZoneDisplayName(zone, w.language, w.locale);
}

function zoneInWords(rule: SupportHoursRule, zone: string | undefined, w: Wording): string {
  if (rule.schedule.type === 'unpublished') return zoneName(rule.timeZone, w) ?? (zone ? zoneLabel(zone, w) : say(w, 'support.hours.localTime'));
  if (rule.timeZone === 'caller') return zone ? say(w, 'support.hours.localTimeIn', { zone: zoneLabel(zone, w) }) : say(w, 'support.hours.localTime');
  const named = rule.timeZone ?? zone;
  return named ? zoneLabel(named, w) : say(w, 'support.hours.localTime');
}

function hoursName(rule: SupportHoursRule, w: Wording): string {
  return say(w, dataKey(`support.hours.${rule.id}.hoursName`));
}

/** "Monday to Friday only (Beijing time); the exact business hours are not published". */
export function unpublishedDaysInWords(schedule: UnpublishedSchedule, rule: SupportHoursRule, language: Language = 'en', locale?: string): string {
  const w = { language, locale };
  return say(w, 'support.hours.unpublishedDays', { days: daysInWords(schedule.days, w), zone: zoneInWords(rule, rule.timeZone, w) });
}

/** "Monday to Friday, 9:00 AM to 5:00 PM local time (America/New_York)" or "24 hours a day, 7 days a week". */
export function describeSchedule(rule: SupportHoursRule, zone?: string, language: Language = 'en', locale?: string): string {
  return scheduleInWords(rule, zone ?? (rule.timeZone === 'caller' ? undefined : rule.timeZone), { language, locale });
}

function scheduleInWords(rule: SupportHoursRule, zone: string | undefined, w: Wording): string {
  if (rule.schedule.type === 'always') return say(w, 'support.hours.always');
  if (rule.schedule.type === 'unpublished') {
    return say(w, 'support.hours.unpublished', { hours: hoursName(rule, w), zone: zoneInWords(rule, zone, w), days: daysInWords(rule.schedule.days, w) });
  }
  const { days, open, close } = rule.schedule;
  return say(w, 'support.hours.weekly', { days: daysInWords(days, w), open: clockInWords(open, w), close: clockInWords(close, w), zone: zoneInWords(rule, zone, w) });
}

function subject(rule: SupportHoursRule, query: SupportHoursQuery, phone: boolean, w: Wording): string {
  const country = rule.timeZone === 'caller' ? normalizeCountry(query.country) : undefined;
  return say(w, 'support.hours.subject', {
    kind: rule.kind,
    phone: phone ? 'yes' : 'no',
    cloud: rule.cloud === 'worldwide' ? 'none' : 'named',
    cloudName: cloudName(rule.cloud, w.language),
    country: country ? 'named' : 'none',
    countryName: country ? countryNameInSentence(country, w.language) : '',
    severities: rule.severities ? 'listed' : 'none',
    severityList: listInWords(rule.severities ?? [], w),
  });
}

/** Rules of the same cloud and kind that did not apply, summarised so the admin sees the exceptions. */
function otherRulesInWords(rule: SupportHoursRule, query: SupportHoursQuery, w: Wording): string[] {
  const others = data.rules.filter((r) => r.cloud === rule.cloud && r.kind === rule.kind && r !== rule);
  const parts: string[] = [];
  for (const other of others) {
    if (other.countries && !normalizeCountry(query.country)) {
      const where = listInWords(other.countries.map((c) => countryNameInSentence(c, w.language)), w);
      if (other.schedule.type === 'weekly') {
        parts.push(say(w, 'support.hours.other.country', { where, open: clockInWords(other.schedule.open, w), close: clockInWords(other.schedule.close, w) }));
      }
    } else if (other.severities && !query.severity) {
      parts.push(say(w, 'support.hours.other.severities', { severityList: listInWords(other.severities, w), schedule: scheduleInWords(other, resolveZone(other, query).zone, w) }));
    }
  }
  return parts;
}

function ruleNote(rule: SupportHoursRule, w: Wording): string | undefined {
  const key = `support.hours.${rule.id}.note`;
  return key in catalog('en') ? say(w, dataKey(key)) : undefined;
}

/** A line's languages named in the admin's language: "English", "Deutsch", "英语". */
function languageNames(codes: readonly string[], w: Wording): string[] {
  const names = new Intl.DisplayNames([w.language === 'en' ? 'en' : FORMATTING_LOCALE[w.language]], { type: 'language' });
  return codes.map((code) => names.of(code) ?? code);
}

// ---------------------------------------------------------------------------------------------------
// Public queries

export interface SupportHours {
  rule: SupportHoursRule;
  /** Zone the hours are read in; undefined when they are local to a caller whose zone is unknown. */
  timeZone?: string;
  alwaysOpen: boolean;
  /** The languages the line answers in, named in the query's language. */
  languages: readonly string[];
  text: string;
}

/**
 * The hours that apply, with a sentence such as "Billing support in Australia is available in English,
 * Monday to Friday, 9:00 AM to 6:00 PM local time (Australia/Sydney)." in the query's language.
 */
export function supportHoursFor(query: SupportHoursQuery & { language?: Language; locale?: string }): SupportHours {
  const w: Wording = { language: query.language ?? 'en', locale: query.locale };
  const rule = supportHoursRule(query);
  const { zone } = resolveZone(rule, query);
  const languages = languageNames(rule.languages, w);
  const available = say(w, 'support.hours.available', {
    subject: subject(rule, query, false, w),
    languages: languages.length ? 'listed' : 'none',
    languageList: listInWords(languages, w),
    schedule: scheduleInWords(rule, zone, w),
  });
  const text = joinSentences(w.language, [available, ...otherRulesInWords(rule, query, w), ruleNote(rule, w)]);
  return { rule, timeZone: zone, alwaysOpen: rule.schedule.type === 'always', languages, text };
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

function dayInWords(target: DateTime, now: DateTime, w: Wording): string {
  const days = Math.round(target.startOf('day').diff(now.startOf('day'), 'days').days);
  const weekday = w.language === 'en' ? target.toFormat('cccc') : target.setLocale(FORMATTING_LOCALE[w.language]).toFormat('cccc');
  return say(w, 'support.hours.day', { day: days === 0 ? 'today' : days === 1 ? 'tomorrow' : 'weekday', weekday });
}

/** "That is Sunday at 7:00 PM your time (Eastern Time)." when the caller's zone differs. */
function callerTimeInWords(moment: DateTime, query: SupportHoursQuery, zone: string, nowUtc: DateTime, w: Wording): string | undefined {
  if (!query.timeZone || query.timeZone === zone || !timeZoneSchema.safeParse(query.timeZone).success) return undefined;
  const local = moment.setZone(query.timeZone);
  return say(w, 'support.hours.yourTime', { day: dayInWords(local, nowUtc.setZone(query.timeZone), w), time: timeInWords(local, w), zone: zoneLabel(query.timeZone, w) });
}

/**
 * Whether support of this kind is open at `at`, and when it opens or closes, e.g. "Billing phone support
 * in Australia is closed now; it opens Monday at 9:00 AM (Australia/Sydney)." in the query's language.
 * When the hours are local to the caller and neither country nor time zone is known, UTC is used and
 * the text says so.
 */
export function isSupportOpen(query: SupportHoursQuery & { at: Date; language?: Language; locale?: string }): OpenStatus {
  const w: Wording = { language: query.language ?? 'en', locale: query.locale };
  const rule = supportHoursRule(query);
  const resolved = resolveZone(rule, query);
  const zone = resolved.zone ?? 'UTC';
  const caveat =
    resolved.source === 'unknown' && rule.schedule.type === 'weekly'
      ? say(w, 'support.hours.assumedUtc')
      : assumedZoneInWords(rule, query, resolved.source, resolved.zone, w.language);
  const who = subject(rule, query, true, w);
  const nowUtc = DateTime.fromJSDate(query.at, { zone: 'UTC' });

  if (rule.schedule.type === 'always') {
    return { open: true, timeZone: zone, text: say(w, 'support.hours.open.always', { subject: who }) };
  }
  const now = DateTime.fromJSDate(query.at, { zone });
  if (rule.schedule.type === 'unpublished') {
    const { days } = rule.schedule;
    const notPublished = { hours: hoursName(rule, w), zone: zoneInWords(rule, zone, w), days: daysInWords(days, w) };
    if (!days.includes(now.weekday)) {
      const opens = nextWindow(countingSchedule(rule.schedule), now).start;
      return { open: false, timeZone: zone, text: say(w, 'support.hours.closed.unpublished', { subject: who, day: dayInWords(opens, now, w), ...notPublished }) };
    }
    const weekday = w.language === 'en' ? now.toFormat('cccc') : now.setLocale(FORMATTING_LOCALE[w.language]).toFormat('cccc');
    return { open: null, timeZone: zone, text: say(w, 'support.hours.unknownNow', { subject: who, weekday, time: timeInWords(now, w), ...notPublished }) };
  }
  const current = windowAt(rule.schedule, now);
  if (current) {
    const closes = current.end;
    const until = rule.schedule.close === '24:00' ? say(w, 'support.hours.midnight') : timeInWords(closes, w);
    return {
      open: true,
      closesAt: closes.toJSDate(),
      timeZone: zone,
      text: joinSentences(w.language, [say(w, 'support.hours.open.until', { subject: who, until, zone: zoneLabel(zone, w) }), callerTimeInWords(closes, query, zone, nowUtc, w), caveat]),
    };
  }
  const opens = nextWindow(rule.schedule, now).start;
  return {
    open: false,
    opensAt: opens.toJSDate(),
    timeZone: zone,
    text: joinSentences(w.language, [
      say(w, 'support.hours.closed', { subject: who, day: dayInWords(opens, now, w), time: timeInWords(opens, w), zone: zoneLabel(zone, w) }),
      callerTimeInWords(opens, query, zone, nowUtc, w),
      caveat,
    ]),
  };
}

export function listSupportHoursRules(): readonly SupportHoursRule[] {
  return data.rules;
}
