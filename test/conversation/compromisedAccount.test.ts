import { describe, expect, it } from 'vitest';
import { createClassifier, loadKnowledge } from '../../src/knowledge/index.js';
import { script, startConversation, useConversationDb } from '../helpers/conversation.js';

/**
 * Issue #15, item 5: a compromised account is a guided emergency. The first containment steps come at
 * once, there is no "did this solve it?" and no impact questions, and the request is suggested at
 * Severity A (on the worldwide cloud; 21Vianet allows A only with an advanced agreement).
 */

const ctx = useConversationDb();
const ADMIN = { from: { id: 'admin-1', aadObjectId: 'aad-admin' }, env: { ADMIN_AAD_OBJECT_IDS: 'aad-admin' } };
const PHISHED = 'our CEO got phished, account compromised';

function expectContainmentSteps(reply: string): void {
  expect(reply).toMatch(/Block sign-in/i);
  expect(reply).toMatch(/Reset (the )?password/i);
  expect(reply).toMatch(/Revoke sessions/i);
  expect(reply).toMatch(/forwarding/i);
  expect(reply).toMatch(/inbox rules/i);
}

describe('the classifier', () => {
  const classifier = createClassifier(loadKnowledge());
  it.each([PHISHED, 'our CEO got phished', "our CEO's account was breached", "the CFO's mailbox was hacked and is sending spam", 'our finance director clicked a phishing link'])(
    '"%s" is a compromised account, not out of scope',
    (text) => {
      const result = classifier.classify(text);
      expect(result.category).toBe('technical');
      expect(result.topic).toBe('security.compromised-account');
    },
  );

  it('still answers unrelated questions as unrelated', () => {
    expect(classifier.classify('my boss wants a restaurant for friday').topic).toBe('oos.unrelated');
  });
});

describe('a compromised account', () => {
  it('gets the containment steps at once as a card, then straight to a Severity A request', async () => {
    const c = startConversation({ db: ctx.db, ...ADMIN, channelId: 'directline' });
    const replies = await c.say(PHISHED);
    const reply = replies.map((r) => JSON.stringify(r)).join('\n');
    expect(replies.some((r) => r.attachments?.some((a) => a.contentType === 'application/vnd.microsoft.card.adaptive' && JSON.stringify(a.content).includes('Revoke sessions')))).toBe(true);
    expectContainmentSteps(reply);
    expect(reply).toContain('https://admin.microsoft.com');
    expect(reply).not.toMatch(/Did this solve it/);
    expect(reply).not.toMatch(/outside what/);
    expect(reply).not.toMatch(/How badly is the service affected/);
    expect(reply).toMatch(/I suggest Severity A \(critical\)/);
  });

  it('works in a channel without cards: the steps as text, then the request on the worldwide cloud', async () => {
    const c = startConversation({ db: ctx.db, ...ADMIN, channelId: 'sms' });
    const reply = await c.sayText(PHISHED);
    expectContainmentSteps(reply);
    expect(reply).toContain('https://admin.microsoft.com');
    expect(reply).toMatch(/I suggest Severity A \(critical\)/);
    expect(reply).not.toMatch(/Did this solve it/);
    expect(await c.sayText('yes')).toMatch(/Which plan/);
    await script(c, ['office 365 e3', 'Alex Admin', 'alex@contoso.com', '+1 425 555 0100']);
    await c.sayText('phone');
    const summary = await c.sayText('any time');
    expect(summary).toMatch(/Severity: Severity A/);
    expect(summary).toMatch(/Cloud: .*worldwide/i);
    expect(await c.sayText('submit')).toMatch(/Request SR-\d{7} is open/);
    const { rows } = await ctx.db.query<{ severity: string; cloud: string; topic: string }>('SELECT severity, cloud, topic FROM tickets');
    expect(rows).toEqual([{ severity: 'A', cloud: 'worldwide', topic: 'security.compromised-account' }]);
  });

  it('asks an admin who is not known yet only after the steps, never "did this solve it?"', async () => {
    const c = startConversation({ db: ctx.db, channelId: 'sms' });
    const reply = await c.sayText("someone hacked our accountant's account and is sending invoices");
    expectContainmentSteps(reply);
    expect(reply).toMatch(/are you an admin/i);
    expect(reply).not.toMatch(/Did this solve it/);
    expect(await c.sayText('yes')).toMatch(/I suggest Severity A \(critical\)/);
  });

  it('on 21Vianet follows its rule: Severity A only with an advanced agreement, so B is suggested', async () => {
    const c = startConversation({ db: ctx.db, ...ADMIN, channelId: 'sms' });
    const reply = await c.sayText("we are on 21Vianet in China and our CFO's account was hacked, it is sending spam");
    expectContainmentSteps(reply);
    expect(reply).not.toContain('https://admin.microsoft.com');
    expect(reply).toMatch(/I suggest Severity B \(high\)/);
    expect(reply).toMatch(/advanced online service agreement/);
  });

  it('sends the steps once, also when the admin then asks for a person', async () => {
    const c = startConversation({ db: ctx.db, channelId: 'sms' });
    expect(await c.sayText(PHISHED)).toMatch(/Revoke sessions/);
    const reply = await c.sayText('talk to a person');
    expect(reply).not.toMatch(/Revoke sessions/);
    expect(reply).toMatch(/are you an admin/i);
    expect(await c.sayText('yes')).toMatch(/I suggest Severity A \(critical\)/);
  });
});
