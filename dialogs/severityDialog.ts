import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import {
  allowedSeverities,
  clampSeverity,
  severityDefinition,
  severityName,
  triageBillingSeverity,
  triageQuestionSeverity,
  triageSeverity,
  type BillingImpactAnswers,
  type ImpactAnswers,
  type Severity,
  type TriageResult,
} from '../src/support/index.js';
import { getCase, type StateAccessors, type SupportCase } from './caseState.js';
import { answerPrompt, askChoice, chosen, type Option, YES_NO } from './prompting.js';
import { stepResult, stepValues } from './stepState.js';

export const SEVERITY_DIALOG = 'severityDialog';
const CONFIRM = 'severity.confirm';
const IMPACT = 'severity.impact';
const SCOPE = 'severity.scope';
const WORKAROUND = 'severity.workaround';
const DEADLINES = 'severity.deadlines';
const MONEY = 'severity.money';
const ACCESS = 'severity.access';
const BILLING_DEADLINE = 'severity.billingDeadline';
const QUESTION_DEADLINE = 'severity.questionDeadline';
const FLOW = 'severity.flow';
/** The impact questions of each kind of case: a fault, a billing problem, a question. */
const QUESTIONS = 'severity.questions';
const BILLING_QUESTIONS = 'severity.billingQuestions';
const QUESTION_QUESTIONS = 'severity.questionQuestions';

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

/** Which impact questions a case gets: outage questions only for a technical fault. */
type QuestionSet = 'technical' | 'billing' | 'question';

function questionSet(supportCase: SupportCase): QuestionSet {
  const { category } = severityContext(supportCase);
  if (category === 'billing') return 'billing';
  if (category === 'presales' || category === 'support') return 'question';
  return 'technical';
}

/**
 * "Sev B (high): the service works but is degraded…". The definitions' summaries speak of services, so
 * a billing problem or a question gets the level's name only (its reason has been given in its terms).
 */
function describe(severity: Severity, set: QuestionSet = 'technical'): string {
  return set === 'technical' ? `${severityName(severity)}: ${severityDefinition(severity).summary}` : `${severityName(severity)}.`;
}

/** What an admin may type for a severity: "sev b", "severity b", "b", "high"… */
const severityWords = (s: Severity) => [`sev ${s}`, `severity ${s}`, s.toLowerCase(), `${s} ${severityName(s)}`, severityName(s)];

function severityOptions(allowed: Severity[], current?: Severity): Option[] {
  return allowed.filter((s) => s !== current).map((s) => ({ value: s, title: `Make it Sev ${s}`, synonyms: severityWords(s) }));
}

/**
 * Decides the severity with the admin: suggests one from their words (or from the impact questions),
 * explains it against the definitions, and lets them change it within what the rules allow. The impact
 * questions depend on the case: a technical fault is asked how badly the service is affected, who is
 * affected, whether there is a workaround and whether deadlines are at risk; a billing problem whether
 * money was taken wrongly, whether the services are at risk and whether there is a date to meet; a
 * pre-sales question or a question about support only whether an answer is needed by a date. The cloud
 * limits apply to every outcome (21Vianet: billing and questions at most B).
 */
