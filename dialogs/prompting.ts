import { randomBytes } from 'node:crypto';
import { MessageFactory, type Activity, type Attachment, type TurnContext } from 'botbuilder';
import {
  Dialog,
  ListStyle,
  Prompt,
  type Choice,
  type DialogContext,
  type DialogInstance,
  type DialogTurnResult,
  type FoundChoice,
  type PromptOptions,
  type PromptRecognizerResult,
  type WaterfallStepContext,
} from './dialogKit.js';
import { choiceCard, type CardElement } from './cards/adaptiveCard.js';
import { MAIN_DIALOG_ID } from './dialogIds.js';
import { t } from './language.js';
import { stepResult } from './stepState.js';
import { understand, type Meaning, type Option } from './understanding.js';
import { catalog, listInEveryLanguage, type MessageKey } from '../src/i18n/index.js';

export type { Option, Wish } from './understanding.js';

/** Channels that render Adaptive Cards; the others get numbered text choices and step-by-step questions. */
const CARD_CHANNELS = new Set(['msteams', 'directline', 'webchat', 'emulator', 'test']);

export function supportsCards(context: TurnContext): boolean {
  return CARD_CHANNELS.has(context.activity.channelId);
}

/**
 * Yes and no. Their titles are catalog keys, said in the turn's language when the question is asked
 * (askChoice); the words they may be typed as are those of every language.
 */
export const YES_NO: Option[] = [
  { value: 'yes', title: 'prompt.yes' satisfies MessageKey, means: 'yes', synonyms: listInEveryLanguage('prompt.yes.synonyms') },
  { value: 'no', title: 'prompt.no' satisfies MessageKey, means: 'no', synonyms: listInEveryLanguage('prompt.no.synonyms') },
];

/** What the second unusable reply adds to the choices: the way to a person, at every question. */
export const PERSON_VALUE = 'talk to a person';
const person = (context: TurnContext): Option => ({ value: PERSON_VALUE, title: t(context, 'prompt.person'), synonyms: listInEveryLanguage('prompt.person.synonyms') });

/** Options whose title is a catalog key get the sentence in the turn's language. */
function inTurnLanguage(context: TurnContext, options: Option[]): Option[] {
  const messages = catalog('en');
  return options.map((o) => (Object.hasOwn(messages, o.title) ? { ...o, title: t(context, o.title as MessageKey) } : o));
}

/** "Yes", "No" or "I'm not sure", in the turn's language. */
function listOf(context: TurnContext, titles: string[]): string {
  const quoted = titles.map((title) => t(context, 'prompt.choice', { title }));
  if (quoted.length < 2) return quoted[0] ?? '';
  return t(context, 'prompt.choices.or', { first: quoted.slice(0, -1).join(t(context, 'prompt.choices.separator')), last: quoted.at(-1)! });
}

function toChoices(options: Option[]): Choice[] {
  // The action's title is what a text-only channel lists; the value is what the dialog receives.
  return options.map((o) => ({ value: o.value, action: { type: 'imBack', title: o.title, value: o.title }, synonyms: [o.title, ...(o.synonyms ?? [])] }));
}

/** The options a prompt was given: askChoice passes them whole; a caller with plain choices gets them read back. */
function optionsOf(options: PromptOptions): Option[] {
  const given = (options.validations as AskDetails | undefined)?.options;
  if (given) return given;
  return (options.choices ?? []).map((c) => (typeof c === 'string' ? { value: c, title: c } : { value: c.value, title: c.action?.title ?? c.value, synonyms: c.synonyms }));
}

interface AskDetails {
  question: string;
  options: Option[];
  /** Carried by the question's buttons, so a click on an older card is told apart from this one. */
  questionId: string;
}

/** The question as a card with buttons, or as text with a numbered list where cards don't render. */
export function choiceQuestion(context: TurnContext, question: string, given: Option[], intro: CardElement[] = [], questionId?: string): { prompt: Partial<Activity>; style: ListStyle } {
  const options = inTurnLanguage(context, given);
  if (supportsCards(context)) {
    return { prompt: MessageFactory.attachment(choiceCard(question, options.map((o) => ({ title: o.title, value: o.value })), intro, questionId)), style: ListStyle.none };
  }
  return { prompt: MessageFactory.text(question), style: ListStyle.list };
}

export { toChoices };

/** Asks a question; the answer may be typed (a title, a synonym, the number, in the admin's own words) or clicked. */
export function askChoice(step: WaterfallStepContext, promptId: string, question: string, given: Option[], intro: CardElement[] = []): Promise<DialogTurnResult> {
  const questionId = randomBytes(6).toString('base64url');
  const options = inTurnLanguage(step.context, given);
  const { prompt, style } = choiceQuestion(step.context, question, options, intro, questionId);
  const retry = choiceQuestion(step.context, t(step.context, 'prompt.retry', { question }), options, [], questionId);
  const details: AskDetails = { question, options, questionId };
  return step.prompt(promptId, { prompt, retryPrompt: retry.prompt, choices: toChoices(options), style, validations: details });
}

interface AskState {
  /** Replies in a row this question could not use. */
  unusable?: number;
}

/**
 * The prompt every question of the conversation is asked with. It reads replies with understand()
 * and never loops: the first reply it cannot use gets the question again; the second gets one line
 * saying what it can take, the choices numbered and "Talk to a person"; the third takes the step's
 * safe default and says so, or hands the admin to a person.
 */
