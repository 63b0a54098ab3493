import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { ARTIFACTS_DIR, clickCardButton, describeWithBrowser, openWidget, screenshot, sendText, STEP_TIMEOUT_MS, useBrowserSuite, waitForBotText } from './helpers.js';

/**
 * The cards as an admin sees them in the widget: at its 400 px desktop width and at a 360 px phone
 * width (the widget is the whole screen there). A word broken inside ("Sev erit y") or a card cut off on
 * the right is measured in the rendered page, not guessed from the card JSON.
 */

const PHASE = 'after';
/** Wider than any label or word of a sentence at the cards' font size (~8 px a character). */
const LONG_TOKEN_PX = 160;
const DESKTOP = { width: 1280, height: 900 };
/** At 480 px and less the widget is the whole screen. */
const PHONE = { width: 360, height: 740 };
const ACTIVITY = '.webchat__basic-transcript__activity';
const CARD = `${ACTIVITY} .ac-adaptiveCard`;

interface CardLayout {
  /** Words drawn on more than one line, with the text they belong to. */
  brokenWords: string[];
  /** Tokens wider than LONG_TOKEN_PX that wrap: allowed, listed for the log. */
  longTokens: string[];
  /** How far (px) any card reaches past the chat's right edge; 0 when everything is inside. */
  overflowRight: number;
  heights: number[];
}

/**
 * Measures every top-level card in the transcript: each word of each visible text is laid out as a
 * Range, and a word whose line boxes sit at more than one height was broken inside.
 */
function measureCards(page: Page): Promise<CardLayout> {
  return page.evaluate(([selector, longToken]) => {
    const chat = document.querySelector('.sa-widget__webchat')!.getBoundingClientRect();
    const cards = Array.from(document.querySelectorAll<HTMLElement>(selector)).filter((c) => !c.parentElement?.closest('.ac-adaptiveCard'));
    const brokenWords: string[] = [];
    const longTokens: string[] = [];
    let overflowRight = 0;
    for (const card of cards) {
      overflowRight = Math.max(overflowRight, card.getBoundingClientRect().right - chat.right);
      const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const value = node.nodeValue ?? '';
        // A line may end after a hyphen ("Toll-" / "free"): each part up to a hyphen counts as a word.
        for (const match of value.matchAll(/[^\s-]+-?|-/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0);
          if (new Set(rects.map((r) => Math.round(r.top))).size < 2) continue;
          // Any label and any ordinary word is narrower than LONG_TOKEN_PX and must never break; a longer
          // token (a host name such as include:spf.protection.outlook.com) may wrap inside an indented line.
          const width = rects.reduce((sum, r) => sum + r.width, 0);
          (width <= longToken ? brokenWords : longTokens).push(`${match[0]} (${Math.round(width)} px: "${value.trim().slice(0, 50)}")`);
        }
      }
    }
    return { brokenWords, longTokens, overflowRight: Math.max(0, Math.round(overflowRight)), heights: cards.map((c) => Math.round(c.getBoundingClientRect().height)) };
  }, [CARD, LONG_TOKEN_PX] as const);
}

