import { expect, it } from 'vitest';
import { createAgentStore } from '../../src/agents/agentStore.js';
import { agentApi, directTicket } from '../handoff/helpers.js';
import { startReceiver } from '../webhooks/receiver.js';
import { describeWithBrowser, newPage, screenshot, STEP_TIMEOUT_MS, useBrowserSuite } from './helpers.js';

/**
 * The managers' Webhooks view in Chromium at 1280 px: a manager adds an endpoint and sees its secret once,
 * sees a delivery, a dead letter and replays it; a plain agent has no such tab.
 * Screenshot: test-artifacts/agent-console-webhooks.png.
 */
describeWithBrowser('the webhooks view of the agent console', () => {
  const ctx = useBrowserSuite({ WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_RETRY_BASE_SECONDS: '0.05', WEBHOOK_RETRY_MAX_SECONDS: '0.1', WEBHOOK_MAX_ATTEMPTS: '2' });

  it('lets a manager add an endpoint, watch deliveries and replay a dead letter; agents do not see it', async () => {
    const agents = createAgentStore(ctx.db);
    const manager = await agents.add('Morgan Lee', { role: 'manager' });
    const plain = await agents.add('Jamie Rivera');
    const receiver = await startReceiver([500, 500]);
    const page = await newPage(ctx.browser);
    try {
      const signIn = async (token: string) => {
        await page.goto(`${ctx.app.url}/agent/`);
        await page.locator('#token').fill(token);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.locator('#connection[data-state="live"]').waitFor({ timeout: STEP_TIMEOUT_MS });
      };
      await signIn(plain.token);
      await expect(page.locator('#tab-webhooks').isHidden()).resolves.toBe(true);
      await page.getByRole('button', { name: 'Sign out' }).click();

      await signIn(manager.token);
      await page.locator('#tab-webhooks').click();
      await page.locator('#webhook-url').fill('ftp://nowhere');
      await page.getByRole('button', { name: 'Add endpoint' }).click();
      await page.locator('#webhook-error:not([hidden])').waitFor({ timeout: STEP_TIMEOUT_MS });
      expect(await page.locator('#webhook-error').textContent()).toMatch(/must start with https:\/\/ or http:\/\//);
      await page.locator('#webhook-url').fill('https://127.0.0.1:8443/');
      await page.locator('#webhook-description').fill('Our helpdesk');
      await page.getByRole('button', { name: 'Add endpoint' }).click();
      await page.locator('#webhook-secret:not([hidden])').waitFor({ timeout: STEP_TIMEOUT_MS });
      expect(await page.locator('#webhook-secret-value').textContent()).toMatch(/^whsec_/);
      await page.getByRole('button', { name: 'Done' }).click();
      expect(await page.locator('#webhook-list li').first().textContent()).toMatch(/Our helpdesk.*On.*https:\/\/127\.0\.0\.1:8443\/.*Sends: Request filed, Request changed, Request closed/);

      // An endpoint that fails: its delivery becomes a dead letter the manager replays.
      await agentApi(ctx.app.url, manager.token).post('/api/webhooks', { url: receiver.url, events: ['ticket.created'], description: 'Flaky receiver' });
      const ticket = await directTicket(ctx.db, { severity: 'B', dueInMinutes: 60 });
      await ctx.app.outbox.drain();
      await page.locator('#dead-count:not([hidden])').waitFor({ timeout: STEP_TIMEOUT_MS }).catch(async () => {
        await page.locator('#tab-webhooks').click();
        await page.locator('#dead-count:not([hidden])').waitFor({ timeout: STEP_TIMEOUT_MS });
      });
      await page.locator('#delivery-filter').selectOption('dead');
      const dead = page.locator('#delivery-list li.dead', { hasText: 'Flaky receiver' });
      await dead.waitFor({ timeout: STEP_TIMEOUT_MS });
      expect(await dead.textContent()).toContain(`Request filed · ${ticket.number}`);
      expect(await dead.textContent()).toMatch(/2 attempts.*HTTP 500: refused with 500/);
      await screenshot(page, 'agent-console-webhooks');
      await dead.getByRole('button', { name: 'Replay' }).click();
      await receiver.waitFor(3);
      await page.locator('#delivery-filter').selectOption('');
      await page.locator('#delivery-list li.delivered', { hasText: 'Flaky receiver' }).waitFor({ timeout: STEP_TIMEOUT_MS });
      // Only the refused ftp:// endpoint's 400, which Chromium logs as a failed load.
      expect(page.problems).toEqual(['console: Failed to load resource: the server responded with a status of 400 (Bad Request)']);
    } finally {
      await page.close();
      await receiver.close();
    }
  });
});
