import { MessageFactory, TurnContext } from 'botbuilder';
import { ChoicePrompt, ComponentDialog, ListStyle, TextPrompt, WaterfallDialog, type PromptValidatorContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import { randomUUID } from 'node:crypto';
import { choiceCard } from './cards/adaptiveCard.js';
import { contactMethodLabels } from './cards/contactFormCard.js';
import { requestSummaryCard, ticketCard, type SummaryField } from './cards/ticketCards.js';
import { formatPhone } from '../src/contact/index.js';
import {
  clampSeverity,
  cloudName,
  detectCloud,
  findPlan,
  getPlan,
  isSupportOpen,
  phoneAnswer,
  pinVerificationApplies,
  pinVerificationExplanation,
  resolvePlanFamily,
  responseTimeObjective,
  severityName,
  unknownPlanExplanation,
  type Cloud,
  type SupportKind,
} from '../src/support/index.js';
import { DESCRIPTION_MAX_CHARS, type Ticket } from '../src/tickets/index.js';
import { getCase, getProfile, requesterId, type AdminProfile, type StateAccessors, type SupportCase } from './caseState.js';
import { CONTACT_DIALOG, ContactDialog, countryOf, type ContactResult } from './contactDialog.js';
import { askChoice, chosen, supportsCards, toChoices, type Option } from './prompting.js';
import type { ConversationServices } from './services.js';
import { SEVERITY_DIALOG, SeverityDialog } from './severityDialog.js';

export const ESCALATION_DIALOG = 'escalationDialog';
const PLAN = 'escalation.plan';
const CLOUD = 'escalation.cloud';
const SUMMARY = 'escalation.summary';
const FLOW = 'escalation.flow';

const UNKNOWN_PLAN = /\b(i )?(don'?t|do not|dunno) know\b|\bnot sure\b|\bunknown\b|\bno idea\b|\bunsure\b/i;
const UNKNOWN = '\u0000unknown';

/** Text cut to at most `max` UTF-16 units, the cut marked with an ellipsis and never splitting an emoji. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${/[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}

const PLAN_BUTTONS: Option[] = [
  { value: 'Microsoft 365 Business Basic', title: 'Business Basic' },
  { value: 'Microsoft 365 Business Standard', title: 'Business Standard' },
  { value: 'Microsoft 365 Business Premium', title: 'Business Premium' },
  { value: 'Office 365 E3', title: 'Office 365 E3' },
  { value: 'Microsoft 365 E5', title: 'Microsoft 365 E5' },
  { value: "I don't know", title: "I don't know" },
];

export interface EscalationResult {
  ticket?: Ticket;
}

/** Which support desk's hours apply to a request of this category. */
export function supportKindFor(category: SupportCase['category']): SupportKind {
  return category === 'billing' ? 'billing' : category === 'presales' ? 'presales' : 'technical';
}

/**
 * From "self-help didn't do it" to a filed request: severity, plan, cloud, contact details, a summary to
 * confirm or edit, then the ticket with everything the admin needs to know about what happens next.
 */
export class EscalationDialog extends ComponentDialog {
  constructor(
    private readonly state: StateAccessors,
    private readonly services: ConversationServices,
  ) {
    super(ESCALATION_DIALOG);
    this.addDialog(new SeverityDialog(state));
    this.addDialog(new ContactDialog(state));
    this.addDialog(new TextPrompt(PLAN, this.planValidator.bind(this)));
    this.addDialog(new ChoicePrompt(CLOUD));
    this.addDialog(new ChoicePrompt(SUMMARY));
    this.addDialog(
      new WaterfallDialog(FLOW, [
        this.start.bind(this),
        this.askPlan.bind(this),
        this.askContact.bind(this),
        this.summary.bind(this),
        this.decide.bind(this),
      ]),
    );
    this.initialDialogId = FLOW;
  }

  private async start(step: WaterfallStepContext) {
    const supportCase = await getCase(this.state, step.context);
    const profile = await getProfile(this.state, step.context);
    supportCase.cloud ??= detectCloud(supportCase.problem ?? '') ?? profile.cloud ?? 'worldwide';
    if (supportCase.category === 'out-of-scope' || !supportCase.category) supportCase.category = 'technical';
    if (!(step.options as { edit?: string } | undefined)?.edit && supportCase.severity === undefined) {
      await step.context.sendActivity("Let's get a support engineer on it. A few quick questions first.");
    }
    const edit = (step.options as { edit?: string } | undefined)?.edit;
    if (edit === 'cloud') return this.askCloud(step);
    if (supportCase.severity === undefined || edit === 'severity') {
      if (edit === 'severity') supportCase.severity = undefined;
      return step.beginDialog(SEVERITY_DIALOG);
    }
    return step.next();
  }

  private async askCloud(step: WaterfallStepContext) {
    return askChoice(step, CLOUD, 'Which Microsoft 365 cloud is your organisation on?', [
      { value: 'worldwide', title: 'Worldwide (most organisations)', synonyms: ['worldwide', 'global', 'normal', 'standard'] },
      { value: '21vianet', title: 'Operated by 21Vianet (China)', synonyms: ['21vianet', 'china', 'vianet'] },
      { value: 'germany', title: 'Office 365 Germany', synonyms: ['germany', 'german', 'deutschland'] },
    ]);
  }

  private async askPlan(step: WaterfallStepContext) {
    const supportCase = await getCase(this.state, step.context);
    const profile = await getProfile(this.state, step.context);
    const edit = (step.options as { edit?: string } | undefined)?.edit;
    if (edit === 'cloud' && step.result) {
      supportCase.cloud = chosen(step) as Cloud;
      profile.cloud = supportCase.cloud;
    }
    if (supportCase.planKnown === undefined && profile.planId) {
      supportCase.planId = profile.planId;
      supportCase.planKnown = true;
    }
    if (supportCase.planKnown !== undefined && edit !== 'plan') return step.next();
    const question = 'Which plan is your subscription on? Pick one or type its name (you can also say "I don\'t know").';
    if (supportsCards(step.context)) {
      const prompt = MessageFactory.attachment(choiceCard(question, PLAN_BUTTONS));
      return step.prompt(PLAN, { prompt, retryPrompt: "I don't recognise that plan. Type its name as it appears in Billing > Your products, or say \"I don't know\"." });
    }
    return step.prompt(PLAN, { prompt: question, retryPrompt: "I don't recognise that plan. Type its name as it appears in Billing > Your products, or say \"I don't know\"." });
  }

  private async planValidator(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const typed = (prompt.recognized.value ?? '').trim();
    if (UNKNOWN_PLAN.test(typed) || prompt.attemptCount >= 3) {
      prompt.recognized.value = UNKNOWN;
      return true;
    }
    const plan = findPlan(typed);
    if (plan) prompt.recognized.value = plan.id;
    return !!plan;
  }

  private async askContact(step: WaterfallStepContext) {
    const supportCase = await getCase(this.state, step.context);
    const profile = await getProfile(this.state, step.context);
    if (typeof step.result === 'string') {
      const known = step.result !== UNKNOWN;
      supportCase.planKnown = known;
      supportCase.planId = known ? step.result : null;
      if (known) profile.planId = step.result;
      else await step.context.sendActivity(unknownPlanExplanation());
    }
    const edit = (step.options as { edit?: string } | undefined)?.edit;
    if (edit && edit !== 'contact' && profile.email) return step.next({ completed: true });
    return step.beginDialog(CONTACT_DIALOG);
  }

  private async summary(step: WaterfallStepContext) {
    if (!(step.result as ContactResult | undefined)?.completed) return step.endDialog({} satisfies EscalationResult);
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
    const edits = [
      { title: 'Change severity', choice: 'edit-severity' },
      { title: 'Change plan', choice: 'edit-plan' },
      { title: 'Change contact details', choice: 'edit-contact' },
      { title: 'Change cloud', choice: 'edit-cloud' },
    ];
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
    const plan = supportCase.planId ? getPlan(supportCase.planId)?.name ?? supportCase.planId : "Not known (business plan response times assumed)";
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
    if (answer.startsWith('edit-')) return step.replaceDialog(FLOW, { edit: answer.slice('edit-'.length) });
    const ticket = await this.fileTicket(step.context);
    return step.endDialog({ ticket } satisfies EscalationResult);
  }

  /** Files the request (idempotently: the case's submission id is the dedupe key) and tells the admin. */
  async fileTicket(context: TurnContext): Promise<Ticket> {
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
    const country = countryOf(profile, context);
    const supportCase = await getCase(this.state, context);
    const objective = responseTimeObjective({
      cloud: ticket.cloud,
      planId: ticket.planId ?? undefined,
      severity: ticket.severity,
      category: ticket.category,
    });
    const hours = isSupportOpen({ cloud: ticket.cloud, kind: supportKindFor(supportCase.category), country, severity: ticket.severity, at: this.services.now() });
    const wait = await this.services.tickets.expectedWait(ticket, { agentsAvailable: await this.services.agentsAvailable(), now: this.services.now() });
    const call = phoneAnswer({ cloud: ticket.cloud, country });
    const lines: SummaryField[] = [
      { label: 'Response objective', value: objective.text },
      { label: 'Support hours', value: hours.text },
      { label: 'Expected wait', value: wait.text },
      { label: 'Prefer to call?', value: call },
    ];
    const footer = [
      ...objective.notes,
      ...(pinVerificationApplies(ticket.cloud) ? [pinVerificationExplanation()] : []),
      `Ask me "status of ${ticket.number}" at any time, or "add info to ${ticket.number}" to send more details.`,
    ];
    const title = created ? `Request ${ticket.number} is open` : `You already submitted this: it is request ${ticket.number}`;
    const plain = [`${title}.`, `Severity: Sev ${ticket.severity}. ${ticket.severityReason}`, ...lines.map((l) => `${l.label}: ${l.value}`), ...footer].join('\n');
    await context.sendActivity(supportsCards(context) ? { ...MessageFactory.attachment(ticketCard(title, ticket, lines, footer)), text: `${title}.` } : plain);
  }
}
