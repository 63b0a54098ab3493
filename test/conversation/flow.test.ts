import { beforeEach, describe, expect, it } from 'vitest';
import { script, startConversation, ticketCount, useConversationDb } from '../helpers/conversation.js';

const ctx = useConversationDb();

const MAIL_OUTAGE = 'nobody in the company can send or receive email since this morning';

describe('self-help', () => {
  it('ends without a ticket when an article solves it, and records the resolution', async () => {
    const c = startConversation({ db: ctx.db });
    expect(await c.sayText('hi')).toMatch(/what's going wrong/i);
    const offered = await c.sayText('how do i set a users password to never expire');
    expect(offered).toMatch(/never expire/i);
    expect(offered).toMatch(/Did this solve it\?/);
    expect(await c.sayText('yes')).toMatch(/glad that sorted it/i);
    expect(await ticketCount(ctx.db)).toBe(0);
    const outcomes = await ctx.db.query<{ resolved: boolean; topic: string }>('SELECT resolved, topic FROM self_help_outcomes');
    expect(outcomes.rows).toEqual([{ resolved: true, topic: 'accounts.passwords' }]);
  });

  it('shows more articles on request', async () => {
    const c = startConversation({ db: ctx.db });
    await script(c, ['hi']);
    const first = await c.sayText('emails to external adresses bounce back');
    const more = await c.sayText('show more');
    expect(more).toMatch(/Here are a few more/);
    expect(more).not.toEqual(first);
  });
});

describe('self-help failure to a ticket, typed text only (a channel without cards)', () => {
  it('files a ticket with everything the admin said and tells them what happens next', async () => {
    const c = startConversation({ db: ctx.db, channelId: 'sms' });
    await script(c, ['hello', MAIL_OUTAGE]);
    expect(await c.sayText('no')).toMatch(/are you an admin/i);
    expect(await c.sayText('yes')).toMatch(/I suggest Severity A \(critical\)/);
    expect(await c.sayText('yes')).toMatch(/Which plan/);
    expect(await c.sayText('office 365 e3')).toMatch(/full name/);
    expect(await c.sayText('Alex Admin')).toMatch(/email address/);
    expect(await c.sayText('alex@contoso.com')).toMatch(/phone number/);
    expect(await c.sayText('+1 425 555 0100')).toMatch(/How would you like support to contact you/);
    expect(await c.sayText('phone')).toMatch(/When is a good time to call you\?/);
    const summary = await c.sayText('weekdays after 2 pm');
    expect(summary).toMatch(/Thanks, I'll tell the engineer: weekdays after 2 pm\./);
    expect(summary).toMatch(/Plan: Office 365 E3/);
    expect(summary).toMatch(/Phone: \+1 425 555 0100/);
    const done = await c.sayText('submit');
    expect(done).toMatch(/Request SR-\d{7} is open/);
    expect(done).toMatch(/within one hour, 24 hours a day/);
    expect(done).toMatch(/Expected wait/);
    expect(done).toMatch(/1 800 865 9408/);

    const { rows } = await ctx.db.query<Record<string, unknown>>('SELECT * FROM tickets');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      severity: 'A',
      plan_id: 'o365-e3',
      contact_method: 'phone',
      callback_hours: 'weekdays after 2 pm',
      requester_email: 'alex@contoso.com',
      requester_phone: '+14255550100',
      topic: 'exchange.mail-flow',
      channel_id: 'sms',
    });
    expect((rows[0]!.articles_tried as unknown[]).length).toBeGreaterThan(0);
  });
});

describe('who may open a request', () => {
  it('points a non-admin to their admin and the consumer page, and opens nothing', async () => {
    const c = startConversation({ db: ctx.db });
    await c.sayText('my teams calls keep dropping');
    expect(await c.sayText('no')).toMatch(/are you an admin/i);
    const reply = await c.sayText('no');
    expect(reply).toMatch(/ask your IT admin/i);
    expect(reply).toContain('support.microsoft.com/contactus');
    expect(await ticketCount(ctx.db)).toBe(0);
  });

  it('explains how to check when the person is not sure, then asks again', async () => {
    const c = startConversation({ db: ctx.db });
    await script(c, ['hi', 'my teams calls keep dropping', 'no']);
    const reply = await c.sayText("i'm not sure");
    expect(reply).toMatch(/admin\.microsoft\.com/);
    expect(reply).toMatch(/are you an admin/i);
  });

  it('does not ask someone the configuration lists as an admin', async () => {
    const c = startConversation({ db: ctx.db, from: { id: 'u-1', aadObjectId: 'aad-42' }, env: { ADMIN_AAD_OBJECT_IDS: 'aad-1,aad-42' } });
    const reply = await c.sayText('our intranet sharepoint site is down for everyone');
    expect(reply).not.toMatch(/are you an admin/i);
    expect(reply).toMatch(/Did this solve it/);
  });
});

describe('understanding the problem', () => {
  it.each([
    ["what's the weather in seattle tomorrow", /outside what I can help with/],
    ['our office firewall blocks outlook connections', /outside what Microsoft 365 support covers/],
    ['can you fix my powershell script that creates users', /outside what Microsoft 365 support covers/],
  ])('answers "%s" honestly as out of scope, without a ticket', async (text, expected) => {
    const c = startConversation({ db: ctx.db });
    await script(c, ['hi']);
    const reply = await c.sayText(text);
    expect(reply).toMatch(expected);
    expect(reply).not.toMatch(/Did this solve it/);
    expect(await ticketCount(ctx.db)).toBe(0);
  });

  it('asks which close topic is meant when unsure, and carries on with the pick', async () => {
    const c = startConversation({ db: ctx.db });
    await script(c, ['hi']);
    const question = await c.sayText('sharepoint');
    expect(question).toMatch(/Which of these is closest/);
    expect(question).toMatch(/\[Something else\]/);
    const after = await c.sayText({ value: { choice: 'sharepoint.permissions' } });
    expect(after).toMatch(/Did this solve it/);
  });
});

describe('service health', () => {
  beforeEach(async () => {
    const c = startConversation({ db: ctx.db });
    await c.services.incidents.create({
      id: 'EX123456',
      title: 'Users cannot send mail to external recipients',
      product: 'Exchange Online',
      topics: ['exchange.mail-flow'],
      summary: 'Outbound mail is queued; engineers are rerouting traffic.',
    });
  });

  it('shows a matching incident first and stops when the admin will wait for the fix', async () => {
    const c = startConversation({ db: ctx.db });
    await script(c, ['hi']);
    const reply = await c.sayText('cant sent mail to external adresses, bounces back');
    expect(reply).toMatch(/EX123456/);
    expect(reply).toMatch(/continue with your problem anyway/);
    expect(await c.sayText("No, I'll wait for the fix")).toMatch(/Service health/);
  });

  it('continues to self-help when the admin says their problem is different', async () => {
    const c = startConversation({ db: ctx.db });
    await script(c, ['hi', 'cant sent mail to external adresses, bounces back']);
    expect(await c.sayText('yes, continue')).toMatch(/Did this solve it/);
  });
});
