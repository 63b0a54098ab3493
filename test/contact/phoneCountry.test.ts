import { describe, expect, it } from 'vitest';
import { checkPhone } from '../../src/contact/index.js';

// Issue #15, item 9.4: "0412 345 678" (an Australian mobile) was refused as "not valid for US". A
// national number is read in the admin's country, from an earlier answer or the channel; the admin is
// asked for the country code only when that is truly ambiguous.

describe('reading a national phone number in the admin\'s country', () => {
  it.each([
    ['the earlier answer is Australia', { answered: 'AU', channel: ['US'] }, '+61412345678'],
    ['the locale is en-AU', { channel: [undefined, undefined, 'AU'] }, '+61412345678'],
    ['the time zone is Australian though the locale says US', { channel: [undefined, 'AU', 'US'] }, '+61412345678'],
    ['Teams says the client is in Australia', { channel: ['AU', undefined, 'US'] }, '+61412345678'],
    ['a plain country, as before', 'AU', '+61412345678'],
  ] as const)('accepts 0412 345 678 when %s', (_name, hints, e164) => {
    expect(checkPhone('0412 345 678', hints)).toEqual({ ok: true, value: e164 });
  });

  it('keeps numbers typed with a country code as they are, whatever the hints', () => {
    expect(checkPhone('+61 412 345 678', { channel: ['US'] })).toEqual({ ok: true, value: '+61412345678' });
    expect(checkPhone('0061 412 345 678', { channel: ['US'] })).toEqual({ ok: true, value: '+61412345678' });
    expect(checkPhone('+44 20 7946 0000')).toEqual({ ok: true, value: '+442079460000' });
  });

  it('prefers the earlier answer when the number fits it', () => {
    expect(checkPhone('020 7946 0000', { answered: 'GB', channel: ['NZ'] })).toEqual({ ok: true, value: '+442079460000' });
  });

  it('asks which country when the number is valid in two of the hinted countries', () => {
    const result = checkPhone('020 7946 0000', { channel: ['GB', undefined, 'NZ'] });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/could be \+44 20 7946 0000 in the United Kingdom or \+64 .* in New Zealand\. Please type it again with the country code/);
  });

  it('says which countries it tried when the number fits none, not "not valid for US"', () => {
    const result = checkPhone('0412 345 678', { channel: ['US'] });
    expect(!result.ok && result.reason).toBe('"0412 345 678" isn\'t a valid number in the United States. If it is from another country, type it with the country code, starting with +.');
  });

  it('asks for the country code when no country is known', () => {
    const result = checkPhone('0412 345 678');
    expect(!result.ok && result.reason).toMatch(/Please include the country code/);
  });
});
