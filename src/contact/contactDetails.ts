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

/**
 * Phone numbers are stored in E.164. A number typed without a country code is read in the admin's
 * country when we know it; otherwise we ask for the international form rather than guess.
 */
export function checkPhone(input: string, defaultCountry?: string): Checked<string> {
  const value = input.trim();
  if (value === '') return { ok: false, reason: 'that was empty; I need a phone number including the country code, e.g. +1 425 555 0100.' };
  if (/[a-z]{2,}/i.test(value.replace(/\b(ext|x)\b/gi, ''))) {
    return { ok: false, reason: `"${value}" has letters in it; please type the number in digits, e.g. +44 20 7946 0000.` };
  }
  const country = defaultCountry && /^[A-Z]{2}$/.test(defaultCountry.toUpperCase()) ? (defaultCountry.toUpperCase() as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(value, country);
  if (!parsed) {
    const hint = value.startsWith('+') || country ? '' : ' Please include the country code, starting with +.';
    return { ok: false, reason: `I couldn't read "${value}" as a phone number.${hint}` };
  }
  if (!parsed.isValid()) {
    return { ok: false, reason: `"${value}" isn't a valid number for ${parsed.country ?? 'that country code'} (check the digits and the country code).` };
  }
  return { ok: true, value: parsed.number };
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
