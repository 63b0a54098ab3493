import { MessageFactory, type Activity, type Attachment, type TurnContext } from 'botbuilder';
import { ChoicePrompt, ListStyle, type Choice, type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import { choiceCard, type CardElement } from './cards/adaptiveCard.js';
import { stepResult } from './stepState.js';

/** Channels that render Adaptive Cards; the others get numbered text choices and step-by-step questions. */
const CARD_CHANNELS = new Set(['msteams', 'directline', 'webchat', 'emulator', 'test']);

export function supportsCards(context: TurnContext): boolean {
  return CARD_CHANNELS.has(context.activity.channelId);
}

export interface Option {
  value: string;
  title: string;
  /** Other words an admin may type for this answer. */
  synonyms?: string[];
}

export const YES_NO: Option[] = [
  { value: 'yes', title: 'Yes', synonyms: ['y', 'yeah', 'yep', 'sure', 'ok', 'okay', 'correct', 'right', 'please', 'yes please'] },
  { value: 'no', title: 'No', synonyms: ['n', 'nope', 'nah', 'not really', 'no thanks'] },
];

function toChoices(options: Option[]): Choice[] {
  // The action's title is what a text-only channel lists; the value is what the dialog receives.
  return options.map((o) => ({ value: o.value, action: { type: 'imBack', title: o.title, value: o.title }, synonyms: [o.title, ...(o.synonyms ?? [])] }));
}

/** The question as a card with buttons, or as text with a numbered list where cards don't render. */
export function choiceQuestion(context: TurnContext, question: string, options: Option[], intro: CardElement[] = []): { prompt: Partial<Activity>; style: ListStyle } {
  if (supportsCards(context)) {
    return { prompt: MessageFactory.attachment(choiceCard(question, options.map((o) => ({ title: o.title, value: o.value })), intro)), style: ListStyle.none };
  }
  return { prompt: MessageFactory.text(question), style: ListStyle.list };
}

/** Asks a ChoicePrompt; the answer may be typed (a title, a synonym or the number) or clicked. */
export { toChoices };

export function askChoice(step: WaterfallStepContext, promptId: string, question: string, options: Option[], intro: CardElement[] = []): Promise<DialogTurnResult> {
  const { prompt, style } = choiceQuestion(step.context, question, options, intro);
  const retry = choiceQuestion(step.context, `Sorry, I didn't catch that. ${question}`, options);
  return step.prompt(promptId, { prompt, retryPrompt: retry.prompt, choices: toChoices(options), style });
}

/** The prompt every question of the conversation is asked with (register it under the id askChoice uses). */
export function answerPrompt(id: string): ChoicePrompt {
  return new ChoicePrompt(id);
}

/** The value of the option a ChoicePrompt recognised in the previous step. */
export function chosen(step: WaterfallStepContext): string {
  const choice = stepResult<FoundChoice>(step);
  if (!choice) throw new Error('chosen() reads the answer to a ChoicePrompt; the previous step asked none.');
  return choice.value;
}

export function cardMessage(attachment: Attachment, fallbackText: string, context: TurnContext): Partial<Activity> {
  return supportsCards(context) ? MessageFactory.attachment(attachment) : MessageFactory.text(fallbackText);
}