export class SeverityDialog extends ComponentDialog {
  constructor(private readonly state: StateAccessors) {
    super(SEVERITY_DIALOG);
    for (const id of [CONFIRM, IMPACT, SCOPE, WORKAROUND, DEADLINES, MONEY, ACCESS, BILLING_DEADLINE, QUESTION_DEADLINE]) this.addDialog(answerPrompt(id));
    this.addDialog(new WaterfallDialog<SeverityOptions>(FLOW, [this.suggest.bind(this), this.confirmed.bind(this)]));
    this.addDialog(
      new WaterfallDialog(QUESTIONS, [this.askImpact.bind(this), this.askScope.bind(this), this.askWorkaround.bind(this), this.askDeadlines.bind(this), this.triage.bind(this)]),
    );
    this.addDialog(new WaterfallDialog(BILLING_QUESTIONS, [this.askMoney.bind(this), this.askAccess.bind(this), this.askBillingDeadline.bind(this), this.triageBilling.bind(this)]));
    this.addDialog(new WaterfallDialog(QUESTION_QUESTIONS, [this.askQuestionDeadline.bind(this), this.triageQuestion.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async suggest(step: WaterfallStepContext<SeverityOptions>) {
    const supportCase = await getCase(this.state, step.context);
    const set = questionSet(supportCase);
    // The hint from the words reads outage cues ("down", "failed"): it speaks for technical faults only.
    const suggestion = supportCase.severity ?? (set === 'technical' ? supportCase.suggestedSeverity : undefined);
    if (!suggestion || step.options.askQuestions) return step.beginDialog({ technical: QUESTIONS, billing: BILLING_QUESTIONS, question: QUESTION_QUESTIONS }[set]);
    const { severity, reason } = clampSeverity({ ...severityContext(supportCase), severity: suggestion });
    supportCase.severity = severity;
    supportCase.severityReason ??= 'Suggested from your description of the problem.';
    const note = reason ? ` ${reason}` : '';
    return askChoice(step, CONFIRM, `I suggest ${describe(severity, set)}${note} Does that fit?`, [
      // "make it B" when B is the suggestion keeps it.
      { value: 'keep', title: 'Yes, that fits', means: 'yes', safeDefault: true, synonyms: ['yes', 'y', 'fits', 'correct', 'right', 'ok', 'keep', ...severityWords(severity)] },
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
      supportCase.severityReason = `You chose ${describe(picked.severity, questionSet(supportCase))}`;
      await step.context.sendActivity(`OK, Sev ${picked.severity} it is.${picked.changed && picked.reason ? ` ${picked.reason}` : ''}`);
    }
    return step.endDialog(supportCase.severity);
  }

  private async askImpact(step: WaterfallStepContext) {
    return askChoice(step, IMPACT, 'How badly is the service affected?', [
      { value: 'unusable', title: "It can't be used at all", synonyms: ['down', 'unusable', 'not working', 'outage', 'completely', 'nothing works'] },
      { value: 'impaired', title: 'It works, but not properly', safeDefault: true, synonyms: ['impaired', 'partly', 'slow', 'degraded', 'partially', 'intermittent'] },
      { value: 'minimal', title: 'Minor: work goes on', synonyms: ['minimal', 'minor', 'small', 'cosmetic', 'question', 'how to'] },
    ]);
  }

  private async askScope(step: WaterfallStepContext) {
    stepValues<ImpactAnswers>(step).impact = chosen(step) as ImpactAnswers['impact'];
    return askChoice(step, SCOPE, 'Who is affected?', [
      {
        value: 'everyone',
        title: 'Everyone in the organisation',
        synonyms: [
          'everyone', 'everybody', 'all', 'all users', 'all staff', 'all of us', 'all employees', 'whole company', 'the whole company', 'whole organisation',
          'whole organization', 'entire company', 'entire organisation', 'entire organization', 'company wide', 'organisation wide', 'organization wide', 'whole tenant', 'the whole org',
        ],
      },
      { value: 'many', title: 'Several users or services', synonyms: ['many', 'several', 'multiple', 'lots', 'a few', 'some users', 'a team', 'a department'] },
      { value: 'one', title: 'One user', synonyms: ['one', 'single', 'just me', 'one person', 'a single user', 'only one', 'one user', 'only me'] },
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
    return this.conclude(step, triageSeverity(answers));
  }

  // A billing problem: is money taken wrongly, are the services at risk, is there a date to meet.

  private async askMoney(step: WaterfallStepContext) {
    return askChoice(step, MONEY, "Has money been taken that shouldn't have been, such as a double charge, a charge you don't recognise or a refund you're owed?", YES_NO);
  }

  private async askAccess(step: WaterfallStepContext) {
    stepValues<BillingImpactAnswers>(step).moneyTakenWrongly = chosen(step) === 'yes';
    return askChoice(step, ACCESS, 'Are your services at risk because of this billing problem?', [
      {
        value: 'lost',
        title: 'Yes, already suspended or disabled',
        synonyms: ['suspended', 'disabled', 'already', 'blocked', 'locked out', 'lost access', 'cut off', 'deactivated', 'switched off', 'already suspended', 'already disabled'],
      },
      {
        value: 'at-risk',
        title: 'Yes, they could be (failed payment, past due, expiring)',
        safeDefault: true,
        synonyms: ['at risk', 'could be', 'might be', 'payment failed', 'declined', 'past due', 'overdue', 'expiring', 'about to expire', 'will be suspended', 'warning'],
      },
      { value: 'unaffected', title: 'No, everything works', synonyms: ['no', 'not at risk', 'works', 'everything works', 'fine', 'unaffected', 'no risk', 'nope'] },
    ]);
  }

  private async askBillingDeadline(step: WaterfallStepContext) {
    stepValues<BillingImpactAnswers>(step).access = chosen(step) as BillingImpactAnswers['access'];
    return askChoice(step, BILLING_DEADLINE, 'Is there a date it has to be sorted by, such as a payment due date, a renewal or a suspension notice?', YES_NO);
  }

  private async triageBilling(step: WaterfallStepContext) {
    const { moneyTakenWrongly, access } = stepValues<BillingImpactAnswers>(step);
    return this.conclude(step, triageBillingSeverity({ moneyTakenWrongly: moneyTakenWrongly!, access: access!, deadline: chosen(step) === 'yes' }));
  }

  // A pre-sales question or a question about support: no service is affected; only a date can raise it.

  private async askQuestionDeadline(step: WaterfallStepContext) {
    return askChoice(step, QUESTION_DEADLINE, 'Is an answer needed by a certain date, for example for a purchase, a renewal or a rollout?', YES_NO);
  }

  private async triageQuestion(step: WaterfallStepContext) {
    const supportCase = await getCase(this.state, step.context);
    const category = supportCase.category === 'presales' ? 'presales' : 'support';
    return this.conclude(step, triageQuestionSeverity({ deadline: chosen(step) === 'yes' }, category));
  }

  /** The triaged level within the cloud's limits (21Vianet: A only for technical cases), with the reason in words. */
  private async conclude(step: WaterfallStepContext, triaged: TriageResult) {
    const supportCase = await getCase(this.state, step.context);
    const clamped = clampSeverity({ ...severityContext(supportCase), severity: triaged.severity });
    supportCase.severity = clamped.severity;
    supportCase.severityReason = clamped.changed && clamped.reason ? `${triaged.reason} ${clamped.reason}` : triaged.reason;
    await step.context.sendActivity(supportCase.severityReason);
    return step.endDialog({ severity: clamped.severity } satisfies QuestionsResult);
  }
}
