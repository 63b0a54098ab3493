import restify, { type Server } from 'restify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE_PAGE_CSP, mountArticlePages } from '../../src/articleView/index.js';
import { translate } from '../../src/i18n/index.js';
import type { Article, Knowledge } from '../../src/knowledge/index.js';
import { useTestApp } from '../helpers/testApp.js';

/** GET /articles/<id>?lang=<language>: the page behind "Read the article". */

describe('the article page on the running server', () => {
  const ctx = useTestApp();
  const get = (path: string) => fetch(`${ctx.app.url}${path}`);

  it('serves the whole article as HTML with a strict policy', async () => {
    const res = await get('/articles/exo-mail-flow-outbound-ndr?lang=en');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe(ARTICLE_PAGE_CSP);
    expect(ARTICLE_PAGE_CSP).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'$/);
    const html = await res.text();
    expect(html).toContain('<html lang="en-US">');
    expect(html).toContain('<h1>Emails to external recipients bounce back with an NDR</h1>');
    // The nested NDR code list the old cards dropped.
    expect(html).toMatch(/<li>Look the code up:\s*<ul>\s*<li><strong>5\.1\.1 \/ 5\.1\.10<\/strong>/);
    expect(html).not.toMatch(/<script/i);
  });

  it('serves the translation in the language asked for, also given as a locale', async () => {
    for (const lang of ['de', 'de-AT']) {
      const res = await get(`/articles/exo-mail-flow-outbound-ndr?lang=${lang}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-language')).toBe('de');
      const html = await res.text();
      expect(html).toContain('<html lang="de-DE">');
      expect(html).toContain('Schlagen Sie den Code nach');
      expect(html).not.toContain(translate('de', 'selfHelp.englishOnly'));
    }
    expect(await (await get('/articles/exo-mail-flow-outbound-ndr')).text()).toContain('<html lang="en-US">');
  });

  it('answers 404 for an unknown id, and for anything that cannot be one, in the reader’s language', async () => {
    for (const path of ['/articles/no-such-article?lang=de', '/articles/UPPER?lang=de', '/articles/a..b?lang=de', `/articles/${'a-'.repeat(30)}a?lang=de`]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-security-policy')).toBe(ARTICLE_PAGE_CSP);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.text()).toContain(translate('de', 'cards.articlePage.notFound.title'));
    }
    // An encoded slash, or an id too long for the router, never reaches the route: the server's own 404.
    expect((await get('/articles/..%2F..%2Fetc%2Fpasswd?lang=de')).status).toBe(404);
    expect((await get(`/articles/${'a-'.repeat(200)}a?lang=de`)).status).toBe(404);
  });

  it('answers 400 for a language it does not offer', async () => {
    for (const lang of ['fr', 'x'.repeat(100), '<script>']) {
      const res = await get(`/articles/exo-mail-flow-outbound-ndr?lang=${encodeURIComponent(lang)}`);
      expect(res.status).toBe(400);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const html = await res.text();
      expect(html).toContain(translate('en', 'cards.articlePage.badRequest.title'));
      expect(html).not.toContain('<script>');
    }
  });
});

describe('an article not translated yet', () => {
  const english: Article = {
    id: 'only-english',
    title: 'Only <English> & more',
    summary: 'A summary with "quotes".',
    topic: 'exchange.mail-flow',
    category: 'technical',
    product: 'Exchange Online',
    keywords: ['a', 'b', 'c'],
    locale: 'en-US',
    updated: '2026-11-22',
    body: 'Body <b>bold?</b>\n\n1. One\n   - nested',
    file: 'only-english.md',
    language: 'en',
  };
  const knowledge = { taxonomy: { categories: ['technical'], topics: [] }, articles: [english], translations: { de: [], 'zh-Hans': [], 'zh-Hant': [] } } as Knowledge;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = restify.createServer();
    mountArticlePages(server, knowledge);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${server.address().port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('is served in English with a note in the reader’s language, everything escaped', async () => {
    const res = await fetch(`${url}/articles/only-english?lang=zh-Hant`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-language')).toBe('zh-Hant');
    const html = await res.text();
    expect(html).toContain('<html lang="zh-TW">');
    expect(html).toContain('<article lang="en-US">');
    expect(html).toContain(`<p class="note" lang="zh-TW">${translate('zh-Hant', 'selfHelp.englishOnly')}</p>`);
    expect(html).toContain('<title>Only &lt;English&gt; &amp; more</title>');
    expect(html).toContain('<p class="summary">A summary with &quot;quotes&quot;.</p>');
    expect(html).toContain('Body &lt;b&gt;bold?&lt;/b&gt;');
    expect(html).toMatch(/<li>One\s*<ul>\s*<li>nested<\/li>/);
    expect(html).toContain(translate('zh-Hant', 'cards.articlePage.backToChat'));
  });
});
