import { MessageFactory, TurnContext } from 'botbuilder';
import { ComponentDialog, ListStyle, WaterfallDialog, type WaterfallStepContext } from './dialogKit.js';
import { randomUUID } from 'node:crypto';
import { contactMethodLabel } from './cards/contactFormCard.js';
import { confirmationCard, requestSummaryCard, type SummaryField } from './cards/ticketCards.js';
import { formatPhone } from '../src/contact/index.js';
import { clampSeverity, cloudName, getPlan, resolvePlanFamily, severityName } from '../src/support/index.js';
import { DESCRIPTION_MAX_CHARS, ticketConfirmation, type Ticket } from '../src/tickets/index.js';
import { getCase, getProfile, requesterId, type AdminProfile, type StateAccessors, type SupportCase } from './caseState.js';
import { CLOUD_DIALOG, CloudDialog } from './cloudDialog.js';
import { CONTACT_DIALOG, ContactDialog, countryOf, timeZoneOf, type ContactResult } from './contactDialog.js';
import { PLAN_DIALOG, PlanDialog } from './planDialog.js';
import { answerPrompt, askChoice, chosen, type Option, supportsCards, toChoices } from './prompting.js';
import type { ConversationServices } from './services.js';
import { SEVERITY_DIALOG, SeverityDialog } from './severityDialog.js';
import { stepResult, stepValues } from './stepState.js';
import { listInEveryLanguage, type MessageKey } from '../src/i18n/index.js';
import { languageOf, t } from './language.js';
import { moveWaitingFiles } from './attachmentTurn.js';

export const REQUEST_REVIEW_DIALOG = 'requestReviewDialog';
const SUMMARY = 'requestReview.summary';
const FLOW = 'requestReview.flow';

type Field = 'severity' | 'plan' | 'contact' | 'cloud';

/** The summary's edit buttons, in the order shown; each answer is `edit-<field>`. */
const EDITS: { field: Field; title: MessageKey; synonyms: MessageKey }[] = [
  { field: 'severity', title: 'review.edit.severity', synonyms: 'review.edit.severity.synonyms' },
  { field: 'plan', title: 'review.edit.plan', synonyms: 'review.edit.plan.synonyms' },
  { field: 'contact', title: 'review.edit.contact', synonyms: 'review.edit.contact.synonyms' },
  { field: 'cloud', title: 'review.edit.cloud', synonyms: 'review.edit.cloud.synonyms' },
];

/** The dialog that asks for a field again. */
const EDIT_DIALOGS: Record<Field, string> = { severity: SEVERITY_DIALOG, plan: PLAN_DIALOG, contact: CONTACT_DIALOG, cloud: CLOUD_DIALOG };

interface ReviewValues {
  /** The field being changed, while its dialog runs. */
  editing: Field;
}

export interface RequestReviewResult {
  /** The filed request; none when the admin left while changing their contact details. */
  ticket?: Ticket;
}

/** Text cut to at most `max` UTF-16 units, the cut marked with an ellipsis and never splitting an emoji. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${/[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}

/**
 * The request as it will be filed, until the admin submits it: a summary to confirm, or one field to
 * change and back to the summary. Submitting files the ticket (once per case) and tells the admin
 * everything about what happens next.
 */