export class AnswerPrompt extends Prompt<FoundChoice> {
  constructor(id: string) {
    super(id);
  }

  /** The open question's reading of a reply, when a question of this kind is the innermost active dialog. */
  static readReply(dc: DialogContext, text: string | undefined): { meaning: Meaning; questionId?: string } | undefined {
    let inner: DialogContext = dc;
    while (inner.child) inner = inner.child;
    const active = inner.activeDialog as DialogInstance<{ options?: PromptOptions }> | undefined;
    if (!active || !(inner.findDialog(active.id) instanceof AnswerPrompt)) return undefined;
    const options = active.state.options;
    if (!options) return undefined;
    const offered = [...optionsOf(options), ...((active.state as { state?: AskState }).state?.unusable ? [person(dc.context)] : [])];
    return { meaning: understand(text, offered), questionId: (options.validations as AskDetails | undefined)?.questionId };
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    if (dc.context.activity.type !== 'message') return Dialog.EndOfTurn;
    const instance = dc.activeDialog as DialogInstance<{ options: PromptOptions; state: AskState }>;
    const { options, state } = instance.state;
    const choices = optionsOf(options);
    const toPerson = person(dc.context);
    const meaning = understand(dc.context.activity.text, state.unusable ? [...choices, toPerson] : choices);
    if (meaning.kind === 'option' && meaning.value === PERSON_VALUE) return handToPerson(dc);
    if (meaning.kind === 'option') {
      const index = choices.findIndex((o) => o.value === meaning.value);
      return dc.endDialog({ value: meaning.value, index, score: 1, synonym: meaning.captured ?? meaning.via } satisfies FoundChoice);
    }
    state.unusable = (state.unusable ?? 0) + 1;
    const details = options.validations as AskDetails | undefined;
    const question = details?.question ?? '';
    if (state.unusable === 1) {
      await this.onPrompt(dc.context, state, options, true);
      return Dialog.EndOfTurn;
    }
    const fallback = choices.find((o) => o.safeDefault);
    if (state.unusable === 2 || !fallback) {
      if (state.unusable > 2) return handToPerson(dc);
      const numbered = [...choices, toPerson].map((o, i) => `${i + 1}. ${o.title}`).join('\n');
      const line = t(dc.context, 'prompt.stillUnclear', { choices: listOf(dc.context, choices.map((o) => o.title)) });
      if (supportsCards(dc.context)) {
        await dc.context.sendActivity(line);
        await dc.context.sendActivity(choiceQuestion(dc.context, question || t(dc.context, 'prompt.whichOne'), [...choices, toPerson], [], details?.questionId).prompt);
      } else {
        await dc.context.sendActivity(`${line}\n${numbered}`);
      }
      return Dialog.EndOfTurn;
    }
    await dc.context.sendActivity(t(dc.context, 'prompt.safeDefault', { title: fallback.title }));
    return dc.endDialog({ value: fallback.value, index: choices.indexOf(fallback), score: 0, synonym: 'default' } satisfies FoundChoice);
  }

  protected async onPrompt(context: TurnContext, _state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    const prompt = isRetry && options.retryPrompt ? options.retryPrompt : options.prompt;
    if (!prompt) return;
    if (typeof prompt !== 'string' && prompt.attachments?.length) {
      await context.sendActivity(prompt);
      return;
    }
    // Text channels: the question with its choices numbered.
    const textOf = typeof prompt === 'string' ? prompt : (prompt.text ?? '');
    const list = options.style === ListStyle.none ? '' : `\n${optionsOf(options).map((o, i) => `${i + 1}. ${o.title}`).join('\n')}`;
    await context.sendActivity(typeof prompt === 'string' ? `${textOf}${list}` : { ...prompt, text: `${textOf}${list}` });
  }

  protected async onRecognize(context: TurnContext, _state: object, options: PromptOptions): Promise<PromptRecognizerResult<FoundChoice>> {
    const meaning = understand(context.activity.text, optionsOf(options));
    return meaning.kind === 'option' ? { succeeded: true, value: { value: meaning.value, index: 0, score: 1 } } : { succeeded: false };
  }
}

/** Leaves the question for a person: the conversation goes to the request with what it knows so far. */
async function handToPerson(dc: DialogContext): Promise<DialogTurnResult> {
  let root = dc;
  while (root.parent) root = root.parent;
  await root.cancelAllDialogs();
  await dc.context.sendActivity(t(dc.context, 'prompt.handToPerson'));
  return root.beginDialog(MAIN_DIALOG_ID, { escalate: true });
}

/** The prompt every question of the conversation is asked with (register it under the id askChoice uses). */
export function answerPrompt(id: string): AnswerPrompt {
  return new AnswerPrompt(id);
}

/** The value of the option the question recognised in the previous step. */
export function chosen(step: WaterfallStepContext): string {
  const choice = stepResult<FoundChoice>(step);
  if (!choice) throw new Error('chosen() reads the answer to a question; the previous step asked none.');
  return choice.value;
}

/** What picked the option in the previous step: the address or number typed in its place, when one did. */
export function chosenValue(step: WaterfallStepContext): string | undefined {
  const synonym = stepResult<FoundChoice>(step)?.synonym;
  return synonym && /[@+\d]/.test(synonym) ? synonym : undefined;
}

export function cardMessage(attachment: Attachment, fallbackText: string, context: TurnContext): Partial<Activity> {
  return supportsCards(context) ? MessageFactory.attachment(attachment) : MessageFactory.text(fallbackText);
}
