// Public API of the article view: an article's Markdown as a safe page (GET /articles/<id>) and as flat
// blocks for cards and plain-text channels.
export { articlePath, findArticle, mountArticlePages, ARTICLES_PATH } from './articleRoute.js';
export { ARTICLE_PAGE_CSP, articlePageHtml } from './articlePage.js';
export { escapeHtml, inlineText, isInList, isSafeLink, markdownBlocks, renderMarkdownHtml, sectionBlocks, type ArticleBlock } from './markdown.js';
