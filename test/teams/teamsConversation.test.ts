import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { Db } from '../../src/storage/db.js';
import { postActivity } from '../helpers/activities.js';
import { visibleText, type Reply } from '../helpers/conversation.js';
import { openTestDb, resetDatabase } from '../helpers/databases.js';
import { startTestApp } from '../helpers/testApp.js';
import { startFakeConnector, type FakeConnector } from '../helpers/fakeConnector.js';
import {
  cardSubmit,
  installedInPersonalScope,
  memberRecord,
  mentionMessage,
  message,
  personalChat,
  team,
  teamsUser,
  type TeamsConversation,
  type TeamsUser,
} from './teamsActivities.js';

/** A tenant configured as "every member is an admin" (ADMIN_TENANT_IDS). */
const ADMIN_TENANT = '0b7c2d4e-6f80-4a1b-9c3d-5e7f9a1b3c5d';

let db: Db;
let app: App;
let connector: FakeConnector;

beforeAll(async () => {
  db = await openTestDb('pglite');
  app = await startTestApp(db, { ADMIN_TENANT_IDS: ADMIN_TENANT });
  connector = await startFakeConnector();
});
afterAll(async () => {
  await app.close();
  await db.close();
  await connector.close();
});
beforeEach(async () => {
  connector.reset();
  await resetDatabase(db);
});

/** Posts a Teams activity to /api/messages and returns what the bot sent to the connector meanwhile. */
async function send(activity: object): Promise<Reply[]> {
  const before = connector.calls.length;
  const { status } = await postActivity(app.url, activity);
  expect(status).toBe(200);
  return connector.calls.slice(before).filter((c) => c.kind === 'send' && c.status < 300).map((c) => c.body as Reply);
}

const textOf = (replies: Reply[]) => replies.map(visibleText).join('\n---\n');

function say(user: TeamsUser, conversation: TeamsConversation, text: string) {
  return send(message(connector.serviceUrl, user, conversation, text));
}

async function sayAll(user: TeamsUser, conversation: TeamsConversation, lines: string[]): Promise<Reply[]> {
  let last: Reply[] = [];
  for (const line of lines) last = await say(user, conversation, line);
  return last;
}

const contactForm = (replies: Reply[]) =>
  replies
    .flatMap((r) => r.attachments ?? [])
    .map((a) => a.content as { body: { type: string; id?: string; value?: string }[] })
    .find((card) => card.body?.some((e) => e.id === 'email'));

const inputValue = (card: { body: { id?: string; value?: string }[] }, id: string) => card.body.find((e) => e.id === id)?.value;

