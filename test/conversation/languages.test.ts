// The conversation in German, Simplified and Traditional Chinese: the welcome, the questions, the cards and
// the request come back in the admin's language, with no English sentence of the conversation left.
// The problems are typed in English after an explicit request for the language ("auf Deutsch bitte: …"),
// which settles the conversation's language whatever the problem's words are written in.
import { readFileSync } from 'node:fs';
import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { catalogFile, translate, type Language, type MessageKey } from '../../src/i18n/index.js';
import { startConversation, ticketCount, useConversationDb, visibleText } from '../helpers/conversation.js';

const ctx = useConversationDb();

/** A conversation whose activities carry the channel's locale and the admin's time zone, as Web Chat and Teams send them. */
function chat(locale: string, channelId = 'directline') {
  const c = startConversation({ db: ctx.db, channelId });
  // The test adapter stamps its template on every activity it receives.
  const template = (c.adapter as unknown as { template: Partial<Activity> }).template;
  template.locale = locale;
  template.localTimezone = 'Europe/Berlin';
  const from = { id: `user-${c.conversationId}`, name: 'Alex Admin' };
  return {
    ...c,
    async say(input: string | { value: Record<string, unknown> }): Promise<string> {
      const activity: Partial<Activity> = typeof input === 'string' ? { type: 'message', text: input, from } : { type: 'message', text: '', value: input.value, from };
      await c.adapter.receiveActivity(activity);
      return c.adapter.activeQueue
        .splice(0)
        .filter((a) => a.type === 'message')
        .map(visibleText)
        .join('\n---\n');
    },
  };
}

const CONVERSATION = JSON.parse(readFileSync(catalogFile('en', 'conversation'), 'utf8')) as Record<string, string>;

/**
 * The English sentences of the conversation catalog found in `text`: every stretch of an English message
 * between its placeholders that is long enough to be a sentence and is translated in `language`.
 * (Texts from the knowledge base and the support rules are not in this catalog, so they are not counted.)
 */
function englishLeft(text: string, language: Language): string[] {
  const found: string[] = [];
  for (const [key, english] of Object.entries(CONVERSATION)) {
    // Lists of typed answers, and product names ("Microsoft 365 admin center"), which English articles name too.
    if (/\.(synonyms|openers|prefixes)$|[aA]dminCenter$/.test(key) || /, (plural|select)/.test(english)) continue;
    if (translate(language, key as MessageKey, Object.fromEntries([...english.matchAll(/\{(\w+)\}/g)].map((m) => [m[1]!, 'x']))) === english) continue;
    for (const part of english.split(/\{\w+\}/)) {
      const fragment = part.trim();
      if (fragment.length >= 12 && text.includes(fragment)) found.push(`${key}: ${fragment}`);
    }
  }
  return found;
}

/** Common English words of the conversation's own sentences: none may be left in a reply that is all ours. */
const ENGLISH_MARKERS = /\b(the|you|your|please|what|which|would|request|submit|change|sorry|help|continue)\b/i;

describe('the conversation in German', () => {
  it('welcomes, asks, shows its cards and files the request in German', async () => {
    const c = chat('de-DE');
    const welcome = await c.say('hallo');
    expect(welcome).toContain('Supportassistent');
    expect(welcome).toContain('Was funktioniert nicht?');
    expect(welcome).not.toMatch(ENGLISH_MARKERS);

    const offered = await c.say('auf Deutsch bitte: how do i set a users password to never expire');
    expect(offered).toContain('Diese Artikel lösen die meisten Fälle wie Ihren:');
    expect(offered).toContain('Hat das das Problem gelöst?');
    expect(offered).toMatch(/\[Ja, gelöst\][\s\S]*\[Nein, ich brauche noch Hilfe\]/);
    expect(offered).toContain('[Ganzen Artikel lesen]');
    expect(englishLeft(offered, 'de')).toEqual([]);

    const adminQuestion = await c.say('nein');
    expect(adminQuestion).toContain('Sind Sie Administrator');
    expect(adminQuestion).toContain('[Ich bin nicht sicher]');
    expect(adminQuestion).not.toMatch(ENGLISH_MARKERS);

    const severity = await c.say('ja');
    expect(severity).toContain('Passt das?');
    expect(severity).toContain('[Ja, das passt]');
    expect(englishLeft(severity, 'de')).toEqual([]);

    const plan = await c.say('ja');
    expect(plan).toContain('Welchen Plan hat Ihr Abonnement?');
    expect(plan).toContain('[Weiß ich nicht]');
    expect(englishLeft(plan, 'de')).toEqual([]);

    const form = await c.say('Business Premium');
    expect(form).toContain('Ihre Kontaktdaten');
    expect(form).toContain('Wie soll der Support Sie kontaktieren?');
    expect(form).toContain('[Weiter]');
    expect(form).not.toMatch(ENGLISH_MARKERS);

    const summary = await c.say({ value: { action: 'contactForm', name: 'Kim Lee', email: 'kim@contoso.com', phone: '', contactMethod: 'email', description: 'Kennwörter laufen ab' } });
    expect(summary).toContain('Bitte prüfen Sie Ihre Anfrage');
    expect(summary).toContain('Kontakt per: E-Mail');
    expect(summary).toContain('Telefon: keine angegeben');
    expect(summary).toContain('[Anfrage absenden]');
    expect(summary).toContain('Absenden oder etwas ändern?');
    expect(englishLeft(summary, 'de')).toEqual([]);

    const confirmation = await c.say('absenden');
    expect(await ticketCount(ctx.db)).toBe(1);
    // The compact card: the number in its title, status and severity, the rest behind "Details anzeigen".
    expect(confirmation).toMatch(/Anfrage SR-\d+ ist eröffnet/);
    expect(confirmation).toMatch(/Schweregrad: Schweregrad C/);
    expect(confirmation).toContain('[Details anzeigen]');
    expect(englishLeft(confirmation, 'de')).toEqual([]);

    // The request's dates in the admin's locale and time zone, named in words (Europe/Berlin), never by its IANA id.
    const number = /SR-\d+/.exec(confirmation)![0];
    const status = await c.say(`auf Deutsch bitte: status of ${number}`);
    expect(status).toContain(`Anfrage ${number}`);
    expect(status).toMatch(/Geöffnet: .* Mitteleuropäische Zeit/);
    expect(status).not.toContain('Europe/Berlin');
    expect(status).toContain('Techniker: noch nicht zugewiesen');
    expect(englishLeft(status, 'de')).toEqual([]);
  });

  it('says "help" and the commands in German', async () => {
    const c = chat('de-DE');
    await c.say('hallo');
    const help = await c.say('auf Deutsch bitte: help');
    expect(help).toContain('Das kann ich für Sie tun:');
    expect(englishLeft(help, 'de')).toEqual([]);
    expect(await c.say('auf Deutsch bitte: cancel')).toContain('In Ordnung, ich habe hier angehalten.');
  });
});

