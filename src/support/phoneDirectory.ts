// Support phone numbers per cloud and country, as printed in the source documents, plus what to say
// when a country has no listed number and the PIN check that applies when an admin calls from an
// unregistered phone.
import { z } from 'zod';
import { CLOUDS, type Cloud } from './cloudIds.js';
import { countryName, isEeaCountry, normalizeCountry } from './countries.js';
import { loadSupportData, parseSupportData } from './dataFile.js';

const FILE = 'phones.json';

const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'expected an E.164 number such as +18008659408');

const alternativeSchema = z.object({ number: z.string().min(1), e164: e164.optional(), notes: z.string().min(1).optional() });

const entrySchema = z.object({
  cloud: z.enum(CLOUDS),
  countries: z.union([z.array(z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code')).min(1), z.literal('EEA'), z.literal('*')]),
  region: z.string().min(1),
  /** As printed in the source. */
  number: z.string().min(1),
  e164: e164.optional(),
  notes: z.string().min(1).optional(),
  alternatives: z.array(alternativeSchema).optional(),
});

export const phonesDataSchema = z.object({
  about: z.string().optional(),
  entries: z.array(entrySchema).min(1),
  fallback: z.record(z.enum(CLOUDS), z.string().min(1)),
  pinVerification: z.object({ clouds: z.array(z.enum(CLOUDS)).min(1), text: z.string().min(1) }),
});
export type PhonesData = z.output<typeof phonesDataSchema>;

export function parsePhonesData(value: unknown): PhonesData {
  return parseSupportData(FILE, phonesDataSchema, value);
}

const data = loadSupportData(FILE, phonesDataSchema);

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

function toEntry(entry: z.output<typeof entrySchema>): PhoneNumberEntry {
  const { cloud, number, e164: international, region, notes, alternatives } = entry;
  return {
    cloud,
    number,
    region,
    ...(international ? { e164: international } : {}),
    ...(notes ? { notes } : {}),
    ...(alternatives ? { alternatives } : {}),
  };
}

/**
 * The number to call for a cloud from a country (ISO alpha-2), or undefined when the sources list none
 * (then show `phoneFallbackText`). 21Vianet has one number whatever the country; without a country,
 * only such a catch-all number can be returned.
 */
export function phoneNumberFor(query: { cloud: Cloud; country?: string }): PhoneNumberEntry | undefined {
  const entries = data.entries.filter((entry) => entry.cloud === query.cloud);
  const country = normalizeCountry(query.country);
  const listed = country ? entries.find((entry) => Array.isArray(entry.countries) && entry.countries.includes(country)) : undefined;
  const eea = country && isEeaCountry(country) ? entries.find((entry) => entry.countries === 'EEA') : undefined;
  const anywhere = entries.find((entry) => entry.countries === '*');
  const found = listed ?? eea ?? anywhere;
  return found ? toEntry(found) : undefined;
}

/** Every number listed for a cloud, in source order. */
export function phoneDirectory(cloud: Cloud): PhoneNumberEntry[] {
  return data.entries.filter((entry) => entry.cloud === cloud).map(toEntry);
}

/** What to tell an admin whose country has no listed number for this cloud. */
export function phoneFallbackText(cloud: Cloud): string {
  return data.fallback[cloud] ?? '';
}

/**
 * A sentence for the admin: the number for their country with its notes, or the fallback text.
 * e.g. "In Australia, call 1 800 197 503 (toll-free)."
 */
export function phoneAnswer(query: { cloud: Cloud; country?: string }): string {
  const entry = phoneNumberFor(query);
  if (!entry) {
    const where = normalizeCountry(query.country) ? `I don't have a support number for ${countryName(query.country!)}. ` : '';
    return `${where}${phoneFallbackText(query.cloud)}`;
  }
  const alternatives = (entry.alternatives ?? []).map((alt) => ` Alternatively call ${alt.number}${alt.notes ? ` (${alt.notes})` : ''}.`);
  return `${entry.region}: call ${entry.number}.${entry.notes ? ` ${entry.notes}` : ''}${alternatives.join('')}`;
}

/** Whether support asks for a PIN when calling from an unregistered number, per the sources. */
export function pinVerificationApplies(cloud: Cloud): boolean {
  return data.pinVerification.clouds.includes(cloud);
}

/** Explains the PIN check for callers whose phone number is not the registered one. */
export function pinVerificationExplanation(): string {
  return data.pinVerification.text;
}
