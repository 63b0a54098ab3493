import { ComponentDialog, WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from './dialogKit.js';
import { clampSeverity, detectCloud, severityName } from '../src/support/index.js';
import { ADMIN_CHECK_DIALOG, AdminCheckDialog, knownNonAdmin, noteAdminStatement, tellNotAdmin, withoutAdminStatement } from './adminCheckDialog.js';
import { emergencyCard, emergencyText } from './cards/emergencyCard.js';
import { getCase, getProfile, type StateAccessors, type SupportCase } from './caseState.js';
import { DESCRIBE_PROBLEM_DIALOG, DescribeProblemDialog, type DescribeProblemResult } from './describeProblemDialog.js';
import { ESCALATION_DIALOG, EscalationDialog, type EscalationResult } from './escalationDialog.js';
import { SELF_HELP_DIALOG, SelfHelpDialog, type SelfHelpResult } from './selfHelpDialog.js';
import type { ConversationServices } from './services.js';
import { stepResult } from './stepState.js';
import { SERVICE_HEALTH_DIALOG, ServiceHealthDialog, type ServiceHealthResult } from './serviceHealthDialog.js';
import { cardMessage } from './prompting.js';
import { t, languageOf } from './language.js';
import { prefillVerifiedContact } from './verifiedContact.js';
import { caseEnded, caseResumed } from './caseInsights.js';
import { translate, type Language } from '../src/i18n/index.js';

/** The topic handled as an emergency: containment steps at once, no self-help loop, Severity A suggested. */
export const EMERGENCY_TOPIC = 'security.compromised-account';

export const MAIN_DIALOG = 'mainDialog';
const FLOW = 'main.flow';

/** The first thing the bot says, in the admin's language. */
export const welcomeText = (language: Language): string => translate(language, 'main.welcome');

/** What "help" answers, in the admin's language. */
export const helpText = (language: Language): string => translate(language, 'main.help');

/** The English texts, as the tests know them. */
export const WELCOME_TEXT = welcomeText('en');
export const HELP_TEXT = helpText('en');

export interface MainOptions {
  /** The message that started the flow, used as the problem description when it is one. */
  text?: string;
  /** "Talk to a person": skip self-help and go to escalation with what is known. */
  escalate?: boolean;
}

export interface MainResult {
  ticketNumber?: string;
}

/**
 * The support conversation: the problem, service health, self-help (all of it for anyone), then the admin
 * check and escalation. A compromised account skips the checks and self-help: containment steps first.
 */
export class MainDialog extends ComponentDialog {
  constructor(
    private readonly state: StateAccessors,
    private readonly services: ConversationServices,
  ) {
    super(MAIN_DIALOG);
    this.addDialog(new AdminCheckDialog(state, services))
      .addDialog(new DescribeProblemDialog(state, services))
      .addDialog(new ServiceHealthDialog(state, services))
      .addDialog(new SelfHelpDialog(state, services))
      .addDialog(new EscalationDialog(state, services))
      .addDialog(
        new WaterfallDialog<MainOptions>(FLOW, [
          this.describe.bind(this),
          this.serviceHealth.bind(this),
          this.selfHelp.bind(this),
          this.checkAdmin.bind(this),
          this.escalate.bind(this),
          this.finish.bind(this),
        ]),
      );
    this.initialDialogId = FLOW;
  }

  /** "I'm the global admin", "I'm not an admin": noted from any message of the flow, so the question is not asked. */
  protected override async onBeginDialog(innerDc: DialogContext, options?: MainOptions): Promise<DialogTurnResult> {
    await noteAdminStatement(this.state, innerDc.context);
    // The web widget's signed-in admin: name and email as the host site vouched for them.
    await prefillVerifiedContact(this.state, this.services.identity, innerDc.context);
    return super.onBeginDialog(innerDc, options);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    await noteAdminStatement(this.state, innerDc.context);
    return super.onContinueDialog(innerDc);
  }

  private async describe(step: WaterfallStepContext<MainOptions>) {
    const supportCase = await getCase(this.state, step.context);
    if (step.options.escalate) {
      // Someone who told us they are not an admin can't have a request: say so now, not after the questions.
      const profile = await getProfile(this.state, step.context);
      if (knownNonAdmin(profile, step.context)) {
        await tellNotAdmin(profile, step.context);
        await caseEnded(this.services, supportCase, 'refused');
        return step.endDialog({} satisfies MainResult);
      }
      if (supportCase.problem) {
        await caseResumed(this.services, step.context, supportCase);
        return step.next({ outOfScope: false } satisfies DescribeProblemResult);
      }
    }
    // The problem without "I am the IT administrator for our company": that part was noted, not classified.
    const text = step.options.text === undefined ? undefined : withoutAdminStatement(step.options.text) || undefined;
    return step.beginDialog(DESCRIBE_PROBLEM_DIALOG, { text });
  }

  private async serviceHealth(step: WaterfallStepContext<MainOptions>) {
    if (stepResult<DescribeProblemResult>(step)?.outOfScope) return step.endDialog({} satisfies MainResult);
    const supportCase = await getCase(this.state, step.context);
    if (supportCase.topic === EMERGENCY_TOPIC) {
      await this.startEmergency(step, supportCase);
      return step.next({ continue: true } satisfies ServiceHealthResult);
    }
    return step.beginDialog(SERVICE_HEALTH_DIALOG);
  }

  private async selfHelp(step: WaterfallStepContext<MainOptions>) {
    const health = stepResult<ServiceHealthResult>(step);
    if (!health?.continue) return step.endDialog({} satisfies MainResult);
    const supportCase = await getCase(this.state, step.context);
    if (step.options.escalate || health.escalate || supportCase.emergency) return step.next({ resolved: false } satisfies SelfHelpResult);
    return step.beginDialog(SELF_HELP_DIALOG);
  }

  /** Self-help and service health are for everyone; only the request needs an admin. */
  private async checkAdmin(step: WaterfallStepContext) {
    if (stepResult<SelfHelpResult>(step)?.resolved) return step.endDialog({} satisfies MainResult);
    return step.beginDialog(ADMIN_CHECK_DIALOG);
  }

  private async escalate(step: WaterfallStepContext) {
    if (stepResult<boolean>(step) !== true) return step.endDialog({} satisfies MainResult);
    return step.beginDialog(ESCALATION_DIALOG);
  }

  /**
   * A compromised account: the containment steps at once (once per case), then straight to the request
   * at the highest severity the cloud allows (Severity A; 21Vianet only with an advanced agreement).
   */
  private async startEmergency(step: WaterfallStepContext, supportCase: SupportCase): Promise<void> {
    const profile = await getProfile(this.state, step.context);
    const cloud = supportCase.cloud ?? detectCloud(supportCase.problem ?? '') ?? profile.cloud ?? 'worldwide';
    supportCase.category = 'technical';
    // The severity dialog suggests it and lowers it where the cloud's rules require (21Vianet), saying why.
    supportCase.suggestedSeverity = 'A';
    supportCase.severityReason ??= t(step.context, 'emergency.severityReason');
    if (supportCase.emergency) return;
    supportCase.emergency = true;
    // The card's admin-centre links are the worldwide cloud's.
    const withLinks = cloud === 'worldwide';
    const language = languageOf(step.context);
    await step.context.sendActivity(t(step.context, 'emergency.intro'));
    await step.context.sendActivity(cardMessage(emergencyCard(withLinks, language), emergencyText(withLinks, language), step.context));
    const highestAllowed = clampSeverity({ cloud, category: 'technical', severity: 'A' }).changed;
    await step.context.sendActivity(
      highestAllowed ? t(step.context, 'emergency.openingRequest.highestAllowed') : t(step.context, 'emergency.openingRequest.atSeverity', { severity: severityName('A', languageOf(step.context)) }),
    );
  }

  private async finish(step: WaterfallStepContext) {
    const ticketNumber = stepResult<EscalationResult>(step)?.ticket?.number;
    if (ticketNumber) await caseEnded(this.services, await getCase(this.state, step.context), 'escalated', ticketNumber);
    return step.endDialog({ ticketNumber } satisfies MainResult);
  }
}
