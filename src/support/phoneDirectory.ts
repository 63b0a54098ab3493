// Support phone numbers per cloud and country, as printed in the source documents, plus what to say
// when a country has no listed number and the PIN check that applies when an admin calls from an
// unregistered phone.
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';
import { catalog, translate, type Language } from '../i18n/index.js';
import { CLOUDS, type Cloud } from './cloudIds.js';
import { countryName, isEeaCountry, normalizeCountry } from './countries.js';
import { loadSupportData, parseSupportData } from './dataFile.js';
import { dataKey, joinSentences, messageKeys } from './messages.js';

const FILE = 'phones.json';

const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'expected an E.164 number such as +18008659408');
const id = z.string().regex(/^[a-z0-9-]+$/, 'expected a lower-case id with dashes (its words are in the message catalogs)');

const alternativeSchema = z.object({ id, number: z.string().min(1), e164: e164.optional() });

/** Where a number is for and its notes are catalog messages support.phone.<id>.region and .notes (optional). */
const entrySchema = z.object({
  id,
  cloud: z.enum(CLOUDS),
  countries: z.union([z.array(z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code')).min(1), z.literal('EEA'), z.literal('*')]),
  /** As printed in the source. */
  number: z.string().min(1),
  e164: e164.optional(),
  alternatives: z.array(alternativeSchema).optional(),
});
type Entry = z.output<typeof entrySchema>;

export const phonesDataSchema = z.object({
  about: z.string().optional(),
  entries: z.array(entrySchema).min(1),
  /** The clouds whose support checks a PIN; the explanation is support.phone.pinVerification. */
  pinVerification: z.object({ clouds: z.array(z.enum(CLOUDS)).min(1) }),
});
export type PhonesData = z.output<typeof phonesDataSchema>;

export function parsePhonesData(value: unknown): PhonesData {
  return parseSupportData(FILE, phonesDataSchema, value);
}

const data = loadSupportData(FILE, phonesDataSchema);
messageKeys(FILE, [...data.entries.map((entry) => `support.phone.${entry.id}.region`), ...CLOUDS.map((cloud) => `support.phone.fallback.${cloud}`)]);

/** An optional message: notes exist for a number when the catalog has them. */
function optional(key: string, language: Language): string | undefined {
  return key in catalog('en') ? translate(language, dataKey(key)) : undefined;
}

export interface PhoneAlternative {
  number: string;
  e164?: string;
  notes?: string;
}

export interface PhoneNumberEntry {
  cloud: Cloud;
  /** As printed in the source, e.g. "1 800 865 9408". */
  number: string;
  e164?: string;
  /** Where the number is for, e.g. "United States" or "All other markets within the European Economic Area". */
  region: string;
  notes?: string;
  alternatives?: PhoneAlternative[];
}

function toAlternative(entry: Entry, alt: z.output<typeof alternativeSchema>, language: Language): PhoneAlternative {
  const notes = optional(`support.phone.${entry.id}.alternative.${alt.id}.notes`, language);
  return { number: alt.number, ...(alt.e164 ? { e164: alt.e164 } : {}), ...(notes ? { notes } : {}) };
}

function toEntry(entry: Entry, language: Language): PhoneNumberEntry {
  const { cloud, number, e164: international, alternatives } = entry;
  const notes = optional(`support.phone.${entry.id}.notes`, language);
  return {
    cloud,
    number,
    region: translate(language, dataKey(`support.phone.${entry.id}.region`)),
    ...(international ? { e164: international } : {}),
    ...(notes ? { notes } : {}),
    ...(alternatives ? { alternatives: alternatives.map((alt) => toAlternative(entry, alt, language)) } : {}),
  };
}

function findEntry(query: { cloud: Cloud; country?: string }): Entry | undefined {
  const entries = data.entries.filter((entry) => entry.cloud === query.cloud);
  const country = normalizeCountry(query.country);
  const listed = country ? entries.find((entry) => Array.isArray(entry.countries) && entry.countries.includes(country)) : undefined;
  const eea = country && isEeaCountry(country) ? entries.find((entry) => entry.countries === 'EEA') : undefined;
  const anywhere = entries.find((entry) => entry.countries === '*');
  return listed ?? eea ?? anywhere;
}

/**
 * The number to call for a cloud from a country (ISO alpha-2), or undefined when the sources list none
 * (then show `phoneFallbackText`). 21Vianet has one number whatever the country; without a country,
 * only such a catch-all number can be returned. Region and notes are in `language`.
 */
export function phoneNumberFor(query: { cloud: Cloud; country?: string; language?: Language }): PhoneNumberEntry | undefined {
  const found = findEntry(query);
  return found ? toEntry(found, query.language ?? 'en') : undefined;
}

/** Every number listed for a cloud, in source order. */
export function phoneDirectory(cloud: Cloud, language: Language = 'en'): PhoneNumberEntry[] {
  return data.entries.filter((entry) => entry.cloud === cloud).map((entry) => toEntry(entry, language));
}

/** What to tell an admin whose country has no listed number for this cloud. */
export function phoneFallbackText(cloud: Cloud, language: Language = 'en'): string {
  return translate(language, `support.phone.fallback.${cloud}`);
}

/**
 * A number as the admin should dial it: as the source prints it (the national format) when they are in
 * the number's country or we don't know where they are; in the international format when they are
 * known to call from another country. A number printed with its country code ("+49 69 …",
 * "(86) 400-089-0365") is already dialable from abroad and is kept as the source prints it.
 */
export function dialable(number: string, international: string | undefined, countries: Entry['countries'], country: string | undefined): string {
  if (!country || !international || /^(?:\+|\(\d{1,3}\))/.test(number)) return number;
  const parsed = parsePhoneNumberFromString(international);
  const home = Array.isArray(countries) ? countries : parsed?.country ? [parsed.country] : [];
  if (home.includes(country) || (countries === 'EEA' && isEeaCountry(country))) return number;
  return parsed?.formatInternational() ?? number;
}

/**
 * A sentence for the admin: the number for their country with its notes, or the fallback text.
 * e.g. "Australia: call 1 800 197 503. Toll-free."
 */
export function phoneAnswer(query: { cloud: Cloud; country?: string; language?: Language }): string {
  const language = query.language ?? 'en';
  const found = findEntry(query);
  const country = normalizeCountry(query.country);
  if (!found) {
    const where = country ? translate(language, 'support.phone.noNumberFor', { country: countryName(country, language) }) : undefined;
    return joinSentences(language, [where, phoneFallbackText(query.cloud, language)]);
  }
  const entry = toEntry(found, language);
  const alternatives = (entry.alternatives ?? []).map((alt) => {
    const number = dialable(alt.number, alt.e164, found.countries, country);
    return alt.notes ? translate(language, 'support.phone.alternativeWithNotes', { number, notes: alt.notes }) : translate(language, 'support.phone.alternative', { number });
  });
  return joinSentences(language, [
    translate(language, 'support.phone.answer', { region: entry.region, number: dialable(entry.number, entry.e164, found.countries, country) }),
    entry.notes,
    ...alternatives,
  ]);
}

/** Whether support asks for a PIN when calling from an unregistered number, per the sources. */
export function pinVerificationApplies(cloud: Cloud): boolean {
  return data.pinVerification.clouds.includes(cloud);
}

/** Explains the PIN check for callers whose phone number is not the registered one. */
export function pinVerificationExplanation(language: Language = 'en'): string {
  return translate(language, 'support.phone.pinVerification');
}
