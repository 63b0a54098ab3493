import { formattingLocale, type Language } from '../../src/i18n/index.js';

/**
 * A moment as the admin reads it: in their language's (or their channel's) format and in their time zone,
 * with the zone named ("Dec 4, 2026, 7:14 PM UTC", "4. Dez. 2026, 20:14 MEZ"). Without a time zone from
 * the channel, or with one the runtime does not know, it is UTC.
 */
export function formatMoment(date: Date, language: Language, channelLocale?: string | null, timeZone?: string | null): string {
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' };
  const locale = formattingLocale(language, channelLocale);
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: timeZone || 'UTC' }).format(date);
  } catch {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(date);
  }
}
