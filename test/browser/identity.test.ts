import { createServer, type Server } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createConversationServices } from '../../src/conversationServices.js';
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/storage/db.js';
import { openTestDb } from '../helpers/databases.js';
import { startTestApp } from '../helpers/testApp.js';
import { sampleTicket } from '../tickets/fixtures/sampleTicket.js';
import { HOST_SECRET, signIdentity, userOf } from '../identity/identitySigning.js';
import { describeWithBrowser, launchBrowser, screenshot, sendText, STEP_TIMEOUT_MS, waitForBotText } from './helpers.js';

/**
 * A host site with the widget: `/` for anonymous visitors, `/signed-in` for a user the site signed in,
 * whose identity token the widget fetches from the site's own `/identity-token` (what docs/identity.md
 * tells a site to build).
 */
function startHostSite(botUrl: () => string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/identity-token') {
      void signIdentity({ sub: 'contoso|kim.akers', name: 'Kim Akers', email: 'kim@contoso.example' }).then((token) => {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify({ token }));
      });
      return;
    }
    const signedIn = req.url === '/signed-in';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Contoso</title></head>
<body><h1>Contoso IT</h1>
<script src="${botUrl()}/widget.js" data-bot-url="${botUrl()}" data-open="true" ${signedIn ? 'data-identity-endpoint="/identity-token"' : ''} async></script></body></html>`);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as { port: number }).port}` })));
}

describeWithBrowser('identity that follows the admin, in Chromium', () => {
  let db: Db;
  let app: App;
  let browser: Browser;
  let site: { server: Server; origin: string };

  beforeAll(async () => {
    db = await openTestDb('pglite');
    site = await startHostSite(() => app.url);
    app = await startTestApp(db, { WIDGET_ALLOWED_ORIGINS: site.origin, WIDGET_IDENTITY_SECRET: HOST_SECRET });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.server.close(resolve));
    await app?.close();
    await db?.close();
  });

  const contexts: BrowserContext[] = [];
  afterAll(async () => {
    for (const context of contexts) await context.close();
  });
  async function openIn(context: BrowserContext, path: string): Promise<Page & { problems: string[] }> {
    const page = (await context.newPage()) as Page & { problems: string[] };
    page.problems = [];
    page.on('pageerror', (error) => page.problems.push(error.message));
    await page.goto(`${site.origin}${path}`);
    await page.locator('[data-id="webchat-sendbox-input"]').waitFor({ timeout: STEP_TIMEOUT_MS });
    return page;
  }
  const newContext = async (width: number) => {
    const context = await browser.newContext({ viewport: { width, height: 760 } });
    contexts.push(context);
    return context;
  };
  /** The Direct Line user id the page's widget chats as (its token's `user` claim). */
  const widgetUser = async (page: Page) =>
    userOf(await page.evaluate(() => JSON.parse(Object.entries(sessionStorage).find(([k]) => k.startsWith('support-assistant:'))![1]).token as string));
  const fileTicketFor = async (userId: string, description: string) => {
    const services = createConversationServices(db, loadConfig({ LOG_LEVEL: 'silent' }));
    const input = sampleTicket({ requester: { id: `directline:${userId}`, name: 'Kim Akers', email: 'kim@contoso.example', phone: null }, contactMethod: 'web_chat', channelId: 'directline', description });
    return (await services.tickets.createTicket(input, { dedupeKey: `browser-${userId}-${description.length}` })).ticket;
  };

  it('shows a visitor’s request in a new tab of the same browser, in the conversation they had', async () => {
    const context = await newContext(400);
    const firstTab = await openIn(context, '/');
    await waitForBotText(firstTab, /support assistant/i);
    await sendText(firstTab, 'hello');
    const user = await widgetUser(firstTab);
    const ticket = await fileTicketFor(user, 'Mailbox of the shared team account is full.');

    const newTab = await openIn(context, '/');
    expect(await widgetUser(newTab)).toBe(user);
    // The conversation of the first tab, with its history, not a new one.
    await expect.poll(() => newTab.locator('.webchat__bubble--from-user').allInnerTexts(), { timeout: STEP_TIMEOUT_MS }).toContain('hello');
    await sendText(newTab, 'my requests');
    await waitForBotText(newTab, new RegExp(ticket.number));
    await newTab.waitForTimeout(300);
    await screenshot(newTab, 'identity-1-new-tab-400');
    expect([...firstTab.problems, ...newTab.problems]).toEqual([]);
  });

  it('shows a signed-in user’s request on another device (a fresh browser)', async () => {
    const laptop = await openIn(await newContext(400), '/signed-in');
    await waitForBotText(laptop, /support assistant/i);
    const user = await widgetUser(laptop);
    const ticket = await fileTicketFor(user, 'Guest users cannot open the finance team site.');

    const phone = await openIn(await newContext(360), '/signed-in');
    expect(await widgetUser(phone)).toBe(user);
    await sendText(phone, 'my requests');
    await waitForBotText(phone, new RegExp(ticket.number));
    await phone.waitForTimeout(300);
    await screenshot(phone, 'identity-2-other-device-360');
    expect([...laptop.problems, ...phone.problems]).toEqual([]);
  });
});
