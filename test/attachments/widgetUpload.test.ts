import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { Db } from '../../src/storage/db.js';
import { openTestDb } from '../helpers/databases.js';
import { startTestApp } from '../helpers/testApp.js';
import { botMessages, pollUntil, postActivity, startConversation, type DlActivity, type Started } from '../directline/directLineClient.js';
import { downloadHeadersOf, exe, pdf, png, safeDownload } from './files.js';

/**
 * Web Chat's upload (DirectLineJS postMessageWithAttachments): POST /v3/directline/conversations/{id}/upload,
 * multipart/form-data with an `activity` part and `file` parts. What the bot and the browser get back
 * are the server's own copies, checked from their content.
 */

const MAX = 64 * 1024;
let db: Db;
let app: App;
beforeAll(async () => {
  db = await openTestDb('pglite');
  app = await startTestApp(db, { ATTACHMENT_MAX_BYTES: String(MAX), ATTACHMENT_MAX_PER_MESSAGE: '2' });
});
afterAll(async () => {
  await app.close();
  await db.close();
});

/** The form DirectLineJS sends: the activity without contentUrls first, then each file. */
function form(files: { name: string; bytes: Buffer; type?: string }[], activity: Record<string, unknown> = {}) {
  const data = new FormData();
  const message = { type: 'message', locale: 'en-US', channelData: { clientActivityID: `c-${Math.random()}` }, attachments: files.map((f) => ({ contentType: f.type ?? 'application/octet-stream', name: f.name, thumbnailUrl: 'data:image/png;base64,AAAA' })), ...activity };
  data.append('activity', new Blob([JSON.stringify(message)], { type: 'application/vnd.microsoft.activity' }));
  for (const f of files) data.append('file', new Blob([new Uint8Array(f.bytes)], { type: f.type ?? 'application/octet-stream' }), f.name);
  return data;
}

const upload = (c: Pick<Started, 'conversationId' | 'token'>, body: FormData, token: string | undefined = c.token) =>
  fetch(`${app.url}/v3/directline/conversations/${c.conversationId}/upload?userId=dl_whoever`, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {}, body });

const userMessages = (all: DlActivity[]) => all.filter((a) => a.type === 'message' && a.from?.role === 'user');

