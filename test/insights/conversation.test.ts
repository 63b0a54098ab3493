// What the conversation records for the insights (#18): where cases start and end, the knowledge gaps,
// and the satisfaction question after a confirmed self-help resolution. Real conversations on the real
// bot and services; every call the dialogs make to the recorder is seen, and what it stored is read back.
import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createConversationServices } from '../../src/conversationServices.js';
import type { InsightsRecorder } from '../../src/insights/index.js';
import { caseActive } from '../../dialogs/caseInsights.js';
import type { SupportCase } from '../../dialogs/caseState.js';
import { startConversation, useConversationDb, visibleText, type Reply } from '../helpers/conversation.js';

const ctx = useConversationDb();

type Call = { method: keyof InsightsRecorder; args: any[] };

/** The conversation's services on the test database, with every call to the insights recorder kept (and passed on). */
function watchedServices() {
  const services = createConversationServices(ctx.db, loadConfig({ LOG_LEVEL: 'silent', SEED_SAMPLE_INCIDENTS: 'false' }));
  const calls: Call[] = [];
  const real = services.insights;
  services.insights = Object.fromEntries(
    (Object.keys(real) as (keyof InsightsRecorder)[]).map((method) => [
      method,
      (...args: any[]) => {
        calls.push({ method, args });
        return (real[method] as (...a: any[]) => Promise<unknown>)(...args);
      },
    ]),
  ) as unknown as InsightsRecorder;
  const of = (method: keyof InsightsRecorder) => calls.filter((c) => c.method === method).map((c) => c.args);
  return { services, calls, of };
}

/** A conversation in a language: the activities carry the channel's locale, as Web Chat and Teams send them. */
function chat(opts: { locale?: string; channelId?: string } = {}) {
  const watched = watchedServices();
  const c = startConversation({ db: ctx.db, services: watched.services, channelId: opts.channelId ?? 'directline' });
  (c.adapter as unknown as { template: Partial<Activity> }).template.locale = opts.locale ?? 'en-US';
  return { ...c, ...watched };
}

const texts = (replies: Reply[]) => replies.map(visibleText).join('\n---\n');
const cardOf = (replies: Reply[]) => replies.flatMap((r) => r.attachments ?? []).find((a) => JSON.stringify(a.content).includes('"satisfaction"'))?.content as
  | { actions: { data: Record<string, unknown> }[] }
  | undefined;

const PASSWORDS = 'how do i set a users password to never expire';

describe('a case solved by self-help', () => {
  it('starts a case, ends it as self-help, asks once with a card and records the card answer', async () => {
    const c = chat();
    await c.say('hi');
    await c.say(PASSWORDS);
    const [start] = c.of('startCase');
    expect(start![0]).toMatchObject({ conversationId: c.conversationId, channelId: 'directline', language: 'en', topic: 'accounts.passwords', category: 'technical', text: PASSWORDS });

    const solved = await c.say('yes');
    expect(texts(solved)).toMatch(/glad that sorted it/i);
    expect(texts(solved)).toContain('how satisfied are you with the help you got?');
    expect(JSON.stringify(cardOf(solved))).toContain('"title":"5 – Very satisfied"');
    const [[endedId, outcome]] = c.of('endCase') as [string, string][];
    expect(outcome).toBe('self_help');
    expect(c.of('markSatisfactionAsked')).toEqual([[{ caseId: endedId }]]);

    const card = cardOf(solved)!;
    expect(card.actions[0]!.data).toEqual({ action: 'satisfaction', satisfaction: { about: 'self_help', caseId: endedId } });
    const thanked = await c.say({ value: { ...card.actions[0]!.data, rating: '5', comment: 'Clear steps' } });
    expect(texts(thanked)).toBe('Thank you for your feedback and your comment!');
    expect(c.of('recordSatisfaction')).toEqual([
      [expect.objectContaining({ caseId: endedId, ticketNumber: null, about: 'self_help', score: 5, comment: 'Clear steps', conversationId: c.conversationId, channelId: 'directline', language: 'en' })],
    ]);
    // A second click on the same card is thanked, not counted.
    expect(texts(await c.say({ value: { ...card.actions[0]!.data, rating: '1' } }))).toContain("You've already rated this one");
    expect(c.of('recordSatisfaction')).toHaveLength(1);
  });

  it('takes a typed German answer ("sehr gut") in a German conversation', async () => {
    const c = chat({ locale: 'de-DE' });
    await c.say('hallo');
    await c.say(`auf Deutsch bitte: ${PASSWORDS}`);
    const solved = texts(await c.say('ja, gelöst'));
    expect(solved).toContain('Wie zufrieden sind Sie mit der Hilfe?');
    expect(texts(await c.say('sehr gut'))).toBe('Vielen Dank für Ihr Feedback!');
    expect(c.of('recordSatisfaction')).toEqual([[expect.objectContaining({ about: 'self_help', score: 5, comment: null, language: 'de' })]]);
  });

  it('asks in Chinese on a text channel and takes "4分，有点慢" as a 4 with its comment', async () => {
    const c = chat({ locale: 'zh-CN', channelId: 'sms' });
    await c.say('你好');
    await c.say(`请用中文：${PASSWORDS}`);
    const solved = texts(await c.say('是'));
    expect(solved).toContain('您对得到的帮助满意吗？');
    expect(solved).toContain('请回复 1（非常不满意）到 5（非常满意）之间的数字');
    expect(texts(await c.say('4分，有点慢'))).toBe('感谢您的反馈和意见！');
    expect(c.of('recordSatisfaction')).toEqual([[expect.objectContaining({ about: 'self_help', score: 4, comment: '有点慢', language: 'zh-Hans', channelId: 'sms' })]]);
  });
});

