// The satisfaction question: asked once after a confirmed self-help resolution and once after a
// request is resolved or closed, answered by the card (Teams, the widget) or typed in any language,
// never in the way: any other message goes on as usual and the question is dropped.
import { MessageFactory, type TurnContext } from 'botbuilder';
import type { DialogContext } from './dialogKit.js';
import type { InsightsRecorder } from '../src/insights/index.js';
import type { RelayedMessage } from '../src/handoff/index.js';
import { translate, type Language } from '../src/i18n/index.js';
import { isTicketError, type Ticket } from '../src/tickets/index.js';
import { currentTurn } from '../src/channels/index.js';
import { readSatisfactionSubmit, satisfactionCard, type SatisfactionSubject } from './cards/satisfactionCard.js';
import { newCase, requesterId, type SatisfactionMemory, type StateAccessors } from './caseState.js';
import { AnswerPrompt, supportsCards } from './prompting.js';
import { readTypedSatisfaction } from './satisfactionAnswer.js';
import type { ConversationServices } from './services.js';
import { languageOf, t } from './language.js';
import { detectIntent } from './intents.js';

/** Answered questions remembered per conversation (a second click on an old card is thanked, not counted). */
const ANSWERED_KEPT = 20;
/** Requests per conversation looked up for a question still to ask; older ones are settled. */
const TICKETS_WATCHED = 10;

const keyOf = (subject: SatisfactionSubject) => (subject.about === 'ticket' ? `ticket:${subject.ticketNumber}` : `case:${subject.caseId}`);
const recorderKey = (subject: SatisfactionSubject) => (subject.about === 'ticket' ? { ticketNumber: subject.ticketNumber } : { caseId: subject.caseId });
const ended = (ticket: Pick<Ticket, 'status'>): ticket is Ticket & { status: 'resolved' | 'closed' } => ticket.status === 'resolved' || ticket.status === 'closed';

/** The question in `language`: a card where the channel renders cards, else text that says how to answer. */
function questionMessage(subject: SatisfactionSubject, question: string, language: Language, cards: boolean): RelayedMessage {
  const message = { type: 'message', textFormat: 'markdown' } as const;
  if (cards) return { ...message, text: '', attachments: [{ ...satisfactionCard(subject, question, language) }] };
  return { ...message, text: `${question}\n\n${translate(language, 'satisfaction.question.typedHint')}` };
}

const channelRendersCards = (channelId: string) => supportsCards({ activity: { channelId } } as TurnContext);

/**
 * The handoff's hook after an agent resolved or closed a request and the admin was told (HandoffDeps.
 * followUpAfterStatus): the question, in the request's language, marked asked first so it goes out
 * once however many status changes follow; [] when it was asked already.
 */
export function satisfactionFollowUp(insights: InsightsRecorder): (ticket: Ticket, to: 'resolved' | 'closed') => Promise<RelayedMessage[]> {
  return async (ticket) => {
    if (!(await insights.markSatisfactionAsked({ ticketNumber: ticket.number }))) return [];
    const question = translate(ticket.language, 'satisfaction.question.ticket', { number: ticket.number });
    return [questionMessage({ about: 'ticket', ticketNumber: ticket.number }, question, ticket.language, channelRendersCards(ticket.channelId ?? ''))];
  };
}

/** Logs a failed read or write of the insights; the admin's turn goes on without it. */
function logFailure(what: string, err: unknown): void {
  currentTurn()?.log?.warn({ err: { message: (err as Error).message } }, `satisfaction: could not ${what}`);
}

/**
 * Asks the question in this turn (after "yes, that solved it", or a request that ended while the admin
 * was away), once per case or request: the recorder's mark settles a race between two instances.
 */
export async function askSatisfaction(context: TurnContext, state: StateAccessors, services: ConversationServices, subject: SatisfactionSubject, question: string): Promise<boolean> {
  try {
    if (!(await services.insights.markSatisfactionAsked(recorderKey(subject)))) return false;
  } catch (err) {
    logFailure('mark the question asked', err);
    return false;
  }
  const language = languageOf(context);
  await context.sendActivity(supportsCards(context) ? MessageFactory.attachment(satisfactionCard(subject, question, language)) : questionMessage(subject, question, language, false).text);
  (await state.satisfaction.get(context, {})).open = subject;
  return true;
}

/** What happens to a message in the satisfaction question's light. */
export class SatisfactionTurn {
  constructor(
    private readonly state: StateAccessors,
    private readonly services: ConversationServices,
  ) {}

  /**
   * A click on the question's card: recorded and thanked, whatever else is open (the card carries what
   * it is about). True when the message was one; the rest of the turn is then skipped.
   */
  async handleSubmit(context: TurnContext, dc: () => Promise<DialogContext>): Promise<boolean> {
    const submit = readSatisfactionSubmit(context.activity.value);
    if (!submit) return false;
    if (submit.score === undefined) {
      await context.sendActivity(t(context, 'satisfaction.rating.required'));
      return true;
    }
    if (!(await this.mayAnswer(context, submit.subject))) {
      await context.sendActivity(t(context, 'satisfaction.notYours'));
      return true;
    }
    await this.record(context, submit.subject, submit.score, submit.comment);
    await this.repromptOpenQuestion(await dc());
    return true;
  }

