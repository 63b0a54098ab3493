import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAgentStore } from '../../src/agents/index.js';
import type { App } from '../../src/app.js';
import { notificationsConsumer, startNotificationSender, ticketNotifications } from '../../src/notifications/index.js';
import { startOutboxDispatcher } from '../../src/outbox/index.js';
import type { Db } from '../../src/storage/db.js';
import { startMailCatcher, type MailCatcher } from '../../tools/dev/mailCatcher.js';
import { agentApi, directTicket } from '../handoff/helpers.js';
import { openTestDb } from '../helpers/databases.js';
import { startTestApp } from '../helpers/testApp.js';

/**
 * Email notifications against a real SMTP server on loopback (tools/dev/mailCatcher.ts, the same one
 * `npm run dev:mail` runs): what an admin away from the chat receives, in their language, as one digest.
 */
describe('email notifications', () => {
  let db: Db;
  let app: App;
  let catcher: MailCatcher;
  let agent: ReturnType<typeof agentApi>;
  let conversations = 0;

  beforeAll(async () => {
    db = await openTestDb('pglite');
    catcher = await startMailCatcher();
    app = await startTestApp(db, {
      SMTP_URL: catcher.url,
      MAIL_FROM: 'Contoso Support <support@contoso.example>',
      PUBLIC_URL: 'https://support.contoso.example',
      NOTIFY_DIGEST_SECONDS: '1',
      NOTIFY_RETRY_BASE_SECONDS: '0.2',
    });
    const agents = createAgentStore(db);
    const added = await agents.add('Jamie Rivera');
    await agents.touch(added.agent);
    agent = agentApi(app.url, added.token);
  });
  afterAll(async () => {
    await app?.close();
    await catcher?.close();
    await db?.close();
  });
  beforeEach(() => {
    catcher.mails.length = 0;
  });

  /** A request filed in German from a conversation, claimed by the agent. */
  async function claimedTicket(language: 'de' | 'en' = 'de') {
    const ticket = await directTicket(db, { severity: 'B', dueInMinutes: 60, conversationId: `mail-${++conversations}`, language, description: 'Externe Mails kommen mit 5.7.1 zurück\nseit heute früh' });
    expect((await agent.post(`/api/tickets/${ticket.number}/claim`)).status).toBe(200);
    return ticket;
  }

  const states = async (number: string) => (await ticketNotifications(db, number)).map((n) => [n.kind, n.state]).reverse();

  it('sends what the agent did as one mail in the admin\u2019s language, with the way back and the way out', async () => {
    const ticket = await claimedTicket('de');
    await agent.post(`/api/tickets/${ticket.number}/messages`, { text: 'Können Sie mir den Header einer zurückgewiesenen Mail schicken?' });
    await agent.post(`/api/tickets/${ticket.number}/messages`, { text: 'Und bitte auch die Uhrzeit.' });
    await agent.post(`/api/tickets/${ticket.number}/status`, { status: 'waiting_on_customer' });
    await app.outbox.drain();
    await catcher.waitFor(1);
    await expect.poll(async () => (await states(ticket.number)).every(([, state]) => state === 'sent')).toBe(true);
    expect(catcher.mails).toHaveLength(1);
    const [mail] = catcher.mails;
    const p = mail!.parsed;
    expect(mail!.to).toEqual([ticket.requester.email]);
    expect(p.from?.value[0]).toMatchObject({ name: 'Contoso Support', address: 'support@contoso.example' });
    expect(p.subject).toBe(`${ticket.number}: 3 Neuigkeiten zu Ihrer Anfrage`);
    expect(p.text).toContain(`Hallo ${ticket.requester.name},`);
    expect(p.text).toContain(`es gibt Neuigkeiten zu Ihrer Supportanfrage ${ticket.number} (Externe Mails kommen mit 5.7.1 zurück):`);
    expect(p.text).toContain('Jamie Rivera schreibt:\n> Können Sie mir den Header einer zurückgewiesenen Mail schicken?');
    expect(p.text).toContain('> Und bitte auch die Uhrzeit.');
    expect(p.text).toContain('Jamie Rivera braucht weitere Angaben von Ihnen');
    expect(p.text).toContain(`Zum Antworten öffnen Sie den Chat: https://support.contoso.example/?sr=${ticket.number}`);
    expect(p.html).toContain('Können Sie mir den Header einer zurückgewiesenen Mail schicken?');
    expect(p.html).toContain(`href="https://support.contoso.example/?sr=${ticket.number}"`);
    expect(p.messageId).toMatch(/@support-assistant>$/);
    expect(p.inReplyTo).toBe(`<${ticket.number.toLowerCase()}@support-assistant>`);
    expect(mail!.raw).toMatch(/List-Unsubscribe:\s*<https:\/\/support\.contoso\.example\/notifications\/unsubscribe\//);
    const unsubscribe = /Keine E-Mails mehr zu SR-\d+: (\S+)/.exec(p.text ?? '')?.[1];
    expect(unsubscribe).toMatch(/^https:\/\/support\.contoso\.example\/notifications\/unsubscribe\//);
    expect(mail!.raw).toMatch(/List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
    expect(await states(ticket.number)).toEqual([
      ['agent_message', 'sent'],
      ['agent_message', 'sent'],
      ['needs_information', 'sent'],
    ]);
    // What the console shows: each update, emailed, in one mail.
    const api = (await agent.get(`/api/tickets/${ticket.number}/notifications`)).body;
    expect(api.mailServer).toBe(true);
    expect(api.notifications.map((n: { kind: string; state: string }) => [n.kind, n.state])).toEqual([
      ['needs_information', 'sent'],
      ['agent_message', 'sent'],
      ['agent_message', 'sent'],
    ]);
    expect(new Set(api.notifications.map((n: { messageId: string }) => n.messageId))).toEqual(new Set([p.messageId]));
    expect((await agent.get('/api/tickets/SR-9999999/notifications')).status).toBe(404);

    // The unsubscribe page asks first (a link preview must not unsubscribe), then one POST does it.
    const link = unsubscribe!.replace('https://support.contoso.example', app.url);
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`Keine E-Mails mehr zu ${ticket.number} erhalten?`);
    const done = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(await done.text()).toContain(`Sie erhalten keine E-Mails mehr zu ${ticket.number}`);
    // A changed signature is refused (not the last base64url character: its low bits are padding, so 'A' and 'B' can decode alike).
    expect((await fetch(link.replace(/(.)(.{4})$/, (_m, c: string, rest: string) => (c === 'A' ? 'B' : 'A') + rest))).status).toBe(404);
    await agent.post(`/api/tickets/${ticket.number}/status`, { status: 'resolved', note: 'Der Connector wurde repariert.' });
    await app.outbox.drain();
    await expect.poll(async () => (await states(ticket.number)).at(-1), { timeout: 8000 }).toEqual(['resolved', 'skipped_unsubscribed']);
    // Still only the first mail.
    expect(catcher.mails).toHaveLength(1);
  });

  it('does not email an admin who is in the chat, and retries a mail server that refuses', async () => {
    const present = await claimedTicket('en');
    await db.query("INSERT INTO transcript_activities (conversation_id, channel_id, role, text, activity, at) VALUES ($1, 'sms', 'user', 'thanks', '{}', now())", [
      (present.conversationReference as { conversation: { id: string } }).conversation.id,
    ]);
    await agent.post(`/api/tickets/${present.number}/messages`, { text: 'I see you are online: try now.' });
    await app.outbox.drain();
    await expect.poll(async () => await states(present.number), { timeout: 8000 }).toEqual([['agent_message', 'skipped_present']]);

    catcher.refuseNext(1, 451);
    const away = await claimedTicket('en');
    await agent.post(`/api/tickets/${away.number}/status`, { status: 'resolved', note: 'The connector was fixed.' });
    await app.outbox.drain();
    await catcher.waitFor(1, 15_000);
    expect(catcher.mails[0]!.parsed.subject).toBe(`${away.number}: your request was resolved`);
    expect(catcher.mails[0]!.parsed.text).toContain('Jamie Rivera marked it as resolved.\n> Note: The connector was fixed.');
    await expect.poll(async () => (await ticketNotifications(db, away.number))[0]).toMatchObject({ state: 'sent', attempts: 2 });
    expect(catcher.mails.filter((m) => m.parsed.subject?.startsWith(present.number))).toHaveLength(0);
  });

  it('says plainly when no mail server is configured', async () => {
    const ticket = await claimedTicket('en');
    // The app's own sender has a mail server; a second one without, on the same rows, as a server without SMTP_URL would run.
    const log = pino({ level: 'silent' });
    await app.close();
    const sender = startNotificationSender({ db, log, mail: {}, digestSeconds: 0, awayMinutes: 5, lastFromAdmin: async () => null, publicBaseUrl: () => undefined });
    const outbox = startOutboxDispatcher({ db, consumers: [notificationsConsumer(() => sender.wake())], log });
    try {
      const tickets = (await import('../../src/tickets/index.js')).createTicketService({ db, responseDue: () => null });
      await tickets.close(ticket.number, { kind: 'agent', agentId: 'agent-1' }, { note: 'Duplicate.' });
      await outbox.drain();
      await sender.runDue();
      expect(await states(ticket.number)).toEqual([['closed', 'skipped_no_mail_server']]);
    } finally {
      await outbox.stop();
      await sender.stop();
    }
  });

  it('does not email an admin who has the widget open on the conversation', async () => {
    const log = pino({ level: 'silent' });
    const tickets = (await import('../../src/tickets/index.js')).createTicketService({ db, responseDue: () => null });
    const { ticket } = await tickets.createTicket(
      { ...(await import('../tickets/fixtures/sampleTicket.js')).sampleTicket({ contactMethod: 'web_chat' }), conversationReference: { conversation: { id: 'widget-open' } } },
      { dedupeKey: 'widget-open' },
    );
    const watched: string[] = [];
    const sender = startNotificationSender({
      db,
      log,
      mail: { smtpUrl: catcher.url, from: 'Support <support@contoso.example>' },
      digestSeconds: 0,
      awayMinutes: 5,
      lastFromAdmin: async () => null,
      chatOpen: (conversationId) => (watched.push(conversationId), conversationId === 'widget-open'),
      publicBaseUrl: () => undefined,
    });
    const outbox = startOutboxDispatcher({ db, consumers: [notificationsConsumer(() => sender.wake())], log });
    try {
      await tickets.resolve(ticket.number, { kind: 'agent', agentId: 'agent-1' }, { note: 'Fixed.' });
      await outbox.drain();
      await sender.runDue();
      expect(await states(ticket.number)).toEqual([['resolved', 'skipped_present']]);
      expect(watched).toContain('widget-open');
      expect(catcher.mails).toHaveLength(0);
    } finally {
      await outbox.stop();
      await sender.stop();
    }
  });
});
