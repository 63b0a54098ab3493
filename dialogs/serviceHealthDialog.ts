import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { incidentCard, incidentText } from './cards/incidentCard.js';
import { getCase, type StateAccessors } from './caseState.js';
import { answerPrompt, askChoice, cardMessage, chosen } from './prompting.js';
import type { ConversationServices } from './services.js';

export const SERVICE_HEALTH_DIALOG = 'serviceHealthDialog';
const ASK = 'serviceHealth.continue';
const FLOW = 'serviceHealth.flow';

export interface ServiceHealthResult {
  /** False when the admin chose to wait for the known incident to be fixed. */
  continue: boolean;
}

/** Service health first: a known incident that matches the problem is shown before any self-help. */
export class ServiceHealthDialog extends ComponentDialog {
  constructor(
    private readonly state: StateAccessors,
    private readonly services: ConversationServices,
  ) {
    super(SERVICE_HEALTH_DIALOG);
    this.addDialog(answerPrompt(ASK));
    this.addDialog(new WaterfallDialog(FLOW, [this.check.bind(this), this.decide.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async check(step: WaterfallStepContext) {
    const supportCase = await getCase(this.state, step.context);
    const incidents = await this.services.incidents.activeFor({ product: supportCase.product, topic: supportCase.topic });
    if (incidents.length === 0) return step.endDialog({ continue: true } satisfies ServiceHealthResult);
    supportCase.incidentIds = incidents.map((i) => i.id);
    await step.context.sendActivity("Before we dig in: there's a known service issue that may be what you're seeing.");
    for (const incident of incidents.slice(0, 2)) {
      await step.context.sendActivity(cardMessage(incidentCard(incident), incidentText(incident), step.context));
    }
    return askChoice(step, ASK, 'Do you want to continue with your problem anyway?', [
      { value: 'continue', title: 'Yes, continue', synonyms: ['yes', 'y', 'continue', 'go on', 'carry on', 'it is different', 'not that'] },
      { value: 'wait', title: "No, I'll wait for the fix", synonyms: ['no', 'n', 'wait', "i'll wait", 'stop', "that's it"] },
    ]);
  }

  private async decide(step: WaterfallStepContext) {
    if (chosen(step) === 'wait') {
      await step.context.sendActivity(
        "OK. Engineers are already working on it, and the Service health page in the admin center (Health > Service health) shows updates as they happen. If it isn't fixed when the incident closes, come back and I'll help you open a request.",
      );
      return step.endDialog({ continue: false } satisfies ServiceHealthResult);
    }
    return step.endDialog({ continue: true } satisfies ServiceHealthResult);
  }
}