describe('installing and talking in Teams', () => {
  it('welcomes the user once when the app is installed in personal scope, as a reply in that chat', async () => {
    const user = teamsUser();
    const chat = personalChat();
    const replies = await send(installedInPersonalScope(connector.serviceUrl, user, chat));
    expect(textOf(replies)).toMatch(/Microsoft 365 support assistant for business admins/);
    expect(connector.calls.filter((c) => c.kind === 'send').map((c) => c.conversationId)).toEqual([chat.id]);
    expect(await send(installedInPersonalScope(connector.serviceUrl, user, chat))).toEqual([]);
  });

  it.each([
    ['a team channel', () => {
      const channel = team();
      return { where: channel.thread(), lookupIn: channel.teamId };
    }],
    ['a group chat', () => {
      const where: TeamsConversation = { id: `19:${Date.now()}@thread.v2`, conversationType: 'groupChat', channelData: { tenant: { id: ADMIN_TENANT } } };
      return { where, lookupIn: where.id };
    }],
  ])('in %s answers an @mention with the mention stripped from the text', async (_case, setUp) => {
    const { where, lookupIn } = setUp();
    const user = teamsUser();
    const replies = await send(mentionMessage(connector.serviceUrl, user, where, 'help'));
    expect(textOf(replies)).toMatch(/Here is what I can do/);
    const call = connector.calls.find((c) => c.kind === 'send')!;
    expect(call.conversationId).toBe(where.id);
    expect(call.body?.text).not.toMatch(/<at>/);
    // The profile lookup asks the team (in a channel) or the chat for this member.
    expect(connector.calls.find((c) => c.kind === 'member')).toMatchObject({ conversationId: lookupIn, memberId: user.id });
  });

  it('keeps each channel thread its own conversation', async () => {
    const channel = team();
    const threadA = channel.thread('1700000000001');
    const threadB = channel.thread('1700000000002');
    const user = teamsUser();
    const mention = (thread: TeamsConversation, text: string) => send(mentionMessage(connector.serviceUrl, user, thread, text));

    expect(textOf(await mention(threadA, 'hi'))).toMatch(/What's going wrong/);
    expect(textOf(await mention(threadB, 'hi'))).toMatch(/What's going wrong/);
    expect(textOf(await mention(threadA, 'our intranet sharepoint site is down for everyone'))).toMatch(/Did this solve it/);
    expect(textOf(await mention(threadA, 'no'))).toMatch(/are you an admin/i);
    // Thread B is still at its own first question: its problem answers it, it does not continue thread A.
    const inB = textOf(await mention(threadB, 'my teams calls keep dropping'));
    expect(inB).toMatch(/These articles/);
    expect(inB).not.toMatch(/are you an admin|didn't catch that/i);
    const repliedTo = connector.calls.filter((c) => c.kind === 'send').map((c) => c.conversationId);
    expect(new Set(repliedTo)).toEqual(new Set([threadA.id, threadB.id]));
  });
});

describe('contact details from the Teams profile', () => {
  const toContactForm = (user: TeamsUser, chat: TeamsConversation) =>
    sayAll(user, chat, ['hi', 'our intranet sharepoint site is down for everyone', 'no', 'yes', "I don't know"]);

  it('skips the admin question for a configured tenant and shows the contact form already filled in', async () => {
    const user = teamsUser('Adele Vance');
    connector.members.set(user.id, memberRecord(user, { email: 'adele.vance@contoso.com' }));
    const chat = personalChat(ADMIN_TENANT);

    const first = textOf(await say(user, chat, 'hi'));
    expect(first).not.toMatch(/are you an admin/i);
    expect(first).toMatch(/What's going wrong/);
    const form = contactForm(await sayAll(user, chat, ['our intranet sharepoint site is down for everyone', 'no', 'yes', "I don't know"]));
    expect(form).toBeDefined();
    expect(inputValue(form!, 'name')).toBe('Adele Vance');
    expect(inputValue(form!, 'email')).toBe('adele.vance@contoso.com');

    const lookup = connector.calls.find((c) => c.kind === 'member')!;
    expect(lookup).toMatchObject({ conversationId: chat.id, memberId: user.id });
  });

  it.each([
    [500, 'a connector error'],
    [404, 'an unknown member'],
  ])('falls back to asking when the lookup fails with %i (%s)', async (status) => {
    const user = teamsUser();
    connector.members.set(user.id, memberRecord(user));
    connector.script('member', { status, body: { error: { code: 'Failure', message: 'nope' } } });
    const chat = personalChat(ADMIN_TENANT);

    const replies = await toContactForm(user, chat);
    const all = textOf(replies);
    expect(all).not.toMatch(/something went wrong/i);
    const form = contactForm(replies)!;
    expect(inputValue(form, 'name')).toBe('');
    expect(inputValue(form, 'email')).toBe('');
    expect(connector.calls.filter((c) => c.kind === 'member')).toHaveLength(1);
  });

  it('never overwrites details the admin already gave', async () => {
    const user = teamsUser('Adele Vance');
    connector.members.set(user.id, memberRecord(user));
    const chat = personalChat(ADMIN_TENANT);
    await toContactForm(user, chat);
    const summary = await send(
      cardSubmit(connector.serviceUrl, user, chat, { action: 'contactForm', name: 'Adele V.', email: 'adele@fabrikam.com', phone: '', contactMethod: 'teams_chat', description: 'Intranet site is down' }, 'form-1'),
    );
    expect(textOf(summary)).toMatch(/Email: adele@fabrikam.com/);

    await say(user, personalChat(ADMIN_TENANT), 'hi');
    const { rows } = await db.query<{ data: { profile: { name: string; email: string } } }>('SELECT data FROM bot_state WHERE key = $1', [`msteams/users/${user.id}/`]);
    expect(rows[0]!.data.profile).toMatchObject({ name: 'Adele V.', email: 'adele@fabrikam.com' });
    expect(connector.calls.filter((c) => c.kind === 'member')).toHaveLength(1);
  });
});

describe('cards in Teams', () => {
  /** Up to the admin question, asked just before a request: the articles did not help. */
  const toAdminQuestion = (user: TeamsUser, chat: TeamsConversation) => sayAll(user, chat, ['hi', 'our intranet sharepoint site is down for everyone', 'no']);
  /** The id the connector gave the last card the bot sent. */
  const lastCardId = () => {
    const call = connector.calls.filter((c) => c.kind === 'send' && (c.body?.attachments as unknown[] | undefined)?.length).at(-1)!;
    return (call.response as { id: string }).id;
  };
  const updates = () => connector.calls.filter((c) => c.kind === 'update');
  type Card = { version: string; body: { type: string; text?: string; facts?: { title: string; value: string }[] }[]; actions?: unknown[] };
  const updatedCard = (i = 0) => (updates()[i]!.body!.attachments as { content: Card }[])[0]!.content;

  it('redraws an answered choice card without its buttons, showing what was chosen', async () => {
    const user = teamsUser();
    const chat = personalChat();
    await toAdminQuestion(user, chat);
    const cardId = lastCardId();

    const replies = await send(cardSubmit(connector.serviceUrl, user, chat, { choice: 'yes' }, cardId));
    expect(textOf(replies)).toMatch(/I suggest Severity/);
    expect(updates()).toHaveLength(1);
    expect(updates()[0]).toMatchObject({ method: 'PUT', conversationId: chat.id, activityId: cardId });
    const card = updatedCard();
    expect(card.version).toBe('1.5');
    expect(card.actions).toBeUndefined();
    expect(card.body.map((b) => b.text)).toEqual([
      "Before I open a request: are you an admin of your organisation's Microsoft 365 business subscription? Only admins can open service requests.",
      '✓ You chose: Yes',
    ]);
  });

  it('redraws a submitted form as the values that were sent', async () => {
    const user = teamsUser('Adele Vance');
    connector.members.set(user.id, memberRecord(user));
    const chat = personalChat(ADMIN_TENANT);
    await sayAll(user, chat, ['hi', 'our intranet sharepoint site is down for everyone', 'no', 'yes', "I don't know"]);
    const form = { action: 'contactForm', name: 'Adele Vance', email: 'adele@contoso.com', phone: '', contactMethod: 'teams_chat', description: 'Intranet is down' };

    await send(cardSubmit(connector.serviceUrl, user, chat, form, lastCardId()));
    const card = updatedCard();
    expect(card.body.find((b) => b.type === 'FactSet')!.facts).toEqual([
      { title: 'Name', value: 'Adele Vance' },
      { title: 'Email', value: 'adele@contoso.com' },
      { title: 'How should support contact you?', value: 'Teams chat' },
      { title: 'Description of the problem', value: 'Intranet is down' },
    ]);
    expect(card.body.at(-1)!.text).toBe('✓ Sent');
  });

  it('redraws an answered satisfaction card as the score and comment sent (#18)', async () => {
    const user = teamsUser();
    const chat = personalChat();
    await sayAll(user, chat, ['hi', 'how do i set a users password to never expire']);
    const solved = await say(user, chat, 'yes');
    expect(textOf(solved)).toMatch(/glad that sorted it/i);
    const sent = connector.calls.filter((c) => c.kind === 'send' && (c.body?.attachments as unknown[] | undefined)?.length).at(-1)!;
    const question = (sent.body!.attachments as { content: { actions: { data: Record<string, unknown> }[] } }[])[0]!.content;
    expect(question.actions[0]!.data).toMatchObject({ action: 'satisfaction', satisfaction: { about: 'self_help' } });
    const cardId = (sent.response as { id: string }).id;

    const thanked = await send(cardSubmit(connector.serviceUrl, user, chat, { ...question.actions[0]!.data, rating: '4', comment: 'Clear steps' }, cardId));
    expect(textOf(thanked)).toBe('Thank you for your feedback and your comment!');
    expect(updates()).toHaveLength(1);
    const card = updatedCard();
    expect(card.actions).toBeUndefined();
    expect(card.body.find((b) => b.type === 'FactSet')!.facts).toEqual([
      { title: 'Your rating', value: '4 – Satisfied' },
      { title: 'Comment (optional)', value: 'Clear steps' },
    ]);
  });

  it('updates a card only once when it is clicked twice', async () => {
    const user = teamsUser();
    const chat = personalChat();
    await toAdminQuestion(user, chat);
    const cardId = lastCardId();
    await send(cardSubmit(connector.serviceUrl, user, chat, { choice: 'yes' }, cardId));
    await send(cardSubmit(connector.serviceUrl, user, chat, { choice: 'yes' }, cardId));
    expect(updates()).toHaveLength(1);
  });

  it('still takes the answer when Teams refuses the update', async () => {
    const user = teamsUser();
    const chat = personalChat();
    await toAdminQuestion(user, chat);
    connector.script('update', { status: 403, body: { error: { code: 'Forbidden', message: 'message is locked' } } });
    const replies = await send(cardSubmit(connector.serviceUrl, user, chat, { choice: 'yes' }, lastCardId()));
    expect(textOf(replies)).toMatch(/I suggest Severity/);
    expect(textOf(replies)).not.toMatch(/something went wrong/i);
  });
});

describe('throttling by Teams', () => {
  it('delivers each reply exactly once after two 429s, waiting at least Retry-After before each retry', async () => {
    const user = teamsUser();
    const chat = personalChat();
    const throttled = { status: 429, headers: { 'Retry-After': '1' }, body: { error: { code: 'Throttled', message: 'Too many requests' } } };
    connector.script('send', throttled, throttled);

    const replies = await say(user, chat, 'hi');
    const sends = connector.calls.filter((c) => c.kind === 'send');
    expect(sends.map((c) => c.status)).toEqual([429, 429, 200, 200]);
    expect(textOf(replies)).toMatch(/support assistant for business admins/);
    expect(replies.filter((r) => /support assistant for business admins/.test(r.text ?? ''))).toHaveLength(1);
    const gaps = [sends[1]!.at - sends[0]!.at, sends[2]!.at - sends[1]!.at];
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(1000);
      expect(gap).toBeLessThan(2500);
    }
  });
});
