import { expect, it } from 'vitest';
import { translate } from '../../src/i18n/index.js';
import { log, png, polyglot } from '../attachments/files.js';
import { botTexts, describeWithBrowser, newPage, openWidget, screenshot, sendText, useBrowserSuite, waitForBotText } from './helpers.js';

/**
 * Attaching a screenshot with Web Chat's own upload button (sent as soon as it is picked) in the widget (400 px wide on a desktop
 * page): the file goes through DirectLineJS's upload, the bot acknowledges it and asks its open
 * question again, and the admin's message shows the server's copy of the image.
 */
describeWithBrowser('attaching a file in the web widget', () => {
  const suite = useBrowserSuite();

  it('attaches a PNG with the upload button; the bot acknowledges it and the question stays open', async () => {
    const page = await newPage(suite.browser, { width: 1280, height: 900 });
    await openWidget(page, `${suite.app.url}/`);
    await waitForBotText(page, /support assistant/i);
    await sendText(page, 'outlook keeps asking for my password');
    const question = await waitForBotText(page, /Did this solve it/);
    const asked = (await botTexts(page)).filter((t) => t === question).length;

    const picker = page.locator('input[type="file"]');
    expect(await picker.getAttribute('accept')).toBe('.png,.jpg,.jpeg,.gif,.webp,.pdf,.txt,.log,.csv,.json');
    await picker.setInputFiles({ name: 'password-prompt.png', mimeType: 'image/png', buffer: png(320, 200, [200, 60, 40]) });
    await waitForBotText(page, /^Got password-prompt\.png \(\d+ KB\)\. It goes on your request when I file it\.$/);
    await waitForBotText(page, /Did this solve it/, { count: asked + 1 });

    // The admin's own message shows the image from the server's copy, not the browser's blob.
    const image = page.locator('.webchat__bubble--from-user img').last();
    await image.waitFor();
    await page.waitForFunction(() => {
      const img = Array.from(document.querySelectorAll<HTMLImageElement>('.webchat__bubble--from-user img')).at(-1);
      return !!img && img.complete && img.naturalWidth > 0 && img.src.includes('/files/');
    });
    expect(await image.getAttribute('src')).toMatch(new RegExp(`^${suite.app.url}/files/`));
    expect((await page.locator('.sa-widget__panel').boundingBox())?.width).toBeLessThanOrEqual(400);
    await page.waitForTimeout(300);
    await screenshot(page, 'attachments-1-upload-400');

    const { rows } = await suite.db.query<{ file_name: string; content_type: string }>('SELECT file_name, content_type FROM attachments');
    expect(rows).toEqual([{ file_name: 'password-prompt.png', content_type: 'image/png' }]);
    expect(page.problems).toEqual([]);
  }, 90_000);

  it('on a 360 px phone, a log file goes through in German and a disguised web page is refused with the reason', async () => {
    const page = await newPage(suite.browser, { width: 360, height: 740 });
    // The demo page opens the chat itself; at this width the open panel covers the page and its bubble.
    await page.goto(`${suite.app.url}/?lang=de`);
    await page.locator('[data-id="webchat-sendbox-input"]').waitFor({ timeout: 15_000 });
    await waitForBotText(page, /^Hallo/);
    const picker = page.locator('input[type="file"]');
    await picker.setInputFiles({ name: 'outlook-sync.log', mimeType: 'text/plain', buffer: log() });
    await waitForBotText(page, /outlook-sync\.log/);
    // A GIF header in front of a script, named like a picture: the content decides, and it is refused.
    await picker.setInputFiles({ name: 'screenshot.gif', mimeType: 'image/gif', buffer: polyglot() });
    const refusal = await waitForBotText(page, /screenshot\.gif/);
    expect(refusal).toBe(translate('de', 'attachments.refused.typeNotAllowed', { name: 'screenshot.gif' }));
    const panel = await page.locator('.sa-widget__panel').boundingBox();
    expect((panel?.x ?? 0) + (panel?.width ?? 0)).toBeLessThanOrEqual(360);
    await page.waitForTimeout(300);
    await screenshot(page, 'attachments-2-phone-360-de');
    const { rows } = await suite.db.query<{ file_name: string }>("SELECT file_name FROM attachments WHERE file_name = 'outlook-sync.log'");
    expect(rows).toHaveLength(1);
    // Web Chat itself tries to draw the picked "GIF" as a thumbnail and the browser cannot decode it:
    // that is the browser's view of the same fake the server refused, not an error of the page.
    expect(page.problems.filter((p) => !/source image could not be decoded/.test(p))).toEqual([]);
  }, 90_000);
});
