import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { createAgentStore } from '../../src/agents/agentStore.js';
import { createInsightsRecorder } from '../../src/insights/index.js';
import { responseDueAt } from '../../src/support/index.js';
import { createTicketService } from '../../src/tickets/index.js';
import { sampleTicket } from '../tickets/fixtures/sampleTicket.js';
import { describeWithBrowser, newPage, screenshot, STEP_TIMEOUT_MS, useBrowserSuite } from './helpers.js';

/**
 * The managers' Insights tab in Chromium at 1280 px: the totals, the charts drawn by Chart.js from
 * node_modules, their numbers as tables and CSV downloads, the knowledge gaps. Agents who are not
 * managers do not see the tab. Screenshot: test-artifacts/agent-console-insights.png.
 */
describeWithBrowser('the insights dashboard of the agent console', () => {
  const ctx = useBrowserSuite();

  it('shows managers what happened, with the numbers behind every chart', async () => {
    const agents = createAgentStore(ctx.db);
    const manager = await agents.add('Morgan Lee', { role: 'manager' });
    const agent = await agents.add('Ari Diaz');
    const insights = createInsightsRecorder(ctx.db);
    const daysAgo = (days: number, hour = 10) => new Date(Date.now() - days * 86_400_000 - (new Date().getUTCHours() - hour) * 3_600_000);
    const outcomes = ['self_help', 'self_help', 'self_help', 'escalated', 'abandoned', 'refused', 'incident', 'self_help', 'handed_to_person', 'abandoned'] as const;
    for (const [i, outcome] of outcomes.entries()) {
      const at = daysAgo(1 + (i % 5));
      const caseId = await insights.startCase({
        conversationId: `browser-${i}`,
        channelId: i % 3 ? 'directline' : 'msteams',
        language: (['en', 'de', 'zh-Hans'] as const)[i % 3]!,
        cloud: 'worldwide',
        text: 'words',
        topic: i % 2 ? 'teams.meetings' : 'accounts.passwords',
        category: 'technical',
        confidence: 0.8,
        at,
      });
      await insights.endCase(caseId, outcome, { at });
      if (outcome === 'self_help') await insights.recordSatisfaction({ caseId, ticketNumber: null, about: 'self_help', score: 3 + (i % 3), comment: i === 0 ? 'The steps were clear' : null, conversationId: `browser-${i}`, channelId: 'directline', language: 'en', at });
    }
    await insights.recordGap({ caseId: null, text: 'users cannot see the room mailbox calendar, ask jo@contoso.com', language: 'en', reason: 'clarification', topic: null, closestArticleId: null, score: 0.2, at: daysAgo(2) });
    await insights.recordGap({ caseId: null, text: 'room mailbox calendar not visible to users', language: 'en', reason: 'self_help_failed', topic: null, closestArticleId: null, score: 0.2, at: daysAgo(1) });
    const tickets = createTicketService({ db: ctx.db, responseDue: responseDueAt });
    const { ticket } = await tickets.createTicket(sampleTicket({ planFamily: 'business', elevated: true, severity: 'A', contactMethod: 'email' }), { dedupeKey: 'browser-insights' });
    await tickets.assign(ticket.number, { kind: 'agent', agentId: agent.agent.id }, agent.agent.id);
    await tickets.resolve(ticket.number, { kind: 'agent', agentId: agent.agent.id }, { note: 'Done' });
    await ctx.app.outbox.drain();

    const page = await newPage(ctx.browser);
    try {
      // An agent who is not a manager: no Insights tab.
      await page.goto(`${ctx.app.url}/agent/`);
      await page.locator('#token').fill(agent.token);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('#connection[data-state="live"]').waitFor({ timeout: STEP_TIMEOUT_MS });
      expect(await page.locator('#tab-insights').isHidden()).toBe(true);
      await page.getByRole('button', { name: 'Sign out' }).click();

      await page.locator('#token').fill(manager.token);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('#connection[data-state="live"]').waitFor({ timeout: STEP_TIMEOUT_MS });
      await page.locator('#tab-insights').click();
      await page.locator('#ins-status', { hasText: 'Updated' }).waitFor({ timeout: STEP_TIMEOUT_MS });
      const tiles = await page.locator('#ins-tiles').innerText();
      expect(tiles).toMatch(/Cases\s+10\s+10 conversations/);
      // Solved without an engineer: 4 self-help and 1 incident of 10 ended cases.
      expect(tiles).toMatch(/Solved without an engineer\s+50%/);
      expect(tiles).toMatch(/Satisfaction\s+4 \/ 5/);
      expect(tiles).toMatch(/Response objectives met\s+100%/);
      // The charts are drawn (Chart.js from node_modules) and take the page's width.
      for (const id of ['ins-outcomes-chart', 'ins-breakdown-chart', 'ins-satisfaction-chart', 'ins-objectives-chart']) {
        const box = await page.locator(`#${id}`).boundingBox();
        expect(box?.width, id).toBeGreaterThan(300);
      }
      expect(await page.evaluate(() => typeof (window as unknown as { Chart?: unknown }).Chart)).toBe('function');
      // The numbers behind a chart, without colour.
      await page.locator('#ins-breakdown-numbers summary').click();
      const breakdown = await page.locator('#ins-breakdown-numbers table').innerText();
      expect(breakdown).toMatch(/accounts\.passwords\s+5/);
      expect(breakdown).toMatch(/teams\.meetings\s+5/);
      const gaps = await page.locator('#ins-gaps').innerText();
      expect(gaps).toContain('users cannot see the room mailbox calendar, ask [email]');
      expect(gaps).not.toContain('jo@contoso.com');
      expect(await page.locator('#ins-gaps > li').count()).toBe(1);
      expect(await page.locator('#ins-comments').innerText()).toContain('The steps were clear');

      await page.locator('#insights-panel').evaluate((el) => el.scrollIntoView());
      await screenshot(page, 'agent-console-insights');
      await page.locator('#ins-gaps').scrollIntoViewIfNeeded();
      await screenshot(page, 'agent-console-insights-more');

      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#ins-breakdown-csv').click()]);
      expect(download.suggestedFilename()).toMatch(/^insights-breakdown-topic-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv$/);
      const csv = await readFile((await download.path())!, 'utf8');
      expect(csv.replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(/^topic,cases,selfHelp,/);

      // A filter narrows every figure.
      await page.locator('#ins-channel').selectOption('msteams');
      await expect.poll(() => page.locator('#ins-tiles').innerText(), { timeout: STEP_TIMEOUT_MS }).toMatch(/Cases\s+4\s/);
      expect(page.problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
