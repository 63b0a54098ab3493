import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createAgentStore } from '../../src/agents/agentStore.js';
import type { Db } from '../../src/storage/db.js';
import { describeWithBrowser, launchBrowser, newPage, STEP_TIMEOUT_MS } from '../browser/helpers.js';
import { openTestDb } from '../helpers/databases.js';
import { startTestApp } from '../helpers/testApp.js';
import { agentApi, directTicket, onlineAgent } from '../handoff/helpers.js';

/**
 * The agent console (public/agent/) in headless Chromium: it offers a take-over on a request another
 * agent holds (where it offered nothing before), and a console whose token is revoked shows the sign-in
 * page with the reason instead of reconnecting.
 */
describeWithBrowser('the agent console: take-over and revoked tokens', () => {
  let db: Db;
  let app: App;
  let browser: Browser;
  beforeAll(async () => {
    db = await openTestDb('pglite');
    app = await startTestApp(db);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.close();
  });

  async function signIn(token: string, name: string) {
    const page = await newPage(browser);
    await page.goto(`${app.url}/agent`);
    await page.locator('#token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#me').filter({ hasText: name }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.locator('#connection[data-state="live"]').waitFor({ timeout: STEP_TIMEOUT_MS });
    return page;
  }

  it('offers "Take over" on a request another agent holds, and records it', async () => {
    const jamie = await onlineAgent(db, 'Jamie Rivera');
    const robin = await onlineAgent(db, 'Robin Park');
    const t = await directTicket(db, { severity: 'B', dueInMinutes: 60 });
    expect((await agentApi(app.url, jamie.token).post(`/api/tickets/${t.number}/claim`)).status).toBe(200);

    const page = await signIn(robin.token, 'Robin Park');
    await page.locator(`#queue-body tr[data-number="${t.number}"]`).click();
    await page.locator('#t-number').filter({ hasText: t.number }).waitFor({ timeout: STEP_TIMEOUT_MS });
    const takeOver = page.locator('#t-actions [data-action="takeover"]');
    await expect(takeOver.isVisible()).resolves.toBe(true);
    await expect(takeOver.textContent()).resolves.toBe('Take over from Jamie Rivera');
    for (const action of ['claim', 'release', 'resolved', 'closed', 'waiting_on_customer']) {
      await expect(page.locator(`#t-actions [data-action="${action}"]`).isDisabled(), action).resolves.toBe(true);
    }
    await expect(page.locator('#composer-hint').textContent()).resolves.toMatch(/^Jamie Rivera has this request\. Take it over/);

    page.once('dialog', (dialog) => void dialog.accept());
    await takeOver.click();
    await page.locator('#t-notice').filter({ hasText: 'You took the request over' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.locator('#t-history li').filter({ hasText: 'Robin Park took the request over from Jamie Rivera.' }).waitFor({ state: 'attached', timeout: STEP_TIMEOUT_MS });
    await expect(takeOver.isHidden()).resolves.toBe(true);
    await expect(page.locator('#t-actions [data-action="resolved"]').isEnabled()).resolves.toBe(true);
    expect(page.problems).toEqual([]);
    await page.close();
  });

  it('tells the agent who had it, and signs out a revoked agent with the reason instead of reconnecting', async () => {
    const casey = await onlineAgent(db, 'Casey Lee');
    const drew = await onlineAgent(db, 'Drew Moss');
    const t = await directTicket(db, { severity: 'B', dueInMinutes: 60 });
    expect((await agentApi(app.url, casey.token).post(`/api/tickets/${t.number}/claim`)).status).toBe(200);
    const page = await signIn(casey.token, 'Casey Lee');
    await page.locator(`#queue-body tr[data-number="${t.number}"]`).click();
    await page.locator('#t-number').filter({ hasText: t.number }).waitFor({ timeout: STEP_TIMEOUT_MS });

    expect((await agentApi(app.url, drew.token).post(`/api/tickets/${t.number}/takeover`)).status).toBe(200);
    await page.locator('#t-notice').filter({ hasText: `Drew Moss took over ${t.number} from you` }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.locator('#t-actions [data-action="takeover"]').filter({ hasText: 'Take over from Drew Moss' }).waitFor({ timeout: STEP_TIMEOUT_MS });

    // Let the console finish the reads the take-over set off (it refreshes the queue shortly after an
    // event): a read refused after the revoke would sign it out too, with a vaguer reason.
    await new Promise((r) => setTimeout(r, 1000));
    const requests: string[] = [];
    page.on('request', (r) => void requests.push(r.url()));
    await createAgentStore(db).remove(casey.agent.id);
    // Any event makes the stream check the token; an idle one would notice at its next keep-alive.
    await agentApi(app.url, drew.token).post('/api/incidents', { title: 'Mail delays', product: 'Exchange Online', summary: 'Outbound mail is queued.' });
    await page.locator('#sign-in-error').filter({ hasText: 'your agent token was revoked' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await expect(page.locator('#console-view').isHidden()).resolves.toBe(true);
    await new Promise((r) => setTimeout(r, 1500));
    expect(requests.filter((u) => u.endsWith('/api/events'))).toEqual([]);
    expect(page.problems).toEqual([]);
    await page.close();
  });
});