export class RequestReviewDialog extends ComponentDialog {
  constructor(
    private readonly state: StateAccessors,
    private readonly services: ConversationServices,
  ) {
    super(REQUEST_REVIEW_DIALOG);
    this.addDialog(new SeverityDialog(state));
    this.addDialog(new PlanDialog(state));
    this.addDialog(new ContactDialog(state));
    this.addDialog(new CloudDialog(state));
    this.addDialog(answerPrompt(SUMMARY));
    this.addDialog(new WaterfallDialog(FLOW, [this.summary.bind(this), this.decide.bind(this), this.changed.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async summary(step: WaterfallStepContext) {
    const supportCase = await getCase(this.state, step.context);
    const profile = await getProfile(this.state, step.context);
    supportCase.submissionId ??= randomUUID();
    // The cloud or category may have changed since the severity was chosen: keep within the rules.
    const clamped = clampSeverity({ cloud: supportCase.cloud ?? 'worldwide', category: supportCase.category ?? 'technical', severity: supportCase.severity!, language: languageOf(step.context) });
    if (clamped.changed) {
      supportCase.severity = clamped.severity;
      supportCase.severityReason = `${supportCase.severityReason ?? ''} ${clamped.reason ?? ''}`.trim();
      await step.context.sendActivity(t(step.context, 'review.note', { reason: clamped.reason }));
    }
    const fields = this.summaryFields(step.context, supportCase, profile);
    const edits = EDITS.map((e) => ({ title: t(step.context, e.title), choice: `edit-${e.field}` }));
    const options: Option[] = [
      { value: 'submit', title: t(step.context, 'review.submit'), synonyms: listInEveryLanguage('review.submit.synonyms') },
      ...EDITS.map((e, i) => ({ value: edits[i]!.choice, title: edits[i]!.title, synonyms: listInEveryLanguage(e.synonyms) })),
    ];
    const question = t(step.context, 'review.question');
    if (supportsCards(step.context)) {
      await step.context.sendActivity(MessageFactory.attachment(requestSummaryCard(fields, edits, supportCase.submissionId, languageOf(step.context))));
      return step.prompt(SUMMARY, { prompt: question, choices: toChoices(options), style: ListStyle.none });
    }
    await step.context.sendActivity([t(step.context, 'review.heading'), ...fields.map((f) => t(step.context, 'review.line', { label: f.label, value: f.value }))].join('\n'));
    return askChoice(step, SUMMARY, question, options);
  }

  private summaryFields(context: TurnContext, supportCase: SupportCase, profile: AdminProfile): SummaryField[] {
    const plan = supportCase.planId ? getPlan(supportCase.planId)?.name ?? supportCase.planId : t(context, 'review.planUnknown');
    return [
      { label: t(context, 'review.field.problem'), value: supportCase.problem ?? '' },
      { label: t(context, 'review.field.severity'), value: `${severityName(supportCase.severity!, languageOf(context))}` },
      { label: t(context, 'review.field.plan'), value: plan },
      { label: t(context, 'review.field.cloud'), value: cloudName(supportCase.cloud ?? 'worldwide', languageOf(context)) },
      { label: t(context, 'review.field.name'), value: profile.name ?? '' },
      { label: t(context, 'review.field.email'), value: profile.email ?? '' },
      { label: t(context, 'review.field.phone'), value: profile.phone ? formatPhone(profile.phone) : t(context, 'review.phoneNone') },
      { label: t(context, 'review.field.contactBy'), value: profile.contactMethod ? contactMethodLabel(profile.contactMethod, languageOf(context)) : '' },
      ...(supportCase.articlesOffered.length
        ? [{ label: t(context, 'review.field.articlesTried'), value: supportCase.articlesOffered.map((a) => a.title).join(t(context, 'review.articlesSeparator')) }]
        : []),
    ];
  }

  private async decide(step: WaterfallStepContext) {
    const answer = chosen(step);
    const edit = EDITS.find((e) => answer === `edit-${e.field}`);
    if (!edit) {
      const ticket = await this.fileTicket(step.context);
      return step.endDialog({ ticket } satisfies RequestReviewResult);
    }
    stepValues<ReviewValues>(step).editing = edit.field;
    // A severity to change is decided afresh: suggested from the problem, or from the impact questions.
    if (edit.field === 'severity') (await getCase(this.state, step.context)).severity = undefined;
    return step.beginDialog(EDIT_DIALOGS[edit.field]);
  }

  /** Back to the summary, unless the admin left while changing their contact details. */
  private async changed(step: WaterfallStepContext) {
    const leftContact = stepValues<ReviewValues>(step).editing === 'contact' && !stepResult<ContactResult>(step)?.completed;
    if (leftContact) return step.endDialog({} satisfies RequestReviewResult);
    return step.replaceDialog(FLOW);
  }

  /** Files the request (idempotently: the case's submission id is the dedupe key) and tells the admin. */
  private async fileTicket(context: TurnContext): Promise<Ticket> {
    const supportCase = await getCase(this.state, context);
    const profile = await getProfile(this.state, context);
    await context.sendActivity({ type: 'typing' });
    const planFamily = supportCase.planId ? resolvePlanFamily(supportCase.planId).family : null;
    const { ticket, created } = await this.services.tickets.createTicket(
      {
        requester: { id: requesterId(context), name: profile.name!, email: profile.email!, phone: profile.phone ?? null },
        contactMethod: profile.contactMethod ?? 'email',
        cloud: supportCase.cloud ?? 'worldwide',
        planId: supportCase.planId ?? null,
        planFamily,
        category: supportCase.category ?? 'technical',
        topic: supportCase.topic ?? null,
        product: supportCase.product ?? null,
        severity: supportCase.severity!,
        severityReason: supportCase.severityReason ?? t(context, 'review.severityChosen'),
        // Two descriptions of the problem at the message limit can together exceed what a request holds.
        description: clip(supportCase.problem ?? t(context, 'review.noDescription'), DESCRIPTION_MAX_CHARS),
        articlesTried: supportCase.selfHelp === 'not-resolved' ? supportCase.articlesOffered : [],
        channelId: context.activity.channelId,
        language: languageOf(context),
        conversationReference: TurnContext.getConversationReference(context.activity) as Record<string, unknown>,
        // For call-backs and notifications: the admin's zone as the channel reports it, and when a call suits them.
        requesterTimeZone: timeZoneOf(context) ?? null,
        callbackHours: profile.contactMethod === 'phone' ? (profile.callbackHours ?? null) : null,
      },
      { dedupeKey: `case:${supportCase.submissionId}` },
    );
    supportCase.ticketNumber = ticket.number;
    await this.confirm(context, ticket, profile, created);
    // Screenshots and logs sent while the case was described go on the request now.
    await moveWaitingFiles(context, this.services.attachments, ticket.number);
    return ticket;
  }

  private async confirm(context: TurnContext, ticket: Ticket, profile: AdminProfile, created: boolean): Promise<void> {
    const now = this.services.now();
    const wait = await this.services.tickets.expectedWait(ticket, { agentsAvailable: await this.services.agentsAvailable(), now, language: languageOf(context), locale: context.activity.locale });
    // Local support hours are read in the admin's own time zone when the channel gives it (Web Chat, Teams).
    const confirmation = ticketConfirmation({ ticket, created, country: countryOf(profile, context), timeZone: timeZoneOf(context), wait, now, language: languageOf(context), locale: context.activity.locale });
    const { title } = confirmation;
    const card = confirmationCard(confirmation, ticket, languageOf(context));
    await context.sendActivity(supportsCards(context) ? { ...MessageFactory.attachment(card), text: t(context, 'tickets.confirmation.short', { title }) } : confirmation.text);
  }
}
