import type { Activity, Attachment, ConversationState, ResourceResponse, TurnContext } from 'botbuilder';
import { adaptiveCard, text, type CardElement } from '../cards/adaptiveCard.js';
import { DEFAULT_LANGUAGE, translate, type Language } from '../../src/i18n/index.js';
import { languageOf } from '../language.js';
import { currentTurn } from '../../src/channels/index.js';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
/** Cards remembered per conversation; an older card clicked later keeps its buttons (the click still works). */
export const CARDS_KEPT = 5;

/** The parts of a sent card needed to redraw it once answered. */
export interface SentCard {
  body: CardElement[];
  actions: CardElement[];
}

type Submitted = Record<string, unknown>;

/** A card with at least one Action.Submit, from an outgoing activity; undefined for anything else. */
export function submitCardOf(activity: Partial<Activity>): SentCard | undefined {
  for (const attachment of activity.attachments ?? []) {
    if (attachment.contentType !== ADAPTIVE_CARD) continue;
    const content = attachment.content as { body?: CardElement[]; actions?: CardElement[] } | undefined;
    const actions = content?.actions ?? [];
    if (actions.some((a) => a.type === 'Action.Submit')) return { body: content?.body ?? [], actions };
  }
  return undefined;
}

/** The button that produced a submit: a choice button by its `choice`, a form by its `action`. */
function clickedAction(card: SentCard, value: Submitted): CardElement | undefined {
  return card.actions.find((a) => {
    const data = (a.data ?? {}) as Submitted;
    if (a.type !== 'Action.Submit') return false;
    return typeof value.choice === 'string' ? data.choice === value.choice : data.action !== undefined && data.action === value.action;
  });
}

/** What the form's inputs were answered with, as label/value pairs (choice sets show the picked title). */
function answeredInputs(body: CardElement[], value: Submitted): [string, string][] {
  const pairs: [string, string][] = [];
  for (const element of body) {
    if (typeof element.type !== 'string' || !element.type.startsWith('Input.') || typeof element.id !== 'string') continue;
    const answer = value[element.id];
    if (typeof answer !== 'string' || answer.trim() === '') continue;
    const choices = (element.choices as { title: string; value: string }[] | undefined) ?? [];
    const shown = choices.find((c) => c.value === answer)?.title ?? answer;
    pairs.push([String(element.label ?? element.id), shown.length > 200 ? `${shown.slice(0, 199)}…` : shown]);
  }
  return pairs;
}

/**
 * The card as it should look once answered: its text without inputs, buttons or the previous round's
 * error lines, then what was chosen or sent. No buttons are left, so it cannot be clicked twice.
 * Undefined when the submit matches none of the card's buttons (then the card is left as it is).
 */
export function answeredCard(card: SentCard, value: Submitted, language: Language = DEFAULT_LANGUAGE): Attachment | undefined {
  const action = clickedAction(card, value);
  if (!action) return undefined;
  const shown = card.body.filter((e) => {
    const type = String(e.type ?? '');
    return !type.startsWith('Input.') && type !== 'ActionSet' && e.color !== 'Attention';
  });
  const answers = answeredInputs(card.body, value);
  const receipt: CardElement[] =
    typeof value.choice === 'string'
      ? [text(translate(language, 'card.youChose', { title: String(action.title ?? value.choice) }), { color: 'Good', weight: 'Bolder' })]
      : [...(answers.length ? [{ type: 'FactSet', facts: answers.map(([title, v]) => ({ title, value: v })) }] : []), text(translate(language, 'card.sent'), { color: 'Good', weight: 'Bolder' })];
  return adaptiveCard([...shown, ...receipt]);
}

export interface SubmittedCards {
  /** Remembers the cards with buttons this turn sends (by the id Teams gives each message). */
  watch(context: TurnContext): void;
  /** When the message is a click on one of those cards, replaces the card with its answered form (best effort). */
  replaceAnswered(context: TurnContext): Promise<void>;
}

/**
 * Buttons that stay clickable after an answer invite double submits and leave the chat ambiguous.
 * Teams lets a bot edit its own messages (updateActivity), so an answered card is redrawn without them.
 */
export function createSubmittedCards(conversationState: ConversationState): SubmittedCards {
  const sent = conversationState.createProperty<Record<string, SentCard>>('teamsCards');

  return {
    watch(context) {
      context.onSendActivities(async (ctx, activities, next): Promise<ResourceResponse[]> => {
        const responses = await next();
        try {
          const cards = activities.map((a, i) => [responses?.[i]?.id, submitCardOf(a)] as const).filter((pair): pair is readonly [string, SentCard] => !!pair[0] && !!pair[1]);
          if (cards.length) {
            const kept = await sent.get(ctx, {});
            for (const [id, card] of cards) kept[id] = card;
            const ids = Object.keys(kept);
            for (const id of ids.slice(0, Math.max(0, ids.length - CARDS_KEPT))) delete kept[id];
          }
        } catch (err) {
          currentTurn()?.log?.debug({ err }, 'could not remember a sent card');
        }
        return responses;
      });
    },

    async replaceAnswered(context) {
      const { replyToId, value } = context.activity;
      if (!replyToId || !value || typeof value !== 'object') return;
      const kept = await sent.get(context, {});
      const card = kept[replyToId];
      const answered = card && answeredCard(card, value as Submitted, languageOf(context));
      if (!answered) return;
      delete kept[replyToId];
      try {
        await context.updateActivity({ type: 'message', id: replyToId, attachments: [answered] });
      } catch (err) {
        // Old messages can be locked or deleted; the answer itself still goes through.
        currentTurn()?.log?.debug({ err: { message: (err as Error).message } }, 'could not update the answered card');
      }
    },
  };
}
