// The recording points of the insights (src/insights/): where a case starts, what is learnt about it,
// when the admin is active in it, how it ends, and what the assistant could not place. Recording must
// never break or slow a turn: each call is awaited (one small write) but a failure is only logged.
import type { TurnContext } from 'botbuilder';
import type { Classification } from '../src/knowledge/index.js';
import type { Ticket } from '../src/tickets/index.js';
import type { CaseOutcome, CaseStart, GapReason } from '../src/insights/index.js';
import { currentTurn } from '../src/channels/index.js';
import type { SupportCase } from './caseState.js';
import { languageOf } from './language.js';
import type { ConversationServices } from './services.js';

/** Runs a recording; a failure is logged for the operators and never reaches the admin. */
async function quietly(what: string, record: () => Promise<unknown>): Promise<void> {
  try {
    await record();
  } catch (err) {
    currentTurn()?.log?.warn({ err: { message: (err as Error).message } }, `insights: could not record ${what}`);
  }
}

const conversationOf = (context: TurnContext) => context.activity.conversation?.id ?? '';

/**
 * The admin described a problem: the case starts (a conversation may have several: a new problem after
 * one ended starts another), or, when this is the same problem told again after "something else", what
 * is known about it is updated.
 */
export async function caseDescribed(services: ConversationServices, context: TurnContext, supportCase: SupportCase, text: string, result: Classification): Promise<void> {
  const known = { topic: result.topic, category: result.category, confidence: result.confidence, cloud: supportCase.cloud ?? null, language: languageOf(context) };
  if (supportCase.caseId && !supportCase.outcome) {
    const caseId = supportCase.caseId;
    await quietly('what the case is about', () => services.insights.updateCase(caseId, known));
    return;
  }
  await startCase(services, context, supportCase, text, known);
}

/**
 * "Talk to a person" after the case had ended (solved by self-help, say): the same problem, told as a
 * new case, so the request it leads to is counted rather than lost behind the first outcome.
 */
export async function caseResumed(services: ConversationServices, context: TurnContext, supportCase: SupportCase): Promise<void> {
  if (supportCase.caseId && !supportCase.outcome) return;
  const known = { topic: supportCase.topic ?? null, category: supportCase.category ?? null, confidence: null, cloud: supportCase.cloud ?? null, language: languageOf(context) };
  await startCase(services, context, supportCase, supportCase.problem ?? '', known);
}

async function startCase(
  services: ConversationServices,
  context: TurnContext,
  supportCase: SupportCase,
  text: string,
  known: Pick<CaseStart, 'topic' | 'category' | 'confidence' | 'cloud' | 'language'>,
): Promise<void> {
  delete supportCase.outcome;
  delete supportCase.caseId;
  const at = services.now();
  supportCase.activeAt = at.toISOString();
  await quietly('a new case', async () => {
    supportCase.caseId = await services.insights.startCase({ conversationId: conversationOf(context), channelId: context.activity.channelId, text, ...known, at });
  });
}

/** The topic the admin picked from the closest ones, or the cloud the request names: the case's figures follow. */
export async function caseClarified(services: ConversationServices, supportCase: SupportCase): Promise<void> {
  const { caseId } = supportCase;
  if (!caseId) return;
  await quietly('what the case is about', () =>
    services.insights.updateCase(caseId, { topic: supportCase.topic ?? null, category: supportCase.category ?? null, ...(supportCase.cloud ? { cloud: supportCase.cloud } : {}) }),
  );
}

/**
 * How stale a case's last activity may be. The abandon job counts in tens of minutes, so writing it on
 * every message would be a statement per turn for nothing (#20): it is written at most this often.
 */
export const ACTIVITY_WRITE_MS = 30_000;

/** An admin message in an open case: its last activity, which the abandon job reads. */
export async function caseActive(services: ConversationServices, supportCase: SupportCase): Promise<void> {
  const { caseId } = supportCase;
  if (!caseId || supportCase.outcome) return;
  const now = services.now();
  const last = supportCase.activeAt ? Date.parse(supportCase.activeAt) : Number.NaN;
  if (now.getTime() - last < ACTIVITY_WRITE_MS) return;
  supportCase.activeAt = now.toISOString();
  await quietly('activity', () => services.insights.touchCase(caseId, now));
}

/**
 * How the case ended. The first outcome stands, except that an escalated case becomes handed to a
 * person (the recorder enforces it; the state only spares a write that would change nothing).
 */
export async function caseEnded(services: ConversationServices, supportCase: SupportCase, outcome: CaseOutcome, ticketNumber?: string): Promise<void> {
  const { caseId } = supportCase;
  if (!caseId) return;
  if (supportCase.outcome && !(supportCase.outcome === 'escalated' && outcome === 'handed_to_person')) return;
  supportCase.outcome = outcome;
  await quietly(`the outcome ${outcome}`, () => services.insights.endCase(caseId, outcome, { ...(ticketNumber ? { ticketNumber } : {}), at: services.now() }));
}

/**
 * After the handoff started for the case's request: with an agent online the admin now waits in a live
 * chat for a person (handed to a person); with nobody online the request was flagged for a call back
 * and stays escalated until an agent takes it.
 */
export async function caseHandedOver(services: ConversationServices, supportCase: SupportCase, readTicket: () => Promise<Ticket>): Promise<void> {
  if (!supportCase.caseId || !supportCase.ticketNumber || supportCase.outcome !== 'escalated') return;
  let ticket: Ticket;
  try {
    ticket = await readTicket();
  } catch (err) {
    return currentTurn()?.log?.warn({ err: { message: (err as Error).message } }, 'insights: could not read the request after the handoff');
  }
  if (!ticket.callbackRequested) await caseEnded(services, supportCase, 'handed_to_person', ticket.number);
}

/**
 * A problem the assistant could not place, with the article it came closest to. The recorder removes
 * personal data from the text before it is stored.
 */
export async function gapFound(
  services: ConversationServices,
  context: TurnContext,
  supportCase: SupportCase,
  reason: GapReason,
  closest: { articleId: string | null; score: number | null } = closestOf(undefined),
): Promise<void> {
  const text = supportCase.problem?.trim();
  if (!text) return;
  await quietly(`a knowledge gap (${reason})`, () =>
    services.insights.recordGap({
      caseId: supportCase.caseId ?? null,
      text,
      language: languageOf(context),
      reason,
      topic: supportCase.topic ?? null,
      closestArticleId: closest.articleId,
      score: closest.score,
      at: services.now(),
    }),
  );
}

/** The classifier's best article for the words and its score: what a knowledge author would start from. */
export function closestOf(result: Classification | undefined): { articleId: string | null; score: number | null } {
  const best = result?.articles[0];
  return { articleId: best?.id ?? null, score: best?.score ?? null };
}
