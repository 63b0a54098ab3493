import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { z } from 'zod';

/** Outcome of checking one typed value: the normalised value, or the reason it was refused. */
export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

const emailSchema = z.email();

export function checkEmail(input: string): Checked<string> {
  const value = input.trim().replace(/^mailto:/i, '');
  if (value === '') return { ok: false, reason: 'that was empty; I need an email address like name@contoso.com.' };
  if (!emailSchema.safeParse(value).success) {
    return { ok: false, reason: `"${value}" doesn't look like a complete email address (for example name@contoso.com).` };
  }
  return { ok: true, value: value.toLowerCase() };
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
// Names that read naturally only with an article in running text ("in the United States").
const NEEDS_ARTICLE = new Set(['US', 'GB', 'NL', 'PH', 'AE', 'BS', 'GM', 'DO', 'CF', 'KM', 'VA']);
const nameOf = (country: string): string => `${NEEDS_ARTICLE.has(country) ? 'the ' : ''}${regionNames.of(country) ?? country}`;
const listed = (items: readonly string[], joiner: string): string => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${joiner} ${items.at(-1)}`);

/**
 * Where the admin probably is, strongest first. `answered` is a country the admin gave earlier (their
 * stored phone number's country); `channel` are the channel's hints (Teams client country, the country
 * of the device's time zone, the region of the locale), which can disagree with each other.
 */
export interface PhoneCountryHints {
  answered?: string;
  channel?: readonly (string | undefined)[];
}

const asCountry = (code: string | undefined): CountryCode | undefined =>
  code && /^[A-Z]{2}$/.test(code.trim().toUpperCase()) ? (code.trim().toUpperCase() as CountryCode) : undefined;

/**
 * Phone numbers are stored in E.164. A number typed with its country code (+61 ..., 0061 ...) is read as
 * it is. A national number ("0412 345 678") is read in the admin's country: the one they answered earlier
 * if it is valid there, else the channel's hints; the admin is asked for the country code only when the
 * number is valid in more than one of the hinted countries, or in none, or no country is known.
 * A plain string is taken as the one known country (as before).
 */
export function checkPhone(input: string, hints?: string | PhoneCountryHints): Checked<string> {
  const value = input.trim();
  if (value === '') return { ok: false, reason: 'that was empty; I need a phone number including the country code, e.g. +1 425 555 0100.' };
  if (/[a-z]{2,}/i.test(value.replace(/\b(ext|x)\b/gi, ''))) {
    return { ok: false, reason: `"${value}" has letters in it; please type the number in digits, e.g. +44 20 7946 0000.` };
  }
  const { answered, channel = [] } = typeof hints === 'string' ? { answered: hints } : (hints ?? {});
  const international = /^\s*(\+|00)/.test(value);
  const typed = value.replace(/^\s*00/, '+');
  if (international) {
    const parsed = parsePhoneNumberFromString(typed);
    if (!parsed) return { ok: false, reason: `I couldn't read "${value}" as a phone number.` };
    if (!parsed.isValid()) return { ok: false, reason: `"${value}" isn't a valid number for ${parsed.country ? nameOf(parsed.country) : 'that country code'} (check the digits and the country code).` };
    return { ok: true, value: parsed.number };
  }
  const validIn = (country: CountryCode | undefined) => {
    const parsed = country ? parsePhoneNumberFromString(typed, country) : undefined;
    return parsed?.isValid() ? parsed : undefined;
  };
  // An earlier answer is the admin's own word: it wins when the number fits it.
  const first = asCountry(answered);
  const fromAnswer = validIn(first);
  if (fromAnswer) return { ok: true, value: fromAnswer.number };
  const candidates = [...new Set([first, ...channel.map(asCountry)].filter((c): c is CountryCode => c !== undefined))];
  if (candidates.length === 0) {
    return { ok: false, reason: `I can't tell which country "${value}" is in. Please include the country code, starting with +.` };
  }
  const readings = new Map<string, CountryCode>();
  for (const country of candidates) {
    const parsed = validIn(country);
    if (parsed && !readings.has(parsed.number)) readings.set(parsed.number, country);
  }
  if (readings.size === 1) return { ok: true, value: [...readings.keys()][0]! };
  if (readings.size > 1) {
    const options = [...readings].map(([e164, country]) => `${parsePhoneNumberFromString(e164)!.formatInternational()} in ${nameOf(country)}`);
    return { ok: false, reason: `"${value}" could be ${listed(options, 'or')}. Please type it again with the country code.` };
  }
  return {
    ok: false,
    reason: `"${value}" isn't a valid number in ${listed(candidates.map(nameOf), 'or')}. If it is from another country, type it with the country code, starting with +.`,
  };
}

export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

export function checkName(input: string): Checked<string> {
  const value = input.trim().replace(/\s+/g, ' ');
  if (value.length < 2) return { ok: false, reason: 'please type your full name.' };
  if (value.length > 120) return { ok: false, reason: 'that name is longer than 120 characters; a shorter form is fine.' };
  if (/[<>{}]|https?:/i.test(value)) return { ok: false, reason: "a name can't contain links or angle brackets." };
  return { ok: true, value };
}

/** The country a normalised number belongs to, e.g. "+442079460000" → "GB". */
export function phoneCountry(e164: string): string | undefined {
  return parsePhoneNumberFromString(e164)?.country;
}
