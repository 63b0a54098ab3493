import { describe, expect, it } from 'vitest';
import { script, startConversation, ticketCount, useConversationDb, visibleText, type Reply, type TestConversation } from '../helpers/conversation.js';

/**
 * Card submits are whatever the client posts: Web Chat and Teams send strings, but anything that can
 * post an activity can put a number, a list or an object in any field. A field of the wrong type is
 * an answer to ask again, never a failed turn, and the fields that were right are kept.
 */

const ctx = useConversationDb();

async function toContactForm(c: TestConversation): Promise<void> {
  await script(c, ['hi', 'our intranet sharepoint site is down for everyone', 'no', 'yes', 'yes', "I don't know"]);
}

const validForm = { action: 'contactForm', name: 'Kim Lee', email: 'kim@contoso.com', phone: '+44 20 7946 0000', contactMethod: 'web_chat', description: 'Intranet site returns 503 for all staff' };
/** What the adapter answers when a turn fails (see SORRY_MESSAGE in src/channels/adapter.ts). */
const CRASH = /Sorry, something went wrong on my side/;

/** The value of each input of the contact form in the replies, by input id. */
function formInputs(replies: Reply[]): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const attachment of replies.flatMap((r) => r.attachments ?? [])) {
    for (const element of (attachment.content as { body?: { type: string; id?: string; value?: unknown }[] }).body ?? []) {
      if (element.type.startsWith('Input.') && element.id) inputs[element.id] = element.value;
    }
  }
  return inputs;
}

describe('a contact form submit with fields of the wrong type', () => {
  it('re-asks every wrong-typed field with the reason instead of failing the turn', async () => {
    const c = startConversation({ db: ctx.db, channelId: 'directline' });
    await toContactForm(c);
    const retry = await c.sayText({ value: { action: 'contactForm', name: 42, email: ['x'], phone: {}, description: true, contactMethod: 'web_chat' } });
    expect(retry).not.toMatch(CRASH);
    expect(retry).toMatch(/Your contact details/);
    for (const field of ['Name', 'Email', 'Phone', 'Description']) expect(retry).toMatch(new RegExp(`${field}: that answer wasn't text; please type it in the form\\.`));
    // Corrected, the request goes on as usual.
    const summary = await c.sayText({ value: validForm });
    expect(summary).toMatch(/Please check your request/);
    expect(summary).toMatch(/Email: kim@contoso.com/);
  });

  it.each([
    ['name', 42, 'Name'],
    ['email', ['kim@contoso.com'], 'Email'],
    ['phone', { number: '+44 20 7946 0000' }, 'Phone'],
    ['description', true, 'Description'],
    ['contactMethod', ['web_chat'], 'Please pick how support should contact you'],
  ])('keeps the valid fields when only "%s" is of the wrong type', async (field, wrong, reason) => {
    const c = startConversation({ db: ctx.db, channelId: 'directline' });
    await toContactForm(c);
    const replies = await c.say({ value: { ...validForm, [field]: wrong } });
    const retry = replies.map(visibleText).join('\n');
    expect(retry).not.toMatch(CRASH);
    expect(retry).toContain(reason);
    // What was right is still in the form shown again; the wrong value is not echoed back into it.
    const { action: _action, ...expected } = validForm;
    expect(formInputs(replies)).toEqual({ ...expected, [field]: field === 'contactMethod' ? 'web_chat' : '' });
    expect(await ticketCount(ctx.db)).toBe(0);
  });

  it('takes null fields as empty, not as wrong', async () => {
    const c = startConversation({ db: ctx.db, channelId: 'directline' });
    await toContactForm(c);
    const summary = await c.sayText({ value: { ...validForm, phone: null, contactMethod: 'email' } });
    expect(summary).not.toMatch(CRASH);
    expect(summary).toMatch(/Please check your request/);
  });

  it('offers the way out after three submits of the wrong type, as for any invalid answer', async () => {
    const c = startConversation({ db: ctx.db, channelId: 'directline' });
    await toContactForm(c);
    await c.sayText({ value: { ...validForm, name: 1 } });
    await c.sayText({ value: { ...validForm, name: 2 } });
    const out = await c.sayText({ value: { ...validForm, name: 3 } });
    expect(out).not.toMatch(CRASH);
    expect(out).toMatch(/let's not get stuck/i);
  });
});

describe('a choice button submit with fields of the wrong type', () => {
  it.each([
    ['a numeric choice', { choice: 7 }],
    ['a list for the choice', { choice: ['yes'] }],
    ['an object for the submission id', { choice: 'submit', submissionId: { id: 'x' } }],
    ['a list for the submission id', { choice: 'submit', submissionId: ['x'] }],
    ['a Teams message-back with a numeric text', { msteams: { text: 5 } }],
    ['a list for the whole submit', ['yes']],
  ])('is taken as no click (%s): the question is asked again', async (_case, value) => {
    const c = startConversation({ db: ctx.db, channelId: 'directline' });
    // Up to a choice question: the admin question, asked just before a request.
    await script(c, ['hi', 'our intranet sharepoint site is down for everyone']);
    expect(await c.sayText('no')).toMatch(/are you an admin/i);
    const reply = await c.sayText({ value: value as unknown as Record<string, unknown> });
    expect(reply).not.toMatch(CRASH);
    expect(reply).toMatch(/admin/i);
  });

  it('files nothing twice and does not crash on a wrong-typed submission id at the summary', async () => {
    const c = startConversation({ db: ctx.db, channelId: 'directline' });
    await toContactForm(c);
    await c.sayText({ value: validForm });
    const reply = await c.sayText({ value: { choice: 'submit', submissionId: ['whatever'] } });
    expect(reply).not.toMatch(CRASH);
    expect(reply).toMatch(/Request SR-\d+ is open/);
    expect(await ticketCount(ctx.db)).toBe(1);
  });
});
