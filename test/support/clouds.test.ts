import { describe, expect, it } from 'vitest';
import { cloudProfile, detectCloud } from '../../src/support/clouds.js';

describe('detectCloud', () => {
  it.each([
    // [text or domain, cloud, fact]
    ['contoso.onmicrosoft.de', 'germany', '"Office 365 Germany, which has domains ending onmicrosoft.de"'],
    ['admin@contoso.onmicrosoft.de', 'germany', 'the same domain in an email address'],
    ['We use Office 365 Germany', 'germany', 'the product name'],
    ['Microsoft Cloud Germany tenant', 'germany', '"All of the support options below are for Microsoft Cloud Germany"'],
    ['contoso.partner.onmschina.cn', '21vianet', '21Vianet tenant domain'],
    ['portal.partner.microsoftonline.cn', '21vianet', '21Vianet portal domain'],
    ['our tenant is run by 21Vianet', '21vianet', '"Office 365 operated by 21Vianet"'],
    ['we are in China', '21vianet', 'the service in China is the one operated by 21Vianet'],
    ['contoso.onmicrosoft.com', 'worldwide', 'worldwide tenant domain'],
    ['I am in Germany', undefined, 'Germany alone does not mean the Germany cloud'],
    ['mail is down', undefined, 'nothing about the cloud'],
  ] as const)('"%s" → %s', (text, cloud, _fact) => {
    expect(detectCloud(text)).toBe(cloud);
  });

  it('lets a domain win over words', () => {
    expect(detectCloud('we are in China, tenant contoso.onmicrosoft.com')).toBe('worldwide');
  });
});

describe('cloud profiles', () => {
  it('worldwide: request opened from the Need help? pane of admin.microsoft.com', () => {
    // fact: "Go to the admin center at https://admin.microsoft.com", "Select the Need help? button", "select Contact support"
    const profile = cloudProfile('worldwide');
    expect(profile.adminCenterUrl).toBe('https://admin.microsoft.com');
    expect(profile.onlineRequest.steps.join(' ')).toMatch(/Need help\?.*Contact support.*Contact me/s);
    expect(profile.phones.map((p) => p.region)).toEqual(['United States', 'Canada', 'Australia', 'United Kingdom']);
    expect(profile.languages).toEqual(['English']);
    expect(profile.pinVerification).toMatch(/verification code/);
    expect(profile.nonAdminAdvice).toContain('https://support.microsoft.com/help/contactus');
  });

  it.each([
    ['21vianet', '"choose Support > New service request"'],
    ['germany', '"choose Support > New service request"'],
  ] as const)('%s: request opened with Support > New service request (%s)', (cloud, _fact) => {
    expect(cloudProfile(cloud).onlineRequest.summary).toContain('Support > New service request');
  });

  it('21Vianet: severity notes carry the advanced-agreement and billing limits', () => {
    // fact: "Severity A is only available to customers who had signed an advanced online service agreement";
    // "For billing and subscription management support, the highest severity level is B."
    const notes = cloudProfile('21vianet').severityNotes.join(' ');
    expect(notes).toMatch(/advanced online service agreement/);
    expect(notes).toMatch(/Severity B at most/);
    expect(notes).toMatch(/may lower the severity/);
  });

  it('21Vianet: one phone number and hours for every kind of support', () => {
    const profile = cloudProfile('21vianet');
    expect(profile.phones.map((p) => p.number)).toEqual(['(86) 400-089-0365']);
    expect(profile.hours.technical).toContain('9:00 AM to midnight Beijing time');
    expect(profile.hours.billing).toContain('Monday to Friday');
    expect(profile.pinVerification).toBeUndefined();
  });

  it('Germany: German and English, Berlin billing hours, two numbers', () => {
    // fact: "German: Mon-Fri 9-5 Berlin", "English: Mon-Fri 9-5 Berlin"
    const profile = cloudProfile('germany');
    expect(profile.languages).toEqual(['German', 'English']);
    expect(profile.hours.billing).toContain('Monday to Friday, 9:00 AM to 5:00 PM Berlin time');
    expect(profile.phones.map((p) => p.number)).toEqual(['0800 589 2330', '+49 69 380 789 305']);
  });

  it.each([
    ['worldwide', 'Microsoft 365 (worldwide)', 'Microsoft'],
    ['21vianet', 'Office 365 operated by 21Vianet', '21Vianet'],
    ['germany', 'Office 365 Germany', 'Microsoft'],
  ] as const)('%s is called "%s" and run by %s', (cloud, name, operator) => {
    expect(cloudProfile(cloud)).toMatchObject({ id: cloud, name, operator });
  });
});
