import { describe, expect, it } from 'vitest';
import { recogniseSmallTalk } from '../../dialogs/smallTalk.js';
import { script, startConversation, useConversationDb } from '../helpers/conversation.js';

/**
 * Issue #15, item 4: small talk (greetings, thanks, goodbyes, "are you a bot?") gets a short answer in
 * context and the conversation stays where it was; it is never the out-of-scope answer.
 */

const ctx = useConversationDb();
const ADMIN = { from: { id: 'admin-1', aadObjectId: 'aad-admin' }, env: { ADMIN_AAD_OBJECT_IDS: 'aad-admin' } };
const OUT_OF_SCOPE = /outside what/i;

describe('recogniseSmallTalk', () => {
  it.each([
    ['thanks!', 'thanks'],
    ['Thank you so much', 'thanks'],
    ['ok thanks', 'thanks'],
    ['great, thank you!', 'thanks'],
    ['cheers', 'thanks'],
    ['bye', 'bye'],
    ['Goodbye!', 'bye'],
    ['thanks, bye', 'bye'],
    ['see you later', 'bye'],
    ['have a nice day', 'bye'],
    ['hi', 'greeting'],
    ['Hello there!', 'greeting'],
    ['good morning', 'greeting'],
    ['are you a bot?', 'bot'],
    ['Am I talking to a real person?', 'bot'],
    ['hi, are you a robot', 'bot'],
    ['is this a bot', 'bot'],
    ['how are you?', 'howAreYou'],
    ["hey, how's it going", 'howAreYou'],
  ])('"%s" is %s', (text, kind) => {
    expect(recogniseSmallTalk(text)).toBe(kind);
  });

  it.each([
    'hi, outlook is down',
    'thanks, but it still does not work',
    'hello I need help with teams',
    'yes',
    'no thanks',
    'ok',
    'are you able to reset a password',
    'bye bye mail: outlook deletes messages',
    'how are you handling the exchange outage',
    '',
  ])('"%s" is not small talk', (text) => {
    expect(recogniseSmallTalk(text)).toBeUndefined();
  });
});

describe('small talk at an open question', () => {
  it.each([
    ['thanks!', /welcome/i],
    ['bye', /bye/i],
    ['hi', /hi/i],
    ['are you a bot?', /automated assistant/i],
    ['how are you?', /doing well/i],
  ])('"%s" gets a short answer and the same question again', async (text, answer) => {
    const c = startConversation({ db: ctx.db, ...ADMIN });
    expect(await c.sayText('hi')).toMatch(/What's going wrong/);
    const reply = await c.sayText(text);
    expect(reply).toMatch(answer);
    expect(reply).toMatch(/What's going wrong/);
    expect(reply).not.toMatch(OUT_OF_SCOPE);
    // The question is still the open one: the next message is its answer.
    expect(await c.sayText('our intranet sharepoint site is down for everyone')).toMatch(/Did this solve it/);
  });

  it('keeps the place at "Did this solve it?": the dialog stack is where it was', async () => {
    const c = startConversation({ db: ctx.db, ...ADMIN, channelId: 'sms' });
    await script(c, ['our intranet sharepoint site is down for everyone']);
    const reply = await c.sayText('are you a bot?');
    expect(reply).toMatch(/automated assistant/i);
    expect(reply).toMatch(/Did this solve it/);
    expect(reply).not.toMatch(/These articles/);
    const bye = await c.sayText('bye');
    expect(bye).toMatch(/Did this solve it/);
    expect(await c.sayText('no')).toMatch(/I suggest Severity/);
  });
});

describe('small talk with nothing open', () => {
  it.each([
    ['thanks!', /welcome/i],
    ['bye', /bye/i],
    ['are you a bot?', /automated assistant/i],
    ['how are you?', /doing well/i],
  ])('"%s" gets a short answer and what the admin can do, never the out-of-scope text', async (text, answer) => {
    const c = startConversation({ db: ctx.db, ...ADMIN });
    const reply = await c.sayText(text);
    expect(reply).toMatch(answer);
    expect(reply).toMatch(/tell me what's going on|tell me what's wrong/i);
    expect(reply).not.toMatch(OUT_OF_SCOPE);
    expect(reply).not.toMatch(/Which of these is closest/);
  });

  it('"hi" starts the conversation as before', async () => {
    const c = startConversation({ db: ctx.db, ...ADMIN });
    const reply = await c.sayText('hi');
    expect(reply).toMatch(/support assistant for business admins/);
    expect(reply).toMatch(/What's going wrong/);
  });

  it('"hi, outlook is down" is a problem, not small talk', async () => {
    const c = startConversation({ db: ctx.db, ...ADMIN });
    const reply = await c.sayText('hi, outlook is down');
    expect(reply).not.toMatch(/What's going wrong/);
    expect(reply).toMatch(/Did this solve it|Which of these is closest|known service issue/);
  });
});

describe('thanks and bye after a request is filed', () => {
  async function fileTicket() {
    const c = startConversation({ db: ctx.db, ...ADMIN, channelId: 'sms' });
    await script(c, ['nobody in the company can send or receive email since this morning', 'no', 'yes', 'office 365 e3', 'Alex Admin', 'alex@contoso.com', '+1 425 555 0100', 'phone', 'mornings']);
    const done = await c.sayText('submit');
    const number = /SR-\d{7}/.exec(done)?.[0];
    expect(number).toBeDefined();
    return { c, number: number! };
  }

  it('"thanks" gets a short answer with the ticket number', async () => {
    const { c, number } = await fileTicket();
    const reply = await c.sayText('thanks!');
    expect(reply).toMatch(/welcome/i);
    expect(reply).toContain(number);
    expect(reply).not.toMatch(OUT_OF_SCOPE);
  });

  it('"bye" gets a short goodbye with the ticket number', async () => {
    const { c, number } = await fileTicket();
    const reply = await c.sayText('bye');
    expect(reply).toMatch(/goodbye/i);
    expect(reply).toContain(number);
    expect(reply).not.toMatch(OUT_OF_SCOPE);
  });
});
