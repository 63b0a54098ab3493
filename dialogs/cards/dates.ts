import { formattingLocale, type Language } from '../../src/i18n/index.js';

const OPTIONS: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' };

// Building an Intl.DateTimeFormat costs far more than formatting with one, so each is built once.
const formatters = new Map<string, Intl.DateTimeFormat | null>();

/**
 * A formatter for the zone, its name in words ("Eastern Time", "Mitteleuropäische Zeit", "北美东部时间":
 * the generic long name, the same in summer and winter, never an IANA id such as America/New_York);
 * null when the runtime does not know the zone.
 */
function formatter(locale: string, timeZone: string | undefined): Intl.DateTimeFormat | null {
  const key = `${locale}|${timeZone ?? ''}`;
  if (!formatters.has(key)) {
    let made: Intl.DateTimeFormat | null;
    try {
      // Without the admin's zone the time is UTC, and says so ("UTC"): a generic name would read "GMT+00:00".
      made = new Intl.DateTimeFormat(locale, { ...OPTIONS, timeZone: timeZone ?? 'UTC', timeZoneName: timeZone ? 'longGeneric' : 'short' });
    } catch {
      made = null;
    }
    formatters.set(key, made);
  }
  return formatters.get(key)!;
}

/**
 * A moment as the admin reads it: in their language's (or their channel's) format and in their time zone
 * (the activity's `localTimezone`), with the zone named in words ("Dec 4, 2026, 3:30 PM Eastern Time",
 * "4. Dez. 2026, 21:30 Mitteleuropäische Zeit"). Without a time zone from the channel, or with one the
 * runtime does not know, it is UTC ("Dec 4, 2026, 8:30 PM UTC").
 */
export function formatMoment(date: Date, language: Language, channelLocale?: string | null, timeZone?: string | null): string {
  const locale = formattingLocale(language, channelLocale);
  return (formatter(locale, timeZone || undefined) ?? formatter(locale, undefined)!).format(date);
}
