import type { Attachment } from 'botbuilder';
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

/** One self-help article: title, summary, the first steps, and the whole article behind a button. */
export function articleCard(article: Article, maxSteps = 4): Attachment {
  const steps = articleSteps(article.body);
  const body: CardElement[] = [
    text(article.title, { weight: 'Bolder', size: 'Medium' }),
    text(article.summary, { isSubtle: true }),
  ];
  if (steps.length) {
    body.push(text(steps.slice(0, maxSteps).join('\n'), { spacing: 'Medium' }));
    if (steps.length > maxSteps) body.push(text(`…and ${steps.length - maxSteps} more steps in the full article.`, { isSubtle: true, size: 'Small' }));
  }
  return adaptiveCard(body, [
    { type: 'Action.ShowCard', title: 'Read the full article', card: { type: 'AdaptiveCard', body: [text(cardMarkdown(article.body))] } },
  ]);
}

/** The same article for channels without cards. */
export function articleText(article: Article, maxSteps = 4): string {
  const steps = articleSteps(article.body).slice(0, maxSteps);
  return [`**${article.title}**`, article.summary, ...steps].join('\n');
}
