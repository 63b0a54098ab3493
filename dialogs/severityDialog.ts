import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from './dialogKit.js';
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
import { LANGUAGES, listInEveryLanguage, type MessageKey } from '../src/i18n/index.js';
import { languageOf, t } from './language.js';
import type { TurnContext } from 'botbuilder';

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
function describe(context: TurnContext, severity: Severity, set: QuestionSet = 'technical'): string {
  const language = languageOf(context);
  const name = severityName(severity, language);
  return set === 'technical' ? t(context, 'severity.describe', { name, summary: severityDefinition(severity, language).summary }) : t(context, 'severity.describe.nameOnly', { name });
}

/** "sev", "Schweregrad", "严重级别": what a severity letter may follow, in every language. */
const SEVERITY_PREFIXES = listInEveryLanguage('severity.prefixes');

/** What an admin may type for a severity: "sev b", "severity b", "Schweregrad B", "严重级别B", "b", "high"… */
const severityWords = (s: Severity) => [
  ...SEVERITY_PREFIXES.flatMap((p) => (/^[\x20-\x7e]+$/.test(p) ? [`${p} ${s}`] : [`${p} ${s}`, `${p}${s}`])),
  s.toLowerCase(),
  ...LANGUAGES.flatMap((language) => [`${s} ${severityName(s, language)}`, severityName(s, language)]),
];

function severityOptions(context: TurnContext, allowed: Severity[], current?: Severity): Option[] {
  return allowed.filter((s) => s !== current).map((s) => ({ value: s, title: t(context, 'severity.makeIt', { severity: s }), synonyms: severityWords(s) }));
}

