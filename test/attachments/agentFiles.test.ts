import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { Db } from '../../src/storage/db.js';
import { attachmentListResponse, attachmentSentResponse } from '../../src/agentApi/attachmentSchemas.js';
import { createTicketService } from '../../src/tickets/ticketService.js';
import { postActivity } from '../helpers/activities.js';
import { openTestDb, resetDatabase } from '../helpers/databases.js';
import { startFakeConnector, type FakeConnector } from '../helpers/fakeConnector.js';
import { startTestApp } from '../helpers/testApp.js';
import { agentApi, directTicket, onlineAgent } from '../handoff/helpers.js';
import { BOT, message, personalChat, teamsUser, type TeamsConversation, type TeamsUser } from '../teams/teamsActivities.js';
import { startFileServer, type FileServer } from './fileServer.js';
import { downloadHeadersOf, log, pdf, png, safeDownload, svg } from './files.js';

/**
 * Files between agents and admins: the agent API (list, download, send) with its authentication and
 * headers, the widget receiving an agent's file as a link, and Teams, where files come in as
 * `file.download.info` attachments and go out through the file consent flow.
 */

const MAX = 64 * 1024;
let db: Db;
let app: App;
let connector: FakeConnector;
let files: FileServer;
let jamie: { token: string; api: ReturnType<typeof agentApi> };
beforeAll(async () => {
  db = await openTestDb('pglite');
  app = await startTestApp(db, { ATTACHMENT_MAX_BYTES: String(MAX) });
  connector = await startFakeConnector();
  files = await startFileServer();
});
afterAll(async () => {
  await app.close();
  await connector.close();
  await files.close();
  await db.close();
});
beforeEach(async () => {
  connector.reset();
  files.uploads.length = 0;
  await resetDatabase(db);
  const { token } = await onlineAgent(db, 'Jamie Rivera');
  jamie = { token, api: agentApi(app.url, token) };
});

function sendFile(number: string, name: string, bytes: Buffer, token = jamie.token) {
  return fetch(`${app.url}/api/tickets/${number}/attachments`, {
    method: 'POST',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name) },
    body: new Uint8Array(bytes),
  });
}

async function teamsTicket(user: TeamsUser, conversation: TeamsConversation) {
  const tickets = createTicketService({ db, responseDue: () => null });
  const { ticket } = await tickets.createTicket(
    {
      requester: { id: user.aadObjectId, name: user.name, email: 'megan@contoso.com', phone: null },
      contactMethod: 'email',
      cloud: 'worldwide',
      planId: 'business-standard',
      category: 'technical',
      severity: 'C',
      severityReason: 'Chosen by the admin.',
      description: 'Outlook does not sync',
      channelId: 'msteams',
      language: 'de',
      conversationReference: { conversation: { id: conversation.id, conversationType: 'personal' }, channelId: 'msteams', serviceUrl: connector.serviceUrl, bot: BOT, user: { id: user.id } },
    },
    { dedupeKey: `teams-${conversation.id}` },
  );
  return ticket;
}

const sentTo = (conversationId: string) => connector.delivered(conversationId) as { text?: string; attachments?: { contentType: string; contentUrl?: string; name?: string; content?: any }[] }[];

