import { formattingLocale, type Language } from './languages.js';

/**
 * A time zone as people name it, in their language: "Eastern Time", "Mitteleuropäische Zeit",
 * "北美东部时间" (CLDR's generic long name through Intl), never the raw IANA id an admin would not
 * recognise ("America/New_York"). UTC stays "UTC", which CLDR would call "GMT+00:00".
 */
const names = new Map<string, string>();
// CLDR picks a zone's generic name from the rules in force on a date; one from today's rules, fixed
// so the names are the same whenever they are asked (in 1970 Sydney had no daylight saving time).
const REFERENCE_DATE = new Date('2026-01-01T00:00:00Z');

/** The zone's canonical IANA name when the runtime knows it ("asia/shanghai" is Asia/Shanghai), else undefined. */
export function knownTimeZone(zone: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

export function timeZoneDisplayName(zone: string, language: Language, locale?: string): string {
  if (/^(?:Etc\/)?(?:UTC|GMT|Universal|Zulu)$/.test(zone)) return 'UTC';
  const tag = formattingLocale(language, locale);
  const key = `${tag}|${zone}`;
  let name = names.get(key);
  if (name === undefined) {
    try {
      const parts = new Intl.DateTimeFormat(tag, { timeZone: zone, timeZoneName: 'longGeneric' }).formatToParts(REFERENCE_DATE);
      name = parts.find((part) => part.type === 'timeZoneName')?.value ?? zone;
    } catch {
      name = zone;
    }
    names.set(key, name);
  }
  return name;
}
