/**
 * Dates and durations in ticket messages, in one place so every message reads the same. Dates are shown
 * in the given IANA time zone (UTC unless the caller knows the requester's), with the year only when it
 * differs from the current one, in the admin's language and locale ("22 November" in English as it always
 * was, "22. November" in German, "11月22日" in Chinese).
 */
import { formattingLocale, translate, type Language } from '../i18n/index.js';

// Building an Intl.DateTimeFormat costs far more than formatting with one, so each is built once.
const formatters = new Map<string, Intl.DateTimeFormat>();
const OPTIONS = {
  day: { day: 'numeric', month: 'long' },
  dayAndYear: { day: 'numeric', month: 'long', year: 'numeric' },
  year: { year: 'numeric' },
  time: { hour: '2-digit', minute: '2-digit', timeZoneName: 'short' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

/** English keeps the day-month order and 24-hour clock its messages always had; others follow their locale. */
function localeFor(language: Language, locale?: string): string {
  return language === 'en' ? 'en-GB' : formattingLocale(language, locale);
}

function formatter(kind: keyof typeof OPTIONS, timeZone: string, locale: string): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone}|${locale}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...OPTIONS[kind], timeZone });
    formatters.set(key, f);
  }
  return f;
}

export function formatDay(date: Date, timeZone: string, now: Date, language: Language = 'en', locale?: string): string {
  const sameYear = yearIn(date, timeZone) === yearIn(now, timeZone);
  return formatter(sameYear ? 'day' : 'dayAndYear', timeZone, localeFor(language, locale)).format(date);
}

/** "14:30 UTC on 22 November" (or "14:30 UTC today"); "am 22. November um 15:30 MEZ" in German. */
export function formatTime(date: Date, timeZone: string, now: Date, language: Language = 'en', locale?: string): string {
  const time = formatter('time', timeZone, localeFor(language, locale)).format(date);
  const day = formatDay(date, timeZone, now, language, locale);
  return day === formatDay(now, timeZone, now, language, locale)
    ? translate(language, 'ticket.date.timeToday', { time }, locale)
    : translate(language, 'ticket.date.timeOnDay', { time, day }, locale);
}

/** A rough duration: "about 20 minutes", "about 90 minutes", "about 3 hours", "about 2 days". */
export function formatMinutes(minutes: number, language: Language = 'en', locale?: string): string {
  if (minutes < 1) return translate(language, 'ticket.duration.lessThanMinute', undefined, locale);
  if (minutes < 15) return translate(language, 'ticket.duration.minutes', { count: Math.round(minutes) }, locale);
  // Up to two hours, whole hours would be too coarse ("about 2 hours" for 65 minutes).
  if (Math.round(minutes / 5) * 5 < 120) return translate(language, 'ticket.duration.minutes', { count: Math.round(minutes / 5) * 5 }, locale);
  if (minutes < 48 * 60) return translate(language, 'ticket.duration.hours', { count: Math.round(minutes / 60) }, locale);
  return translate(language, 'ticket.duration.days', { count: Math.round(minutes / (24 * 60)) }, locale);
}

function yearIn(date: Date, timeZone: string): string {
  return formatter('year', timeZone, 'en-GB').format(date);
}
