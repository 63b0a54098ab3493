import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { allowedSeverities, clampSeverity, severityDefinition, severityName, triageSeverity, type ImpactAnswers, type Severity } from '../src/support/index.js';
import { getCase, type StateAccessors, type SupportCase } from './caseState.js';
import { answerPrompt, askChoice, chosen, type Option, YES_NO } from './prompting.js';
import { stepResult, stepValues } from './stepState.js';

export const SEVERITY_DIALOG = 'severityDialog';
const CONFIRM = 'severity.confirm';
const IMPACT = 'severity.impact';
const SCOPE = 'severity.scope';
const WORKAROUND = 'severity.workaround';
const DEADLINES = 'severity.deadlines';
const FLOW = 'severity.flow';
const QUESTIONS = 'severity.questions';

const ASK_QUESTIONS = 'questions';

interface SeverityOptions {
  /** Skip the suggestion and go straight to the impact questions. */
  askQuestions?: boolean;
}

/** What the impact questions ended with (the case holds the triaged severity too). */
interface QuestionsResult {
  severity: Severity;
}

function severityContext(supportCase: SupportCase) {
  return { cloud: supportCase.cloud ?? 'worldwide', category: supportCase.category ?? 'technical' } as const;
}

/** "Sev B (high): the service works but is impaired…" */
function describe(severity: Severity): string {
  return `${severityName(severity)}: ${severityDefinition(severity).summary}`;
}

function severityOptions(allowed: Severity[], current?: Severity): Option[] {
  return allowed
    .filter((s) => s !== current)
    .map((s) => ({ value: s, title: `Make it Sev ${s}`, synonyms: [`sev ${s}`, `severity ${s}`, s.toLowerCase(), `${s} ${severityName(s)}`, severityName(s)] }));
}

/**
 * Decides the severity with the admin: suggests one from their words (or from the impact questions),
 * explains it against the definitions, and lets them change it within what the rules allow.
 */
export class SeverityDialog extends ComponentDialog {
  constructor(private readonly state: StateAccessors) {
    super(SEVERITY_DIALOG);
    for (const id of [CONFIRM, IMPACT, SCOPE, WORKAROUND, DEADLINES]) this.addDialog(answerPrompt(id));
    this.addDialog(new WaterfallDialog<SeverityOptions>(FLOW, [this.suggest.bind(this), this.confirmed.bind(this)]));
    this.addDialog(
      new WaterfallDialog(QUESTIONS, [this.askImpact.bind(this), this.askScope.bind(this), this.askWorkaround.bind(this), this.askDeadlines.bind(this), this.triage.bind(this)]),
    );
    this.initialDialogId = FLOW;
  }

  private async suggest(step: WaterfallStepContext<SeverityOptions>) {
    const supportCase = await getCase(this.state, step.context);
    const suggestion = supportCase.severity ?? supportCase.suggestedSeverity;
    if (!suggestion || step.options.askQuestions) return step.beginDialog(QUESTIONS);
    const { severity, reason } = clampSeverity({ ...severityContext(supportCase), severity: suggestion });
    supportCase.severity = severity;
    supportCase.severityReason ??= 'Suggested from your description of the problem.';
    const note = reason ? ` ${reason}` : '';
    return askChoice(step, CONFIRM, `I suggest ${describe(severity)}${note} Does that fit?`, [
      { value: 'keep', title: 'Yes, that fits', synonyms: ['yes', 'y', 'fits', 'correct', 'right', 'ok', 'keep'] },
      { value: ASK_QUESTIONS, title: 'Not sure, ask me', synonyms: ['no', 'not sure', 'ask me', 'questions', 'unsure'] },
      ...severityOptions(allowedSeverities(severityContext(supportCase)), severity),
    ]);
  }

  private async confirmed(step: WaterfallStepContext) {
    const supportCase = await getCase(this.state, step.context);
    // Back from the impact questions: their outcome is in the case; confirm it like any suggestion.
    if (stepResult<Partial<QuestionsResult>>(step)?.severity) return step.replaceDialog(FLOW);
    const answer = chosen(step);
    if (answer === ASK_QUESTIONS) return step.replaceDialog(FLOW, { askQuestions: true } satisfies SeverityOptions);
    if (answer !== 'keep') {
      const picked = clampSeverity({ ...severityContext(supportCase), severity: answer as Severity });
      supportCase.severity = picked.severity;
      supportCase.severityReason = `You chose ${describe(picked.severity)}`;
      await step.context.sendActivity(`OK, Sev ${picked.severity} it is.${picked.changed && picked.reason ? ` ${picked.reason}` : ''}`);
    }
    return step.endDialog(supportCase.severity);
  }

  private async askImpact(step: WaterfallStepContext) {
    return askChoice(step, IMPACT, 'How badly is the service affected?', [
      { value: 'unusable', title: "It can't be used at all", synonyms: ['down', 'unusable', 'not working', 'outage', 'completely'] },
      { value: 'impaired', title: 'It works, but not properly', synonyms: ['impaired', 'partly', 'slow', 'degraded', 'partially'] },
      { value: 'minimal', title: 'Minor: work goes on', synonyms: ['minimal', 'minor', 'small', 'cosmetic', 'question', 'how to'] },
    ]);
  }

  private async askScope(step: WaterfallStepContext) {
    stepValues<ImpactAnswers>(step).impact = chosen(step) as ImpactAnswers['impact'];
    return askChoice(step, SCOPE, 'Who is affected?', [
      { value: 'many', title: 'Several users or services', synonyms: ['many', 'everyone', 'all', 'several', 'multiple', 'whole company', 'lots'] },
      { value: 'one', title: 'One user', synonyms: ['one', 'single', 'just me', 'one person', 'a single user', 'only one'] },
    ]);
  }

  private async askWorkaround(step: WaterfallStepContext) {
    stepValues<ImpactAnswers>(step).scope = chosen(step) as ImpactAnswers['scope'];
    return askChoice(step, WORKAROUND, 'Is there a workaround people can use for now?', YES_NO);
  }

  private async askDeadlines(step: WaterfallStepContext) {
    stepValues<ImpactAnswers>(step).workaround = chosen(step) === 'yes';
    return askChoice(step, DEADLINES, 'Are production, operations or business deadlines at risk?', YES_NO);
  }

  private async triage(step: WaterfallStepContext) {
    const { impact, scope, workaround } = stepValues<ImpactAnswers>(step);
    const answers: ImpactAnswers = { impact: impact!, scope: scope!, workaround: workaround!, deadlinesAffected: chosen(step) === 'yes' };
    const supportCase = await getCase(this.state, step.context);
    const triaged = triageSeverity(answers);
    const clamped = clampSeverity({ ...severityContext(supportCase), severity: triaged.severity });
    supportCase.severity = clamped.severity;
    supportCase.severityReason = clamped.changed && clamped.reason ? `${triaged.reason} ${clamped.reason}` : triaged.reason;
    await step.context.sendActivity(supportCase.severityReason);
    return step.endDialog({ severity: clamped.severity } satisfies QuestionsResult);
  }
}
