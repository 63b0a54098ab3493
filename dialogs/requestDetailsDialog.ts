import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from './dialogKit.js';
import { detectCloud } from '../src/support/index.js';
import { getCase, getProfile, type StateAccessors } from './caseState.js';
import { CONTACT_DIALOG, ContactDialog } from './contactDialog.js';
import { PLAN_DIALOG, PlanDialog, type PlanOptions } from './planDialog.js';
import { SEVERITY_DIALOG, SeverityDialog } from './severityDialog.js';
import { t } from './language.js';

export const REQUEST_DETAILS_DIALOG = 'requestDetailsDialog';
const FLOW = 'requestDetails.flow';

/**
 * Collects what a request still lacks: the severity, the plan (not asked when the problem named it or
 * the admin's profile knows it) and the contact details, which are always confirmed. The cloud is taken
 * from the problem's words or the profile, else worldwide; the review lets the admin change it.
 * Ends with the contact dialog's `ContactResult`: not completed when the admin took the way out.
 */
export class RequestDetailsDialog extends ComponentDialog {
  constructor(private readonly state: StateAccessors) {
    super(REQUEST_DETAILS_DIALOG);
    this.addDialog(new SeverityDialog(state));
    this.addDialog(new PlanDialog(state));
    this.addDialog(new ContactDialog(state));
    this.addDialog(new WaterfallDialog(FLOW, [this.severity.bind(this), this.plan.bind(this), this.contact.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async severity(step: WaterfallStepContext) {
    const supportCase = await getCase(this.state, step.context);
    const profile = await getProfile(this.state, step.context);
    supportCase.cloud ??= detectCloud(supportCase.problem ?? '') ?? profile.cloud ?? 'worldwide';
    if (supportCase.category === 'out-of-scope' || !supportCase.category) supportCase.category = 'technical';
    if (supportCase.severity !== undefined) return step.next();
    await step.context.sendActivity(t(step.context, 'requestDetails.intro'));
    return step.beginDialog(SEVERITY_DIALOG);
  }

  private async plan(step: WaterfallStepContext) {
    const supportCase = await getCase(this.state, step.context);
    const profile = await getProfile(this.state, step.context);
    if (supportCase.planKnown === undefined && profile.planId) {
      supportCase.planId = profile.planId;
      supportCase.planKnown = true;
    }
    return step.beginDialog(PLAN_DIALOG, { ifUnknown: true } satisfies PlanOptions);
  }

  /** The last step: the waterfall ends with what the contact dialog ends with. */
  private async contact(step: WaterfallStepContext) {
    return step.beginDialog(CONTACT_DIALOG);
  }
}
