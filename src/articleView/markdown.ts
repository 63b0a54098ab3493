import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.js';

/**
 * The article Markdown, parsed once by markdown-it and shown two ways: as sanitised HTML for the article
 * page, and as flat blocks for places that cannot nest (Adaptive Card TextBlocks understand only a
 * subset of Markdown, without nested lists or tables; plain-text channels understand none).
 *
 * Safety: raw HTML in an article is never passed through (`html: false` turns `<script>` into text),
 * and a link is kept only when its scheme is http, https or mailto; any other link (javascript:, data:,
 * vbscript:, a relative path) is shown as its words only, in both forms.
 */

const SAFE_LINK = /^(?:https?:\/\/|mailto:)/i;

export function isSafeLink(url: string): boolean {
  return SAFE_LINK.test(url.trim());
}

function createParser(): MarkdownIt {
  // 'default' adds GitHub tables to CommonMark; the phone number articles have them.
  const md = new MarkdownIt('default', { html: false, linkify: false, typographer: false });
  // Every link is parsed as a link, so that an unsafe one can be shown as its words (rejected at
  // parsing, its Markdown would stay in the text, where a card's own Markdown could read it as a link).
  md.validateLink = () => true;
  const renderToken = md.renderer.renderToken.bind(md.renderer);
  md.renderer.rules.link_open = (tokens, idx, options) => {
    const token = tokens[idx]!;
    if (!isSafeLink(token.attrGet('href') ?? '')) return '';
    // A link opens the outside page without handing it this page (window.opener) or its address (referrer).
    token.attrSet('rel', 'noopener noreferrer');
    return renderToken(tokens, idx, options);
  };
  md.renderer.rules.link_close = (tokens, idx, options) => {
    // Links do not nest: the link this closes is the nearest one opened before it.
    let open = idx - 1;
    while (open >= 0 && tokens[open]!.type !== 'link_open') open--;
    return open >= 0 && isSafeLink(tokens[open]!.attrGet('href') ?? '') ? renderToken(tokens, idx, options) : '';
  };
  // No pictures on the page (its policy would block them anyway): their words instead.
  md.renderer.rules.image = (tokens, idx) => md.utils.escapeHtml(tokens[idx]!.content);
  return md;
}

const md = createParser();

/** Text made safe to put in HTML, between tags or in a quoted attribute (& < > " escaped). */
export const escapeHtml = (text: string): string => md.utils.escapeHtml(text);

/** An article's Markdown as HTML: headings, paragraphs, nested lists, emphasis, code, safe links, tables. */
export function renderMarkdownHtml(markdown: string): string {
  return md.render(markdown);
}

/** A block of an article, flat: nesting is kept as `depth` so each renderer can indent in its own way. */
export type ArticleBlock =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; depth: number; text: string }
  /** A list item: `marker` is "3." in an ordered list, "•" (or "◦" nested) in a bulleted one. */
  | { kind: 'item'; depth: number; marker: string; ordered: boolean; text: string }
  | { kind: 'row'; header: boolean; cells: string[] }
  | { kind: 'code'; depth: number; text: string };

const BULLETS = ['•', '◦', '▪'];

/**
 * Inline Markdown back to the subset a card (and a chat message) understands: bold, italics and safe
 * links. Inline code loses its backticks (cards have no code span), images keep their words.
 */
export function inlineText(children: Token[] | null): string {
  let out = '';
  /** The href of each open link, undefined for one shown as words only. */
  const links: (string | undefined)[] = [];
  for (const token of children ?? []) {
    switch (token.type) {
      case 'text':
        out += token.content;
        break;
      case 'code_inline':
        out += token.content;
        break;
      case 'strong_open':
      case 'strong_close':
        out += '**';
        break;
      case 'em_open':
      case 'em_close':
        out += '_';
        break;
      case 'softbreak':
        out += ' ';
        break;
      case 'hardbreak':
        out += '\n';
        break;
      case 'link_open': {
        const href = token.attrGet('href') ?? '';
        links.push(isSafeLink(href) ? href : undefined);
        if (links.at(-1)) out += '[';
        break;
      }
      case 'link_close': {
        const href = links.pop();
        if (href) out += `](${href})`;
        break;
      }
      case 'image':
        out += token.content;
        break;
      default:
        out += token.content;
    }
  }
  return out.trim();
}

interface OpenList {
  ordered: boolean;
  next: number;
}

/** The article as flat blocks, in reading order. */
export function markdownBlocks(markdown: string): ArticleBlock[] {
  const tokens = md.parse(markdown, {});
  const blocks: ArticleBlock[] = [];
  const lists: OpenList[] = [];
  /** The marker of a list item whose first paragraph has not come yet. */
  let pendingMarker: string | undefined;
  let row: string[] | undefined;
  let headerRow = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const depth = Math.max(0, lists.length - 1);
    switch (token.type) {
      case 'bullet_list_open':
      case 'ordered_list_open':
        lists.push({ ordered: token.type === 'ordered_list_open', next: Number(token.attrGet('start') ?? 1) });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        break;
      case 'list_item_open': {
        const list = lists.at(-1)!;
        pendingMarker = list.ordered ? `${token.info || list.next}.` : BULLETS[depth % BULLETS.length]!;
        list.next = Number(token.info || list.next) + 1;
        break;
      }
      case 'heading_open':
        blocks.push({ kind: 'heading', level: Number(token.tag.slice(1)), text: inlineText(tokens[i + 1]!.children) });
        i += 2;
        break;
      case 'tr_open':
        row = [];
        headerRow = tokens[i + 1]?.type === 'th_open';
        break;
      case 'tr_close':
        blocks.push({ kind: 'row', header: headerRow, cells: row ?? [] });
        row = undefined;
        break;
      case 'inline':
        if (row) {
          row.push(inlineText(token.children));
        } else if (pendingMarker !== undefined) {
          blocks.push({ kind: 'item', depth, marker: pendingMarker, ordered: lists.at(-1)!.ordered, text: inlineText(token.children) });
          pendingMarker = undefined;
        } else {
          // A paragraph, or a second paragraph of a list item: indented under the item it belongs to.
          blocks.push({ kind: 'paragraph', depth: lists.length, text: inlineText(token.children) });
        }
        break;
      case 'fence':
      case 'code_block':
        blocks.push({ kind: 'code', depth: lists.length, text: token.content.replace(/\n$/, '') });
        break;
      default:
        break;
    }
  }
  return blocks;
}

/** A list item, or a paragraph or code inside one; not a heading, a table row or text outside lists. */
export function isInList(block: ArticleBlock): boolean {
  return block.kind === 'item' || ((block.kind === 'paragraph' || block.kind === 'code') && block.depth > 0);
}

/**
 * The blocks of one `## heading` section (e.g. "Steps"), or, without that section, of the first list;
 * empty when the article has neither.
 */
export function sectionBlocks(blocks: ArticleBlock[], heading: RegExp): ArticleBlock[] {
  const start = blocks.findIndex((b) => b.kind === 'heading' && heading.test(b.text));
  if (start >= 0) {
    const level = (blocks[start] as { level: number }).level;
    const end = blocks.findIndex((b, i) => i > start && b.kind === 'heading' && b.level <= level);
    return blocks.slice(start + 1, end < 0 ? undefined : end);
  }
  const first = blocks.findIndex((b) => b.kind === 'item');
  if (first < 0) return [];
  const end = blocks.findIndex((b, i) => i > first && !isInList(b));
  return blocks.slice(first, end < 0 ? undefined : end);
}
