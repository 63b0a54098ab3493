// The four languages the assistant speaks, and how a channel's locale maps onto them.
// A conversation has one of these; everything the admin reads is chosen by it.

export const LANGUAGES = ['en', 'de', 'zh-Hans', 'zh-Hant'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Locales whose Chinese is written in Traditional characters (Taiwan, Hong Kong, Macao). */
const TRADITIONAL_REGIONS = new Set(['TW', 'HK', 'MO']);

/**
 * The language for a BCP 47 locale as channels send it (`de-DE`, `de-AT`, `zh-CN`, `zh-TW`, `zh-Hant-HK`,
 * `en-GB`), or undefined for a locale the assistant does not speak (the caller keeps its default).
 */
export function languageFromLocale(locale: string | undefined | null): Language | undefined {
  if (!locale) return undefined;
  const parts = locale.trim().replace(/_/g, '-').split('-');
  const base = parts[0]?.toLowerCase();
  if (base === 'en') return 'en';
  if (base === 'de' || base === 'gsw') return 'de';
  if (base !== 'zh') return undefined;
  const rest = parts.slice(1).map((p) => p.toLowerCase());
  if (rest.includes('hant')) return 'zh-Hant';
  if (rest.includes('hans')) return 'zh-Hans';
  return parts.slice(1).some((p) => TRADITIONAL_REGIONS.has(p.toUpperCase())) ? 'zh-Hant' : 'zh-Hans';
}

/**
 * The locale used to format dates, numbers and lists for a language when the channel did not send a
 * more precise one of the same language (a channel's `de-AT` or `zh-HK` is kept as sent).
 */
export const FORMATTING_LOCALE: Record<Language, string> = {
  en: 'en-US',
  de: 'de-DE',
  'zh-Hans': 'zh-CN',
  'zh-Hant': 'zh-TW',
};

/** The formatting locale: the channel's own when it is of the conversation's language, else the language's. */
export function formattingLocale(language: Language, channelLocale?: string | null): string {
  if (channelLocale && languageFromLocale(channelLocale) === language) {
    try {
      return Intl.getCanonicalLocales(channelLocale.replace(/_/g, '-'))[0] ?? FORMATTING_LOCALE[language];
    } catch {
      return FORMATTING_LOCALE[language];
    }
  }
  return FORMATTING_LOCALE[language];
}
