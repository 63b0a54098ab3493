import { type ConversationState, type FileConsentCardResponse, TeamsActivityHandler, TurnContext, type UserState } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogContext, type DialogState } from './dialogKit.js';
import { newCase, requesterId, type AdminProfile, type SatisfactionMemory, type StateAccessors, type SupportCase } from './caseState.js';
import { SatisfactionTurn } from './satisfaction.js';
import { caseActive, caseHandedOver } from './caseInsights.js';
import { detectIntent } from './intents.js';
import { AnswerPrompt } from './prompting.js';
import { besidesWish, recogniseWish } from './understanding.js';
import { recogniseSmallTalk, smallTalkReply } from './smallTalk.js';
import { ESCALATION_DIALOG } from './escalationDialog.js';
import { helpText, MAIN_DIALOG, MainDialog, welcomeText, type MainOptions } from './mainDialog.js';
import type { ConversationServices } from './services.js';
import { TICKET_COMMANDS_DIALOG, TicketCommandsDialog, type TicketCommand } from './ticketCommandsDialog.js';
import { createTeamsEdge, type TeamsEdge } from './teams/teamsEdge.js';
import { adminMessage, adminTurn } from './handoffTurn.js';
import { carriesFiles, receiveFiles } from './attachmentTurn.js';
import { fileConsentAnswered } from './teams/fileConsent.js';
import { readCardSubmit } from './cardSubmit.js';
import { readChoiceSubmit } from './cards/adaptiveCard.js';
import { completedTurnsProperty, recordCompletedTurn } from '../src/channels/index.js';
import { settleTurnLanguage, type LanguageMemory } from './conversationLanguage.js';
import { languageOf, t } from './language.js';
import { listInEveryLanguage } from '../src/i18n/index.js';

/** The summary's unambiguous "file it" answers (not "yes" or "ok", which mean other things after it), in any language. */
const TYPED_SUBMIT = new Set(listInEveryLanguage('request.submitTyped.synonyms').map((s) => s.toLowerCase()));
const isTypedSubmit = (text: string) => TYPED_SUBMIT.has(text.trim().replace(/[.!。！]$/, '').trim().replace(/\s+/g, ' ').toLowerCase());

interface ConversationFlags {
  welcomed?: boolean;
  /** Submission ids of requests already filed here, so a repeated "Submit" finds its ticket. */
  filed?: Record<string, string>;
}

/**
 * The bot at the Bot Framework edge: it turns card submits into text, handles what can be said at any
 * step (help, cancel, start over, talk to a person, ticket commands), runs the dialog stack, and saves
 * state at the end of every turn. Conversation flow lives in dialogs/, services in src/.
 */
