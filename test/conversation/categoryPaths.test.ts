import { describe, expect, it } from 'vitest';
import { startConversation, useConversationDb, type TestConversation } from '../helpers/conversation.js';

/**
 * Issue #15, item 3: billing, pre-sales and support-question paths ask their own questions; what the
 * admin named in their first message is not asked again; the severity follows the source documents'
 * rules and examples. Item 9: "Who is affected?" has an "everyone" answer, the widest scope.
 */
const ctx = useConversationDb();

const DUPLICATE_CHARGE = 'we were charged twice for Business Premium';
const OUTAGE_QUESTIONS = /How badly is the service affected|workaround|Who is affected/i;

/** Says a line; the admin check, wherever the flow asks it, is answered "yes". */
async function say(c: TestConversation, text: string): Promise<string> {
  let reply = await c.sayText(text);
  while (/are you an admin of your organisation/i.test(reply)) reply = await c.sayText('yes');
  return reply;
}

async function sayAll(c: TestConversation, lines: string[]): Promise<string> {
  let last = '';
  for (const line of lines) last = await say(c, line);
  return last;
}

/** Text channel, up to the escalation's first question: the admin says the articles did not help. */
async function toSeverity(c: TestConversation, problem: string): Promise<{ articles: string; first: string }> {
  await say(c, 'hi');
  const articles = await say(c, problem);
  return { articles, first: await say(c, 'no') };
}

async function contactAndSubmit(c: TestConversation): Promise<string> {
  await sayAll(c, ['Kim Lee', 'kim@contoso.com', '+1 425 555 0100']);
  const summary = await say(c, 'email');
  expect(summary).toMatch(/Here is your request/);
  return summary;
}

