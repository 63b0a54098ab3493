import type { Attachment } from 'botbuilder';
import { DEFAULT_LANGUAGE, translate, type Language } from '../../src/i18n/index.js';
import type { Article } from '../../src/knowledge/index.js';
import { adaptiveCard, text, type CardElement } from './adaptiveCard.js';

/** The numbered steps of an article's "## Steps" section (or its first list), as plain lines. */
function articleSteps(body: string): string[] {
  const section = /^##\s+Steps\s*$([\s\S]*?)(?=^##\s|(?![\s\S]))/m.exec(body)?.[1] ?? body;
  return section
    .split('\n')
    .filter((line) => /^\s*\d+\.\s+/.test(line))
    .map((line) => line.trim());
}

/** Adaptive Card markdown understands bold, italics, lists and links, not headings: make them bold lines. */
function cardMarkdown(body: string): string {
  return body.replace(/^#{1,6}\s+(.+)$/gm, '**$1**').replace(/\n{3,}/g, '\n\n').trim();
}

/** "This article is only available in English.": shown under an article not written in the conversation's language. */
function languageNote(article: Article, language: Language): string | undefined {
  return (article.language ?? DEFAULT_LANGUAGE) !== language ? translate(language, 'selfHelp.englishOnly') : undefined;
}

/**
 * One self-help article: title, summary, the first steps, and the whole article behind a button. The
 * card's own words are in `language`; an article in another language (no translation yet) says so.
 */
export function articleCard(article: Article, maxSteps = 4, language: Language = DEFAULT_LANGUAGE): Attachment {
  const steps = articleSteps(article.body);
  const note = languageNote(article, language);
  const body: CardElement[] = [
    text(article.title, { weight: 'Bolder', size: 'Medium' }),
    ...(note ? [text(note, { isSubtle: true, size: 'Small', spacing: 'None' })] : []),
    text(article.summary, { isSubtle: true }),
  ];
  if (steps.length) {
    body.push(text(steps.slice(0, maxSteps).join('\n'), { spacing: 'Medium' }));
    if (steps.length > maxSteps) body.push(text(translate(language, 'article.moreSteps', { count: steps.length - maxSteps }), { isSubtle: true, size: 'Small' }));
  }
  return adaptiveCard(body, [
    { type: 'Action.ShowCard', title: translate(language, 'article.readFull'), card: { type: 'AdaptiveCard', body: [text(cardMarkdown(article.body))] } },
  ]);
}

/** The same article for channels without cards. */
export function articleText(article: Article, maxSteps = 4, language: Language = DEFAULT_LANGUAGE): string {
  const steps = articleSteps(article.body).slice(0, maxSteps);
  const note = languageNote(article, language);
  return [`**${article.title}**`, ...(note ? [`_${note}_`] : []), article.summary, ...steps].join('\n');
}
