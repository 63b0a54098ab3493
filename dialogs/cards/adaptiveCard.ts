import { CardFactory, type Attachment } from 'botbuilder';

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

export interface CardChoice {
  title: string;
  value: string;
}

/** A question with one button per answer. */
export function choiceCard(question: string, choices: CardChoice[], intro: CardElement[] = []): Attachment {
  return adaptiveCard([...intro, text(question, { weight: 'Bolder' })], choices.map((c) => choiceAction(c.title, c.value)));
}
