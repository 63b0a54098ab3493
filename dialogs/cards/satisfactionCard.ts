import type { Attachment } from 'botbuilder';
import { z } from 'zod';
import { translate, type Language } from '../../src/i18n/index.js';
import { adaptiveCard, text } from './adaptiveCard.js';

/** What the question is about: a case solved by self-help, or a request that was resolved or closed. */
export type SatisfactionSubject = { about: 'self_help'; caseId: string } | { about: 'ticket'; ticketNumber: string };

/** The Send button's `action`: Teams' answered-card redraw (dialogs/teams/submittedCards.ts) finds the button by it. */
export const SATISFACTION_ACTION = 'satisfaction';
const RATING = 'rating';
const COMMENT = 'comment';
export const COMMENT_MAX_CHARS = 1000;
const SCORES = [5, 4, 3, 2, 1] as const;

/** The scores' labels, best first: a number and words, never a colour alone. */
export const scoreLabel = (score: number, language: Language): string => translate(language, `satisfaction.score.${score as 1 | 2 | 3 | 4 | 5}`);

/**
 * The question as an Adaptive Card 1.5: the five scores as a vertical list of radio buttons (each
 * label is a whole line, readable at 360 px in any language, where five buttons in a row are not),
 * an optional comment, and one Send. The submit carries what it is about, so it needs no state.
 */
export function satisfactionCard(subject: SatisfactionSubject, question: string, language: Language): Attachment {
  const say = (key: Parameters<typeof translate>[1]) => translate(language, key);
  return adaptiveCard(
    [
      text(question, { weight: 'Bolder' }),
      text(say('satisfaction.card.hint'), { isSubtle: true, size: 'Small', spacing: 'Small' }),
      {
        type: 'Input.ChoiceSet',
        id: RATING,
        label: say('satisfaction.rating.label'),
        style: 'expanded',
        // Web Chat cuts a long choice off with "…" unless it may wrap (Adaptive Cards 1.2+).
        wrap: true,
        isRequired: true,
        errorMessage: say('satisfaction.rating.required'),
        choices: SCORES.map((score) => ({ title: scoreLabel(score, language), value: String(score) })),
      },
      {
        type: 'Input.Text',
        id: COMMENT,
        label: say('satisfaction.comment.label'),
        placeholder: say('satisfaction.comment.placeholder'),
        isMultiline: true,
        maxLength: COMMENT_MAX_CHARS,
      },
    ],
    [{ type: 'Action.Submit', title: say('satisfaction.send'), data: { action: SATISFACTION_ACTION, satisfaction: subject } }],
  );
}

/** Any client can post any value: checked here, a wrong type reads as not sent. */
const submitSchema = z.looseObject({
  action: z.literal(SATISFACTION_ACTION),
  satisfaction: z.discriminatedUnion('about', [
    z.object({ about: z.literal('self_help'), caseId: z.string().min(1).max(100) }),
    z.object({ about: z.literal('ticket'), ticketNumber: z.string().min(1).max(40) }),
  ]),
  rating: z
    .union([z.string(), z.number()])
    .optional()
    .catch(undefined)
    .transform((v) => (v === undefined || !/^[1-5]$/.test(String(v).trim()) ? undefined : Number(String(v).trim()))),
  comment: z.string().optional().catch(undefined),
});

export interface SatisfactionSubmit {
  subject: SatisfactionSubject;
  /** Undefined when no score was picked (a client that does not check isRequired). */
  score: number | undefined;
  comment: string | null;
}

/** The card's submit, or undefined when the activity's value is something else. */
export function readSatisfactionSubmit(value: unknown): SatisfactionSubmit | undefined {
  const parsed = submitSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const comment = parsed.data.comment?.trim().slice(0, COMMENT_MAX_CHARS) || null;
  return { subject: parsed.data.satisfaction, score: parsed.data.rating, comment };
}