describeWithBrowser('cards at 400 px and 360 px in the web widget', () => {
  const suite = useBrowserSuite();

  it('articles, summary and ticket cards fit without broken words', async () => {
    // An admin in New York: Web Chat sends the browser's zone as localTimezone on every activity.
    const context = await suite.browser.newContext({ viewport: DESKTOP, timezoneId: 'America/New_York', locale: 'en-US' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await openWidget(page, `${suite.app.url}/`);
    await waitForBotText(page, /support assistant/i);

    /** The last transcript entry holding a card with this text. */
    const activityWith = (text: string | RegExp) => page.locator(ACTIVITY).filter({ has: page.locator('.ac-adaptiveCard', { hasText: text }) }).last();
    const layouts: Record<string, CardLayout> = {};
    /**
     * Measures every card at both widths and saves the window; then the whole entry, however tall: the
     * panel is 600 px at most on a desktop, so for that picture the window (and the panel) is made tall.
     */
    const capture = async (name: string, activity: Locator) => {
      for (const [width, viewport] of [[400, DESKTOP], [360, PHONE]] as const) {
        await page.setViewportSize(viewport);
        await page.waitForTimeout(200);
        layouts[`${name}-${width}`] = await measureCards(page);
        await activity.scrollIntoViewIfNeeded();
        await screenshot(page, `cards-${PHASE}-${name}-${width}`);
        await page.evaluate(() => document.documentElement.classList.add('cards-test-tall'));
        await page.setViewportSize({ width: viewport.width, height: 2400 });
        await page.waitForTimeout(200);
        await activity.scrollIntoViewIfNeeded();
        await activity.screenshot({ path: join(ARTIFACTS_DIR, `cards-${PHASE}-${name}-${width}-card.png`) });
        await page.evaluate(() => document.documentElement.classList.remove('cards-test-tall'));
      }
      await page.setViewportSize(DESKTOP);
    };
    await page.addStyleTag({ content: 'html.cards-test-tall .sa-widget__panel { height: calc(100vh - 120px) !important; }' });

    await sendText(page, 'emails to external recipients bounce back with an NDR 550 5.1.1');
    await waitForBotText(page, /Did this solve it/);
    const ndr = activityWith('Look the code up');
    await ndr.waitFor({ timeout: STEP_TIMEOUT_MS });
    // A vertical list, and the nested list under "Look the code up:" is there, on its own indented lines.
    expect(await page.locator(`${ACTIVITY} .webchat__carousel-layout`).count()).toBe(0);
    const code = ndr.getByText('5.1.1 / 5.1.10', { exact: false }).first();
    expect(await code.isVisible()).toBe(true);
    const lookUp = await ndr.getByText('Look the code up:').first().boundingBox();
    expect((await code.boundingBox())!.x).toBeGreaterThan(lookUp!.x + 8);
    await capture('articles', page.locator(ACTIVITY).filter({ has: page.locator('.ac-adaptiveCard') }).filter({ hasText: 'NDR' }).first());

    // "Read the article" opens the bot's own page for it; at phone width nothing runs off the side.
    const [articlePage] = await Promise.all([context.waitForEvent('page'), ndr.getByRole('button', { name: 'Read the article' }).first().click()]);
    await articlePage.waitForLoadState();
    expect(articlePage.url()).toBe(`${suite.app.url}/articles/exo-mail-flow-outbound-ndr?lang=en`);
    await articlePage.setViewportSize(PHONE);
    expect(await articlePage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    expect(await articlePage.locator('li li').count()).toBeGreaterThanOrEqual(6);
    await articlePage.screenshot({ path: join(ARTIFACTS_DIR, `cards-${PHASE}-article-page-360.png`), fullPage: true });
    await articlePage.close();

    await clickCardButton(page, 'No, I still need help');
    await waitForBotText(page, /are you an admin/i);
    await clickCardButton(page, 'Yes');
    await waitForBotText(page, /I suggest Severity/);
    await clickCardButton(page, /^Yes/);
    await waitForBotText(page, /Which plan/);
    await clickCardButton(page, 'Business Premium');
    await waitForBotText(page, /Your contact details/);
    const form = page.locator(ACTIVITY).last();
    await form.getByRole('textbox', { name: 'Name' }).fill('Kim Lee');
    await form.getByRole('textbox', { name: 'Email' }).fill('kim@contoso.com');
    await form.getByRole('textbox', { name: 'Phone (with country code)' }).fill('+1 212 555 0100');
    await clickCardButton(page, 'Continue');
    await waitForBotText(page, /Please check your request/);
    await capture('summary', activityWith('Please check your request'));

    await clickCardButton(page, 'Submit request');
    const confirmation = await waitForBotText(page, /Request SR-\d+ is open/);
    const number = /SR-\d+/.exec(confirmation)![0];
    const ticket = activityWith(`Request ${number} is open`);
    await ticket.waitFor();
    const compactHeight = (await ticket.boundingBox())!.height;
    await capture('ticket', ticket);
    // The rest is one click away, and the button says what a second click does.
    await ticket.getByRole('button', { name: 'Show details' }).click();
    await ticket.getByText('Expected wait').waitFor();
    expect(await ticket.getByRole('button', { name: 'Hide details' }).isVisible()).toBe(true);
    await capture('ticket-details', ticket);

    await sendText(page, `status of ${number}`);
    await waitForBotText(page, new RegExp(`Request ${number} Status`));
    const status = activityWith('First response due');
    await status.getByRole('button', { name: 'Show details' }).click();
    // Times in the admin's zone, named in words; never UTC or an IANA id.
    const opened = await status.innerText();
    expect(opened).toMatch(/Eastern Time/);
    expect(opened).not.toMatch(/UTC|America\/New_York/);
    await capture('status', status);

    console.log(JSON.stringify({ compactHeight, layouts: Object.fromEntries(Object.entries(layouts).map(([k, v]) => [k, { heights: v.heights, overflowRight: v.overflowRight, broken: v.brokenWords.length, longTokens: v.longTokens }])) }));
    expect(compactHeight).toBeLessThan(400);
    for (const [name, layout] of Object.entries(layouts)) {
      expect({ name, broken: layout.brokenWords }).toEqual({ name, broken: [] });
      expect({ name, overflow: layout.overflowRight }).toEqual({ name, overflow: 0 });
    }
    expect(problems).toEqual([]);
    await context.close();
  }, 150_000);
});
