// The language a turn is answered in: asked for, written in, remembered, or the channel's.
import { ActivityTypes, MemoryStorage, TestAdapter, TurnContext, UserState, type Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { settleTurnLanguage, type LanguageMemory, type TurnLanguage } from '../../dialogs/conversationLanguage.js';
import { languageOf } from '../../dialogs/language.js';

/** Runs each text as a turn of one user and returns what each turn settled on. */
async function turns(texts: Array<string | Partial<Activity>>, locale?: string, storage = new MemoryStorage()) {
  const userState = new UserState(storage);
  const memory = userState.createProperty<LanguageMemory>('language');
  const adapter = new TestAdapter();
  const results: Array<TurnLanguage & { text?: string; turnLanguage: string }> = [];
  for (const entry of texts) {
    const activity: Partial<Activity> = typeof entry === 'string' ? { type: ActivityTypes.Message, text: entry } : { type: ActivityTypes.Message, ...entry };
    const context = new TurnContext(adapter, {
      ...adapter.conversation,
      ...activity,
      locale: activity.locale ?? locale,
      from: { id: 'admin-1', name: 'Admin' },
      conversation: { id: 'c1', isGroup: false, conversationType: 'personal', name: 'c1' },
    } as Activity);
    await userState.load(context);
    const settled = await settleTurnLanguage(context, memory);
    results.push({ ...settled, text: context.activity.text, turnLanguage: languageOf(context) });
    await userState.saveChanges(context);
  }
  return results;
}

describe('the language of a turn', () => {
  it('starts in the channel locale’s language', async () => {
    const [de] = await turns(['hi'], 'de-DE');
    const [zh] = await turns(['hi'], 'zh-TW');
    const [fr] = await turns(['hi'], 'fr-FR');
    expect([de!.language, zh!.language, fr!.language]).toEqual(['de', 'zh-Hant', 'en']);
  });

  it('follows what the admin writes over the browser’s locale', async () => {
    const [first] = await turns(['Benutzer können keine E-Mails senden'], 'en-US');
    expect(first).toMatchObject({ language: 'de', changed: true, turnLanguage: 'de' });
  });

  it('keeps the language on short replies that say nothing ("ja", "2", an email address)', async () => {
    const results = await turns(['Outlook startet bei allen nicht', 'ja', '2', 'alex@contoso.com', 'ok'], 'en-US');
    expect(results.map((r) => r.language)).toEqual(['de', 'de', 'de', 'de', 'de']);
  });

  it('keeps the language for a short command typed in the other language ("my requests")', async () => {
    const results = await turns(['Outlook startet bei allen nicht', 'my requests', 'help', 'now I am writing a whole English sentence'], 'en-US');
    expect(results.map((r) => r.language)).toEqual(['de', 'de', 'de', 'en']);
  });

  it('keeps German for a German sentence full of English product names', async () => {
    const [result] = await turns(['unser Shared Mailbox in Outlook zeigt keine Mails mehr an'], 'en-US');
    expect(result!.language).toBe('de');
  });

  it('switches when asked, and takes the request out of the text', async () => {
    const [onlyRequest, withProblem] = await turns(['auf Deutsch bitte', 'in English please: Outlook keeps crashing'], 'en-US');
    expect(onlyRequest).toMatchObject({ language: 'de', onlyRequest: true, changed: true });
    expect(withProblem).toMatchObject({ language: 'en', onlyRequest: false, text: 'Outlook keeps crashing' });
  });

  it('takes "请用中文" typed in Traditional characters as Traditional Chinese', async () => {
    const [traditional] = await turns(['請用中文'], 'en-US');
    const [simplified] = await turns(['请用中文'], 'en-US');
    expect([traditional!.language, simplified!.language]).toEqual(['zh-Hant', 'zh-Hans']);
  });

  it('keeps the Chinese script already spoken for Chinese without script-specific characters', async () => {
    const results = await turns(['我們的網域驗證失敗', '你好'], 'en-US');
    expect(results.map((r) => r.language)).toEqual(['zh-Hant', 'zh-Hant']);
  });

  it('remembers the language for the same admin’s next conversation (user state)', async () => {
    const storage = new MemoryStorage();
    await turns(['auf Deutsch bitte'], 'en-US', storage);
    const [next] = await turns(['hi'], 'en-US', storage);
    expect(next!.language).toBe('de');
  });

  it('decides nothing from a card submit', async () => {
    const [result] = await turns([{ text: 'Benutzer können keine E-Mails senden', value: { choice: 'yes' } }], 'en-US');
    expect(result!.language).toBe('en');
  });
});
