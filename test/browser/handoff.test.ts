import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createAgentStore } from '../../src/agents/agentStore.js';
import type { Db } from '../../src/storage/db.js';
import { openTestDb } from '../helpers/databases.js';
import { repoRoot, startTestApp } from '../helpers/testApp.js';
import { describeWithBrowser, launchBrowser, newPage, openWidget, screenshot, sendText, STEP_TIMEOUT_MS, waitForBotText } from './helpers.js';

/**
 * The handoff as two people see it, in headless Chromium: an admin in the web widget escalates, an
 * agent in the console at /agent claims the request, they write to each other, the agent resolves it
 * and the admin sees that. Screenshots go to test-artifacts/ (UPDATE_SCREENSHOTS=1 refreshes the one
 * in docs/screenshots/).
 */
describeWithBrowser('handoff between the web widget and the agent console in Chromium', () => {
  let db: Db;
  let app: App;
  let browser: Browser;
  let token: string;

  beforeAll(async () => {
    db = await openTestDb('pglite');
    app = await startTestApp(db);
    token = (await createAgentStore(db).add('Jamie Rivera')).token;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.close();
  });

  /** The admin's typed answers, from "hello" to a filed request (every step accepts typed text). Web Chat shows typographic apostrophes, hence `.` in the patterns. */
  const escalation = [
    ['hello', /What.s going wrong/],
    ['none of our users can join teams meetings or make calls', /Did this solve it/],
    ['no', /admin of your organisation/],
    ['yes', /I suggest Severity A/],
    ['yes', /Which plan/],
    ['business premium', /Your contact details/],
    ["I'd rather type", /full name/],
    ['Sam Jones', /Which email address/],
    ['sam@fabrikam.com', /phone number/],
    ['+61 2 9999 0000', /How would you like support to contact you/],
    ['web chat', /Please check your request/],
    ['submit', /You.re in the queue for a support engineer/],
  ] as const;

  async function signIn(page: Page) {
    await page.goto(`${app.url}/agent`);
    await page.locator('#token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#me').filter({ hasText: 'Jamie Rivera' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.locator('#connection[data-state="live"]').waitFor({ timeout: STEP_TIMEOUT_MS });
  }

  it('takes an admin from the widget to an agent and back, live in both directions', async () => {
    const agent = await newPage(browser, { width: 1440, height: 900 });
    await signIn(agent);
    await expect.poll(() => agent.locator('#queue-empty').isVisible()).toBe(true);

    const adminPage = await newPage(browser);
    await openWidget(adminPage, `${app.url}/`);
    for (const [text, reply] of escalation) {
      await sendText(adminPage, text);
      await waitForBotText(adminPage, reply);
    }
    const number = /on (SR-\d+)/.exec(await waitForBotText(adminPage, /You.re in the queue/))![1]!;

    // The console hears about the new request without a reload.
    const row = agent.locator(`#queue-body tr[data-number="${number}"]`);
    await row.waitFor({ timeout: STEP_TIMEOUT_MS });
    expect(await row.innerText()).toMatch(/admin waiting/);
    await screenshot(agent, 'agent-console-queue');

    await row.click();
    await agent.locator('#t-number').filter({ hasText: number }).waitFor();
    await agent.getByRole('tab', { name: 'Transcript' }).click();
    await expect.poll(() => agent.locator('#t-transcript').innerText()).toContain('none of our users can join teams meetings or make calls');
    await agent.getByRole('tab', { name: 'Live chat' }).click();

    await agent.getByRole('button', { name: 'Claim' }).click();
    await waitForBotText(adminPage, /Jamie Rivera, a support engineer, has joined/);

    await sendText(adminPage, 'Hello, it started after we changed a meeting policy');
    await agent.locator('#t-chat .from-admin').filter({ hasText: 'it started after we changed a meeting policy' }).waitFor({ timeout: STEP_TIMEOUT_MS });

    await agent.locator('#composer-text').fill('Thanks Sam. Which policy was it, the global one?');
    await agent.locator('#composer-text').press('Enter');
    await waitForBotText(adminPage, /Jamie Rivera \(support engineer\): Thanks Sam\. Which policy was it, the global one\?/);

    await sendText(adminPage, 'Yes, the global one');
    await agent.locator('#t-chat .from-admin').filter({ hasText: 'Yes, the global one' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await agent.locator('#composer-text').fill('I have switched anonymous join back on; please try a meeting link now.');
    await agent.locator('#composer-send').click();
    await waitForBotText(adminPage, /please try a meeting link now/);
    await sendText(adminPage, 'That works, thank you!');
    await agent.locator('#t-chat .from-admin').filter({ hasText: 'That works, thank you!' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    const consoleShot = await screenshot(agent, 'agent-console-chat');
    if (process.env.UPDATE_SCREENSHOTS === '1') {
      mkdirSync(join(repoRoot, 'docs/screenshots'), { recursive: true });
      copyFileSync(consoleShot, join(repoRoot, 'docs/screenshots/agent-console.png'));
    }

    await agent.getByRole('button', { name: 'Resolve' }).click();
    // Resolving asks for the note the admin will read.
    await agent.locator('#resolve-note').fill('Anonymous join was switched back on in the Teams meeting policy.');
    await agent.locator('#resolve-confirm').click();
    await waitForBotText(adminPage, new RegExp(`Jamie Rivera has marked ${number} as resolved`));
    await agent.locator('#t-status').filter({ hasText: 'resolved' }).waitFor();
    await adminPage.waitForTimeout(500); // Web Chat scrolls the new message into view
    await screenshot(adminPage, 'handoff-widget-resolved');
    await screenshot(agent, 'agent-console-resolved');

    // Back with the assistant: the dialogs answer again.
    await sendText(adminPage, `status of ${number}`);
    await waitForBotText(adminPage, new RegExp(`${number}: resolved`));
    expect(agent.problems).toEqual([]);
    expect(adminPage.problems).toEqual([]);
  }, 120_000);
});
