import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentStore } from '../../src/agents/index.js';
import type { App } from '../../src/app.js';
import { ticketNotifications } from '../../src/notifications/index.js';
import type { Db } from '../../src/storage/db.js';
import { createTicketService } from '../../src/tickets/index.js';
import { startMailCatcher, type MailCatcher } from '../../tools/dev/mailCatcher.js';
import { agentApi } from '../handoff/helpers.js';
import { openTestDb } from '../helpers/databases.js';
import { startFakeConnector, type FakeConnector } from '../helpers/fakeConnector.js';
import { startTestApp } from '../helpers/testApp.js';
import { sampleTicket } from '../tickets/fixtures/sampleTicket.js';

/**
 * Teams: an admin who filed from their personal chat with the bot and prefers Teams gets the agent's
 * updates there, as proactive messages through the Bot Connector (a fake one on loopback), in their
 * language, hours later and with no turn of theirs, and no email on top.
 */
describe('updates to an admin who prefers Teams', () => {
  let db: Db;
  let app: App;
  let connector: FakeConnector;
  let catcher: MailCatcher;

  beforeAll(async () => {
    db = await openTestDb('pglite');
    connector = await startFakeConnector();
    catcher = await startMailCatcher();
    app = await startTestApp(db, { SMTP_URL: catcher.url, MAIL_FROM: 'Support <support@contoso.example>', NOTIFY_DIGEST_SECONDS: '0' });
  });
  afterAll(async () => {
    await app?.close();
    await connector?.close();
    await catcher?.close();
    await db?.close();
  });

  it('arrive in their personal chat as proactive messages, not by email', async () => {
    const chat = 'a:1personalChatWithTheBot';
    const tickets = createTicketService({ db, responseDue: () => null });
    const { ticket } = await tickets.createTicket(
      sampleTicket({
        contactMethod: 'teams_chat',
        channelId: 'msteams',
        language: 'zh-Hans',
        requester: { id: '29:1aad-li', name: 'Li Wei', email: 'li@contoso.example', phone: null },
        conversationReference: { channelId: 'msteams', serviceUrl: connector.serviceUrl, conversation: { id: chat, conversationType: 'personal' }, bot: { id: '28:bot' }, user: { id: '29:1aad-li' } },
      }),
      { dedupeKey: 'teams-admin' },
    );
    const added = await createAgentStore(db).add('Jamie Rivera');
    const agent = agentApi(app.url, added.token);
    expect((await agent.post(`/api/tickets/${ticket.number}/claim`)).status).toBe(200);
    expect((await agent.post(`/api/tickets/${ticket.number}/messages`, { text: 'Please send the message trace.' })).body.delivered).toBe(true);
    expect((await agent.post(`/api/tickets/${ticket.number}/status`, { status: 'resolved', note: 'The connector was fixed.' })).body.adminNotified).toBe(true);

    const seen = connector.seen(chat);
    expect(seen.some((m) => m.includes('Please send the message trace.'))).toBe(true);
    expect(seen.some((m) => m.includes('The connector was fixed.'))).toBe(true);
    // In the request's language.
    expect(seen.join('\n')).toMatch(/[\u4e00-\u9fff]/);
    await app.outbox.drain();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await ticketNotifications(db, ticket.number)).toEqual([]);
    expect(catcher.mails).toHaveLength(0);
  });
});
