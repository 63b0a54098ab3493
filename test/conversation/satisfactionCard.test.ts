// The satisfaction card as an admin sees and answers it in the web widget: at its 400 px desktop width
// and at a 360 px phone width (the widget is the whole screen there). Every score's label fits on one
// line and nothing reaches past the chat's right edge; picking a score, writing a comment and Send
// records it. Screenshots: test-artifacts/satisfaction-card-400.png, satisfaction-card-360.png.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { clickCardButton, describeWithBrowser, openWidget, screenshot, sendText, useBrowserSuite, waitForBotText } from '../browser/helpers.js';

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 740 };
const CARD = '.webchat__basic-transcript__activity .ac-adaptiveCard';

/** The satisfaction card's score labels with the lines each is drawn on, and how far the card reaches past the chat. */
function layoutOf(page: Page) {
  return page.evaluate((selector) => {
    const chat = document.querySelector('.sa-widget__webchat')!.getBoundingClientRect();
    const card = Array.from(document.querySelectorAll<HTMLElement>(selector)).filter((c) => c.innerText.includes('how satisfied')).at(-1)!;
    const lines = (element: Element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      return new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
    };
    const labels = Array.from(card.querySelectorAll('label')).filter((l) => /^[1-5] – /.test(l.textContent?.trim() ?? ''));
    return {
      // A label cut off with "…" is wider inside than it is drawn.
      labels: labels.map((l) => ({ text: l.textContent!.trim(), lines: lines(l), cutOff: l.scrollWidth > l.clientWidth + 1 })),
      overflowRight: Math.max(0, Math.round(card.getBoundingClientRect().right - chat.right)),
    };
  }, CARD);
}

describeWithBrowser('the satisfaction card in the web widget', () => {
  const suite = useBrowserSuite();

  it('is readable at 400 px and at 360 px, and answered with a score and a comment', async () => {
    const context = await suite.browser.newContext({ viewport: DESKTOP, locale: 'en-US' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await openWidget(page, `${suite.app.url}/`);
    await waitForBotText(page, /support assistant/i);
    await sendText(page, 'how do i set a users password to never expire');
    await clickCardButton(page, 'Yes, solved');
    await waitForBotText(page, /how satisfied are you with the help you got/);

    for (const [width, viewport] of [[400, DESKTOP], [360, PHONE]] as const) {
      await page.setViewportSize(viewport);
      await page.waitForTimeout(200);
      const layout = await layoutOf(page);
      // Every score is a number and words, each on one line: readable without colour, at either width.
      expect(layout.labels).toEqual(
        ['5 – Very satisfied', '4 – Satisfied', '3 – Neutral', '2 – Dissatisfied', '1 – Very dissatisfied'].map((text) => ({ text, lines: 1, cutOff: false })),
      );
      expect(layout.overflowRight).toBe(0);
      await page.locator(CARD).last().scrollIntoViewIfNeeded();
      await screenshot(page, `satisfaction-card-${width}`);
    }

    await page.getByRole('radio', { name: '4 – Satisfied' }).last().check();
    await page.getByRole('textbox', { name: /Comment/ }).last().fill('Clear steps, thanks');
    await clickCardButton(page, 'Send');
    await waitForBotText(page, /Thank you for your feedback and your comment!/);
    await screenshot(page, 'satisfaction-card-360-answered');
    expect(problems).toEqual([]);
    await context.close();
  });
});
