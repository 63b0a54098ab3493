import { copyFileSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createAdapter } from '../../src/channels/adapter.js';
import { loadConfig } from '../../src/config.js';
import { BOT_ACCOUNT } from '../../src/channels/directline/protocol.js';
import { createLogger } from '../../src/logger.js';
import type { Db } from '../../src/storage/db.js';
import { embeddedConnectorOf, serverServiceUrl } from '../directline/embeddedKeys.js';
import { openTestDb } from '../helpers/databases.js';
import { repoRoot, startTestApp } from '../helpers/testApp.js';
import {
  botTexts,
  clickCardButton,
  describeWithBrowser,
  launchBrowser,
  newPage,
  openWidget,
  screenshot,
  sendText,
  userTexts,
  waitForBotText,
} from './helpers.js';

/** Another web site that embeds the widget with the one-tag snippet from the README. */
function startHostSite(botUrl: () => string): Promise<{ server: Server; port: number }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Contoso intranet</title></head>
<body><h1>Contoso IT intranet</h1><p>Need help with Microsoft 365? Use the chat button.</p>
<script src="${botUrl()}/widget.js" data-bot-url="${botUrl()}" data-title="Contoso IT help" async></script></body></html>`);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port })));
}

describeWithBrowser('web widget in Chromium', () => {
  let db: Db;
  let app: App;
  let browser: Browser;
  let site: { server: Server; port: number };
  let siteOrigin: string;

  beforeAll(async () => {
    db = await openTestDb('pglite');
    // The host site needs the bot's URL and the bot needs the site's origin: the site asks late.
    site = await startHostSite(() => app.url);
    siteOrigin = `http://127.0.0.1:${site.port}`;
    app = await startTestApp(db, { WIDGET_ALLOWED_ORIGINS: siteOrigin });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.server.close(resolve));
    await app?.close();
    await db?.close();
  });

  // First: the tests below sign agents in, and this one needs nobody online.
  it('says in the header and the first message that no agent is online, never "replies in seconds"', async () => {
    const page = await newPage(browser, { width: 400, height: 720 });
    // The demo page opens the chat itself; at phone-like widths the open chat covers the bubble.
    await page.goto(`${app.url}/?lang=en`);
    await page.locator('[data-id="webchat-sendbox-input"]').waitFor({ timeout: 15_000 });
    await waitForBotText(page, /No support agent is online right now/);
    const subtitle = page.locator('.sa-widget__subtitle');
    await expect.poll(() => subtitle.getAttribute('data-agents'), { timeout: 10_000 }).toBe('offline');
    expect(await subtitle.textContent()).toBe('No agent online right now');
    expect(await page.locator('.sa-widget__header').textContent()).not.toMatch(/seconds/);
    await screenshot(page, 'widget-header-no-agent-400');
    // At a phone's 360 px the line still fits the header, whole.
    await page.setViewportSize({ width: 360, height: 720 });
    const fits = await subtitle.evaluate((node) => node.scrollWidth <= node.clientWidth + 1 && node.getBoundingClientRect().right <= window.innerWidth);
    expect(fits).toBe(true);
    await screenshot(page, 'widget-header-no-agent-360');
    expect(page.problems).toEqual([]);
    await page.close();
  });

  it('holds a conversation on the demo page, with cards, and resumes it after a reload', async () => {
    const page = await newPage(browser);
    await openWidget(page, `${app.url}/`);
    expect(await page.title()).toMatch(/Support Assistant/);
    await waitForBotText(page, /support assistant/i);

    await sendText(page, 'My Outlook keeps asking for my password');
    await waitForBotText(page, /Did this solve it/);
    await page.waitForTimeout(300); // let the card finish rendering before the picture
    const shot = await screenshot(page, 'widget-demo-page');
    if (process.env.UPDATE_SCREENSHOTS === '1') {
      mkdirSync(join(repoRoot, 'docs/screenshots'), { recursive: true });
      copyFileSync(shot, join(repoRoot, 'docs/screenshots/widget.png'));
    }
    const before = (await botTexts(page)).length;
    await clickCardButton(page, 'No, I still need help');
    await expect.poll(async () => (await botTexts(page)).length, { timeout: 15_000 }).toBeGreaterThan(before);
    await screenshot(page, 'widget-after-card');
    const history = { bot: await botTexts(page), user: await userTexts(page) };

    await page.reload();
    await page.locator('[data-id="webchat-sendbox-input"]').waitFor();
    await expect.poll(async () => (await botTexts(page)).length, { timeout: 15_000 }).toBe(history.bot.length);
    expect(await userTexts(page)).toEqual(history.user);
    expect(await botTexts(page)).toEqual(history.bot);
    await screenshot(page, 'widget-after-reload');
    expect(page.problems).toEqual([]);
  });

  it('shows what the bot sends later (an agent typing, then a reply with a card), and the card button answers', async () => {
    const page = await newPage(browser);
    await openWidget(page, `${app.url}/`);
    await waitForBotText(page, /support assistant/i);
    const session = await page.evaluate(() => JSON.parse(Object.values(sessionStorage)[0] as string));
    const user = JSON.parse(Buffer.from(String(session.token).split('.')[1]!, 'base64url').toString()).user as string;

    const adapter = createAdapter(loadConfig({}), createLogger('silent'));
    adapter.localConnectors.add(await embeddedConnectorOf(db, app.url));
    const reference = {
      channelId: 'directline',
      serviceUrl: await serverServiceUrl(db, app.url),
      conversation: { id: session.conversationId as string, isGroup: false, conversationType: '', name: '' },
      bot: { ...BOT_ACCOUNT },
      user: { id: user, name: '' },
    };
    await adapter.continueConversationAsync('', reference, async (context) => {
      await context.sendActivity({ type: 'typing' });
    });
    await page.locator('.webchat__typing-indicator').waitFor({ timeout: 10_000 });
    await adapter.continueConversationAsync('', reference, async (context) => {
      await context.sendActivity({
        type: 'message',
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.hero',
            content: { title: 'Sam from support joined', text: 'Is now a good time to talk?', buttons: [{ type: 'imBack', title: 'Yes, now is fine', value: 'now is fine' }] },
          },
        ],
      });
    });
    await waitForBotText(page, /Sam from support joined/);
    await clickCardButton(page, 'Yes, now is fine');
    await expect.poll(() => userTexts(page), { timeout: 15_000 }).toContainEqual(expect.stringContaining('now is fine'));
    await screenshot(page, 'widget-agent-card');
  });

  it('works with the Direct Line JS client in the page polling instead of streaming', async () => {
    const page = await newPage(browser);
    await openWidget(page, `${app.url}/`);
    const result = await page.evaluate(async (botUrl) => {
      const issued = await (await fetch(`${botUrl}/api/directline/token`, { method: 'POST' })).json();
      const WebChat = (window as unknown as { WebChat: any }).WebChat;
      const directLine = WebChat.createDirectLine({ token: issued.token, domain: issued.domain, webSocket: false, pollingInterval: 200 });
      const seen: { type: string; role?: string; text?: string }[] = [];
      directLine.activity$.subscribe((a: any) => seen.push({ type: a.type, role: a.from?.role, text: a.text }));
      const id = await new Promise((resolve, reject) =>
        directLine.postActivity({ type: 'message', text: 'polling works?', from: { id: 'ignored' } }).subscribe(resolve, reject),
      );
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && !(seen.some((a) => a.text === 'polling works?') && seen.filter((a) => a.role === 'bot').length >= 2)) {
        await new Promise((r) => setTimeout(r, 100));
      }
      directLine.end();
      return { id, seen };
    }, app.url);
    expect(result.id).toMatch(/\|\d{7}$/);
    expect(result.seen).toContainEqual({ type: 'message', role: 'user', text: 'polling works?' });
    expect(result.seen.filter((a) => a.role === 'bot').length).toBeGreaterThanOrEqual(2);
  });

  it('adds the chat to another site with the embed script', async () => {
    const page = await newPage(browser);
    await page.goto(`${siteOrigin}/`);
    const bubble = page.locator('.sa-widget__bubble');
    await bubble.waitFor();
    expect(await bubble.getAttribute('aria-expanded')).toBe('false');
    await bubble.click();
    await waitForBotText(page, /support assistant/i);
    expect(await page.locator('.sa-widget__title').innerText()).toBe('Contoso IT help');
    await sendText(page, 'Teams calls drop after a minute');
    await expect.poll(() => userTexts(page)).toContainEqual(expect.stringContaining('Teams calls drop'));
    await expect.poll(async () => (await botTexts(page)).length, { timeout: 15_000 }).toBeGreaterThan(1);
    await screenshot(page, 'widget-embedded');
    expect(page.problems).toEqual([]);
  });

  it('stays polite on a site that is not allowed', async () => {
    const page = await newPage(browser);
    // Same page, other origin: "localhost" is not in WIDGET_ALLOWED_ORIGINS.
    await page.goto(`http://localhost:${site.port}/`);
    await page.locator('.sa-widget__bubble').click();
    await expect.poll(() => page.locator('.sa-widget__status').innerText(), { timeout: 15_000 }).toMatch(/not available/);
    await screenshot(page, 'widget-refused-origin');
  });
});
