import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { Db } from '../../src/storage/db.js';
import { messageActivity, type ReplyActivity } from '../helpers/activities.js';
import { visibleText } from '../helpers/conversation.js';
import { openTestDb, resetDatabase } from '../helpers/databases.js';
import { startTestApp } from '../helpers/testApp.js';
import { agentApi, onlineAgent } from '../handoff/helpers.js';
import { startFileServer, type FileServer } from './fileServer.js';
import { exe, log, png } from './files.js';

/**
 * An admin sending files on a channel that hands them over by URL (what the Emulator does), over
 * POST /api/messages with the replies inline: each file is acknowledged, a file on its own does not
 * answer the open question (which is asked again as it was), and the files go on the request once filed.
 */

let db: Db;
let app: App;
let files: FileServer;
beforeAll(async () => {
  db = await openTestDb('pglite');
  app = await startTestApp(db, { ATTACHMENT_MAX_BYTES: '65536' });
  files = await startFileServer();
});
afterAll(async () => {
  await app.close();
  await db.close();
  await files.close();
});
beforeEach(async () => {
  await resetDatabase(db);
  files.files.clear();
});

let n = 0;
function adminOn(conversationId = `files-${++n}`) {
  const send = async (text: string, attachments?: object[]) => {
    const res = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(messageActivity(conversationId, text, { channelId: 'sms', serviceUrl: 'http://127.0.0.1:9', locale: 'en-US', ...(attachments ? { attachments } : {}) })),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { activities?: ReplyActivity[] };
    return (body.activities ?? []).filter((a) => a.type === 'message').map((a) => visibleText(a as never));
  };
  return { conversationId, send };
}

const fileAt = (path: string, bytes: Buffer, name: string, contentType = 'application/octet-stream') => {
  files.files.set(path, { bytes });
  return { contentType, contentUrl: `${files.url}${path}`, name };
};

describe('an admin sending files', () => {
  it('acknowledges a file sent mid-question and asks the same question again, unchanged', async () => {
    const admin = adminOn();
    await admin.send('hello');
    const question = await admin.send('none of our users can join teams meetings or make calls');
    const replies = await admin.send('', [fileAt('/shot.png', png(), 'screenshot.png', 'image/png')]);
    expect(replies[0]).toMatch(/^Got screenshot\.png \(\d+ KB\)\. It goes on your request when I file it\.$/);
    expect(replies.slice(1)).toEqual(question.slice(-1));
  });

  it('tells the admin why a file is refused: renamed executable, too big, unreachable', async () => {
    const admin = adminOn();
    await admin.send('hello');
    const replies = await admin.send('', [
      fileAt('/setup.png', exe(), 'setup.png'),
      fileAt('/big.log', Buffer.alloc(70_000, 'a'), 'big.log'),
      { contentType: 'image/png', contentUrl: `${files.url}/missing.png`, name: 'missing.png' },
    ]);
    expect(replies.slice(0, 3)).toEqual([
      "I couldn't take setup.png: I can only accept images (PNG, JPEG, GIF, WebP), PDFs and text files (.txt, .log, .csv, .json).",
      "I couldn't take big.log: it is larger than 64 KB. Please send a smaller file, such as a cropped screenshot or the relevant part of the log.",
      "I couldn't receive missing.png. Please try sending it again.",
    ]);
    expect((await db.query('SELECT count(*)::int AS n FROM attachments')).rows[0]).toEqual({ n: 0 });
  });

  it("puts the files sent before filing on the request, later ones straight on it and in the agent's chat; agents list and download them", async () => {
    const admin = adminOn();
    await admin.send('hello');
    await admin.send('none of our users can join teams meetings or make calls', [fileAt('/before.png', png(), 'before.png', 'image/png')]);
    let last: string[] = [];
    for (const line of ['no', 'yes', 'yes', 'business premium', 'Sam Jones', 'sam@fabrikam.com', '+61 2 9999 0000', 'email', 'submit']) last = await admin.send(line);
    const number = /Request (SR-\d+) is open/.exec(last.join('\n'))?.[1];
    expect(number).toBeDefined();
    expect(last).toContain(`The file you sent is on ${number} too.`);

    // An agent is in the chat: the file goes on the ticket and the agent sees it in the chat.
    const agent = agentApi(app.url, (await onlineAgent(db, 'Jamie Rivera')).token);
    expect((await agent.post(`/api/tickets/${number}/claim`)).status).toBe(200);
    const after = await admin.send('', [fileAt('/errors.log', log(), 'errors.log')]);
    expect(after).toEqual([`Added errors.log (1 KB) to your request ${number}.`]);
    const chat = (await agent.get(`/api/tickets/${number}/messages`)).body.messages as { sender: string; text: string }[];
    expect(chat.at(-1)).toMatchObject({ sender: 'admin', text: '📎 The admin sent errors.log (1 KB); it is on the ticket.' });

    const { status, body } = await agent.get(`/api/tickets/${number}/attachments`);
    expect(status).toBe(200);
    expect(body.attachments.map((a: { name: string; contentType: string; from: string }) => [a.name, a.contentType, a.from])).toEqual([
      ['before.png', 'image/png', 'admin'],
      ['errors.log', 'text/plain; charset=utf-8', 'admin'],
    ]);
    const download = await fetch(`${app.url}${body.attachments[1].downloadUrl}`, { headers: { authorization: `Bearer ${(await onlineAgent(db, 'Robin Park')).token}` } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(log())).toBe(true);
  });
});
