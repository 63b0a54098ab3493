import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { ADMIN_CHECK_DIALOG, AdminCheckDialog } from './adminCheckDialog.js';
import { getCase, type StateAccessors } from './caseState.js';
import { DESCRIBE_PROBLEM_DIALOG, DescribeProblemDialog, type DescribeProblemResult } from './describeProblemDialog.js';
import { ESCALATION_DIALOG, EscalationDialog, type EscalationResult } from './escalationDialog.js';
import { SELF_HELP_DIALOG, SelfHelpDialog, type SelfHelpResult } from './selfHelpDialog.js';
import type { ConversationServices } from './services.js';
import { stepResult } from './stepState.js';
import { SERVICE_HEALTH_DIALOG, ServiceHealthDialog, type ServiceHealthResult } from './serviceHealthDialog.js';

export const MAIN_DIALOG = 'mainDialog';
const FLOW = 'main.flow';

export const WELCOME_TEXT =
  "Hi, I'm the Microsoft 365 support assistant for business admins. Tell me what's wrong in your own words: I'll check service health, suggest fixes, and if that doesn't do it, open a service request with a support engineer. " +
  'You can also ask for "my requests", "status of SR-1000042", or type "help" at any time.';

export const HELP_TEXT = [
  'Here is what I can do:',
  '- Describe a problem in your own words and I will find fixes, check service health, or open a service request.',
  '- "my requests": your open requests and those closed in the last 14 days.',
  '- "status of SR-1000042", "add info to SR-1000042: …", "reopen SR-1000042" (up to 14 days after it closed).',
  '- "talk to a person": go straight to a support engineer.',
  '- "start over" or "cancel" at any step.',
].join('\n');

export interface MainOptions {
  /** The message that started the flow, used as the problem description when it is one. */
  text?: string;
  /** "Talk to a person": skip self-help and go to escalation with what is known. */
  escalate?: boolean;
}

export interface MainResult {
  ticketNumber?: string;
}

/** The support conversation: admin check, the problem, service health, self-help, then escalation. */
export class MainDialog extends ComponentDialog {
  constructor(
    private readonly state: StateAccessors,
    services: ConversationServices,
  ) {
    super(MAIN_DIALOG);
    this.addDialog(new AdminCheckDialog(state, services))
      .addDialog(new DescribeProblemDialog(state, services))
      .addDialog(new ServiceHealthDialog(state, services))
      .addDialog(new SelfHelpDialog(state, services))
      .addDialog(new EscalationDialog(state, services))
      .addDialog(
        new WaterfallDialog<MainOptions>(FLOW, [
          this.checkAdmin.bind(this),
          this.describe.bind(this),
          this.serviceHealth.bind(this),
          this.selfHelp.bind(this),
          this.escalate.bind(this),
          this.finish.bind(this),
        ]),
      );
    this.initialDialogId = FLOW;
  }

  private async checkAdmin(step: WaterfallStepContext) {
    return step.beginDialog(ADMIN_CHECK_DIALOG);
  }

  private async describe(step: WaterfallStepContext<MainOptions>) {
    if (step.result !== true) return step.endDialog({} satisfies MainResult);
    const supportCase = await getCase(this.state, step.context);
    if (step.options.escalate && supportCase.problem) return step.next({ outOfScope: false } satisfies DescribeProblemResult);
    return step.beginDialog(DESCRIBE_PROBLEM_DIALOG, { text: step.options.text });
  }

  private async serviceHealth(step: WaterfallStepContext) {
    if (stepResult<DescribeProblemResult>(step)?.outOfScope) return step.endDialog({} satisfies MainResult);
    return step.beginDialog(SERVICE_HEALTH_DIALOG);
  }

  private async selfHelp(step: WaterfallStepContext<MainOptions>) {
    if (!stepResult<ServiceHealthResult>(step)?.continue) return step.endDialog({} satisfies MainResult);
    if (step.options.escalate) return step.next({ resolved: false } satisfies SelfHelpResult);
    return step.beginDialog(SELF_HELP_DIALOG);
  }

  private async escalate(step: WaterfallStepContext) {
    if (stepResult<SelfHelpResult>(step)?.resolved) return step.endDialog({} satisfies MainResult);
    return step.beginDialog(ESCALATION_DIALOG);
  }

  private async finish(step: WaterfallStepContext) {
    return step.endDialog({ ticketNumber: stepResult<EscalationResult>(step)?.ticket?.number } satisfies MainResult);
  }
}