describe('the conversation in Simplified Chinese (a text channel)', () => {
  it('asks every question in Chinese, understands Chinese answers and files the request', async () => {
    const c = chat('zh-CN', 'sms');
    const welcome = await c.say('你好');
    expect(welcome).toContain('Microsoft 365 支持助手');
    expect(welcome).toContain('出了什么问题？');
    expect(welcome).not.toMatch(ENGLISH_MARKERS);

    const offered = await c.say('请用中文：how do i set a users password to never expire');
    expect(offered).toContain('以下文章可以解决大多数类似情况：');
    expect(offered).toMatch(/问题解决了吗？\n1\. 是，已解决\n2\. 否，我仍需要帮助/);
    expect(englishLeft(offered, 'zh-Hans')).toEqual([]);

    const replies: string[] = [];
    for (const line of ['没解决', '是的', '是', 'e3', 'Kim Lee', 'kim@contoso.com', '跳过', '电子邮件']) replies.push(await c.say(line));
    const [adminQuestion, severity, plan, name, email, phone, method, summary] = replies as [string, string, string, string, string, string, string, string];
    expect(adminQuestion).toContain('您是贵组织 Microsoft 365 企业版订阅的管理员吗？');
    expect(severity).toContain('这样合适吗？');
    expect(plan).toContain('您的订阅是哪个计划？');
    expect(name).toContain('您的全名是什么？');
    expect(email).toContain('电子邮件地址');
    expect(phone).toContain('跳过');
    expect(method).toContain('您希望支持部门如何联系您？');
    expect(summary).toContain('这是您的请求：');
    expect(summary).toContain('联系方式：电子邮件');
    expect(summary).toContain('提交，还是修改某项内容？');
    for (const reply of replies) expect(englishLeft(reply, 'zh-Hans')).toEqual([]);

    const confirmation = await c.say('提交');
    expect(await ticketCount(ctx.db)).toBe(1);
    expect(confirmation).toMatch(/SR-\d+/);
    expect(englishLeft(confirmation, 'zh-Hans')).toEqual([]);
  });
});

describe('the conversation in Traditional Chinese', () => {
  it('names the close topics, the known incident and its card in Traditional Chinese', async () => {
    const c = chat('zh-TW');
    await c.services.incidents.create({
      id: 'EX123456',
      title: 'Users cannot send mail to external recipients',
      product: 'Exchange Online',
      topics: ['exchange.mail-flow'],
      summary: 'Outbound mail is queued; engineers are rerouting traffic.',
    });
    const welcome = await c.say('你好');
    expect(welcome).toContain('系統管理員');
    expect(welcome).not.toMatch(ENGLISH_MARKERS);

    const question = await c.say('請用中文：our whole company cannot send email since this morning');
    const topics = question.includes('以下哪一項最接近？') ? question : '';
    if (topics) {
      expect(topics).toContain('[其他問題]');
      expect(topics).toContain(`[${translate('zh-Hant', 'topic.exchange.mail-flow')}]`);
      expect(englishLeft(topics, 'zh-Hant')).toEqual([]);
    }
    const incident = topics ? await c.say({ value: { choice: 'exchange.mail-flow' } }) : question;
    expect(incident).toContain('目前有一個已知的服務問題');
    expect(incident).toContain('已知事件：Users cannot send mail to external recipients');
    expect(incident).toMatch(/開始時間: .*2\d{3}/);
    expect(incident).toContain('[是，繼續]');
    expect(englishLeft(incident, 'zh-Hant')).toEqual([]);

    const waiting = await c.say('我等');
    expect(waiting).toContain('服務健康情況');
    expect(englishLeft(waiting, 'zh-Hant')).toEqual([]);
  });
});
