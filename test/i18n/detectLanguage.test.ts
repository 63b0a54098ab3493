import { describe, expect, it } from 'vitest';
import { detectLanguage, foldToSimplified, languageFromLocale, recogniseLanguageRequest } from '../../src/i18n/index.js';

describe('the language a text is written in', () => {
  it.each([
    ['Benutzer können keine E-Mails senden', 'de'],
    ['unser Shared Mailbox geht nicht', 'de'],
    ['Outlook stürzt ab', 'de'],
    ['mein kennwort ist abgelaufen', 'de'],
    ['Passwort reset geht nicht', 'de'],
    ['die ganze Firma hat kein Teams mehr', 'de'],
    ['Kennwortänderung', 'de'],
    ['users cannot send email', 'en'],
    ['my Outlook keeps crashing', 'en'],
    ['the whole company is down', 'en'],
    ['用户无法发送邮件', 'zh-Hans'],
    ['Outlook 打不开', 'zh-Hans'],
    ['OneDrive 同步卡住了怎么办', 'zh-Hans'],
    ['使用者無法傳送郵件', 'zh-Hant'],
    ['我們的網域驗證失敗', 'zh-Hant'],
    ['Teams 會議沒有聲音', 'zh-Hant'],
  ])('%s is %s', (text, language) => {
    expect(detectLanguage(text)?.language).toBe(language);
  });

  it.each(['ja', 'ok', 'nein danke', '2', 'alex@contoso.com', '+49 30 1234567', 'SR-2026-000123', 'Teams', ''])(
    '"%s" says nothing: the conversation keeps its language',
    (text) => {
      expect(detectLanguage(text)).toBeUndefined();
    },
  );

  it('knows Chinese without a script-specific character, but not which script', () => {
    expect(detectLanguage('你好')).toEqual({ language: 'zh-Hans', scriptKnown: false });
  });

  it('folds Traditional characters onto Simplified ones for search', () => {
    expect(foldToSimplified('使用者無法傳送郵件')).toBe('使用者无法传送邮件');
  });
});

describe('the language a channel locale stands for', () => {
  it.each([
    ['de-DE', 'de'],
    ['de-AT', 'de'],
    ['de_CH', 'de'],
    ['en-GB', 'en'],
    ['zh-CN', 'zh-Hans'],
    ['zh-SG', 'zh-Hans'],
    ['zh-Hans', 'zh-Hans'],
    ['zh-TW', 'zh-Hant'],
    ['zh-HK', 'zh-Hant'],
    ['zh-Hant-HK', 'zh-Hant'],
    ['zh', 'zh-Hans'],
    ['fr-FR', undefined],
    ['', undefined],
  ])('%s is %s', (locale, language) => {
    expect(languageFromLocale(locale)).toBe(language);
  });
});

describe('asking for a language', () => {
  it.each([
    ['auf Deutsch bitte', 'de', ''],
    ['Deutsch', 'de', ''],
    ['können wir auf Deutsch weiter?', 'de', ''],
    ['in English please', 'en', ''],
    ['can we speak English?', 'en', ''],
    ['Englisch bitte', 'en', ''],
    ['请用中文', 'zh-Hans', ''],
    ['用英文', 'en', ''],
    ['請用繁體中文', 'zh-Hant', ''],
    ['简体中文', 'zh-Hans', ''],
    ['auf Deutsch bitte: Outlook startet nicht', 'de', 'Outlook startet nicht'],
    ['Outlook startet nicht, auf Deutsch bitte', 'de', 'Outlook startet nicht'],
  ])('"%s" asks for %s', (text, language, rest) => {
    expect(recogniseLanguageRequest(text)).toMatchObject({ language, rest });
  });

  it('takes "中文" as Chinese whose script the admin\'s own characters decide', () => {
    expect(recogniseLanguageRequest('请用中文')?.generic).toBe(true);
    expect(recogniseLanguageRequest('請用繁體中文')?.generic).toBe(false);
  });

  it.each(['my German users cannot log in', 'the German admin center shows English', '我们的德语版 Outlook 打不开', 'Chinese characters garbled in Outlook'])(
    '"%s" is a problem, not a request for a language',
    (text) => {
      expect(recogniseLanguageRequest(text)).toBeUndefined();
    },
  );
});