describe('two cases in one conversation', () => {
  it('drops the open question for a new problem, which starts a second case that ends its own way', async () => {
    const c = chat();
    await c.say('hi');
    await c.say(PASSWORDS);
    await c.say('yes');
    // A new problem while the question is open: it goes on as usual; nothing is recorded for the question.
    const next = texts(await c.say('emails to external adresses bounce back'));
    expect(next).toMatch(/Did this solve it\?/);
    expect(c.of('recordSatisfaction')).toHaveLength(0);
    expect(c.of('startCase')).toHaveLength(2);

    // It did not help: a knowledge gap with the closest article; not an admin: refused.
    await c.say('no');
    expect(c.of('recordGap')).toEqual([[expect.objectContaining({ reason: 'self_help_failed', text: 'emails to external adresses bounce back', language: 'en' })]]);
    expect(c.of('recordGap')[0]![0].closestArticleId).toEqual(expect.any(String));
    await c.say('no');
    const ends = c.of('endCase') as [string, string][];
    expect(ends.map(([, outcome]) => outcome)).toEqual(['self_help', 'refused']);
    expect(ends[0]![0]).not.toBe(ends[1]![0]);
  });
});

describe('cases the assistant could not place, or that support does not cover', () => {
  it('records a clarification and "something else" as gaps', async () => {
    const c = chat();
    await c.say('hi');
    const asked = texts(await c.say('problem with outlook'));
    expect(asked).toMatch(/closest/i);
    expect(c.of('recordGap')).toEqual([[expect.objectContaining({ reason: 'clarification', text: 'problem with outlook', closestArticleId: expect.any(String), score: expect.any(Number) })]]);
    await c.say('something else');
    expect(c.of('recordGap').map(([g]) => g.reason)).toEqual(['clarification', 'something_else']);
  });

  it('ends an out-of-scope case as refused and keeps an unsure one as a gap (Simplified Chinese)', async () => {
    const c = chat({ locale: 'zh-CN' });
    await c.say('你好');
    await c.say('我们公司的打印机无法打印');
    const ends = c.of('endCase') as [string, string][];
    expect(ends.map(([, outcome]) => outcome)).toEqual(['refused']);
    expect(c.of('recordGap')).toEqual([[expect.objectContaining({ reason: 'out_of_scope_low_confidence', language: 'zh-Hans', text: '我们公司的打印机无法打印' })]]);
  });

  it('does not keep a sure out-of-scope answer as a gap', async () => {
    const c = chat();
    await c.say('hi');
    await c.say('what is the weather tomorrow');
    expect((c.of('endCase') as [string, string][]).map(([, o]) => o)).toEqual(['refused']);
    expect(c.of('recordGap')).toEqual([]);
  });
});