/** An option whose title is read in the turn's language and whose synonyms are understood in every language. */
function option(context: TurnContext, value: string, key: MessageKey, synonyms: MessageKey, extra: Partial<Option> = {}): Option {
  return { value, title: t(context, key), synonyms: listInEveryLanguage(synonyms), ...extra };
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
    const { severity, reason } = clampSeverity({ ...severityContext(supportCase), severity: suggestion, language: languageOf(step.context) });
    supportCase.severity = severity;
    supportCase.severityReason ??= t(step.context, 'severity.suggested');
    const note = reason ? ` ${reason}` : '';
    const c = step.context;
    return askChoice(step, CONFIRM, t(c, 'severity.suggest', { description: describe(c, severity, set), note }), [
      // "make it B" when B is the suggestion keeps it.
      { value: 'keep', title: t(c, 'severity.keep'), means: 'yes', safeDefault: true, synonyms: [...listInEveryLanguage('severity.keep.synonyms'), ...severityWords(severity)] },
      option(c, ASK_QUESTIONS, 'severity.askMe', 'severity.askMe.synonyms'),
      ...severityOptions(c, allowedSeverities(severityContext(supportCase)), severity),
    ]);
  }

  private async confirmed(step: WaterfallStepContext) {
    const supportCase = await getCase(this.state, step.context);
    // Back from the impact questions: their outcome is in the case; confirm it like any suggestion.
    if (stepResult<Partial<QuestionsResult>>(step)?.severity) return step.replaceDialog(FLOW);
    const answer = chosen(step);
    if (answer === ASK_QUESTIONS) return step.replaceDialog(FLOW, { askQuestions: true } satisfies SeverityOptions);
    if (answer !== 'keep') {
      const picked = clampSeverity({ ...severityContext(supportCase), severity: answer as Severity, language: languageOf(step.context) });
      supportCase.severity = picked.severity;
      supportCase.severityReason = t(step.context, 'severity.chose', { description: describe(step.context, picked.severity, questionSet(supportCase)) });
      await step.context.sendActivity(`${t(step.context, 'severity.set', { severity: picked.severity })}${picked.changed && picked.reason ? ` ${picked.reason}` : ''}`);
    }
    return step.endDialog(supportCase.severity);
  }

  private async askImpact(step: WaterfallStepContext) {
    const c = step.context;
    return askChoice(step, IMPACT, t(c, 'severity.impact.question'), [
      option(c, 'unusable', 'severity.impact.unusable', 'severity.impact.unusable.synonyms'),
      option(c, 'impaired', 'severity.impact.impaired', 'severity.impact.impaired.synonyms', { safeDefault: true }),
      option(c, 'minimal', 'severity.impact.minimal', 'severity.impact.minimal.synonyms'),
    ]);
  }

  private async askScope(step: WaterfallStepContext) {
    stepValues<ImpactAnswers>(step).impact = chosen(step) as ImpactAnswers['impact'];
    const c = step.context;
    return askChoice(step, SCOPE, t(c, 'severity.scope.question'), [
      option(c, 'everyone', 'severity.scope.everyone', 'severity.scope.everyone.synonyms'),
      option(c, 'many', 'severity.scope.many', 'severity.scope.many.synonyms'),
      option(c, 'one', 'severity.scope.one', 'severity.scope.one.synonyms'),
    ]);
  }

  private async askWorkaround(step: WaterfallStepContext) {
    stepValues<ImpactAnswers>(step).scope = chosen(step) as ImpactAnswers['scope'];
    return askChoice(step, WORKAROUND, t(step.context, 'severity.workaround.question'), YES_NO);
  }

  private async askDeadlines(step: WaterfallStepContext) {
    stepValues<ImpactAnswers>(step).workaround = chosen(step) === 'yes';
    return askChoice(step, DEADLINES, t(step.context, 'severity.deadlines.question'), YES_NO);
  }

  private async triage(step: WaterfallStepContext) {
    const { impact, scope, workaround } = stepValues<ImpactAnswers>(step);
    const answers: ImpactAnswers = { impact: impact!, scope: scope!, workaround: workaround!, deadlinesAffected: chosen(step) === 'yes' };
    return this.conclude(step, triageSeverity(answers, languageOf(step.context)));
  }

  // A billing problem: is money taken wrongly, are the services at risk, is there a date to meet.

  private async askMoney(step: WaterfallStepContext) {
    return askChoice(step, MONEY, t(step.context, 'severity.money.question'), YES_NO);
  }

  private async askAccess(step: WaterfallStepContext) {
    stepValues<BillingImpactAnswers>(step).moneyTakenWrongly = chosen(step) === 'yes';
    const c = step.context;
    return askChoice(step, ACCESS, t(c, 'severity.access.question'), [
      option(c, 'lost', 'severity.access.lost', 'severity.access.lost.synonyms'),
      option(c, 'at-risk', 'severity.access.atRisk', 'severity.access.atRisk.synonyms', { safeDefault: true }),
      option(c, 'unaffected', 'severity.access.unaffected', 'severity.access.unaffected.synonyms'),
    ]);
  }

  private async askBillingDeadline(step: WaterfallStepContext) {
    stepValues<BillingImpactAnswers>(step).access = chosen(step) as BillingImpactAnswers['access'];
    return askChoice(step, BILLING_DEADLINE, t(step.context, 'severity.billingDeadline.question'), YES_NO);
  }

  private async triageBilling(step: WaterfallStepContext) {
    const { moneyTakenWrongly, access } = stepValues<BillingImpactAnswers>(step);
    return this.conclude(step, triageBillingSeverity({ moneyTakenWrongly: moneyTakenWrongly!, access: access!, deadline: chosen(step) === 'yes' }, languageOf(step.context)));
  }

  // A pre-sales question or a question about support: no service is affected; only a date can raise it.

  private async askQuestionDeadline(step: WaterfallStepContext) {
    return askChoice(step, QUESTION_DEADLINE, t(step.context, 'severity.questionDeadline.question'), YES_NO);
  }

  private async triageQuestion(step: WaterfallStepContext) {
    const supportCase = await getCase(this.state, step.context);
    const category = supportCase.category === 'presales' ? 'presales' : 'support';
    return this.conclude(step, triageQuestionSeverity({ deadline: chosen(step) === 'yes' }, category, languageOf(step.context)));
  }

  /** The triaged level within the cloud's limits (21Vianet: A only for technical cases), with the reason in words. */
  private async conclude(step: WaterfallStepContext, triaged: TriageResult) {
    const supportCase = await getCase(this.state, step.context);
    const clamped = clampSeverity({ ...severityContext(supportCase), severity: triaged.severity, language: languageOf(step.context) });
    supportCase.severity = clamped.severity;
    supportCase.severityReason = clamped.changed && clamped.reason ? `${triaged.reason} ${clamped.reason}` : triaged.reason;
    await step.context.sendActivity(supportCase.severityReason);
    return step.endDialog({ severity: clamped.severity } satisfies QuestionsResult);
  }
}