describe('POST /v3/directline/conversations/{id}/upload', () => {
  it('keeps the file, posts a message whose attachment is the server\'s own link, and the bot acknowledges it', async () => {
    const c = await startConversation(app.url);
    const bytes = png();
    const res = await upload(c, form([{ name: 'screenshot.png', bytes, type: 'image/png' }]));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: expect.stringContaining(c.conversationId) });

    const all = await pollUntil(app.url, c, (log) => botMessages(log).some((m) => /screenshot\.png/.test(m.text ?? '')));
    expect(botMessages(all).find((m) => /screenshot\.png/.test(m.text ?? ''))!.text).toMatch(/^Got screenshot\.png \(1 KB\)\. It goes on your request when I file it\.$/);
    const [sent] = userMessages(all);
    const attachment = (sent!.attachments as Record<string, string>[])[0]!;
    expect(attachment).toEqual({ contentType: 'image/png', name: 'screenshot.png', contentUrl: expect.stringMatching(new RegExp(`^${app.url}/files/[\\w-]{24}/\\d+\\.[\\w-]{43}$`)), thumbnailUrl: attachment.contentUrl });
    expect(sent!.channelData).toMatchObject({ attachmentSizes: [bytes.length] });

    const file = await fetch(attachment.contentUrl!);
    expect(file.status).toBe(200);
    expect(downloadHeadersOf(file)).toEqual(safeDownload('image/png', "inline; filename=\"screenshot.png\"; filename*=UTF-8''screenshot.png"));
    expect(Buffer.from(await file.arrayBuffer()).equals(bytes)).toBe(true);
    // A link with its token changed, or for a file of no conversation, is the same 404.
    expect((await fetch(attachment.contentUrl!.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A')))).status).toBe(404);
  });

  it('serves a PDF only as a download', async () => {
    const c = await startConversation(app.url);
    expect((await upload(c, form([{ name: 'report.pdf', bytes: pdf() }]))).status).toBe(200);
    const all = await pollUntil(app.url, c, (log) => userMessages(log).length > 0);
    const url = (userMessages(all)[0]!.attachments as { contentUrl: string }[])[0]!.contentUrl;
    const file = await fetch(url);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; /);
  });

  it('refuses without a token (403) and with another conversation\'s token (403)', async () => {
    const mine = await startConversation(app.url);
    const other = await startConversation(app.url);
    expect((await upload(mine, form([{ name: 'a.png', bytes: png() }]), '')).status).toBe(403);
    expect((await upload(mine, form([{ name: 'a.png', bytes: png() }]), other.token)).status).toBe(403);
    expect((await db.query('SELECT count(*)::int AS n FROM attachments WHERE conversation_id = $1', [mine.conversationId])).rows[0]).toEqual({ n: 0 });
  });

  it('never fetches a URL a widget client puts in a posted activity: only its own uploads count', async () => {
    const c = await startConversation(app.url);
    const posted = await postActivity(app.url, c.conversationId, c.token, {
      type: 'message',
      attachments: [{ contentType: 'image/png', contentUrl: `${app.url}/widget.js`, name: 'not-mine.png' }],
    });
    expect(posted.status).toBe(200);
    const all = await pollUntil(app.url, c, (log) => botMessages(log).some((m) => /not-mine\.png/.test(m.text ?? '')));
    expect(botMessages(all).at(-1)!.text).toBe("I couldn't receive not-mine.png. Please try sending it again.");
    expect((await db.query('SELECT count(*)::int AS n FROM attachments WHERE conversation_id = $1', [c.conversationId])).rows[0]).toEqual({ n: 0 });
  });

  it('answers a body that is not a form with 400', async () => {
    const c = await startConversation(app.url);
    const res = await fetch(`${app.url}/v3/directline/conversations/${c.conversationId}/upload`, { method: 'POST', headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { status: 400, message: 'An upload is multipart/form-data with a boundary.' } });
  });

  it('lets the bot explain refused files: a renamed executable, more files than a message may carry', async () => {
    const c = await startConversation(app.url);
    const res = await upload(c, form([{ name: 'photo.png', bytes: exe() }, { name: 'a.png', bytes: png() }, { name: 'b.png', bytes: png() }]));
    expect(res.status).toBe(200);
    const all = await pollUntil(app.url, c, (log) => botMessages(log).length >= 3);
    expect(botMessages(all).map((m) => m.text).slice(-3)).toEqual([
      "I couldn't take photo.png: I can only accept images (PNG, JPEG, GIF, WebP), PDFs and text files (.txt, .log, .csv, .json).",
      "I couldn't take b.png: one message can carry at most 2 files. Please send it in another message.",
      expect.stringMatching(/^Got a\.png/),
    ]);
    // The refused file is shown back as a name without a link; nothing of it was kept.
    expect((userMessages(all)[0]!.attachments as object[])[0]).toEqual({ contentType: 'application/octet-stream', name: 'photo.png' });
    expect((await db.query('SELECT file_name FROM attachments WHERE conversation_id = $1', [c.conversationId])).rows).toEqual([{ file_name: 'a.png' }]);
  });

  it('ends an upload with 413 as soon as a file passes the limit, before the client has sent it all, and the bot says why', async () => {
    const c = await startConversation(app.url);
    const boundary = 'x-boundary-7f3a';
    const planned = 40 * MAX;
    const result = await new Promise<{ status: number; sentWhenAnswered: number; body: string }>((resolve, reject) => {
      let sent = 0;
      const req = request(`${app.url}/v3/directline/conversations/${c.conversationId}/upload`, {
        method: 'POST',
        headers: { authorization: `Bearer ${c.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
      req.on('response', (res) => {
        const sentWhenAnswered = sent;
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, sentWhenAnswered, body }));
      });
      req.on('error', reject);
      req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.log"\r\nContent-Type: text/plain\r\n\r\n`);
      const chunk = Buffer.alloc(8 * 1024, 'a');
      const pump = () => {
        if (sent >= planned) return req.end(`\r\n--${boundary}--\r\n`);
        sent += chunk.length;
        if (req.write(chunk)) setTimeout(pump, 1);
        else req.once('drain', pump);
      };
      pump();
    });
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body)).toEqual({ error: { status: 413, message: 'A file may have at most 64 KB.' } });
    expect(result.sentWhenAnswered).toBeLessThan(planned / 2);
    // Web Chat would only show "send failed": the bot says why.
    const all = await pollUntil(app.url, c, (log) => botMessages(log).some((m) => /huge\.log/.test(m.text ?? '')));
    expect(botMessages(all).at(-1)!.text).toBe("I couldn't take huge.log: it is larger than 64 KB. Please send a smaller file, such as a cropped screenshot or the relevant part of the log.");
    expect((await db.query('SELECT count(*)::int AS n FROM attachments WHERE conversation_id = $1', [c.conversationId])).rows[0]).toEqual({ n: 0 });
  });

  it('refuses at once a declared body larger than any allowed upload', async () => {
    const c = await startConversation(app.url);
    const res = await new Promise<number>((resolve, reject) => {
      const req = request(`${app.url}/v3/directline/conversations/${c.conversationId}/upload`, {
        method: 'POST',
        headers: { authorization: `Bearer ${c.token}`, 'content-type': 'multipart/form-data; boundary=b', 'content-length': String(100 * MAX) },
      });
      req.on('response', (r) => resolve(r.statusCode ?? 0));
      req.on('error', reject);
      req.write('--b\r\n');
    });
    expect(res).toBe(413);
  });
});
