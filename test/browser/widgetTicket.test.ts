import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { Db } from '../../src/storage/db.js';
import { openTestDb } from '../helpers/databases.js';
import { startTestApp } from '../helpers/testApp.js';
import { botTexts, clickCardButton, describeWithBrowser, launchBrowser, newPage, openWidget, screenshot, sendText, waitForBotText } from './helpers.js';

/**
 * Run with MicrosoftAppId set: the embedded Direct Line endpoint vouches for its users itself, so the
 * self-hosted widget and an authenticated bot (Teams) work in one deployment without Azure Direct Line.
 */
describeWithBrowser('from a problem to a ticket in the web widget (MicrosoftAppId set)', () => {
  let db: Db;
  let app: App;
  let browser: Browser;

  beforeAll(async () => {
    db = await openTestDb('pglite');
    app = await startTestApp(db, { MicrosoftAppId: '00000000-0000-0000-0000-0000000b0701', MicrosoftAppPassword: 'never-used-offline' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.close();
  });

  it('goes through the cards to a filed request, and the request is still there after a reload', async () => {
    const page = await newPage(browser, { width: 1280, height: 900 });
    await openWidget(page, `${app.url}/`);
    await waitForBotText(page, /support assistant/i);

    await sendText(page, 'our intranet sharepoint site is down for everyone');
    await waitForBotText(page, /Did this solve it/);
    await screenshot(page, 'ticket-1-articles');
    await clickCardButton(page, 'No, I still need help');
    // Only opening a request needs an admin: the question comes just before it.
    await waitForBotText(page, /are you an admin/i);
    await clickCardButton(page, 'Yes');
    await waitForBotText(page, /I suggest Severity A/);
    await clickCardButton(page, 'Yes, that fits');
    await waitForBotText(page, /Which plan/);
    await clickCardButton(page, 'Business Premium');
    await waitForBotText(page, /Your contact details/);

    const form = page.locator('.webchat__basic-transcript__activity').last();
    await form.getByRole('textbox', { name: 'Name' }).fill('Kim Lee');
    await form.getByRole('textbox', { name: 'Email' }).fill('kim@contoso.com');
    await form.getByRole('textbox', { name: 'Phone (with country code)' }).fill('+44 20 7946 0000');
    await screenshot(page, 'ticket-2-contact-form');
    await clickCardButton(page, 'Continue');
    await waitForBotText(page, /Please check your request/);
    await screenshot(page, 'ticket-3-summary');
    await clickCardButton(page, 'Submit request');
    const confirmation = await waitForBotText(page, /Request SR-\d+ is open/);
    await page.waitForTimeout(300);
    await screenshot(page, 'ticket-4-filed');

    const number = /SR-\d+/.exec(confirmation)![0];
    const { rows } = await db.query<{ number: string; requester_email: string; channel_id: string; contact_method: string; severity: string; plan_id: string }>(
      'SELECT number, requester_email, channel_id, contact_method, severity, plan_id FROM tickets',
    );
    expect(rows).toEqual([{ number, requester_email: 'kim@contoso.com', channel_id: 'directline', contact_method: 'web_chat', severity: 'A', plan_id: 'business-premium' }]);

    // Everything the browser can read of the conversation, the handoff.initiate event included: no
    // connector URL, so nobody can learn where the bot's replies go.
    const session = await page.evaluate(() => JSON.parse(Object.values(sessionStorage)[0] as string));
    const log = await (await fetch(`${app.url}/v3/directline/conversations/${session.conversationId}/activities`, { headers: { authorization: `Bearer ${session.token}` } })).text();
    expect(log).toContain('handoff.initiate');
    expect(log).not.toMatch(/serviceUrl|directline\/connector/i);

    await page.reload();
    await page.locator('[data-id="webchat-sendbox-input"]').waitFor();
    await waitForBotText(page, new RegExp(`Request ${number} is open`));
    expect((await botTexts(page)).some((t) => /Did this solve it/.test(t))).toBe(true);
    await screenshot(page, 'ticket-5-after-reload');
    expect(page.problems).toEqual([]);
  }, 120_000);
});
