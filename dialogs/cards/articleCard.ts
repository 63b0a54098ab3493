import type { Attachment } from 'botbuilder';
import { isInList, markdownBlocks, sectionBlocks, type ArticleBlock } from '../../src/articleView/index.js';
import { DEFAULT_LANGUAGE, translate, type Language } from '../../src/i18n/index.js';
import type { Article } from '../../src/knowledge/index.js';
import { adaptiveCard, listLine, text, toggleSection, type CardElement } from './adaptiveCard.js';

/** The heading of the steps section in each language the articles are written in. */
const STEPS_HEADING = /^(?:Steps|Schritte|步骤|步驟)$/;
const MAX_STEPS = 3;

export interface ArticleCardOptions {
  /** The conversation's language: the card's own words are in it. */
  language?: Language;
  /**
   * The article's page (absolute; https for Teams): "Read the article" opens it. Without one the whole
   * article opens inside the card instead.
   */
  readUrl?: string;
  /** The steps shown open (the best match) rather than behind "Show the steps". */
  expanded?: boolean;
  /** Top-level steps shown, each with its nested lines. */
  maxSteps?: number;
}

/** "This article is only available in English.": shown under an article not written in the conversation's language. */
function languageNote(article: Article, language: Language): string | undefined {
  return (article.language ?? DEFAULT_LANGUAGE) !== language ? translate(language, 'selfHelp.englishOnly') : undefined;
}

/** The article's steps: the first `max` top-level ones, each with its nested lines, and how many are left out. */
function steps(article: Article, max: number): { shown: ArticleBlock[]; more: number } {
  const section = sectionBlocks(markdownBlocks(article.body), STEPS_HEADING);
  const isStep = (b: ArticleBlock) => b.kind === 'item' && b.depth === 0;
  const starts = section.flatMap((b, i) => (isStep(b) ? [i] : []));
  const end = starts.length > max ? starts[max]! : section.length;
  // Text between the steps' list and the next heading (a closing remark) is for the full article.
  return { shown: section.slice(starts[0] ?? 0, end).filter(isInList), more: Math.max(0, starts.length - max) };
}

/**
 * One block as card elements. Card Markdown has no nested lists and no tables, so list items become
 * lines with their marker in a column and their depth as indentation, and a table row one line.
 */
function blockElement(block: ArticleBlock): CardElement {
  switch (block.kind) {
    case 'heading':
      return text(block.text, { weight: 'Bolder', spacing: 'Medium' });
    case 'item':
      return listLine(block.marker, text(block.text), block.depth);
    case 'paragraph':
      return block.depth > 0 ? listLine(undefined, text(block.text), block.depth - 1) : text(block.text);
    case 'code': {
      const code = text(block.text, { fontType: 'Monospace' });
      return block.depth > 0 ? listLine(undefined, code, block.depth - 1) : code;
    }
    case 'row':
      return text(block.cells.join(' · '), { spacing: 'Small', ...(block.header ? { weight: 'Bolder' } : {}) });
  }
}

/**
 * One self-help article, compact enough to stack in a list: title, summary and its first steps (nested
 * lists included), and the whole article behind a button. The card's words are in `language`; an
 * article in another language (no translation yet) says so.
 */
export function articleCard(article: Article, options: ArticleCardOptions = {}): Attachment {
  const { language = DEFAULT_LANGUAGE, readUrl, expanded = false, maxSteps = MAX_STEPS } = options;
  const { shown, more } = steps(article, maxSteps);
  const note = languageNote(article, language);
  const stepElements = [
    ...shown.map(blockElement),
    ...(more ? [text(translate(language, 'article.moreSteps', { count: more }), { isSubtle: true, size: 'Small' })] : []),
  ];
  const body: CardElement[] = [
    text(article.title, { weight: 'Bolder', size: 'Medium' }),
    ...(note ? [text(note, { isSubtle: true, size: 'Small', spacing: 'None' })] : []),
    text(article.summary, { isSubtle: true }),
    ...(stepElements.length
      ? toggleSection(`steps.${article.id}`, { show: translate(language, 'cards.steps.show'), hide: translate(language, 'cards.steps.hide') }, stepElements, expanded)
      : []),
  ];
  const read = readUrl
    ? { type: 'Action.OpenUrl', title: translate(language, 'cards.article.read'), url: readUrl }
    : { type: 'Action.ShowCard', title: translate(language, 'article.readFull'), card: { type: 'AdaptiveCard', body: markdownBlocks(article.body).map(blockElement) } };
  return adaptiveCard(body, [read]);
}

/** The same article for channels without cards: nested steps indented under theirs. */
export function articleText(article: Article, language: Language = DEFAULT_LANGUAGE, maxSteps = MAX_STEPS): string {
  const { shown, more } = steps(article, maxSteps);
  const note = languageNote(article, language);
  // shown holds list items and the paragraphs and code inside them, each at its depth.
  const lines = shown.map((b) => (b.kind === 'item' ? `${'   '.repeat(b.depth)}${b.marker} ${b.text}` : 'depth' in b ? `${'   '.repeat(b.depth)}${b.text}` : ''));
  return [
    `**${article.title}**`,
    ...(note ? [`_${note}_`] : []),
    article.summary,
    ...lines,
    ...(more ? [translate(language, 'article.moreSteps', { count: more })] : []),
  ].join('\n');
}
