import { describe, expect, it } from 'vitest';
import { script, startConversation, ticketCount, useConversationDb, type TestConversation } from '../helpers/conversation.js';

const ctx = useConversationDb();

/** Up to the contact step in a channel with cards: the admin said the articles did not help. */
async function toContactForm(c: TestConversation): Promise<string> {
  await script(c, ['hi', 'our intranet sharepoint site is down for everyone', 'no', 'yes']);
  await c.sayText('yes');
  return c.sayText("I don't know");
}

const validForm = { action: 'contactForm', name: 'Kim Lee', email: 'kim@contoso.com', phone: '+44 20 7946 0000', contactMethod: 'web_chat', description: 'Intranet site returns 503 for all staff' };

describe('the contact form card', () => {
  it('is one form with the description pre-filled from what the admin said', async () => {
    const c = startConversation({ db: ctx.db, channelId: 'directline' });
    await script(c, ['hi', 'our intranet sharepoint site is down for everyone', 'no', 'yes', 'yes']);
    const replies = await c.say("I don't know");
    const card = JSON.stringify(replies);
    expect(card).toContain('Your contact details');
    expect(card).toContain('"id":"description"');
    expect(card).toContain('"value":"our intranet sharepoint site is down for everyone"');
    expect(card).toContain('"version":"1.5"');
  });

  it('re-shows the form with the reason for each invalid field, then accepts corrected values', async () => {
    const c = startConversation({ db: ctx.db, channelId: 'directline' });
    await toContactForm(c);
    const retry = await c.sayText({ value: { ...validForm, email: 'kim@contoso', phone: '12', contactMethod: 'phone' } });
    expect(retry).toMatch(/Email: "kim@contoso" doesn't look like a complete email address/);
    expect(retry).toMatch(/Phone: /);
    expect(retry).not.toMatch(/Name: /);
    const summary = await c.sayText({ value: validForm });
    expect(summary).toMatch(/Please check your request/);
    expect(summary).toMatch(/Email: kim@contoso.com/);
    expect(summary).toMatch(/Contact by: Web chat/);
  });

  it('offers a way out after three invalid submissions', async () => {
    const c = startConversation({ db: ctx.db, channelId: 'directline' });
    await toContactForm(c);
    await c.sayText({ value: { ...validForm, email: 'nope' } });
    await c.sayText({ value: { ...validForm, email: 'nope' } });
    const out = await c.sayText({ value: { ...validForm, email: 'nope' } });
    expect(out).toMatch(/let's not get stuck/i);
    expect(out).toMatch(/call/i);
    expect(await ticketCount(ctx.db)).toBe(0);
  });

  it('switches to question-by-question when the admin types instead of using the form', async () => {
    const c = startConversation({ db: ctx.db, channelId: 'directline' });
    await toContactForm(c);
    const reply = await c.sayText("I'd rather type");
    expect(reply).toMatch(/by typing instead/);
    expect(reply).toMatch(/full name/);
  });
});

describe('typed contact details', () => {
  it.each([
    ['an email without a domain', ['Kim Lee', 'kim@'], /doesn't look like a complete email address/],
    ['a phone number with letters', ['Kim Lee', 'kim@contoso.com', 'call me maybe'], /has letters in it/],
    ['a phone number that is too short', ['Kim Lee', 'kim@contoso.com', '+1 425'], /isn't a valid number|couldn't read/],
  ])('re-asks %s with the reason', async (_name, lines, reason) => {
    const c = startConversation({ db: ctx.db, channelId: 'sms' });
    await script(c, ['hi', 'our intranet sharepoint site is down for everyone', 'no', 'yes', 'yes', "don't know"]);
    expect(await script(c, lines)).toMatch(reason);
  });

  it('takes the way out after the third invalid email, keeping the case', async () => {
    const c = startConversation({ db: ctx.db, channelId: 'sms' });
    await script(c, ['hi', 'our intranet sharepoint site is down for everyone', 'no', 'yes', 'yes', "don't know", 'Kim Lee', 'x', 'y']);
    const out = await c.sayText('z');
    expect(out).toMatch(/let's not get stuck/i);
    expect(out).toMatch(/call 1 800 865 9408|admin center/);
  });

  it('accepts "skip" for the phone number and then does not offer a phone call', async () => {
    const c = startConversation({ db: ctx.db, channelId: 'sms' });
    await script(c, ['hi', 'our intranet sharepoint site is down for everyone', 'no', 'yes', 'yes', "don't know", 'Kim Lee', 'kim@contoso.com']);
    const methods = await c.sayText('skip');
    expect(methods).toMatch(/Email/);
    expect(methods).not.toMatch(/Phone call/);
  });
});

describe('submitting', () => {
  async function toSummary(c: TestConversation) {
    await toContactForm(c);
    return c.sayText({ value: validForm });
  }

  it('files exactly one ticket when Submit is clicked twice', async () => {
    const c = startConversation({ db: ctx.db, channelId: 'directline' });
    await toSummary(c);
    const supportCase = (await ctx.db.query<{ data: { supportCase: { submissionId: string } } }>("SELECT data FROM bot_state WHERE key LIKE '%conversations%'")).rows[0]!.data.supportCase;
    const submit = { choice: 'submit', submissionId: supportCase.submissionId };
    expect(await c.sayText({ value: submit })).toMatch(/Request SR-\d+ is open/);
    expect(await c.sayText({ value: submit })).toMatch(/already submitted as SR-\d+; nothing new was filed/);
    expect(await ticketCount(ctx.db)).toBe(1);
  });

  it.each([
    ['severity', 'Change severity', /I suggest/],
    ['plan', 'Change plan', /Which plan/],
    ['contact details', 'Change contact details', /Your contact details/],
    ['cloud', 'Change cloud', /Which Microsoft 365 cloud/],
  ])('lets the admin change the %s from the summary', async (_part, button, expected) => {
    const c = startConversation({ db: ctx.db, channelId: 'directline' });
    await toSummary(c);
    expect(await c.sayText(button)).toMatch(expected);
  });

  it('applies 21Vianet rules when the admin moves the request to that cloud', async () => {
    const c = startConversation({ db: ctx.db, channelId: 'directline' });
    await toSummary(c);
    await c.sayText('Change cloud');
    const summary = await c.sayText('21vianet');
    expect(summary).toMatch(/Cloud: .*21Vianet/);
    const done = await c.sayText('submit');
    expect(done).toMatch(/Request SR-\d+ is open/);
    expect(done).toMatch(/400-089-0365/);
    const { rows } = await ctx.db.query<{ cloud: string; severity: string }>('SELECT cloud, severity FROM tickets');
    // Severity A needs an advanced online service agreement with 21Vianet: without one it is lowered to B.
    expect(rows).toEqual([{ cloud: '21vianet', severity: 'B' }]);
  });
});
