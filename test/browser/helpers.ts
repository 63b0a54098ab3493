import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { Db } from '../../src/storage/db.js';
import { openTestDb } from '../helpers/databases.js';
import { repoRoot, startTestApp } from '../helpers/testApp.js';

/**
 * Browser tests drive Debian's Chromium (headless) through playwright-core. Without Chromium they
 * are skipped with a notice, except under CI=true, where its absence is a failure (.ci/run installs
 * it). Helpers here speak in terms of the widget, so a flow reads like what a visitor does.
 */

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const ARTIFACTS_DIR = join(repoRoot, 'test-artifacts');

// Playwright gives every launch a fresh temporary profile (its own --user-data-dir).
const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

/** How long a step may wait for the bot; generous for a loaded 2-core CI machine. */
export const STEP_TIMEOUT_MS = 15_000;

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

let noticePrinted = false;

/** `describe` for suites that need Chromium: skipped with a notice without it, failing under CI. */
export function describeWithBrowser(name: string, body: () => void): void {
  if (chromiumAvailable()) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs Chromium under CI', () => {
        throw new Error(`CI=true but Chromium is missing at ${CHROMIUM_PATH} (.ci/run installs the chromium package)`);
      });
    });
  } else {
    if (!noticePrinted) {
      noticePrinted = true;
      console.warn(`NOTICE: browser tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium; they run in CI).`);
    }
    describe.skip(`${name} (no Chromium)`, body);
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS, timeout: 30_000 });
}

/** A page that records console errors and page crashes, to assert a clean run. */
export async function newPage(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<Page & { problems: string[] }> {
  const page = (await browser.newPage({ viewport })) as Page & { problems: string[] };
  page.problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') page.problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => page.problems.push(`page error: ${error.message}`));
  return page;
}

const SEND_BOX = '[data-id="webchat-sendbox-input"]';
const ACTIVITY = '.webchat__basic-transcript__activity';
const BOT_BUBBLE = `${ACTIVITY} .webchat__bubble:not(.webchat__bubble--from-user)`;
const USER_BUBBLE = `${ACTIVITY} .webchat__bubble--from-user`;

/** Opens the page and the chat (if it is not open already) and waits until a message can be typed. */
export async function openWidget(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('.sa-widget__bubble').waitFor({ timeout: STEP_TIMEOUT_MS });
  if ((await page.locator('.sa-widget__bubble').getAttribute('aria-expanded')) !== 'true') {
    await page.locator('.sa-widget__bubble').click();
  }
  await page.locator(SEND_BOX).waitFor({ timeout: STEP_TIMEOUT_MS });
}

/** Types into the Web Chat send box and presses Enter. */
export async function sendText(page: Page, text: string): Promise<void> {
  const input = page.locator(SEND_BOX);
  await input.fill(text);
  await input.press('Enter');
}

/** The texts of the bot's messages and cards so far, oldest first. */
export async function botTexts(page: Page): Promise<string[]> {
  return page.locator(BOT_BUBBLE).evaluateAll((nodes) => nodes.map((n) => (n as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
}

/** The texts of the user's messages so far, oldest first. */
export async function userTexts(page: Page): Promise<string[]> {
  return page.locator(USER_BUBBLE).evaluateAll((nodes) => nodes.map((n) => (n as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
}

/**
 * Waits until `count` bot messages (or cards) match the pattern, and returns the last one matching.
 * Count matters when the bot says the same thing twice (a re-prompt).
 */
export async function waitForBotText(page: Page, pattern: RegExp, { count = 1, timeout = STEP_TIMEOUT_MS } = {}): Promise<string> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const matches = (await botTexts(page)).filter((t) => pattern.test(t));
    if (matches.length >= count) return matches.at(-1)!;
    if (Date.now() > deadline) {
      throw new Error(`no bot message matched ${pattern} (x${count}) within ${timeout} ms; the bot said:\n${(await botTexts(page)).slice(-5).join('\n')}`);
    }
    await page.waitForTimeout(100);
  }
}

/**
 * Clicks the button with this title on the most recent card that has one: hero card buttons,
 * Adaptive Card actions and suggested actions are all buttons in Web Chat.
 */
export async function clickCardButton(page: Page, title: string | RegExp, { timeout = STEP_TIMEOUT_MS } = {}): Promise<void> {
  const buttons = page.locator(`${ACTIVITY}, .webchat__suggested-actions`).getByRole('button', { name: title, exact: typeof title === 'string' });
  await buttons.last().waitFor({ timeout });
  await buttons.last().click();
}

/** Saves a full-window screenshot to test-artifacts/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string, path = join(ARTIFACTS_DIR, `${name}.png`)): Promise<string> {
  mkdirSync(join(path, '..'), { recursive: true });
  await page.screenshot({ path });
  return path;
}

/**
 * The usual set-up of a browser suite: a private PGlite database, the real server on it and Chromium,
 * started before the suite and stopped after it. Read `ctx.db`, `ctx.app`, `ctx.browser` inside tests.
 */
export function useBrowserSuite(env: Record<string, string> = {}): { db: Db; app: App; browser: Browser } {
  const ctx = {} as { db: Db; app: App; browser: Browser };
  beforeAll(async () => {
    ctx.db = await openTestDb('pglite');
    ctx.app = await startTestApp(ctx.db, env);
    ctx.browser = await launchBrowser();
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.app?.close();
    await ctx.db?.close();
  });
  return ctx;
}
