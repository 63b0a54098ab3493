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
export const facts = (pairs: [string, string][]): CardElement => ({
  type: 'FactSet',
  facts: pairs.map(([title, value]) => ({ title, value })),
});

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