describe('the agent API for files', () => {
  it('needs the bearer token for the list, the download and the upload', async () => {
    const ticket = await directTicket(db, { severity: 'C', dueInMinutes: 60, conversationId: 'conv-auth', serviceUrl: connector.serviceUrl });
    expect((await agentApi(app.url).get(`/api/tickets/${ticket.number}/attachments`)).status).toBe(401);
    expect((await fetch(`${app.url}/api/attachments/whatever-id-000000000`)).status).toBe(401);
    expect((await sendFile(ticket.number, 'a.png', png(), '')).status).toBe(401);
    expect((await agentApi(app.url, 'not-a-token').get(`/api/tickets/${ticket.number}/attachments`)).status).toBe(401);
  });

  it('sends a file to the widget admin as a link, lists it and serves it only as a download with safe headers', async () => {
    const ticket = await directTicket(db, { severity: 'C', dueInMinutes: 60, conversationId: 'conv-widget', serviceUrl: connector.serviceUrl });
    expect((await sendFile(ticket.number, 'fix.pdf', pdf())).status).toBe(409);
    await jamie.api.post(`/api/tickets/${ticket.number}/claim`);

    const res = await sendFile(ticket.number, 'Schritte für die Lösung.pdf', pdf());
    expect(res.status).toBe(201);
    const sentBody = await res.json();
    // The answers are what the OpenAPI document says they are.
    expect(attachmentSentResponse.safeParse(sentBody).success).toBe(true);
    const { attachment, delivered } = sentBody as { attachment: Record<string, unknown>; delivered: boolean };
    expect(delivered).toBe(true);
    expect(attachment).toMatchObject({ name: 'Schritte für die Lösung.pdf', contentType: 'application/pdf', size: pdf().length, from: 'agent', delivery: 'sent' });

    const [sent] = sentTo('conv-widget').filter((a) => a.attachments?.length);
    const link = sent!.attachments![0]!.contentUrl!;
    expect(link).toMatch(new RegExp(`^${app.url}/files/`));
    expect(sent!.text).toBe(`Jamie Rivera sent you a file for ${ticket.number}: [Schritte für die Lösung.pdf](${link}) (1 KB).`);
    const forAdmin = await fetch(link);
    expect(forAdmin.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect(Buffer.from(await forAdmin.arrayBuffer()).equals(pdf())).toBe(true);

    const list = await jamie.api.get(`/api/tickets/${ticket.number}/attachments`);
    expect(list.body.attachments).toEqual([{ ...attachment }]);
    expect(attachmentListResponse.safeParse(list.body).success).toBe(true);
    const download = await fetch(`${app.url}${attachment.downloadUrl}`, { headers: { authorization: `Bearer ${jamie.token}` } });
    expect(download.status).toBe(200);
    expect(downloadHeadersOf(download)).toEqual(
      safeDownload('application/pdf', "attachment; filename=\"Schritte f_r die L_sung.pdf\"; filename*=UTF-8''Schritte%20f%C3%BCr%20die%20L%C3%B6sung.pdf"),
    );
    const chat = await jamie.api.get(`/api/tickets/${ticket.number}/messages`);
    expect(chat.body.messages.at(-1)).toMatchObject({ sender: 'agent', text: '📎 Jamie Rivera sent Schritte für die Lösung.pdf (1 KB) to the admin.' });
  });

  it('refuses what it refuses from admins, with the reason', async () => {
    const ticket = await directTicket(db, { severity: 'C', dueInMinutes: 60, conversationId: 'conv-refuse', serviceUrl: connector.serviceUrl });
    await jamie.api.post(`/api/tickets/${ticket.number}/claim`);
    const bad = await sendFile(ticket.number, 'diagram.svg', svg());
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^I couldn't take diagram\.svg: I can only accept images/);
    expect((await sendFile(ticket.number, 'big.log', Buffer.alloc(MAX + 1, 'a'))).status).toBe(413);
    const unnamed = await fetch(`${app.url}/api/tickets/${ticket.number}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${jamie.token}` }, body: new Uint8Array(log()) });
    expect(unnamed.status).toBe(400);
    expect((await jamie.api.get(`/api/tickets/${ticket.number}/attachments`)).body.attachments).toEqual([]);
  });
});