export class SupportBot extends TeamsActivityHandler {
  private readonly dialogs: DialogSet;
  private readonly accessors: StateAccessors;
  private readonly flags;
  private readonly teams: TeamsEdge;
  private readonly completedTurns;
  private readonly languageMemory;
  private readonly satisfaction: SatisfactionTurn;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly userState: UserState,
    private readonly services: ConversationServices,
  ) {
    super();
    this.accessors = {
      supportCase: conversationState.createProperty<SupportCase>('supportCase'),
      profile: userState.createProperty<AdminProfile>('profile'),
      satisfaction: conversationState.createProperty<SatisfactionMemory>('satisfaction'),
    };
    this.satisfaction = new SatisfactionTurn(this.accessors, services);
    this.flags = conversationState.createProperty<ConversationFlags>('flags');
    this.completedTurns = completedTurnsProperty(conversationState);
    this.languageMemory = userState.createProperty<LanguageMemory>('language');
    this.dialogs = new DialogSet(conversationState.createProperty<DialogState>('dialogState'));
    this.dialogs.add(new MainDialog(this.accessors, services));
    this.dialogs.add(new TicketCommandsDialog(services));
    this.teams = createTeamsEdge({ conversationState, userState, profile: this.accessors.profile });

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const others = (context.activity.membersAdded ?? []).filter((m) => m.id !== context.activity.recipient?.id);
      const botInstalledInPersonalChat = others.length === 0 && context.activity.conversation?.conversationType === 'personal';
      if (others.length > 0 || botInstalledInPersonalChat) await this.welcome(context);
      await next();
    });
  }

  private async welcome(context: TurnContext): Promise<void> {
    const flags = await this.flags.get(context, {});
    if (flags.welcomed) return;
    flags.welcomed = true;
    const language = languageOf(context);
    const now = await this.availabilityNow(context, language);
    await context.sendActivity(now ? `${welcomeText(language)}\n\n${now}` : welcomeText(language));
  }

  /**
   * Whether a person can help now (agents online, the wait, support lines open in the admin's zone),
   * for the first message. A failed read leaves it out: the greeting must not wait on it or fail.
   */
  private async availabilityNow(context: TurnContext, language: ReturnType<typeof languageOf>): Promise<string | undefined> {
    try {
      const status = await this.services.availability?.current({ language, locale: context.activity.locale, timeZone: context.activity.localTimezone });
      return status?.summary;
    } catch {
      return undefined;
    }
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    // In channels and group chats the bot is @mentioned; the mention is not part of what the admin said.
    if (typeof context.activity.text === 'string') TurnContext.removeRecipientMention(context.activity);
    if (context.activity.text) context.activity.text = context.activity.text.trim();
    readCardSubmit(context.activity);
    const language = await settleTurnLanguage(context, this.languageMemory);
    // Teams only: redraw an answered card without its buttons (in the turn's language), pre-fill name and email from the Teams profile.
    if (context.activity.channelId === 'msteams') await this.teams.beforeMessage(context);
    // The satisfaction card carries what it is about: recorded whatever else is open.
    if (await this.satisfaction.handleSubmit(context, () => this.dialogs.createContext(context))) return;
    // Files first: a message of files only is not an answer to the open question, which is asked again unchanged.
    if (await this.receiveFiles(context)) return;
    if (this.services.handoff && (await this.services.handoff.routeMessage(adminTurn(context), adminMessage(context)))) return;
    await caseActive(this.services, await this.accessors.supportCase.get(context, newCase()));
    const flags = await this.flags.get(context, {});
    const submit = readChoiceSubmit(context.activity.value);
    const filedAs = submit?.choice === 'submit' && submit.submissionId && flags.filed && Object.hasOwn(flags.filed, submit.submissionId) ? flags.filed[submit.submissionId] : undefined;
    if (filedAs) {
      await context.sendActivity(t(context, 'request.alreadyFiled', { number: filedAs }));
      return;
    }

    const dc = await this.dialogs.createContext(context);
    // "auf Deutsch bitte" on its own: say so in the new language and ask the open question again in it.
    if (language.onlyRequest) {
      await context.sendActivity(t(context, 'language.switched'));
      if (dc.activeDialog) await dc.repromptDialog();
      return;
    }
    // "Submit" typed again after the request was filed: its confirmation may never have arrived (a
    // lost reply, a crash after filing), so say which request it is instead of starting a new case.
    const lastFiled = Object.values(flags.filed ?? {}).at(-1);
    if (lastFiled && !dc.activeDialog && !context.activity.value && isTypedSubmit(context.activity.text ?? '')) {
      await context.sendActivity(t(context, 'request.alreadyFiled.status', { number: lastFiled }));
      return;
    }
    // A typed score while the satisfaction question is open; any other message drops the question.
    if (await this.satisfaction.handleMessage(context, dc, Object.values(flags.filed ?? {}))) return;
    // A click on a button of a question that is no longer open (an earlier step, an earlier case).
    const answer = AnswerPrompt.readReply(dc, context.activity.text);
    const staleClick =
      !!submit?.choice &&
      ((!dc.activeDialog && !submit.submissionId) || (answer && (submit.question ? submit.question !== answer.questionId : answer.meaning.kind !== 'option')));
    if (staleClick) {
      await context.sendActivity(t(context, dc.activeDialog ? 'closedQuestion.reprompt' : 'closedQuestion.nothingOpen'));
      if (dc.activeDialog) await dc.repromptDialog();
      return;
    }
    // What the open question understands as one of its answers is that answer ("talk to a person" at
    // "Did this solve it?" means "no, I still need help"); only help, cancel and start over come first.
    const intent = detectIntent(context.activity.text);
    const answersQuestion = answer?.meaning.kind === 'option' && !['help', 'cancel', 'startOver'].includes(intent?.kind ?? '');
    // Asking for a person or a request while the request is being taken is part of the answer, not a new start.
    const alreadyEscalating = (intent?.kind === 'human' || intent?.kind === 'escalate') && onStack(dc, ESCALATION_DIALOG);
    if (alreadyEscalating && !answersQuestion && ['human', 'escalate'].includes(recogniseWish(context.activity.text ?? '') ?? '')) {
      await context.sendActivity(t(context, 'escalation.alreadyOnWay'));
      await dc.repromptDialog();
      return;
    }
    switch (answersQuestion || alreadyEscalating ? undefined : intent?.kind) {
      case 'help':
        await context.sendActivity(helpText(languageOf(context)));
        if (dc.activeDialog) await dc.repromptDialog();
        return;
      case 'cancel':
        await dc.cancelAllDialogs();
        await context.sendActivity(t(context, 'command.cancel'));
        return;
      case 'startOver':
        await dc.cancelAllDialogs();
        await this.accessors.supportCase.set(context, newCase());
        await context.sendActivity(t(context, 'command.startOver'));
        return this.begin(dc, {});
      case 'human':
        await dc.cancelAllDialogs();
        await context.sendActivity(t(context, 'command.human'));
        return this.begin(dc, { escalate: true }, false);
      case 'escalate': {
        const wasOpen = !!dc.activeDialog;
        await dc.cancelAllDialogs();
        await context.sendActivity(t(context, 'command.escalate'));
        const rest = besidesWish(context.activity.text ?? '');
        return this.begin(dc, { escalate: true, text: describesProblem(rest) ? rest : undefined }, !wasOpen);
      }
      case 'done':
        await dc.cancelAllDialogs();
        await context.sendActivity(t(context, 'command.done'));
        return;
      case 'status':
      case 'list':
      case 'addInfo':
      case 'reopen':
        await dc.beginDialog(TICKET_COMMANDS_DIALOG, intent as TicketCommand);
        return;
    }

    // Small talk ("thanks", "bye", "are you a bot?"): a short answer; an open question is asked again
    // and the stack stays where it was. A greeting with nothing open starts the conversation as before.
    const smallTalk = answersQuestion ? undefined : recogniseSmallTalk(context.activity.text);
    if (smallTalk && (dc.activeDialog || smallTalk !== 'greeting')) {
      await context.sendActivity(smallTalkReply(smallTalk, { questionOpen: !!dc.activeDialog, ticketNumber: lastFiled, language: languageOf(context), locale: context.activity.locale }));
      if (dc.activeDialog) await dc.repromptDialog();
      return;
    }

    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) {
      await this.welcome(context);
      await this.begin(dc, { text: context.activity.text });
    } else if (result.status === DialogTurnStatus.complete) {
      const ticketNumber = await this.rememberFiled(context);
      if (ticketNumber && this.services.handoff) {
        const requester = { kind: 'requester', requesterId: requesterId(context) } as const;
        await this.services.handoff.startHandoff(adminTurn(context), await this.services.tickets.getTicket(ticketNumber, requester));
        await caseHandedOver(this.services, await this.accessors.supportCase.get(context, newCase()), () => this.services.tickets.getTicket(ticketNumber, requester));
      }
    }
  }

  /** Takes the message's files (dialogs/attachmentTurn.ts); true when nothing else is left in it to handle. */
  private async receiveFiles(context: TurnContext): Promise<boolean> {
    const { attachments, handoff } = this.services;
    if (!attachments || !carriesFiles(context)) return false;
    const { ticketNumber } = await this.accessors.supportCase.get(context, newCase());
    await receiveFiles(context, { attachments, handoff, ticketNumber });
    if (context.activity.text || context.activity.value !== undefined) return false;
    const dc = await this.dialogs.createContext(context);
    if (dc.activeDialog) await dc.repromptDialog();
    return true;
  }

  protected override async handleTeamsFileConsentAccept(context: TurnContext, response: FileConsentCardResponse): Promise<void> {
    await fileConsentAnswered(context, response, this.services);
  }

  protected override async handleTeamsFileConsentDecline(context: TurnContext, response: FileConsentCardResponse): Promise<void> {
    await fileConsentAnswered(context, response, this.services);
  }

  /** Starts the support flow; a fresh case unless the admin asked for a person mid-way. */
  private async begin(dc: DialogContext, options: MainOptions, freshCase = true): Promise<void> {
    if (freshCase) await this.accessors.supportCase.set(dc.context, newCase());
    await dc.beginDialog(MAIN_DIALOG, options);
  }

  /** Notes a request filed in this turn; returns its number when it is new to this conversation. */
  private async rememberFiled(context: TurnContext): Promise<string | undefined> {
    const supportCase = await this.accessors.supportCase.get(context, newCase());
    if (!supportCase.submissionId || !supportCase.ticketNumber) return undefined;
    const flags = await this.flags.get(context, {});
    if (flags.filed?.[supportCase.submissionId]) return undefined;
    flags.filed = { ...(flags.filed ?? {}), [supportCase.submissionId]: supportCase.ticketNumber };
    return supportCase.ticketNumber;
  }

  override async run(context: TurnContext): Promise<void> {
    // Loaded together, the two states are one read.
    const loads = [this.conversationState.load(context)];
    if (context.activity.from?.id) loads.push(this.userState.load(context));
    await Promise.all(loads);
    await super.run(context);
    // Last, so only a turn that got this far counts as done if the process dies right after.
    await recordCompletedTurn(context, this.completedTurns);
    // Saved together, the two states are one write to the database (DatabaseStorage batches them).
    await Promise.all([this.conversationState.saveChanges(context, false), this.userState.saveChanges(context, false)]);
  }
}

/** Enough left of "open a request, …" to be the problem: three words, or four Chinese characters. */
function describesProblem(rest: string): boolean {
  return rest.split(/\s+/).filter(Boolean).length >= 3 || (rest.match(/\p{Script=Han}/gu)?.length ?? 0) >= 4;
}

/** Whether a dialog of this id is anywhere on the stack. */
function onStack(dc: DialogContext, id: string): boolean {
  for (let inner: DialogContext | undefined = dc; inner; inner = inner.child) if (inner.stack.some((d) => d.id === id)) return true;
  return false;
}
