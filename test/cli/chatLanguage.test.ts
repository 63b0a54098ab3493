import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { translate } from '../../src/i18n/index.js';
import { chatLocale, localeFromEnvironment } from '../../tools/cli/chat.js';
import { repoRoot, useTestApp } from '../helpers/testApp.js';

/** `npm run chat -- --lang ...`: the terminal chat's language, its own lines, and the locale it sends. */

function runChat(args: string[], input: string, env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    // Only the locale variables given here count, not the developer's own.
    const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(LANG|LANGUAGE|LC_\w+)$/.test(name)));
    const child = spawn(process.execPath, ['--disable-warning=DEP0111', '--import', 'tsx', 'tools/cli/chat.ts', ...args], { cwd: repoRoot, env: { ...base, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code, out }));
    child.stdin.end(input);
  });
}

describe('the terminal chat language', () => {
  it.each([
    [{ LANG: 'de_DE.UTF-8' }, 'de-DE'],
    [{ LANG: 'zh_TW.UTF-8' }, 'zh-TW'],
    [{ LANG: 'en_US.UTF-8', LC_ALL: 'zh_CN.UTF-8' }, 'zh-CN'],
    [{ LANG: 'de_AT.UTF-8@euro' }, 'de-AT'],
    [{ LANG: 'C.UTF-8' }, undefined],
    [{ LANG: 'POSIX' }, undefined],
    [{}, undefined],
  ])('reads %o from the environment as %s', (env, locale) => {
    expect(localeFromEnvironment(env)).toBe(locale);
  });

  it.each([
    ['de', 'de', 'de-DE'],
    ['de-AT', 'de', 'de-AT'],
    ['zh-Hans', 'zh-Hans', 'zh-CN'],
    ['zh-Hant', 'zh-Hant', 'zh-TW'],
    ['zh-HK', 'zh-Hant', 'zh-HK'],
    ['en', 'en', 'en-US'],
    [undefined, 'en', 'en-US'],
  ])('--lang %s chats in %s with the activity locale %s', (lang, language, locale) => {
    expect(chatLocale(lang)).toEqual({ language, locale });
  });

  it('refuses a language it does not speak', () => {
    expect(chatLocale('fr')).toBeUndefined();
  });

  it('shows its help in the environment language, and --lang overrides it', async () => {
    const german = await runChat(['--help'], '', { LANG: 'de_DE.UTF-8' });
    expect(german.out.trim()).toBe(translate('de', 'chat.help'));
    const chinese = await runChat(['--help', '--lang', 'zh-Hant'], '', { LANG: 'de_DE.UTF-8' });
    expect(chinese.out.trim()).toBe(translate('zh-Hant', 'chat.help'));
  });

  it('says in its language that the language asked for is unknown, with exit code 2', async () => {
    const { code, out } = await runChat(['--lang', 'fr'], '', { LANG: 'de_DE.UTF-8' });
    expect(code).toBe(2);
    expect(out).toContain(translate('de', 'chat.unknownLanguage', { value: 'fr' }));
  });

  it('reports an unreachable server in the chat language', async () => {
    const { code, out } = await runChat(['--lang', 'zh-Hans', '--url', 'http://127.0.0.1:9'], '');
    expect(code).toBe(1);
    expect(out).toMatch(/^无法与 http:\/\/127\.0\.0\.1:9 开始聊天/m);
  });
});

describe('npm run chat -- --lang de against the assistant', () => {
  const ctx = useTestApp();

  it('sends the locale and the time zone on every activity, and labels its lines in German', async () => {
    const { code, out } = await runChat(['--url', ctx.app.url, '--lang', 'de'], 'Outlook fragt ständig nach meinem Passwort\n1\n');
    expect(code, out).toBe(0);
    expect(out).toContain(`${translate('de', 'chat.you')} Outlook fragt ständig nach meinem Passwort`);
    expect(out).toMatch(new RegExp(`^${translate('de', 'chat.assistant')}: `, 'm'));
    const { rows } = await ctx.db.query<{ activity: { type: string; locale?: string; localTimezone?: string } }>(
      "SELECT activity FROM directline_activities WHERE activity->'from'->>'role' = 'user' ORDER BY seq",
    );
    expect(rows.length).toBeGreaterThanOrEqual(2); // the problem and the pressed button
    for (const { activity } of rows) {
      expect(activity.locale).toBe('de-DE');
      expect(activity.localTimezone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    }
  });
});
