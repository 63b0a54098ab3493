import { describe, expect, it } from 'vitest';
import { adminStatement, withoutAdminStatement } from '../../dialogs/adminCheckDialog.js';
import { script, startConversation, ticketCount, useConversationDb, type TestConversation } from '../helpers/conversation.js';

/**
 * Issue #15, item 6: non-admins get self-help; only opening a request needs an admin. "Are you an
 * admin?" is asked once, just before the request, and not at all when a message already said so.
 */

const ctx = useConversationDb();
const ASKED = /are you an admin/i;
const NOT_ADMIN = /ask your IT admin/i;

/** Every reply of the conversation, so a test can count how often something was said. */
function recorded(c: TestConversation) {
  const all: string[] = [];
  return {
    all,
    say: async (text: string) => {
      const reply = await c.sayText(text);
      all.push(reply);
      return reply;
    },
    count: (re: RegExp) => all.filter((r) => re.test(r)).length,
  };
}

describe('adminStatement', () => {
  it.each([
    ['I am the IT administrator for our company, Teams calls keep dropping', 'admin'],
    ['I am the admin', 'admin'],
    ["I'm an admin", 'admin'],
    ["i'm the global admin and outlook is down", 'admin'],
    ['As the global administrator I need help with licences', 'admin'],
    ["I'm one of the admins", 'admin'],
    ['im the tenant admin', 'admin'],
    ["I'm not an admin", 'not-admin'],
    ['I am not the administrator, outlook keeps crashing', 'not-admin'],
    ["I'm just a regular user", 'not-admin'],
    ['Ich bin der IT-Admin, Outlook startet nicht', 'admin'],
    ['ich bin Administrator bei Contoso', 'admin'],
    ['Ich habe die globalen Adminrechte', 'admin'],
    ['ich bin kein Admin, mein Passwort ist weg', 'not-admin'],
    ['bin nur ein normaler Mitarbeiter', 'not-admin'],
    ['我是公司的管理员，邮件发不出去', 'admin'],
    ['我是IT管理員', 'admin'],
    ['我不是管理员', 'not-admin'],
    ['我只是普通員工，忘記密碼了', 'not-admin'],
  ])('"%s" says %s', (text, expected) => {
    expect(adminStatement(text)).toBe(expected);
  });

  it.each(['how do I know if I am an admin', "I'm not sure if I'm an admin", 'the admin is on holiday', "I'm the admin's assistant", 'teams calls keep dropping', 'make me an admin', 'weiß nicht, ob ich Admin bin', 'unser Admin ist im Urlaub', '我是不是管理员？', '管理员不在'])('"%s" says nothing', (text) => {
    expect(adminStatement(text)).toBeUndefined();
  });

  it('leaves the problem without the statement', () => {
    expect(withoutAdminStatement('I am the IT administrator for our company, Teams calls keep dropping')).toBe('Teams calls keep dropping');
    expect(withoutAdminStatement("I'm not an admin, outlook keeps crashing")).toBe('outlook keeps crashing');
    expect(withoutAdminStatement('I am the admin')).toBe('');
    expect(withoutAdminStatement('outlook keeps crashing')).toBe('outlook keeps crashing');
    expect(withoutAdminStatement('Ich bin Administrator bei Contoso und unsere Mails kommen nicht an')).toBe('unsere Mails kommen nicht an');
    expect(withoutAdminStatement('我是公司的管理员，邮件发不出去')).toBe('邮件发不出去');
  });
});

describe('self-help for everyone, the admin question just before a request', () => {
  it('a non-admin gets articles, is asked once, and told once to ask their admin', async () => {
    const c = startConversation({ db: ctx.db, channelId: 'sms' });
    const r = recorded(c);
    const first = await r.say('my teams calls keep dropping');
    expect(first).toMatch(/Did this solve it/);
    expect(first).not.toMatch(ASKED);
    expect(await r.say('no')).toMatch(ASKED);
    const told = await r.say('no');
    expect(told).toMatch(NOT_ADMIN);
    expect(told).toContain('support.microsoft.com/contactus');

    // Later in the same conversation: self-help again, no question, no loop.
    const again = await r.say('outlook keeps crashing');
    expect(again).toMatch(/Did this solve it/);
    const noRequest = await r.say('no');
    expect(noRequest).not.toMatch(ASKED);
    expect(noRequest).toMatch(/only an admin|admin/i);
    expect(await r.say('open a support request')).not.toMatch(ASKED);

    expect(r.count(ASKED)).toBe(1);
    expect(r.count(NOT_ADMIN)).toBe(1);
    expect(await ticketCount(ctx.db)).toBe(0);
  });

  it('"I am the IT administrator for our company, Teams calls keep dropping" never gets the admin question', async () => {
    const c = startConversation({ db: ctx.db, channelId: 'sms' });
    const r = recorded(c);
    const first = await r.say('I am the IT administrator for our company, Teams calls keep dropping');
    expect(first).toMatch(/Did this solve it/);
    expect(await r.say('no')).toMatch(/I suggest Severity|How badly/);
    expect(r.count(ASKED)).toBe(0);
  });

  it('a non-admin who says so in the first message gets self-help, then the not-admin answer without the question', async () => {
    const c = startConversation({ db: ctx.db, channelId: 'sms' });
    const r = recorded(c);
    const first = await r.say("I'm not an admin, outlook keeps crashing");
    expect(first).toMatch(/Did this solve it/);
    expect(first).not.toMatch(/outside what/);
    expect(await r.say('no')).toMatch(NOT_ADMIN);
    expect(r.count(ASKED)).toBe(0);
  });

  it('understands "I am the IT administrator for our company" at the question', async () => {
    const c = startConversation({ db: ctx.db, channelId: 'sms' });
    await c.sayText('my teams calls keep dropping');
    expect(await c.sayText('no')).toMatch(ASKED);
    expect(await c.sayText('I am the IT administrator for our company')).toMatch(/I suggest Severity|How badly/);
  });

  it('remembers a yes for the user in a new conversation', async () => {
    const from = { id: 'same-user' };
    const first = startConversation({ db: ctx.db, channelId: 'sms', from });
    await script(first, ['my teams calls keep dropping', 'no']);
    expect(await first.sayText('yes')).toMatch(/I suggest Severity|How badly/);
    const second = startConversation({ db: ctx.db, channelId: 'sms', from });
    await second.sayText('outlook keeps crashing');
    expect(await second.sayText('no')).not.toMatch(ASKED);
  });

  it('remembers a no for the conversation only: a new conversation asks again', async () => {
    const from = { id: 'same-user' };
    const first = startConversation({ db: ctx.db, channelId: 'sms', from });
    await script(first, ['my teams calls keep dropping', 'no', 'no']);
    const second = startConversation({ db: ctx.db, channelId: 'sms', from });
    await second.sayText('outlook keeps crashing');
    expect(await second.sayText('no')).toMatch(ASKED);
  });
});
