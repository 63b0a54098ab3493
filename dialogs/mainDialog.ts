import { ComponentDialog, TextPrompt, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';

export const MAIN_DIALOG = 'mainDialog';
const NAME_PROMPT = 'namePrompt';
const PROBLEM_PROMPT = 'problemPrompt';
const FLOW = 'mainFlow';

/**
 * Placeholder conversation until the full support flow lands: a two-step waterfall that goes through
 * the real dialog and state machinery (prompts, persisted dialog stack), so restarts can be tested.
 */
export class MainDialog extends ComponentDialog {
  constructor() {
    super(MAIN_DIALOG);
    this.addDialog(new TextPrompt(NAME_PROMPT, async (p) => (p.recognized.value ?? '').trim().length > 0))
      .addDialog(new TextPrompt(PROBLEM_PROMPT))
      .addDialog(new WaterfallDialog(FLOW, [this.askName.bind(this), this.askProblem.bind(this), this.confirm.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async askName(step: WaterfallStepContext) {
    return step.prompt(NAME_PROMPT, {
      prompt: "Hi, I'm the Microsoft 365 support assistant. What's your name?",
      retryPrompt: 'Please tell me your name so I know who I am helping.',
    });
  }

  private async askProblem(step: WaterfallStepContext) {
    const name = String(step.result).trim();
    (step.values as { name?: string }).name = name;
    return step.prompt(PROBLEM_PROMPT, { prompt: `Thanks, ${name}. In a sentence, what's going wrong?` });
  }

  private async confirm(step: WaterfallStepContext) {
    const { name } = step.values as { name?: string };
    await step.context.sendActivity(`Got it, ${name}: "${String(step.result).trim()}". I've noted it.`);
    return step.endDialog();
  }
}