describe('files in Teams', () => {
  it('takes a personal chat file (file.download.info) and ignores the message\'s HTML copy', async () => {
    const user = teamsUser();
    const chat = personalChat();
    files.files.set('/drive/trace.log', { bytes: log() });
    const activity = {
      ...message(connector.serviceUrl, user, chat, ''),
      attachments: [
        { contentType: 'application/vnd.microsoft.teams.file.download.info', name: 'trace.log', content: { downloadUrl: `${files.url}/drive/trace.log`, uniqueId: 'u1', fileType: 'log' } },
        { contentType: 'text/html', content: '<p></p>' },
      ],
    };
    expect((await postActivity(app.url, activity)).status).toBe(200);
    const reply = await connector.waitFor(chat.id, /trace\.log/);
    expect(reply.text).toBe('Got trace.log (1 KB). It goes on your request when I file it.');
    expect((await db.query('SELECT file_name, content_type, conversation_id FROM attachments')).rows).toEqual([{ file_name: 'trace.log', content_type: 'text/plain; charset=utf-8', conversation_id: chat.id }]);
  });

  it('takes an image pasted into the chat (an image/* attachment) and refuses one that is not what it says', async () => {
    const user = teamsUser();
    const chat = personalChat();
    files.files.set('/views/pasted', { bytes: png(), contentType: 'image/png' });
    files.files.set('/views/fake', { bytes: svg(), contentType: 'image/png' });
    const activity = {
      ...message(connector.serviceUrl, user, chat, ''),
      attachments: [
        { contentType: 'image/*', contentUrl: `${files.url}/views/pasted`, name: 'image.png' },
        { contentType: 'image/*', contentUrl: `${files.url}/views/fake`, name: 'image2.png' },
      ],
    };
    expect((await postActivity(app.url, activity)).status).toBe(200);
    await connector.waitFor(chat.id, /image2\.png/);
    expect(connector.messages(chat.id).filter((t) => /image/.test(t))).toEqual([
      'Got image.png (1 KB). It goes on your request when I file it.',
      "I couldn't take image2.png: I can only accept images (PNG, JPEG, GIF, WebP), PDFs and text files (.txt, .log, .csv, .json).",
    ]);
    expect((await db.query('SELECT file_name, content_type FROM attachments')).rows).toEqual([{ file_name: 'image.png', content_type: 'image/png' }]);
  });

  async function offerFile(user: TeamsUser, chat: TeamsConversation) {
    const ticket = await teamsTicket(user, chat);
    await jamie.api.post(`/api/tickets/${ticket.number}/claim`);
    const res = await sendFile(ticket.number, 'anleitung.png', png());
    expect(res.status).toBe(201);
    const body = (await res.json()) as { attachment: { id: string; delivery: string } };
    expect(body.attachment.delivery).toBe('offered');
    const consent = sentTo(chat.id).flatMap((a) => a.attachments ?? []).find((a) => a.contentType === 'application/vnd.microsoft.teams.card.file.consent')!;
    expect(consent).toEqual({
      contentType: 'application/vnd.microsoft.teams.card.file.consent',
      name: 'anleitung.png',
      content: {
        description: `Eine Datei von Jamie Rivera zu Ihrer Anfrage ${ticket.number}.`,
        sizeInBytes: png().length,
        acceptContext: { attachmentId: body.attachment.id },
        declineContext: { attachmentId: body.attachment.id },
      },
    });
    return { ticket, attachmentId: body.attachment.id };
  }

  const consentInvoke = (user: TeamsUser, chat: TeamsConversation, value: Record<string, unknown>) => ({
    ...message(connector.serviceUrl, user, chat, ''),
    type: 'invoke',
    name: 'fileConsent/invoke',
    text: undefined,
    locale: 'de-DE',
    replyToId: 'consent-card-1',
    value: { type: 'fileUpload', ...value },
  });

  it('uploads an agent\'s file to the admin\'s OneDrive when they accept, then shows it', async () => {
    const user = teamsUser();
    const chat = personalChat();
    const { ticket, attachmentId } = await offerFile(user, chat);
    const uploadInfo = { name: 'anleitung.png', uploadUrl: `${files.url}/upload/session-1`, contentUrl: 'https://contoso-my.sharepoint.com/personal/megan/anleitung.png', uniqueId: 'ABC-1', fileType: 'png' };
    const { status } = await postActivity(app.url, consentInvoke(user, chat, { action: 'accept', context: { attachmentId }, uploadInfo }));
    expect(status).toBe(200);
    expect(files.uploads).toEqual([{ path: '/upload/session-1', contentRange: `bytes 0-${png().length - 1}/${png().length}`, bytes: png() }]);
    const shown = await connector.waitFor(chat.id, /ist in Ihrem OneDrive gespeichert/);
    expect(shown).toMatchObject({
      text: 'anleitung.png ist in Ihrem OneDrive gespeichert.',
      attachments: [{ contentType: 'application/vnd.microsoft.teams.card.file.info', name: 'anleitung.png', contentUrl: uploadInfo.contentUrl, content: { uniqueId: 'ABC-1', fileType: 'png' } }],
    });
    const list = await jamie.api.get(`/api/tickets/${ticket.number}/attachments`);
    expect(list.body.attachments[0].delivery).toBe('accepted');
    expect((await jamie.api.get(`/api/tickets/${ticket.number}/messages`)).body.messages.at(-1).text).toBe('The admin accepted the file anleitung.png in Teams; it is in their OneDrive.');
    // A second invoke for the same card changes nothing.
    await postActivity(app.url, consentInvoke(user, chat, { action: 'accept', context: { attachmentId }, uploadInfo }));
    expect(files.uploads).toHaveLength(1);
  });

  it('tells the agents when the admin declines, and never uploads', async () => {
    const user = teamsUser();
    const chat = personalChat();
    const { ticket, attachmentId } = await offerFile(user, chat);
    expect((await postActivity(app.url, consentInvoke(user, chat, { action: 'decline', context: { attachmentId } }))).status).toBe(200);
    expect((await connector.waitFor(chat.id, /nicht gespeichert/)).text).toBe('In Ordnung, ich habe anleitung.png nicht gespeichert. Der Techniker weiß Bescheid.');
    expect(files.uploads).toEqual([]);
    expect((await jamie.api.get(`/api/tickets/${ticket.number}/attachments`)).body.attachments[0].delivery).toBe('declined');
    expect((await jamie.api.get(`/api/tickets/${ticket.number}/messages`)).body.messages.at(-1)).toMatchObject({
      sender: 'system',
      text: 'The admin declined the file anleitung.png in Teams; it was not saved to their OneDrive.',
    });
  });

  it('does not hand one conversation\'s file to another conversation\'s consent', async () => {
    const user = teamsUser();
    const { attachmentId } = await offerFile(user, personalChat());
    const intruder = personalChat();
    const uploadInfo = { uploadUrl: `${files.url}/upload/stolen`, name: 'x.png' };
    expect((await postActivity(app.url, consentInvoke(teamsUser('Eve'), intruder, { action: 'accept', context: { attachmentId }, uploadInfo }))).status).toBe(200);
    expect(files.uploads).toEqual([]);
  });
});
