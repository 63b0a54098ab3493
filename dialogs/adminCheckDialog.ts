import type { TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { getProfile, type StateAccessors } from './caseState.js';
import { answerPrompt, askChoice, chosen, YES_NO } from './prompting.js';
import type { ConversationServices } from './services.js';
import { stepResult } from './stepState.js';

export const ADMIN_CHECK_DIALOG = 'adminCheckDialog';
const ASK = 'adminCheck.ask';
const FLOW = 'adminCheck.flow';

export const NOT_ADMIN_MESSAGE =
  "Thanks for telling me. Service requests can only be opened by an admin of your organisation's Microsoft 365 business subscription, so please ask your IT admin to contact support for you. " +
  'If this is a personal or family subscription (Microsoft 365 Personal or Family, Outlook.com), the consumer support page is the right place: https://support.microsoft.com/contactus';

const HOW_TO_CHECK =
  "Here's a quick way to tell: sign in to https://admin.microsoft.com. If it says you don't have permission to open the page, you're not an admin. Only admins can open service requests; everyone else goes through their admin.";

/** What the channel itself vouches for: a configured admin object id, or a tenant whose members all are admins. */
export function channelSaysAdmin(context: TurnContext, admins: ConversationServices['admins']): boolean {
  const activity = context.activity;
  const aad = (activity.from as { aadObjectId?: string } | undefined)?.aadObjectId;
  const tenant = (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? activity.conversation?.tenantId;
  return (!!aad && admins.aadObjectIds.includes(aad)) || (!!tenant && admins.tenantIds.includes(tenant));
}

/**
 * Ends with true when the person is an admin of a business subscription. A yes (or the channel's word)
 * is remembered in user state; a non-admin is pointed to the right place and the flow ends without a ticket.
 */
export class AdminCheckDialog extends ComponentDialog {
  constructor(
    private readonly state: StateAccessors,
    private readonly services: ConversationServices,
  ) {
    super(ADMIN_CHECK_DIALOG);
    this.addDialog(answerPrompt(ASK));
    this.addDialog(new WaterfallDialog(FLOW, [this.ask.bind(this), this.answer.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async ask(step: WaterfallStepContext) {
    const profile = await getProfile(this.state, step.context);
    if (channelSaysAdmin(step.context, this.services.admins)) profile.isAdmin = true;
    // Only a yes is remembered: someone who said no (or was unsure) is asked again next time.
    if (profile.isAdmin === true) return step.next({ known: true });
    return askChoice(step, ASK, "First, are you an admin of your organisation's Microsoft 365 business subscription?", [
      ...YES_NO,
      { value: 'unsure', title: "I'm not sure", synonyms: ['not sure', 'unsure', "don't know", 'dont know', 'no idea', 'maybe'] },
    ]);
  }

  private async answer(step: WaterfallStepContext) {
    const profile = await getProfile(this.state, step.context);
    const known = stepResult<{ known?: boolean }>(step)?.known;
    const answer = known !== undefined ? (known ? 'yes' : 'no') : chosen(step);
    if (answer === 'unsure') {
      await step.context.sendActivity(HOW_TO_CHECK);
      return step.replaceDialog(FLOW);
    }
    const isAdmin = answer === 'yes';
    profile.isAdmin = isAdmin || undefined;
    if (!isAdmin) await step.context.sendActivity(NOT_ADMIN_MESSAGE);
    return step.endDialog(isAdmin);
  }
}
