import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../src/i18n/index.js';
import { dialable } from '../../src/support/phoneDirectory.js';
import {
  cloudName,
  cloudProfile,
  clampSeverity,
  isSupportOpen,
  phoneAnswer,
  planName,
  responseTimeObjective,
  SEVERITIES,
  severityDefinition,
  severityName,
  supportHoursFor,
  triageSeverity,
  unknownPlanExplanation,
} from '../../src/support/index.js';

const OTHER_LANGUAGES = LANGUAGES.filter((l) => l !== 'en');
/** A few English words no German or Chinese sentence of ours contains. */
const ENGLISH = /\b(the|your|and|is|are|can't|with)\b/;

describe('severity levels in every language', () => {
  it.each([
    ['en', 'Severity A (critical)', 'Critical'],
    ['de', 'Schweregrad A (kritisch)', 'Kritisch'],
    ['zh-Hans', '严重级别 A（严重）', '严重'],
    ['zh-Hant', '嚴重性 A（重大）', '重大'],
  ] as const)('%s: "%s"', (language, name, label) => {
    expect(severityName('A', language)).toBe(name);
    expect(severityDefinition('A', language).label).toBe(label);
  });

  it.each(OTHER_LANGUAGES.flatMap((language) => SEVERITIES.map((severity) => [language, severity] as const)))(
    '%s: Severity %s has the same parts as in English, none of them in English',
    (language, severity) => {
      const english = severityDefinition(severity);
      const translated = severityDefinition(severity, language);
      expect(translated.id).toBe(severity);
      expect(translated.definition).toHaveLength(english.definition.length);
      expect(translated.examples).toHaveLength(english.examples.length);
      expect(translated.otherLabels).toHaveLength(english.otherLabels.length);
      for (const text of [translated.summary, ...translated.definition, ...translated.examples]) {
        expect(text).not.toBe('');
        expect(text).not.toMatch(ENGLISH);
      }
    },
  );

  it('keeps the English definitions as they were', () => {
    expect(severityDefinition('C')).toMatchObject({ label: 'Non-critical', otherLabels: ['Medium'], summary: 'Little business impact, and an acceptable workaround exists.' });
  });

  it.each(LANGUAGES)('%s: the triage reason reads the answers back and names the level', (language) => {
    const { severity, reason } = triageSeverity({ impact: 'unusable', scope: 'everyone', workaround: false, deadlinesAffected: true }, language);
    expect(severity).toBe('A');
    expect(reason).toContain(severityName('A', language));
    if (language !== 'en') expect(reason).not.toMatch(ENGLISH);
  });

  it('explains a 21Vianet limit in Chinese', () => {
    expect(clampSeverity({ cloud: '21vianet', category: 'billing', severity: 'A', language: 'zh-Hans' }).reason).toBe(
      '对于由世纪互联运营的 Office 365，严重级别 A 仅适用于技术支持；计费、订阅及其他请求最高为严重级别 B。',
    );
  });
});

describe('support hours in the admin’s time zone', () => {
  // Wednesday 4 March 2026, 10:00 UTC: 11:00 in Berlin, 18:00 in Taipei.
  const at = new Date('2026-03-04T10:00:00Z');

  it.each([
    ['en', 'Billing phone support for Office 365 Germany is open now until 5:00 PM (Berlin time). That is tomorrow at 12:00 AM your time (Taiwan Standard Time).'],
    ['de', 'Der telefonische Abrechnungssupport für Office 365 Deutschland ist jetzt bis 17:00 erreichbar (Berliner Zeit). Das ist bei Ihnen morgen um 00:00 Ortszeit (Taipeh-Normalzeit).'],
    ['zh-Hans', 'Office 365 德国版的计费电话支持现在可以联系，服务到 17:00（柏林时间）。即您当地时间明天 00:00（台北标准时间）。'],
    ['zh-Hant', 'Office 365 德國版的帳務電話支援現在可以聯繫，服務到 下午5:00（柏林時間）。即您當地時間明天 上午12:00（台北標準時間）。'],
  ] as const)('%s: Berlin hours told to an admin in Taipei in their local time', (language, text) => {
    expect(isSupportOpen({ cloud: 'germany', kind: 'billing', timeZone: 'Asia/Taipei', at, language }).text).toBe(text);
  });

  it.each([
    ['en', 'Billing phone support in Taiwan is closed now; it opens tomorrow at 9:00 AM (Taiwan Standard Time).'],
    ['zh-Hant', '台灣的帳務電話支援目前不在服務時間；將於明天 上午9:00 開始服務（台北標準時間）。'],
  ] as const)('%s: local billing hours read in Asia/Taipei', (language, text) => {
    expect(isSupportOpen({ cloud: 'worldwide', kind: 'billing', country: 'TW', timeZone: 'Asia/Taipei', at, language }).text).toBe(text);
  });

  it.each([
    ['en', 'Billing support in Germany is available in English, Monday to Friday, 9:00 AM to 5:00 PM local time (Berlin time).'],
    ['de', 'Der Abrechnungssupport für Ihr Land (Deutschland) ist Montag bis Freitag, 09:00 bis 17:00 Ortszeit (Berliner Zeit) erreichbar, auf Englisch.'],
    ['zh-Hans', '德国的计费支持的服务时间：星期一至星期五 09:00 至 17:00，当地时间（柏林时间），提供英语服务。'],
  ] as const)('%s: local billing hours in Europe/Berlin', (language, text) => {
    expect(supportHoursFor({ cloud: 'worldwide', kind: 'billing', country: 'DE', timeZone: 'Europe/Berlin', language }).text).toBe(text);
  });

  it.each(OTHER_LANGUAGES)('%s: 21Vianet business-day objectives and unpublished hours are in the language', (language) => {
    const objective = responseTimeObjective({ cloud: '21vianet', severity: 'B', category: 'billing', language });
    expect(objective.text).not.toMatch(ENGLISH);
    for (const note of objective.notes) expect(note).not.toMatch(ENGLISH);
    expect(isSupportOpen({ cloud: '21vianet', kind: 'billing', at, language }).text).not.toMatch(ENGLISH);
  });
});

describe('clouds, plans and phone numbers in every language', () => {
  it.each([
    ['en', 'Office 365 operated by 21Vianet', 'Microsoft 365 Business Basic'],
    ['de', 'Office 365 betrieben von 21Vianet', 'Microsoft 365 Business Basic'],
    ['zh-Hans', '由世纪互联运营的 Office 365', 'Microsoft 365 商业基础版'],
    ['zh-Hant', '由世紀互聯營運的 Office 365', 'Microsoft 365 商務基本版'],
  ] as const)('%s: the 21Vianet cloud is "%s" and Business Basic "%s"', (language, cloud, plan) => {
    expect(cloudName('21vianet', language)).toBe(cloud);
    expect(planName('business-basic', language)).toBe(plan);
  });

  it.each(OTHER_LANGUAGES)('%s: a cloud profile has no English sentence left', (language: Language) => {
    const profile = cloudProfile('21vianet', language);
    const sentences = [profile.onlineRequest.summary, ...profile.onlineRequest.steps, profile.nonAdminAdvice, ...profile.severityNotes, ...profile.otherNotes, profile.phoneFallback, unknownPlanExplanation(language)];
    for (const sentence of sentences) expect(sentence).not.toMatch(ENGLISH);
  });

  it('names the languages a line answers in, in the admin’s language', () => {
    expect(cloudProfile('germany', 'de').languages).toEqual(['Deutsch', 'Englisch']);
    expect(cloudProfile('germany').languages).toEqual(['German', 'English']);
  });

  it.each([
    // language, cloud, country, answer
    ['de', 'germany', 'DE', 'Deutschland: Rufen Sie 0800 589 2330 an. Innerhalb Deutschlands kostenlos. Alternativ erreichen Sie uns unter 069 380 789 305 (es fallen Gebühren für ein Ortsgespräch an).'],
    ['zh-Hans', '21vianet', 'CN', '中国：请拨打 (86) 400-089-0365。在线提交请求无法使用时的电话支持。技术支持、售前咨询、计费和订阅支持均使用此号码。'],
    ['zh-Hant', '21vianet', 'TW', '中國：請撥打 (86) 400-089-0365。線上提交要求無法使用時的電話支援。技術支援、售前諮詢、帳務和訂閱支援均使用此號碼。'],
    ['en', 'worldwide', 'AU', 'Australia: call 1 800 197 503. Toll-free.'],
  ] as const)('%s: %s from %s, the number as dialled from there', (language, cloud, country, answer) => {
    expect(phoneAnswer({ cloud, country, language })).toBe(answer);
  });
});

describe('a number as dialled from where the admin is', () => {
  it.each([
    // printed, E.164, countries of the entry, the admin's country, shown
    ['0800 589 2330', '+498005892330', ['DE'], 'DE', '0800 589 2330'],
    ['069 380 789 305', '+4969380789305', ['DE'], 'AT', '+49 69 380789305'],
    ['1 800 197 503', '+611800197503', ['AU'], undefined, '1 800 197 503'],
    ['(86) 400-089-0365', '+864000890365', '*', 'TW', '(86) 400-089-0365'],
    ['+49 69 380 789 305', '+4969380789305', 'EEA', 'FR', '+49 69 380 789 305'],
  ] as const)('%s from %s', (printed, e164, countries, country, shown) => {
    expect(dialable(printed, e164, countries as string[] | 'EEA' | '*', country)).toBe(shown);
  });
});
