import type { Request, Response, Server } from 'restify';
import { DEFAULT_LANGUAGE, isLanguage, languageFromLocale, type Language } from '../i18n/index.js';
import type { Article, Knowledge } from '../knowledge/index.js';
import { ARTICLE_PAGE_CSP, articleErrorHtml, articlePageHtml } from './articlePage.js';

/**
 * GET /articles/<id>?lang=<language>: a self-help article as a page of its own, for the "Read the
 * article" button of the article cards (a card has room for a few steps, the page for all of it). The
 * article in the asked language when it is translated, the English one with a note when not. Public:
 * the articles are the same for everyone.
 */

export const ARTICLES_PATH = '/articles';
const MAX_AGE_SECONDS = 300;
/** An article id as knowledge/ allows them (kebab-case), bounded: anything else cannot be one. */
const ARTICLE_ID = /^[a-z0-9]+(?:-[a-z0-9]+){0,20}$/;

/** Where an article's page is, relative to the server: `/articles/<id>?lang=<language>`. */
export function articlePath(id: string, language: Language): string {
  return `${ARTICLES_PATH}/${encodeURIComponent(id)}?lang=${encodeURIComponent(language)}`;
}

/** `lang` as the cards write it (de, zh-Hant) or as a locale (de-AT, zh-TW); absent means English. */
function requestedLanguage(value: string | null): Language | undefined {
  if (value === null || value === '') return DEFAULT_LANGUAGE;
  if (isLanguage(value)) return value;
  return value.length <= 35 ? languageFromLocale(value) : undefined;
}

/** The article in `language`, else in English; undefined when there is no article with this id. */
export function findArticle(knowledge: Knowledge, id: string, language: Language): Article | undefined {
  const english = knowledge.articles.find((a) => a.id === id);
  if (!english || language === DEFAULT_LANGUAGE) return english;
  const translations = (knowledge.translations as Partial<Record<Language, Article[]>>)[language];
  return translations?.find((a) => a.id === id) ?? english;
}

function send(res: Response, status: number, html: string, language: Language, cache: boolean): void {
  const body = Buffer.from(html, 'utf8');
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': String(body.length),
    'content-language': language,
    'content-security-policy': ARTICLE_PAGE_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': cache ? `public, max-age=${MAX_AGE_SECONDS}` : 'no-store',
  });
  res.end(body);
}

export function mountArticlePages(server: Server, knowledge: Knowledge): void {
  server.get(`${ARTICLES_PATH}/:id`, async (req: Request, res: Response) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const language = requestedLanguage(url.searchParams.get('lang'));
    const id = String(req.params?.id ?? '');
    if (!language) {
      send(res, 400, articleErrorHtml(DEFAULT_LANGUAGE, 'badRequest'), DEFAULT_LANGUAGE, false);
      return;
    }
    const article = ARTICLE_ID.test(id) ? findArticle(knowledge, id, language) : undefined;
    if (!article) {
      send(res, 404, articleErrorHtml(language, 'notFound'), language, false);
      return;
    }
    send(res, 200, articlePageHtml(article, language), language, true);
  });
}
