import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { script, startConversation, useConversationDb, visibleText, type TestConversation } from '../helpers/conversation.js';

// Issue #15, item 9.4: the phone number is read in the admin's country as the channel tells it.
const ctx = useConversationDb();

async function sayFrom(c: TestConversation, text: string, extra: Partial<Activity>): Promise<string> {
  // TestAdapter stamps its template's locale on every activity; a channel sends the client's own.
  if (extra.locale) (c.adapter as unknown as { template: { locale?: string } }).template.locale = extra.locale;
  await c.adapter.receiveActivity({ type: 'message', text, from: { id: `user-${c.conversationId}`, name: 'Alex Admin' }, ...extra });
  return c.adapter.activeQueue.splice(0).filter((a) => a.type === 'message').map(visibleText).join('\n---\n');
}

describe('a national phone number typed by an admin in Australia', () => {
  const toPhone = ['hi', 'our intranet sharepoint site is down for everyone', 'no', 'yes', 'yes', "don't know", 'Kim Lee', 'kim@contoso.com'];

  it('is accepted when the device time zone is Australian, though the locale is en-US', async () => {
    const c = startConversation({ db: ctx.db, channelId: 'sms' });
    await script(c, toPhone);
    const reply = await sayFrom(c, '0412 345 678', { locale: 'en-US', localTimezone: 'Australia/Sydney' });
    expect(reply).not.toMatch(/isn't a valid number/);
    expect(reply).toMatch(/How would you like support to contact you\?/);
  });

  it('is accepted with an en-AU locale', async () => {
    const c = startConversation({ db: ctx.db, channelId: 'sms' });
    await script(c, toPhone);
    expect(await sayFrom(c, '0412 345 678', { locale: 'en-AU' })).toMatch(/How would you like support to contact you\?/);
  });

  it('with only a US locale, says it is not a US number and asks for the country code', async () => {
    const c = startConversation({ db: ctx.db, channelId: 'sms' });
    await script(c, toPhone);
    expect(await sayFrom(c, '0412 345 678', { locale: 'en-US' })).toMatch(/isn't a valid number in the United States\. If it is from another country, type it with the country code/);
  });
});