describe('a billing problem: "we were charged twice for Business Premium"', () => {
  it('shows the billing articles first, never "Start a free trial"', async () => {
    const c = startConversation({ db: ctx.db, channelId: 'sms' });
    await say(c, 'hi');
    const articles = await say(c, DUPLICATE_CHARGE);
    const titles = [...articles.matchAll(/^\*\*(.+)\*\*$/gm)].map((m) => m[1]!);
    expect(titles[0]).toMatch(/Charged twice/);
    expect(titles).not.toContain('Start a free trial of a Microsoft 365 business plan');
  });

  it('asks billing questions (no outage impact, no workaround, no plan) and suggests the billing severity', async () => {
    const c = startConversation({ db: ctx.db, channelId: 'sms' });
    const { first } = await toSeverity(c, DUPLICATE_CHARGE);
    expect(first).not.toMatch(OUTAGE_QUESTIONS);
    expect(first).toMatch(/Has money been taken that shouldn't have been/);
    const access = await say(c, 'yes');
    expect(access).toMatch(/Are your services at risk because of this billing problem\?/);
    expect(access).not.toMatch(OUTAGE_QUESTIONS);
    const deadline = await say(c, 'No, everything works');
    expect(deadline).toMatch(/date it has to be sorted by/);
    const suggestion = await say(c, 'no');
    expect(suggestion).toMatch(/money was taken that shouldn't have been/);
    expect(suggestion).toMatch(/I suggest Severity B \(high\)/);
    expect(suggestion).not.toMatch(/degraded/);
    // The plan was named in the message: straight to the contact details.
    const next = await say(c, 'yes');
    expect(next).not.toMatch(/Which plan/);
    expect(next).toMatch(/full name/);
    const summary = await contactAndSubmit(c);
    expect(summary).toMatch(/Plan: Microsoft 365 Business Premium/);
    expect(await say(c, 'submit')).toMatch(/Request SR-\d+ is open/);
    const { rows } = await ctx.db.query<Record<string, unknown>>('SELECT category, topic, severity, plan_id, plan_family FROM tickets');
    expect(rows).toEqual([{ category: 'billing', topic: 'billing.payment-issue', severity: 'B', plan_id: 'business-premium', plan_family: 'business' }]);
  });

  it('puts the billing articles first when the classifier is unsure of the topic', async () => {
    const c = startConversation({ db: ctx.db, channelId: 'sms' });
    await sayAll(c, ['hi', 'we paid twice for business premium', 'something else', 'we paid twice for business premium']);
    const articles = await say(c, 'something else');
    const titles = [...articles.matchAll(/^\*\*(.+)\*\*$/gm)].map((m) => m[1]!);
    expect(titles[0]).toMatch(/Charged twice/);
    expect(titles.slice(0, 2)).not.toContain('Start a free trial of a Microsoft 365 business plan');
  });
});

describe('a 21Vianet billing case', () => {
  it('is capped at Severity B: "For billing and subscription management support, the highest severity level is B"', async () => {
    const c = startConversation({ db: ctx.db, channelId: 'sms' });
    const { first } = await toSeverity(c, 'our subscription with 21Vianet was suspended because a payment failed');
    expect(first).toMatch(/Has money been taken/);
    await say(c, 'no');
    await say(c, 'yes, already suspended');
    const suggestion = await say(c, 'yes');
    expect(suggestion).toMatch(/With Office 365 operated by 21Vianet, Severity A exists only for technical support/);
    expect(suggestion).toMatch(/I suggest Severity B \(high\)/);
    expect(suggestion).not.toMatch(/Make it Sev A/);
    await say(c, 'yes');
    await say(c, "I don't know");
    const summary = await contactAndSubmit(c);
    expect(summary).toMatch(/Cloud: .*21Vianet/);
    await say(c, 'submit');
    const { rows } = await ctx.db.query<Record<string, unknown>>('SELECT cloud, category, severity FROM tickets');
    expect(rows).toEqual([{ cloud: '21vianet', category: 'billing', severity: 'B' }]);
  });

  it('cannot be raised to Sev A by the admin either', async () => {
    const c = startConversation({ db: ctx.db, channelId: 'sms' });
    await toSeverity(c, 'our subscription with 21Vianet was suspended because a payment failed');
    await sayAll(c, ['no', 'yes, already suspended']);
    await say(c, 'yes');
    const reply = await say(c, 'make it sev a');
    expect(reply).not.toMatch(/OK, Sev A/);
  });
});

describe('a pre-sales question', () => {
  it('asks only whether an answer is needed by a date, and suggests Sev C without one', async () => {
    const c = startConversation({ db: ctx.db, channelId: 'sms' });
    const { first } = await toSeverity(c, 'what is the difference between Business Premium and E3 before we buy');
    expect(first).not.toMatch(OUTAGE_QUESTIONS);
    expect(first).not.toMatch(/Has money been taken/);
    expect(first).toMatch(/needed by a certain date/);
    const suggestion = await say(c, 'no');
    expect(suggestion).toMatch(/I suggest Severity C \(non-critical\)/);
  });
});

describe('the severity suggestion follows the source documents\' examples', () => {
  it.each(['external email sending is failing for the whole company', 'external email sending is failing for the whole organisation'])(
    '"%s" is suggested as Sev A ("Widespread problems sending or receiving mail")',
    async (problem) => {
      const c = startConversation({ db: ctx.db, channelId: 'sms' });
      const { first } = await toSeverity(c, problem);
      expect(first).toMatch(/I suggest Severity A \(critical\)/);
    },
  );
});

describe('"Who is affected?"', () => {
  it('offers "everyone in the organisation", which counts as the widest scope', async () => {
    const c = startConversation({ db: ctx.db, channelId: 'sms' });
    await toSeverity(c, 'external email sending is failing for the whole company');
    expect(await say(c, 'not sure, ask me')).toMatch(/How badly is the service affected/);
    const scope = await say(c, 'It works, but not properly');
    expect(scope).toMatch(/Who is affected\?/);
    expect(scope).toMatch(/Everyone in the organisation/);
    await say(c, 'everyone');
    const suggestion = await sayAll(c, ['no', 'no']);
    expect(suggestion).toMatch(/everyone in the organisation is affected/);
    expect(suggestion).toMatch(/I suggest Severity A \(critical\)/);
  });

  it.each(['everyone', 'the whole company', 'all users', 'entire organisation', 'everybody'])('takes "%s" as everyone', async (answer) => {
    const c = startConversation({ db: ctx.db, channelId: 'sms' });
    await toSeverity(c, 'external email sending is failing for the whole company');
    await sayAll(c, ['not sure, ask me', 'It works, but not properly']);
    expect(await say(c, answer)).toMatch(/workaround/);
    const suggestion = await sayAll(c, ['no', 'no']);
    expect(suggestion).toMatch(/everyone in the organisation is affected/);
  });
});
