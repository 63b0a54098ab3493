import { CardFactory, type Attachment } from 'botbuilder';
import { z } from 'zod';

/** Adaptive Cards schema version every card declares (Teams and Web Chat both render 1.5). */
const CARD_VERSION = '1.5';

export type CardElement = Record<string, unknown>;

export function adaptiveCard(body: CardElement[], actions: CardElement[] = []): Attachment {
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body,
    ...(actions.length ? { actions } : {}),
  });
}

export const text = (value: string, extra: CardElement = {}): CardElement => ({ type: 'TextBlock', text: value, wrap: true, ...extra });

/**
 * Label/value pairs, each label over its value. Not a FactSet: a FactSet gives its titles a column of
 * their own that Web Chat squeezes at 400 px and Teams squeezes in its narrow layout, until the words
 * break inside ("Sev erit y"). Stacked, a label has the card's whole width, in any language.
 */
export function fields(pairs: [string, string][]): CardElement {
  return {
    type: 'Container',
    items: pairs.map(([label, value], i) => ({
      type: 'Container',
      spacing: i === 0 ? 'Default' : 'Small',
      items: [text(label, { size: 'Small', weight: 'Bolder', isSubtle: true }), text(value, { spacing: 'None' })],
    })),
  };
}

/** Pixels a nested list moves right per level, and the width kept for a list marker ("10.", "•"). */
const INDENT_PX = 16;
const MARKER_PX = 22;

/**
 * A line of a list: its marker in a column of fixed width and the text beside it, the whole moved right
 * by its depth, so nested lists stay nested in TextBlocks (whose Markdown has no nested lists).
 */
export function listLine(marker: string | undefined, line: CardElement, depth: number): CardElement {
  // A line without a marker (a list item's second paragraph) lines up with the item's text.
  const indent = depth * INDENT_PX + (marker ? 0 : MARKER_PX);
  return {
    type: 'ColumnSet',
    spacing: 'Small',
    columns: [
      ...(indent > 0 ? [{ type: 'Column', width: `${indent}px`, items: [] }] : []),
      // A RichTextBlock's runs are not Markdown: as a TextBlock, "1." alone would be read as an empty list.
      ...(marker ? [{ type: 'Column', width: `${MARKER_PX}px`, items: [{ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: marker }] }] }] : []),
      { type: 'Column', width: 'stretch', items: [line] },
    ],
  };
}

/**
 * Content behind a "Show …" button that becomes a "Hide …" button (Action.ToggleVisibility, Adaptive
 * Cards 1.2+: Web Chat and Teams). The two buttons are ActionSets that swap places, since an action's
 * title cannot change. `id` must be unique within the card.
 */
export function toggleSection(id: string, titles: { show: string; hide: string }, items: CardElement[], expanded = false): CardElement[] {
  const targets = [id, `${id}.show`, `${id}.hide`];
  const button = (suffix: 'show' | 'hide', visible: boolean): CardElement => ({
    type: 'ActionSet',
    id: `${id}.${suffix}`,
    isVisible: visible,
    spacing: 'Small',
    actions: [{ type: 'Action.ToggleVisibility', title: titles[suffix], targetElements: targets }],
  });
  return [button('show', !expanded), button('hide', expanded), { type: 'Container', id, isVisible: expanded, spacing: 'Small', items }];
}

/** A button whose submit carries `choice`; the bot turns it into typed text, so prompts treat both alike. */
export const choiceAction = (title: string, choice: string, extra: Record<string, unknown> = {}): CardElement => ({
  type: 'Action.Submit',
  title,
  data: { choice, ...extra },
});

/** A field the submit may carry; of another type it is taken as absent. */
const optionalText = z.string().optional().catch(undefined);

/**
 * What a click on a choice button submits: its `choice` (and `submissionId` on the request summary's
 * Submit); Teams may wrap the words in `msteams.text` (message-back). Checked at the edge: any client
 * can post any value, and a field of another type counts as not sent.
 */
export const choiceSubmit = z.looseObject({
  choice: optionalText,
  submissionId: optionalText,
  /** The question the button belonged to (see choiceCard). */
  question: optionalText,
  msteams: z.looseObject({ text: optionalText }).optional().catch(undefined),
});

export type ChoiceSubmit = z.output<typeof choiceSubmit>;

/** The choice a submit carries; undefined when the activity's value is not an object. */
export function readChoiceSubmit(value: unknown): ChoiceSubmit | undefined {
  const parsed = choiceSubmit.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export interface CardChoice {
  title: string;
  value: string;
}

/** A question with one button per answer; `questionId`, when given, rides on each button (stale clicks are told apart). */
export function choiceCard(question: string, choices: CardChoice[], intro: CardElement[] = [], questionId?: string): Attachment {
  return adaptiveCard([...intro, text(question, { weight: 'Bolder' })], choices.map((c) => choiceAction(c.title, c.value, questionId ? { question: questionId } : {})));
}
