import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from './dialogKit.js';
import type { StateAccessors } from './caseState.js';
import type { ContactResult } from './contactDialog.js';
import { REQUEST_DETAILS_DIALOG, RequestDetailsDialog } from './requestDetailsDialog.js';
import { REQUEST_REVIEW_DIALOG, RequestReviewDialog, type RequestReviewResult } from './requestReviewDialog.js';
import type { ConversationServices } from './services.js';
import { stepResult } from './stepState.js';

export const ESCALATION_DIALOG = 'escalationDialog';
const FLOW = 'escalation.flow';

export type EscalationResult = RequestReviewResult;

/**
 * From "self-help didn't do it" to a filed request: the details the request still lacks, then the
 * review of the whole request until the admin submits it.
 */
export class EscalationDialog extends ComponentDialog {
  constructor(state: StateAccessors, services: ConversationServices) {
    super(ESCALATION_DIALOG);
    this.addDialog(new RequestDetailsDialog(state));
    this.addDialog(new RequestReviewDialog(state, services));
    this.addDialog(new WaterfallDialog(FLOW, [this.details.bind(this), this.review.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async details(step: WaterfallStepContext) {
    return step.beginDialog(REQUEST_DETAILS_DIALOG);
  }

  /** The last step: the waterfall ends with what the review ends with. */
  private async review(step: WaterfallStepContext) {
    // Without contact details (the admin chose to call support instead) there is nothing to file.
    if (!stepResult<ContactResult>(step)?.completed) return step.endDialog({} satisfies EscalationResult);
    return step.beginDialog(REQUEST_REVIEW_DIALOG);
  }
}
