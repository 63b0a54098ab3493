import { ComponentDialog, WaterfallDialog, type FoundChoice, type WaterfallStepContext } from './dialogKit.js';
import { incidentCard, incidentText } from './cards/incidentCard.js';
import { getCase, type StateAccessors } from './caseState.js';
import { answerPrompt, askChoice, cardMessage, chosen } from './prompting.js';
import type { ConversationServices } from './services.js';
import { stepResult } from './stepState.js';
import { listInEveryLanguage } from '../src/i18n/index.js';
import { languageOf, t } from './language.js';
import { timeZoneOf } from './contactDialog.js';
import { caseEnded } from './caseInsights.js';

export const SERVICE_HEALTH_DIALOG = 'serviceHealthDialog';
const ASK = 'serviceHealth.continue';
const FLOW = 'serviceHealth.flow';

export interface ServiceHealthResult {
  /** False when the admin chose to wait for the known incident to be fixed. */
  continue: boolean;
  /** The admin asked for a request or a person in answering ("no, please open a support request"): no self-help. */
  escalate?: boolean;
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
    // Matched on the topic, or on the product and the admin's own words: the product alone is not enough.
    const matches = await this.services.incidents.activeFor({
      problem: supportCase.problem,
      topic: supportCase.topic,
      product: supportCase.product,
      category: supportCase.category,
      language: languageOf(step.context),
    });
    if (matches.length === 0) return step.endDialog({ continue: true } satisfies ServiceHealthResult);
    supportCase.incidentIds = matches.map((m) => m.incident.id);
    await step.context.sendActivity(t(step.context, 'serviceHealth.knownIssue'));
    const reader = { language: languageOf(step.context), locale: step.context.activity.locale, timeZone: timeZoneOf(step.context) };
    for (const { incident, reason } of matches.slice(0, 2)) {
      await step.context.sendActivity(cardMessage(incidentCard(incident, reason, reader), incidentText(incident, reason, reader), step.context));
    }
    return askChoice(step, ASK, t(step.context, 'serviceHealth.question'), [
      {
        value: 'continue',
        title: t(step.context, 'serviceHealth.continue'),
        means: 'yes',
        wishes: ['escalate', 'human', 'callMe'],
        safeDefault: true,
        synonyms: listInEveryLanguage('serviceHealth.continue.synonyms'),
      },
      { value: 'wait', title: t(step.context, 'serviceHealth.wait'), means: 'no', wishes: ['done'], synonyms: listInEveryLanguage('serviceHealth.wait.synonyms') },
    ]);
  }

  private async decide(step: WaterfallStepContext) {
    if (chosen(step) === 'wait') {
      await step.context.sendActivity(t(step.context, 'serviceHealth.waiting'));
      await caseEnded(this.services, await getCase(this.state, step.context), 'incident');
      return step.endDialog({ continue: false } satisfies ServiceHealthResult);
    }
    return step.endDialog({ continue: true, escalate: stepResult<FoundChoice>(step)?.synonym === 'wish' } satisfies ServiceHealthResult);
  }
}
