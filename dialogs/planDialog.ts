import { MessageFactory } from 'botbuilder';
import { ComponentDialog, TextPrompt, WaterfallDialog, type PromptValidatorContext, type WaterfallStepContext } from './dialogKit.js';
import { choiceCard } from './cards/adaptiveCard.js';
import { findPlan, unknownPlanExplanation } from '../src/support/index.js';
import { getCase, getProfile, type StateAccessors } from './caseState.js';
import { supportsCards, type Option } from './prompting.js';
import { stepResult } from './stepState.js';
import { listInEveryLanguage } from '../src/i18n/index.js';
import { languageOf, t } from './language.js';

export const PLAN_DIALOG = 'planDialog';
const ASK = 'plan.ask';
const FLOW = 'plan.flow';

const UNKNOWN_PLAN = /\b(i )?(don'?t|do not|dunno) know\b|\bnot sure\b|\bunknown\b|\bno idea\b|\bunsure\b/i;
/** "I don't know" in every language, found anywhere in the answer ("weiß ich nicht", "不知道"). */
const UNKNOWN_WORDS = listInEveryLanguage('plan.unknown.synonyms').map((w) => w.toLowerCase());
const saysUnknown = (typed: string) => UNKNOWN_PLAN.test(typed) || UNKNOWN_WORDS.some((w) => typed.toLowerCase().includes(w));
/** What the prompt recognises when the admin doesn't know the plan (or gave up after three tries). */
const UNKNOWN = '\u0000unknown';

/** Plan names are product names, the same in every language; the last button is "I don't know" in the admin's. */
const PLAN_BUTTONS: Option[] = [
  { value: 'Microsoft 365 Business Basic', title: 'Business Basic' },
  { value: 'Microsoft 365 Business Standard', title: 'Business Standard' },
  { value: 'Microsoft 365 Business Premium', title: 'Business Premium' },
  { value: 'Office 365 E3', title: 'Office 365 E3' },
  { value: 'Microsoft 365 E5', title: 'Microsoft 365 E5' },
];
/** The click on "I don't know" sends its value; the validator reads it like the typed words. */
const UNKNOWN_BUTTON_VALUE = "I don't know";

/** Recognises a plan by its name (as the plan id), or "I don't know"; the third wrong answer counts as not known. */
async function planValidator(prompt: PromptValidatorContext<string>): Promise<boolean> {
  const typed = (prompt.recognized.value ?? '').trim();
  if (saysUnknown(typed) || prompt.attemptCount >= 3) {
    prompt.recognized.value = UNKNOWN;
    return true;
  }
  const plan = findPlan(typed);
  if (plan) prompt.recognized.value = plan.id;
  return !!plan;
}

export interface PlanOptions {
  /** Ask only when the case doesn't know the plan yet (named in the problem, or answered before). */
  ifUnknown?: boolean;
}

/**
 * Asks which plan the subscription is on and keeps the answer in the case, and in the admin's profile
 * for their next requests. A plan the admin doesn't know is fine: the most cautious response times apply.
 */
export class PlanDialog extends ComponentDialog {
  constructor(private readonly state: StateAccessors) {
    super(PLAN_DIALOG);
    this.addDialog(new TextPrompt(ASK, planValidator));
    this.addDialog(new WaterfallDialog<PlanOptions>(FLOW, [this.ask.bind(this), this.save.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async ask(step: WaterfallStepContext<PlanOptions>) {
    if (step.options?.ifUnknown && (await getCase(this.state, step.context)).planKnown !== undefined) return step.endDialog();
    const question = t(step.context, 'plan.question');
    const buttons = [...PLAN_BUTTONS, { value: UNKNOWN_BUTTON_VALUE, title: t(step.context, 'plan.unknown') }];
    const prompt = supportsCards(step.context) ? MessageFactory.attachment(choiceCard(question, buttons)) : question;
    return step.prompt(ASK, { prompt, retryPrompt: t(step.context, 'plan.retry') });
  }

  private async save(step: WaterfallStepContext) {
    const supportCase = await getCase(this.state, step.context);
    const profile = await getProfile(this.state, step.context);
    const planId = stepResult<string>(step);
    const known = planId !== UNKNOWN;
    supportCase.planKnown = known;
    supportCase.planId = known ? planId : null;
    if (known) profile.planId = planId;
    else await step.context.sendActivity(unknownPlanExplanation(languageOf(step.context)));
    return step.endDialog();
  }
}