  /**
   * Any other message. A typed score answers the open question; anything else drops it and goes on as
   * usual (false). First, a request filed here that ended since the last turn: the handoff already asked
   * (its question is now the open one), or, when nothing else is open, the question is asked now.
   */
  async handleMessage(context: TurnContext, dc: DialogContext, filed: string[]): Promise<boolean> {
    const memory = await this.state.satisfaction.get(context, {});
    // Asked just now: this message was not its answer, and the turn goes on.
    if (await this.settleEndedRequests(context, dc, memory, filed)) return false;
    const subject = memory.open;
    if (!subject) return false;
    delete memory.open;
    const typed = readTypedSatisfaction(context.activity.text);
    // "1" at a question with numbered choices picks its first choice; "help", "my requests" are commands.
    if (!typed || AnswerPrompt.readReply(dc, context.activity.text)?.meaning.kind === 'option' || detectIntent(context.activity.text)) return false;
    await this.record(context, subject, typed.score, typed.comment);
    await this.repromptOpenQuestion(dc);
    return true;
  }

  /** A question asked in this conversation may be answered here: its case's, or a request of this admin's. */
  private async mayAnswer(context: TurnContext, subject: SatisfactionSubject): Promise<boolean> {
    try {
      if (subject.about === 'ticket') {
        const ticket = await this.services.tickets.getTicket(subject.ticketNumber, { kind: 'requester', requesterId: requesterId(context) });
        if (!ended(ticket)) return false;
      }
      return await this.services.insights.satisfactionAsked(recorderKey(subject));
    } catch (err) {
      if (!isTicketError(err)) logFailure('check the question was asked', err);
      return false;
    }
  }

  /**
   * The requests filed here that ended since they were last looked at. A request the handoff asked
   * about (satisfactionAsked) makes its question the open one; one that ended unseen (the admin was
   * away, the message could not be delivered) is asked about now, unless a question of the flow is open.
   */
  private async settleEndedRequests(context: TurnContext, dc: DialogContext, memory: SatisfactionMemory, filed: string[]): Promise<boolean> {
    const settled = new Set(memory.settledTickets ?? []);
    const watched = filed.filter((number) => !settled.has(number)).slice(-TICKETS_WATCHED);
    if (watched.length === 0) return false;
    let askedNow = false;
    for (const number of watched) {
      let ticket: Ticket;
      try {
        ticket = await this.services.tickets.getTicket(number, { kind: 'requester', requesterId: requesterId(context) });
      } catch (err) {
        // Not this person's (another member of a group chat filed it): nothing to ask them.
        if (isTicketError(err)) settled.add(number);
        else logFailure('read a request of this conversation', err);
        continue;
      }
      if (!ended(ticket)) continue;
      try {
        const subject: SatisfactionSubject = { about: 'ticket', ticketNumber: number };
        if (await this.services.insights.satisfactionAsked({ ticketNumber: number })) {
          if (!memory.answered?.includes(keyOf(subject))) memory.open = subject;
          settled.add(number);
        } else if (!dc.activeDialog && !askedNow) {
          askedNow = await askSatisfaction(context, this.state, this.services, subject, t(context, 'satisfaction.question.ticketLater', { number, status: ticket.status }));
          settled.add(number);
        }
      } catch (err) {
        logFailure('settle the question of a request', err);
      }
    }
    // Requests too old to be watched count as settled, so the list stays short.
    memory.settledTickets = [...filed.filter((n) => settled.has(n) || !watched.includes(n))];
    return askedNow;
  }

  private async record(context: TurnContext, subject: SatisfactionSubject, score: number, comment: string | null): Promise<void> {
    const memory = await this.state.satisfaction.get(context, {});
    const key = keyOf(subject);
    if (memory.answered?.includes(key)) {
      await context.sendActivity(t(context, 'satisfaction.alreadyAnswered'));
      return;
    }
    if (memory.open && keyOf(memory.open) === key) delete memory.open;
    const supportCase = await this.state.supportCase.get(context, newCase());
    // A request's own case, when it is the one this conversation is on.
    const caseId = subject.about === 'self_help' ? subject.caseId : supportCase.ticketNumber === subject.ticketNumber ? (supportCase.caseId ?? null) : null;
    try {
      await this.services.insights.recordSatisfaction({
        caseId,
        ticketNumber: subject.about === 'ticket' ? subject.ticketNumber : null,
        about: subject.about,
        score,
        comment,
        conversationId: context.activity.conversation?.id ?? '',
        channelId: context.activity.channelId,
        language: languageOf(context),
        at: this.services.now(),
      });
    } catch (err) {
      // The admin answered: they are thanked either way; the operators see the failure.
      logFailure('record an answer', err);
    }
    memory.answered = [...(memory.answered ?? []), key].slice(-ANSWERED_KEPT);
    if (score <= 2) {
      await context.sendActivity(
        subject.about === 'ticket' ? t(context, 'satisfaction.thanks.lowTicket', { number: subject.ticketNumber }) : t(context, 'satisfaction.thanks.lowSelfHelp'),
      );
    } else {
      await context.sendActivity(t(context, comment ? 'satisfaction.thanks.withComment' : 'satisfaction.thanks'));
    }
  }

  /** The flow's open question again, so the answer did not leave the admin wondering where they were. */
  private async repromptOpenQuestion(dc: DialogContext): Promise<void> {
    if (dc.activeDialog) await dc.repromptDialog();
  }
}
