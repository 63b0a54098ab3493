import { expect, it } from 'vitest';
import { createAgentStore } from '../../src/agents/agentStore.js';
import { createTicketService } from '../../src/tickets/index.js';
import { sampleTicket } from '../tickets/fixtures/sampleTicket.js';
import { describeWithBrowser, newPage, screenshot, STEP_TIMEOUT_MS, useBrowserSuite } from './helpers.js';

/**
 * The Call-backs view of the agent console in Chromium at 1280 px: who waits for a call, their number,
 * their time now, the hours that suit them; a call recorded with its outcome; a reached admin leaves the
 * list and the call shows in the request's history. Screenshot: test-artifacts/agent-console-callbacks.png.
 */
describeWithBrowser('the call-backs view of the agent console', () => {
  const ctx = useBrowserSuite();

  it('lists who waits for a call and records the calls', async () => {
    const added = await createAgentStore(ctx.db).add('Jamie Rivera');
    const tickets = createTicketService({ db: ctx.db, responseDue: () => null });
    const { ticket } = await tickets.createTicket(
      sampleTicket({
        severity: 'B',
        description: 'Teams calls drop after 30 seconds for the whole Munich office',
        requesterTimeZone: 'Europe/Berlin',
        callbackHours: 'weekdays after 14:00',
        requester: { id: 'aad-ute', name: 'Ute Berg', email: 'ute@fabrikam.example', phone: '+4930123456' },
      }),
      { dedupeKey: 'browser-callback' },
    );
    const page = await newPage(ctx.browser);
    try {
      await page.goto(`${ctx.app.url}/agent/`);
      await page.locator('#token').fill(added.token);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('#connection[data-state="live"]').waitFor({ timeout: STEP_TIMEOUT_MS });
      await expect.poll(() => page.locator('#callback-count').textContent()).toBe('1');
      await page.locator('#tab-callbacks').click();
      const item = page.locator('#callback-list li.callback', { hasText: ticket.number });
      await item.waitFor({ timeout: STEP_TIMEOUT_MS });
      const text = await item.textContent();
      expect(text).toContain('Prefers the phone');
      expect(text).toContain('Ute Berg');
      expect(text).toMatch(/Their time now: \d\d:\d\d · Central European Time/);
      expect(text).toContain('Hours that suit them: weekdays after 14:00');
      expect(await item.locator('a[href="tel:+4930123456"]').count()).toBe(1);

      await item.getByLabel('Outcome of the call to Ute Berg').selectOption('voicemail');
      await item.getByLabel('Note on the call').fill('Asked her to call back');
      await item.getByRole('button', { name: 'Record the call' }).click();
      await page.locator('#callback-list li.callback', { hasText: 'Last call: Left a voicemail' }).waitFor({ timeout: STEP_TIMEOUT_MS });
      await screenshot(page, 'agent-console-callbacks');

      await item.getByLabel('Outcome of the call to Ute Berg').selectOption('reached');
      await item.getByRole('button', { name: 'Record the call' }).click();
      await page.locator('#callback-list li', { hasText: 'Nobody is waiting for a call.' }).waitFor({ timeout: STEP_TIMEOUT_MS });
      expect(await page.locator('#callback-count').textContent()).toBe('0');
      expect(page.problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