describe('a request filed', () => {
  it('ends the case as escalated with the request’s number; asked for a person after self-help, it is a new case', async () => {
    const c = chat({ channelId: 'sms' });
    await c.say('hello');
    await c.say('nobody in the company can send or receive email since this morning');
    await c.say('yes');
    expect(texts(await c.say('talk to a person'))).toMatch(/are you an admin/i);
    for (const line of ['yes', 'yes', 'office 365 e3', 'Alex Admin', 'alex@contoso.com', '+1 425 555 0100', 'email']) await c.say(line);
    const filed = texts(await c.say('submit'));
    const number = /Request (SR-\d{7}) is open/.exec(filed)?.[1];
    expect(number).toBeDefined();
    const starts = c.of('startCase');
    expect(starts).toHaveLength(2);
    expect(starts[1]![0]).toMatchObject({ text: 'nobody in the company can send or receive email since this morning', topic: 'exchange.mail-flow', confidence: null });
    const ends = c.of('endCase') as [string, string, { ticketNumber?: string }][];
    expect(ends.map(([, outcome, opts]) => [outcome, opts.ticketNumber])).toEqual([
      ['self_help', undefined],
      ['escalated', number],
    ]);
    expect(ends[0]![0]).not.toBe(ends[1]![0]);
    // The messages came within seconds: the case's activity was not written again on each (the start wrote it).
    expect(c.of('touchCase').filter(([id]) => id === ends[1]![0]).length).toBeLessThanOrEqual(1);
  });
});

describe('a known incident', () => {
  it('ends the case as incident when the admin chooses to wait for the fix', async () => {
    const c = chat();
    await c.services.incidents.create({
      id: 'EX123456',
      title: 'Users cannot send mail to external recipients',
      product: 'Exchange Online',
      topics: ['exchange.mail-flow'],
      summary: 'Outbound mail is queued; engineers are rerouting traffic.',
    });
    await c.say('hi');
    expect(texts(await c.say('cant sent mail to external adresses, bounces back'))).toMatch(/EX123456/);
    await c.say("No, I'll wait for the fix");
    expect((c.of('endCase') as [string, string][]).map(([, outcome]) => outcome)).toEqual(['incident']);
    // No satisfaction question after an incident: nothing was solved yet.
    expect(c.of('markSatisfactionAsked')).toEqual([]);
  });
});

describe('an open case’s activity', () => {
  it('is written at most every 30 s, and the abandon job reads the latest', async () => {
    const { services, of } = watchedServices();
    let clock = Date.parse('2026-12-01T09:00:00Z');
    services.now = () => new Date(clock);
    const c = startConversation({ db: ctx.db, services, channelId: 'sms' });
    await c.say('hello');
    await c.say('nobody in the company can send or receive email since this morning');
    const supportCase: SupportCase = { articlesOffered: [], incidentIds: [], caseId: (await ctx.db.query<{ id: string }>('SELECT id FROM insight_cases WHERE conversation_id = $1', [c.conversationId])).rows[0]!.id, activeAt: new Date(clock).toISOString() };
    const touchesAt = () => of('touchCase').map(([, at]) => (at as Date).toISOString().slice(11, 19));
    for (const at of ['09:00:10', '09:00:29', '09:01:00', '09:01:20', '09:01:36']) {
      clock = Date.parse(`2026-12-01T${at}Z`);
      await caseActive(services, supportCase);
    }
    expect(touchesAt()).toEqual(['09:01:00', '09:01:36']);
    const { rows } = await ctx.db.query<{ last_activity_at: Date }>('SELECT last_activity_at FROM insight_cases WHERE id = $1', [supportCase.caseId]);
    expect(rows.map((r) => r.last_activity_at.toISOString())).toEqual(['2026-12-01T09:01:36.000Z']);
    // An ended case is not touched at all.
    clock += 60_000;
    await caseActive(services, { ...supportCase, outcome: 'self_help' });
    expect(touchesAt()).toHaveLength(2);
  });
});
