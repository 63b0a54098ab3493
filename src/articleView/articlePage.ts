import { createHash } from 'node:crypto';
import { DEFAULT_LANGUAGE, formattingLocale, translate, type Language } from '../i18n/index.js';
import type { Article } from '../knowledge/index.js';
import { escapeHtml, renderMarkdownHtml } from './markdown.js';

/**
 * The HTML of an article page: one self-contained document, no script, one inline style sheet that the
 * Content-Security-Policy allows by its hash (nothing else may load: no script, image, frame or form).
 * Made to read on a phone (360 px) as well as on a desktop.
 */

const STYLE = `
:root { color-scheme: light; --text: #1f2328; --subtle: #57606a; --line: #d8dee4; --accent: #0f6cbd; }
* { box-sizing: border-box; }
body { margin: 0; background: #f6f8fa; color: var(--text); font: 16px/1.6 system-ui, -apple-system, "Segoe UI", "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif; }
main { max-width: 44rem; margin: 0 auto; padding: 1.25rem 1rem 3rem; background: #fff; min-height: 100vh; }
h1 { font-size: 1.5rem; line-height: 1.3; margin: 0.25rem 0 0.5rem; }
h2 { font-size: 1.2rem; margin: 1.75rem 0 0.5rem; padding-bottom: 0.25rem; border-bottom: 1px solid var(--line); }
h3, h4, h5, h6 { font-size: 1.05rem; margin: 1.25rem 0 0.5rem; }
p, li { overflow-wrap: break-word; }
ol, ul { padding-left: 1.5rem; }
li { margin: 0.25rem 0; }
li > ul, li > ol { margin: 0.25rem 0; }
a { color: var(--accent); overflow-wrap: anywhere; }
code { font: 0.9em/1.4 ui-monospace, "Cascadia Mono", Consolas, monospace; background: #eff2f5; padding: 0.1em 0.3em; border-radius: 4px; overflow-wrap: anywhere; }
pre { overflow-x: auto; background: #eff2f5; padding: 0.75rem; border-radius: 6px; }
pre code { background: none; padding: 0; }
table { display: block; overflow-x: auto; border-collapse: collapse; margin: 0.75rem 0; }
th, td { border: 1px solid var(--line); padding: 0.35rem 0.6rem; text-align: left; vertical-align: top; }
.summary { color: var(--subtle); font-size: 1.05rem; }
.note { background: #fff8c5; border: 1px solid #e9d87a; border-radius: 6px; padding: 0.5rem 0.75rem; }
footer { margin-top: 2rem; padding-top: 0.75rem; border-top: 1px solid var(--line); color: var(--subtle); font-size: 0.9rem; }
`;

/** The policy: the one style sheet above, by hash; nothing else, and no framing by other sites. */
export const ARTICLE_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function page(language: Language, title: string, main: string): string {
  return `<!doctype html>
<html lang="${escapeHtml(formattingLocale(language))}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${main}
</main>
</body>
</html>
`;
}

/** "22 November 2026" in the reader's language, for the article's `updated` day (a date without a time). */
function updatedDay(day: string, language: Language): string {
  const date = new Date(`${day}T12:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : new Intl.DateTimeFormat(formattingLocale(language), { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/**
 * An article as a page. `language` is the one asked for: the page's own words are in it, and when the
 * article has no translation yet (it is `article.language`, English) a note says so.
 */
export function articlePageHtml(article: Article, language: Language): string {
  const say = (key: Parameters<typeof translate>[1], values?: Parameters<typeof translate>[2]) => translate(language, key, values);
  const fallback = (article.language ?? DEFAULT_LANGUAGE) !== language;
  const body = [
    `<article lang="${escapeHtml(formattingLocale(article.language ?? DEFAULT_LANGUAGE))}">`,
    `<h1>${escapeHtml(article.title)}</h1>`,
    fallback ? `<p class="note" lang="${escapeHtml(formattingLocale(language))}">${escapeHtml(say('selfHelp.englishOnly'))}</p>` : '',
    `<p class="summary">${escapeHtml(article.summary)}</p>`,
    renderMarkdownHtml(article.body),
    '</article>',
    `<footer><p>${escapeHtml(say('cards.articlePage.updated', { date: updatedDay(article.updated, language) }))}</p><p>${escapeHtml(say('cards.articlePage.backToChat'))}</p></footer>`,
  ];
  return page(language, article.title, body.filter(Boolean).join('\n'));
}

/** The page for an address with no article (or a malformed one), in the reader's language. */
export function articleErrorHtml(language: Language, kind: 'notFound' | 'badRequest'): string {
  const title = translate(language, `cards.articlePage.${kind}.title`);
  return page(language, title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(translate(language, `cards.articlePage.${kind}.text`))}</p>`);
}
