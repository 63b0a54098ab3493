import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';
import {
  phoneAnswer,
  phoneDirectory,
  phoneFallbackText,
  phoneNumberFor,
  pinVerificationApplies,
  pinVerificationExplanation,
} from '../../src/support/phoneDirectory.js';
import { CLOUDS } from '../../src/support/cloudIds.js';

describe('phone numbers per cloud and country', () => {
  it.each([
    // [cloud, country, number as printed, e164, fact]
    ['worldwide', 'US', '1 800 865 9408', '+18008659408', '"In the United States, call 1 800 865 9408."'],
    ['worldwide', 'CA', '1 800 865 9408', '+18008659408', '"In Canada, call 1 800 865 9408."'],
    ['worldwide', 'AU', '1 800 197 503', '+611800197503', '"In Australia, call 1 800 197 503."'],
    ['worldwide', 'GB', '0800 032 6417', '+448000326417', '"In the United Kingdom, call 0800 032 6417."'],
    ['worldwide', 'uk', '0800 032 6417', '+448000326417', 'same, typed as "uk"'],
    ['germany', 'DE', '0800 589 2330', '+498005892330', 'Germany: "0800 589 2330"'],
    ['germany', 'FR', '+49 69 380 789 305', '+4969380789305', '"All other markets within the European Economic Area": "+49 69 380 789 305"'],
    ['germany', 'NO', '+49 69 380 789 305', '+4969380789305', 'Norway is in the European Economic Area'],
    ['21vianet', 'CN', '(86) 400-089-0365', '+864000890365', '"phone support is available at (86) 400-089-0365"'],
    ['21vianet', undefined, '(86) 400-089-0365', '+864000890365', 'one number for every 21Vianet caller'],
  ] as const)('%s from %s: %s', (cloud, country, number, e164, _fact) => {
    expect(phoneNumberFor({ cloud, country })).toMatchObject({ number, e164 });
  });

  it('gives the German alternative number with its charges', () => {
    // fact: "Alternative Phone Number: 069 380 789 305 (Local call charges apply)"
    expect(phoneNumberFor({ cloud: 'germany', country: 'DE' })?.alternatives).toEqual([
      { number: '069 380 789 305', e164: '+4969380789305', notes: 'local call charges apply' },
    ]);
  });

  it('warns EEA callers about international charges and the free online route', () => {
    // fact: "International call charges apply. Call charges can be avoided by submitting a support ticket through the admin center."
    const notes = phoneNumberFor({ cloud: 'germany', country: 'FR' })?.notes ?? '';
    expect(notes).toMatch(/international call charges apply/);
    expect(notes).toMatch(/online in the admin center/);
  });

  it.each(CLOUDS.flatMap((cloud) => phoneDirectory(cloud).map((entry) => [cloud, entry] as const)))(
    '%s: the printed number and the E.164 form agree (%o)',
    (_cloud, entry) => {
      const region: Record<string, CountryCode> = { 'United States': 'US', Canada: 'CA', Australia: 'AU', 'United Kingdom': 'GB', Germany: 'DE', China: 'CN' };
      const parsed = parsePhoneNumberFromString(entry.number, region[entry.region] ?? 'DE');
      expect(parsed?.isValid()).toBe(true);
      expect(parsed?.number).toBe(entry.e164);
    },
  );
});

describe('countries without a listed number', () => {
  it.each([
    // [cloud, country, fact]
    ['worldwide', 'FR', 'worldwide page lists only US, Australia, Canada, UK; others use the drop-down'],
    ['worldwide', undefined, 'no country given'],
    ['germany', 'CH', 'Switzerland is not in the European Economic Area'],
    ['germany', 'GB', 'the United Kingdom is no longer in the European Economic Area'],
    ['germany', 'US', 'the Germany table covers Germany and the EEA only'],
  ] as const)('%s from %s has no number', (cloud, country, _fact) => {
    expect(phoneNumberFor({ cloud, country })).toBeUndefined();
  });

  it('points worldwide admins to the admin center for other countries', () => {
    expect(phoneFallbackText('worldwide')).toMatch(/admin center's support page/);
    expect(phoneAnswer({ cloud: 'worldwide', country: 'FR' })).toMatch(/^I don't have a support number for France\. /);
  });

  it('points Office 365 Germany admins outside the EEA to the online request', () => {
    expect(phoneAnswer({ cloud: 'germany', country: 'CH' })).toMatch(/Support > New service request/);
  });

  it('answers with the number and its notes when there is one', () => {
    expect(phoneAnswer({ cloud: 'worldwide', country: 'AU' })).toBe('Australia: call 1 800 197 503. Toll-free.');
  });
});

describe('PIN verification', () => {
  it('explains the verification code sent to the registered contact', () => {
    // fact: "If you contact us from a number that isn't registered with your organization profile, the ...
    // representative sends a verification code to the registered email or phone number"
    const text = pinVerificationExplanation();
    expect(text).toMatch(/isn't the one registered/);
    expect(text).toMatch(/verification code/);
    expect(text).toMatch(/email address or phone number registered/);
  });

  it.each([
    ['worldwide', true],
    ['21vianet', false],
    ['germany', false],
  ] as const)('is described for %s: %s', (cloud, applies) => {
    expect(pinVerificationApplies(cloud)).toBe(applies);
  });
});
