import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { CLIENT_STRINGS_PATH, clientStrings, mountClientStrings, webChatLocale } from '../../src/http/clientStrings.js';
import { detectLanguage, translate, type Language, type MessageKey } from '../../src/i18n/index.js';
import type { Db } from '../../src/storage/db.js';
import { openTestDb } from '../helpers/databases.js';
import { repoRoot, startTestApp } from '../helpers/testApp.js';
import { botTexts, describeWithBrowser, launchBrowser, newPage, screenshot, sendText, STEP_TIMEOUT_MS } from './helpers.js';

/**
 * The widget in the page's language: its own texts from the clients catalog (GET /widget/strings.json),
 * Web Chat's chrome from Web Chat's own localization (it is given a locale it knows), and the
 * conversation in that language because every activity carries that locale.
 */

/** Web Chat's own strings for a locale, as its package ships them. */
function webChatStrings(locale: 'en-US' | 'de-DE' | 'zh-TW' | 'zh-CN'): Record<string, string> {
  const file = join(repoRoot, 'node_modules', 'botframework-webchat-api', 'src', 'localization', `${locale}.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
}

/**
 * The route is mounted where the widget's files are (src/channels/directline/widgetAssets.ts) by the
 * composition root; while it is not, the suite mounts it itself, so the widget can be tested either way.
 */
async function withClientStrings(app: App): Promise<void> {
  const res = await fetch(`${app.url}${CLIENT_STRINGS_PATH}?lang=en`);
  if (res.status === 404) mountClientStrings(app.server);
}

describe('GET /widget/strings.json', () => {
  let db: Db;
  let app: App;
  beforeAll(async () => {
    db = await openTestDb('pglite');
    app = await startTestApp(db);
    await withClientStrings(app);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it.each([
    ['de-DE', 'de', 'de-DE'],
    ['de-AT', 'de', 'de-AT'],
    ['zh-TW', 'zh-Hant', 'zh-TW'],
    ['zh-Hant', 'zh-Hant', 'zh-TW'],
    ['zh-Hant-HK', 'zh-Hant', 'zh-HK'],
    ['zh-HK', 'zh-Hant', 'zh-HK'],
    ['zh-Hans', 'zh-Hans', 'zh-CN'],
    ['zh', 'zh-Hans', 'zh-CN'],
    ['zh-SG', 'zh-Hans', 'zh-SG'],
    ['en-GB', 'en', 'en-GB'],
    ['fr-FR', 'en', 'en-US'],
    ['', 'en', 'en-US'],
    ['<script>', 'en', 'en-US'],
  ])('?lang=%s answers %s strings with the Web Chat locale %s', async (lang, language, locale) => {
    const res = await fetch(`${app.url}${CLIENT_STRINGS_PATH}?lang=${encodeURIComponent(lang)}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as ReturnType<typeof clientStrings>;
    expect(body.language).toBe(language);
    expect(body.locale).toBe(locale);
    expect(body.strings['widget.title']).toBe(translate(language as Language, 'widget.title'));
  });

  it('sends every widget.* message and nothing else, with language names for the switcher', () => {
    const { strings, languages } = clientStrings('zh-TW');
    expect(Object.keys(strings).length).toBeGreaterThan(10);
    expect(Object.keys(strings).every((key) => key.startsWith('widget.'))).toBe(true);
    expect(strings['widget.retry']).toBe(translate('zh-Hant', 'widget.retry'));
    // A simple placeholder is left for the widget, which puts markup (a <code>) there.
    expect(strings['widget.demo.embed.text']).toContain('{setting}');
    expect(languages).toEqual({ en: 'English', de: 'Deutsch', 'zh-Hans': '简体中文', 'zh-Hant': '繁體中文' });
  });

  it('is cacheable and readable from any page that embeds the widget', async () => {
    const res = await fetch(`${app.url}${CLIENT_STRINGS_PATH}?lang=de`, { headers: { origin: 'https://www.contoso.com' } });
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const again = await fetch(`${app.url}${CLIENT_STRINGS_PATH}?lang=de`, { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('gives Web Chat a Chinese locale its localization knows (zh-Hant-TW would get Simplified strings)', () => {
    expect(webChatLocale('zh-Hant', 'zh-Hant-TW')).toBe('zh-TW');
    expect(webChatLocale('zh-Hans', 'zh-Hans-CN')).toBe('zh-CN');
    expect(webChatLocale('zh-Hant', 'zh-MO')).toBe('zh-MO');
    expect(webChatLocale('de', 'de-CH')).toBe('de-CH');
  });
});

describeWithBrowser('web widget in German and Traditional Chinese', () => {
  let db: Db;
  let app: App;
  let browser: Browser;

  beforeAll(async () => {
    db = await openTestDb('pglite');
    app = await startTestApp(db);
    await withClientStrings(app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.close();
  });

  const cases: { language: Language; webChat: 'de-DE' | 'zh-TW'; problem: string }[] = [
    { language: 'de', webChat: 'de-DE', problem: 'Outlook fragt ständig nach meinem Passwort und ich kann keine E-Mails senden' },
    { language: 'zh-Hant', webChat: 'zh-TW', problem: 'Outlook 一直要求我輸入密碼，無法傳送郵件' },
  ];

  it.each(cases)('shows the demo page at 400 px in $language, and the conversation follows', async ({ language, webChat, problem }) => {
    const text = (key: MessageKey) => translate(language, key);
    const page = await newPage(browser, { width: 400, height: 800 });
    // At this width the open panel fills the window and the bubble is hidden, so openWidget()'s wait for
    // a visible bubble does not apply: the demo page opens the chat itself (data-open).
    await page.goto(`${app.url}/?lang=${language}`);
    await page.locator('[data-id="webchat-sendbox-input"]').waitFor({ timeout: STEP_TIMEOUT_MS });

    // The widget's own texts, from the clients catalog.
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language);
    expect(await page.locator('.sa-widget').getAttribute('lang')).toBe(language);
    expect(await page.locator('.sa-widget__title').innerText()).toBe(text('widget.title'));
    // The header's status line, in the language too (nobody is online in this suite).
    await expect.poll(() => page.locator('.sa-widget__subtitle').getAttribute('data-agents')).toBe('offline');
    expect(await page.locator('.sa-widget__subtitle').innerText()).toBe(translate(language, 'availability.headline', { agents: 'offline', wait: 0 }));
    expect(await page.locator('.sa-widget__close').getAttribute('aria-label')).toBe(text('widget.close'));
    expect(await page.locator('.sa-widget__bubble').getAttribute('aria-label')).toBe(text('widget.bubble.close'));
    expect(await page.title()).toBe(text('widget.demo.pageTitle'));
    expect(await page.locator('h1').innerText()).toBe(text('widget.demo.heading'));
    expect(await page.locator('a[aria-current="true"]').getAttribute('data-language')).toBe(language);
    expect(await page.locator('a[data-language="zh-Hant"]').innerText()).toBe('繁體中文');

    // Web Chat's own chrome, from its localization: the locale it was given is one it knows.
    const placeholder = await page.locator('[data-id="webchat-sendbox-input"]').getAttribute('placeholder');
    expect(placeholder).toBe(webChatStrings(webChat).TEXT_INPUT_PLACEHOLDER);
    expect(placeholder).not.toBe(webChatStrings('en-US').TEXT_INPUT_PLACEHOLDER);

    // The Chinese font stack reaches Web Chat too (it is handed the widget's :lang() font).
    if (language === 'zh-Hant') {
      const font = await page.locator('.sa-widget__title').evaluate((node) => getComputedStyle(node).fontFamily);
      expect(font).toContain('Noto Sans CJK TC');
    }

    const before = (await botTexts(page)).length;
    await sendText(page, problem);
    await expect.poll(async () => (await botTexts(page)).length, { timeout: STEP_TIMEOUT_MS }).toBeGreaterThan(before);
    await page.waitForTimeout(500); // let cards finish rendering before the picture
    await screenshot(page, `widget-language-${language}`);
    const reply = (await botTexts(page))[before]!;
    // The first reply to the admin's message is in the page's language: the activity carries the locale,
    // and the text is written in it. This depends on the conversation's translation (dialogs/, the
    // conversation catalogs), which another change brings in; if it fails with an English reply, that
    // part is not in yet: the widget's own texts above are this suite's concern.
    expect(detectLanguage(reply)?.language, `first reply: ${reply}`).toBe(language);
    expect(page.problems).toEqual([]);
  });
});
