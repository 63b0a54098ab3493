// Countries as the support rules need them: a default time zone to read "local business hours",
// an English display name for messages, and membership of the European Economic Area (the Office 365
// Germany phone table has one row for Germany and one for "all other markets within the EEA").
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { FORMATTING_LOCALE, type Language } from '../i18n/index.js';
import { loadSupportData, parseSupportData } from './dataFile.js';

const FILE = 'countries.json';

const countryCode = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code in capitals');
export const timeZoneSchema = z.string().refine((zone) => IANAZone.isValidZone(zone), 'not a valid IANA time zone');

export const countriesDataSchema = z.object({
  about: z.string().optional(),
  timeZones: z.record(countryCode, timeZoneSchema),
  eeaCountries: z.array(countryCode).min(1),
  /** Countries whose people live in more than one time zone: a default zone there is only a guess. */
  severalTimeZones: z.array(countryCode).default([]),
});
export type CountriesData = z.output<typeof countriesDataSchema>;

export function parseCountriesData(value: unknown): CountriesData {
  return parseSupportData(FILE, countriesDataSchema, value);
}

const data = loadSupportData(FILE, countriesDataSchema);
/** Country names as each language writes them, from the runtime's CLDR data. */
const regionNames = new Map<Language, Intl.DisplayNames>();
function regionNamesIn(language: Language): Intl.DisplayNames {
  let names = regionNames.get(language);
  if (!names) {
    names = new Intl.DisplayNames([language === 'en' ? 'en' : FORMATTING_LOCALE[language]], { type: 'region' });
    regionNames.set(language, names);
  }
  return names;
}

/** Upper-cases and checks an ISO 3166-1 alpha-2 code; also accepts "UK" for GB. Undefined if unknown. */
export function normalizeCountry(code: string | undefined): string | undefined {
  if (!code) return undefined;
  const upper = code.trim().toUpperCase();
  const canonical = upper === 'UK' ? 'GB' : upper;
  return canonical in data.timeZones ? canonical : undefined;
}

/** The time zone used for a country when the caller did not give one (capital or most populous zone). */
export function defaultTimeZone(country: string): string | undefined {
  const code = normalizeCountry(country);
  return code ? data.timeZones[code] : undefined;
}

/** True for a country that spans several time zones (the United States, Australia ...). */
export function hasSeveralTimeZones(country: string): boolean {
  const code = normalizeCountry(country);
  return code !== undefined && data.severalTimeZones.includes(code);
}

/** Time zone → country, from the zones the runtime's CLDR data lists per region, and the default zones. */
let zoneCountries: Map<string, string> | undefined;

/**
 * The country of an IANA time zone, e.g. "Australia/Perth" → "AU"; undefined for zones of no one
 * country ("UTC") and for names that are not zones.
 */
export function countryOfTimeZone(zone: string | undefined): string | undefined {
  if (!zone) return undefined;
  if (!zoneCountries) {
    zoneCountries = new Map();
    for (const [code, defaultZone] of Object.entries(data.timeZones)) {
      const locale = new Intl.Locale(`und-${code}`) as Intl.Locale & { timeZones?: string[]; getTimeZones?: () => string[] };
      for (const z of [defaultZone, ...(locale.getTimeZones?.() ?? locale.timeZones ?? [])]) if (!zoneCountries.has(z)) zoneCountries.set(z, code);
    }
  }
  return zoneCountries.get(zone.trim());
}

/** Name of a country, e.g. "Australia", "Australien", "澳大利亚". */
export function countryName(country: string, language: Language = 'en'): string {
  const code = normalizeCountry(country) ?? country.toUpperCase();
  try {
    return regionNamesIn(language).of(code) ?? code;
  } catch {
    return code;
  }
}

// Names that read naturally only with an article in running text ("in the United States").
const NEEDS_ARTICLE = new Set(['US', 'GB', 'NL', 'PH', 'AE', 'BS', 'GM', 'MV', 'DO', 'CF', 'KM', 'VA']);

/**
 * Country name for use inside a sentence: "the United States", "Australia", "the Cayman Islands". Only
 * English adds an article; the other languages' messages are worded so the bare name fits.
 */
export function countryNameInSentence(country: string, language: Language = 'en'): string {
  const code = normalizeCountry(country) ?? country.toUpperCase();
  const name = countryName(code, language);
  if (language !== 'en') return name;
  return NEEDS_ARTICLE.has(code) || / Islands$/.test(name) ? `the ${name}` : name;
}

export function isEeaCountry(country: string): boolean {
  const code = normalizeCountry(country);
  return code !== undefined && data.eeaCountries.includes(code);
}

/**
 * Finds a country mentioned in free text: an ISO code on its own ("AU", "uk") or an English name
 * ("Australia", "united kingdom", "USA"). Returns the ISO code or undefined.
 */
export function findCountry(text: string): string | undefined {
  const cleaned = text.trim().toLowerCase().replace(/[.]/g, '');
  const extra: Record<string, string> = { usa: 'US', america: 'US', 'united states of america': 'US', england: 'GB', 'great britain': 'GB', britain: 'GB', uk: 'GB' };
  if (extra[cleaned]) return extra[cleaned];
  if (/^[a-z]{2}$/.test(cleaned)) return normalizeCountry(cleaned);
  const padded = ` ${cleaned.replace(/[^a-z\s-]/g, ' ').replace(/\s+/g, ' ')} `;
  let best: { code: string; length: number } | undefined;
  const consider = (name: string, code: string) => {
    const needle = ` ${name.toLowerCase()} `;
    if (padded.includes(needle) && (!best || needle.length > best.length)) best = { code, length: needle.length };
  };
  for (const code of Object.keys(data.timeZones)) consider(countryName(code), code);
  for (const [name, code] of Object.entries(extra)) consider(name, code);
  return best?.code;
}
