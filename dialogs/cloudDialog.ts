import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from './dialogKit.js';
import type { Cloud } from '../src/support/index.js';
import { getCase, getProfile, type StateAccessors } from './caseState.js';
import { answerPrompt, askChoice, chosen, type Option } from './prompting.js';
import { listInEveryLanguage } from '../src/i18n/index.js';
import { t } from './language.js';
import type { TurnContext } from 'botbuilder';

export const CLOUD_DIALOG = 'cloudDialog';
const ASK = 'cloud.ask';
const FLOW = 'cloud.flow';

const CLOUD_OPTIONS = (context: TurnContext): Option[] => [
  { value: 'worldwide', title: t(context, 'cloud.worldwide'), synonyms: listInEveryLanguage('cloud.worldwide.synonyms') },
  { value: '21vianet', title: t(context, 'cloud.21vianet'), synonyms: listInEveryLanguage('cloud.21vianet.synonyms') },
  { value: 'germany', title: t(context, 'cloud.germany'), synonyms: listInEveryLanguage('cloud.germany.synonyms') },
];

export interface CloudOptions {
  /** Ask only when the case doesn't know the cloud yet (named in the problem, e.g. "our 21Vianet tenant"). */
  ifUnknown?: boolean;
}

/** Asks which Microsoft 365 cloud the organisation is on and keeps the answer in the case and the admin's profile. */
export class CloudDialog extends ComponentDialog {
  constructor(private readonly state: StateAccessors) {
    super(CLOUD_DIALOG);
    this.addDialog(answerPrompt(ASK));
    this.addDialog(new WaterfallDialog<CloudOptions>(FLOW, [this.ask.bind(this), this.save.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async ask(step: WaterfallStepContext<CloudOptions>) {
    if (step.options?.ifUnknown && (await getCase(this.state, step.context)).cloud !== undefined) return step.endDialog();
    return askChoice(step, ASK, t(step.context, 'cloud.question'), CLOUD_OPTIONS(step.context));
  }

  private async save(step: WaterfallStepContext) {
    const supportCase = await getCase(this.state, step.context);
    const profile = await getProfile(this.state, step.context);
    supportCase.cloud = chosen(step) as Cloud;
    profile.cloud = supportCase.cloud;
    return step.endDialog();
  }
}
