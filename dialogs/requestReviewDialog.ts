import { MessageFactory, TurnContext } from 'botbuilder';
import { ComponentDialog, ListStyle, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { randomUUID } from 'node:crypto';
import { contactMethodLabels } from './cards/contactFormCard.js';
import { requestSummaryCard, ticketCard, type SummaryField } from './cards/ticketCards.js';
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

export const REQUEST_REVIEW_DIALOG = 'requestReviewDialog';
const SUMMARY = 'requestReview.summary';
const FLOW = 'requestReview.flow';

type Field = 'severity' | 'plan' | 'contact' | 'cloud';

/** The summary's edit buttons, in the order shown; each answer is `edit-<field>`. */
const EDITS: { field: Field; title: string }[] = [
  { field: 'severity', title: 'Change severity' },
  { field: 'plan', title: 'Change plan' },
  { field: 'contact', title: 'Change contact details' },
  { field: 'cloud', title: 'Change cloud' },
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
    const clamped = clampSeverity({ cloud: supportCase.cloud ?? 'worldwide', category: supportCase.category ?? 'technical', severity: supportCase.severity! });
    if (clamped.changed) {
      supportCase.severity = clamped.severity;
      supportCase.severityReason = `${supportCase.severityReason ?? ''} ${clamped.reason ?? ''}`.trim();
      await step.context.sendActivity(`Note: ${clamped.reason}`);
    }
    const fields = this.summaryFields(supportCase, profile);
    const edits = EDITS.map((e) => ({ title: e.title, choice: `edit-${e.field}` }));
    const options: Option[] = [
      { value: 'submit', title: 'Submit request', synonyms: ['submit', 'yes', 'y', 'confirm', 'send', 'ok', 'looks good', 'go ahead', 'file it', 'open it'] },
      ...edits.map((e) => ({ value: e.choice, title: e.title, synonyms: [e.choice.replace('edit-', 'change '), e.choice.replace('edit-', 'edit ')] })),
    ];
    if (supportsCards(step.context)) {
      await step.context.sendActivity(MessageFactory.attachment(requestSummaryCard(fields, edits, supportCase.submissionId)));
      return step.prompt(SUMMARY, { prompt: 'Submit it, or change something?', choices: toChoices(options), style: ListStyle.none });
    }
    await step.context.sendActivity(['Here is your request:', ...fields.map((f) => `- ${f.label}: ${f.value}`)].join('\n'));
    return askChoice(step, SUMMARY, 'Submit it, or change something?', options);
  }

  private summaryFields(supportCase: SupportCase, profile: AdminProfile): SummaryField[] {
    const plan = supportCase.planId ? getPlan(supportCase.planId)?.name ?? supportCase.planId : 'Not known (business plan response times assumed)';
    return [
      { label: 'Problem', value: supportCase.problem ?? '' },
      { label: 'Severity', value: `${severityName(supportCase.severity!)}` },
      { label: 'Plan', value: plan },
      { label: 'Cloud', value: cloudName(supportCase.cloud ?? 'worldwide') },
      { label: 'Name', value: profile.name ?? '' },
      { label: 'Email', value: profile.email ?? '' },
      { label: 'Phone', value: profile.phone ? formatPhone(profile.phone) : 'none given' },
      { label: 'Contact by', value: profile.contactMethod ? contactMethodLabels[profile.contactMethod] : '' },
      ...(supportCase.articlesOffered.length ? [{ label: 'Articles tried', value: supportCase.articlesOffered.map((a) => a.title).join('; ') }] : []),
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
        severityReason: supportCase.severityReason ?? 'Chosen by the admin.',
        // Two descriptions of the problem at the message limit can together exceed what a request holds.
        description: clip(supportCase.problem ?? '(no description)', DESCRIPTION_MAX_CHARS),
        articlesTried: supportCase.selfHelp === 'not-resolved' ? supportCase.articlesOffered : [],
        channelId: context.activity.channelId,
        conversationReference: TurnContext.getConversationReference(context.activity) as Record<string, unknown>,
      },
      { dedupeKey: `case:${supportCase.submissionId}` },
    );
    supportCase.ticketNumber = ticket.number;
    await this.confirm(context, ticket, profile, created);
    return ticket;
  }

  private async confirm(context: TurnContext, ticket: Ticket, profile: AdminProfile, created: boolean): Promise<void> {
    const now = this.services.now();
    const wait = await this.services.tickets.expectedWait(ticket, { agentsAvailable: await this.services.agentsAvailable(), now });
    // Local support hours are read in the admin's own time zone when the channel gives it (Web Chat, Teams).
    const confirmation = ticketConfirmation({ ticket, created, country: countryOf(profile, context), timeZone: timeZoneOf(context), wait, now });
    const { title, facts, notes } = confirmation;
    await context.sendActivity(supportsCards(context) ? { ...MessageFactory.attachment(ticketCard(title, ticket, facts, notes)), text: `${title}.` } : confirmation.text);
  }
}
