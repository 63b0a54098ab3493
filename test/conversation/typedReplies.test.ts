import { describe, expect, it } from 'vitest';
import { seedSampleIncidents } from '../../src/serviceHealth/index.js';
import { startConversation, ticketCount, useConversationDb } from '../helpers/conversation.js';

/**
 * The conversation as admins type it (issue #15): typed answers that mean an option, wishes that hold at
 * any step, no question asked a fourth time, and buttons of closed questions. The admin is a configured
 * one, so the admin question is out of the way.
 */

const ctx = useConversationDb();
const ADMIN = { from: { id: 'admin-1', aadObjectId: 'aad-admin' }, env: { ADMIN_AAD_OBJECT_IDS: 'aad-admin' } };
const admin = (channelId?: string) => startConversation({ db: ctx.db, ...ADMIN, ...(channelId ? { channelId } : {}) });
const ARTICLES_PROBLEM = 'how do i set a users password to never expire';

describe('typed answers at "Did this solve it?"', () => {
  it('takes "please open a support request" as "no, I still need help" and goes on to the request', async () => {
    const c = admin();
    expect(await c.sayText(ARTICLES_PROBLEM)).toMatch(/Did this solve it\?/);
    const reply = await c.sayText('please open a support request');
    expect(reply).not.toMatch(/didn't catch that/i);
    expect(reply).toMatch(/Severity|plan|affected/i);
    const outcomes = await ctx.db.query<{ resolved: boolean }>('SELECT resolved FROM self_help_outcomes WHERE conversation_id = $1', [c.conversationId]);
    expect(outcomes.rows).toEqual([{ resolved: false }]);
  });

  it('takes "it works now" as solved', async () => {
    const c = admin();
    await c.sayText(ARTICLES_PROBLEM);
    expect(await c.sayText('it works now, thanks!')).toMatch(/glad that sorted it/i);
  });
});

describe('no loops', () => {
  it('says what it can take with numbered choices and "talk to a person" at the second unusable reply, and takes the safe default at the third', async () => {
    const c = admin('sms');
    expect(await c.sayText(ARTICLES_PROBLEM)).toMatch(/Did this solve it\?/);
    expect(await c.sayText('banana')).toMatch(/didn't catch that/i);
    const second = await c.sayText('purple');
    expect(second).toMatch(/I can take/);
    expect(second).toMatch(/\d\. Talk to a person/);
    const third = await c.sayText('elephant');
    expect(third).toMatch(/I'll go with "No, I still need help"/);
    expect(third).not.toMatch(/didn't catch that/i);
  });

  it('never asks the same question a fourth time in a row, whatever is typed, from articles to contact details', async () => {
    const c = admin('sms');
    await c.sayText(ARTICLES_PROBLEM);
    const asked: string[] = [];
    for (let i = 0; i < 15; i++) {
      const reply = await c.sayText(`zzz ${i}`);
      // The question a reply ends with, without the "didn't catch that" and the numbered choices.
      const question = reply.split('\n').filter((l) => l.trim() && !/^\d+\. /.test(l)).at(-1)!.replace(/^Sorry, I didn't catch that\. /, '');
      asked.push(question);
    }
    for (let i = 3; i < asked.length; i++) expect(asked.slice(i - 3, i + 1).every((q) => q === asked[i])).toBe(false);
  });

  it('hands to a person from the numbered choices', async () => {
    const c = admin('sms');
    await c.sayText(ARTICLES_PROBLEM);
    await c.sayText('banana');
    const second = await c.sayText('purple');
    const person = /(\d)\. Talk to a person/.exec(second)![1]!;
    expect(await c.sayText(person)).toMatch(/support engineer/i);
  });
});

describe('wishes at any step', () => {
  it('opens a request for "I need to open a support ticket" instead of showing articles about tickets', async () => {
    const c = admin();
    const reply = await c.sayText('I need to open a support ticket');
    expect(reply).toMatch(/open a service request/i);
    expect(reply).not.toMatch(/Did this solve it/);
  });

  it('lists the requests for "any update on my ticket?" instead of starting a new case', async () => {
    const c = admin();
    const reply = await c.sayText('any update on my ticket?');
    expect(reply).not.toMatch(/Did this solve it|What's going wrong/);
    expect(reply).toMatch(/request/i);
  });

  it('ends kindly on "that\'s all, thanks"', async () => {
    const c = admin();
    await c.sayText(ARTICLES_PROBLEM);
    expect(await c.sayText("that's all, thanks")).toMatch(/glad/i);
    expect(await ticketCount(ctx.db)).toBe(0);
  });
});

describe('buttons of closed questions', () => {
  it('answers a click on an earlier question\'s button with "closed" and the current question, never a new case', async () => {
    const c = admin();
    const first = await c.say(ARTICLES_PROBLEM);
    const card = first.flatMap((r) => r.attachments ?? []).find((a) => JSON.stringify(a.content).includes('Did this solve it'))!;
    const noButton = (card.content as { actions: { title: string; data: Record<string, unknown> }[] }).actions.find((a) => a.title.startsWith('No'))!;
    await c.sayText({ value: noButton.data });
    const again = await c.sayText({ value: noButton.data });
    expect(again).toMatch(/already closed/i);
    expect(again).not.toMatch(/Did this solve it/);
  });

  it('answers a button clicked after the conversation ended without starting a new problem', async () => {
    const c = admin();
    const first = await c.say(ARTICLES_PROBLEM);
    const card = first.flatMap((r) => r.attachments ?? []).find((a) => JSON.stringify(a.content).includes('Did this solve it'))!;
    const yes = (card.content as { actions: { title: string; data: Record<string, unknown> }[] }).actions.find((a) => a.title.startsWith('Yes'))!;
    expect(await c.sayText({ value: yes.data })).toMatch(/glad that sorted it/i);
    const stale = await c.sayText({ value: yes.data });
    expect(stale).toMatch(/already closed/i);
    expect(stale).not.toMatch(/are you an admin|What's going wrong|Did this solve it/i);
  });

  it('treats a click that answers none of the open question\'s options as a closed question\'s button', async () => {
    const c = admin();
    await c.say(ARTICLES_PROBLEM);
    const reply = await c.sayText({ value: { choice: 'Microsoft 365 Business Premium' } });
    expect(reply).toMatch(/already closed/i);
    expect(reply).toMatch(/Did this solve it/);
  });

  it('keeps "talk to a person" typed during the request at the same question, with no incident shown again and nothing filed', async () => {
    const c = admin();
    await c.sayText('our intranet sharepoint site is down for everyone');
    expect(await c.sayText('no')).toMatch(/I suggest Severity/);
    const reply = await c.sayText('talk to a person');
    expect(reply).toMatch(/already on your way to a support engineer/);
    expect(reply).toMatch(/I suggest Severity .* Does that fit\?/);
    expect(reply).not.toMatch(/known service issue/);
    expect(await ticketCount(ctx.db)).toBe(0);
  });

  it('stops asking the admin question after three unusable replies instead of asking it again', async () => {
    const c = startConversation({ db: ctx.db, channelId: 'sms' });
    await c.sayText(ARTICLES_PROBLEM);
    expect(await c.sayText('no')).toMatch(/are you an admin/i);
    await c.sayText('banana');
    await c.sayText('purple');
    const third = await c.sayText('elephant');
    expect(third).toMatch(/I'll go with "I'm not sure"/);
    expect(third).toMatch(/tell me "I'm the admin"/);
    expect(third).not.toMatch(/are you an admin/i);
  });

  it('takes "no, please open a support request" at the known-incident question as a wish for the request: no articles', async () => {
    const c = admin();
    await seedSampleIncidents(c.services.incidents);
    expect(await c.sayText('emails to external recipients are delayed by hours')).toMatch(/known service issue/);
    const reply = await c.sayText('no, please open a support request');
    expect(reply).not.toMatch(/Engineers are already working on it|These articles|Did this solve it/);
    expect(reply).toMatch(/support engineer/);
  });

  it('notes "I am the IT administrator for our company" typed as the problem and asks for the problem again', async () => {
    const c = startConversation({ db: ctx.db });
    expect(await c.sayText('hi')).toMatch(/What's going wrong/);
    const reply = await c.sayText('I am the IT administrator for our company');
    expect(reply).toMatch(/noted/i);
    expect(reply).toMatch(/What's going wrong/);
    expect(reply).not.toMatch(/These articles/);
  });

  it('keeps the suggestion for "make it B" when B is what it suggested', async () => {
    const c = admin();
    await c.sayText('teams meetings keep dropping');
    expect(await c.sayText('no')).toMatch(/I suggest Severity B/);
    const reply = await c.sayText('make it B');
    expect(reply).not.toMatch(/didn't catch that/i);
    expect(reply).toMatch(/Which plan/);
  });
});
