import { ComponentDialog, TextPrompt, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Classification } from '../src/knowledge/index.js';
import { detectCloud, findPlanInText } from '../src/support/index.js';
import { withoutAdminStatement } from './adminCheckDialog.js';
import { getCase, type StateAccessors, type SupportCase } from './caseState.js';
import { answerPrompt, askChoice, chosen, type Option } from './prompting.js';
import type { ConversationServices } from './services.js';
import { stepValues } from './stepState.js';

export const DESCRIBE_PROBLEM_DIALOG = 'describeProblemDialog';
const ASK_TEXT = 'describeProblem.text';
const CLARIFY = 'describeProblem.clarify';
const FLOW = 'describeProblem.flow';
const SOMETHING_ELSE = 'something-else';
const MAX_ATTEMPTS = 2;

export interface DescribeProblemOptions {
  /** What the admin already said, e.g. their first message. */
  text?: string;
  attempt?: number;
}

export interface DescribeProblemResult {
  /** True when the problem is outside what support covers; the admin has been told where to go. */
  outOfScope: boolean;
}

/** Greetings and other openers that are not yet a description of a problem. */
export function isOpener(text: string | undefined): boolean {
  const t = (text ?? '').trim().toLowerCase().replace(/[!.?,]+/g, ' ').trim();
  if (t.length === 0) return true;
  return /^(hi|hello|hey|hiya|howdy|yo|good (morning|afternoon|evening|day)|greetings|help|i need help|can you help( me)?|new request|new issue|start|get started|hi there|hello there)( there| bot| assistant)?$/.test(t);
}

/**
 * What the admin named in their words that the request would otherwise ask for: the plan ("we were
 * charged twice for Business Premium") and the cloud ("our 21Vianet tenant", "contoso.onmicrosoft.de").
 * The product comes with the topic. The review still lets the admin change each of them.
 */
export function rememberNamed(supportCase: SupportCase, text: string): void {
  const plan = findPlanInText(text);
  if (plan) {
    supportCase.planId = plan.id;
    supportCase.planKnown = true;
  }
  const cloud = detectCloud(text);
  if (cloud) supportCase.cloud = cloud;
}

/**
 * Understands the problem: takes the admin's words, classifies them, asks which of the close topics is
 * meant when the classifier is unsure, and answers honestly when the problem is out of scope.
 */
export class DescribeProblemDialog extends ComponentDialog {
  constructor(
    private readonly state: StateAccessors,
    private readonly services: ConversationServices,
  ) {
    super(DESCRIBE_PROBLEM_DIALOG);
    this.addDialog(new TextPrompt(ASK_TEXT, async (p) => (p.recognized.value ?? '').trim().length >= 3));
    this.addDialog(answerPrompt(CLARIFY));
    this.addDialog(new WaterfallDialog<DescribeProblemOptions>(FLOW, [this.askText.bind(this), this.classify.bind(this), this.clarified.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async askText(step: WaterfallStepContext<DescribeProblemOptions>) {
    const { text, attempt = 0 } = step.options;
    if (text && !isOpener(text)) return step.next(text);
    const prompt =
      attempt === 0
        ? "What's going wrong? Describe it in a sentence or two, e.g. \"nobody can send mail to external addresses\"."
        : 'Could you describe it in other words? Mention the product (Exchange, Teams, SharePoint, billing…) and what you see.';
    return step.prompt(ASK_TEXT, { prompt, retryPrompt: 'Please describe the problem in a few words.' });
  }

  private async classify(step: WaterfallStepContext<DescribeProblemOptions>) {
    // "I am the IT administrator for our company" on its own says who, not what: noted (mainDialog), then the question again.
    const text = withoutAdminStatement(String(step.result).trim());
    if (!text) {
      await step.context.sendActivity('Thanks, noted.');
      return step.replaceDialog(FLOW, { attempt: step.options.attempt } satisfies DescribeProblemOptions);
    }
    const result = this.services.classifier.classify(text);
    const supportCase = await getCase(this.state, step.context);
    supportCase.problem = supportCase.problem && step.options.attempt ? `${supportCase.problem}\n${text}` : text;
    this.remember(supportCase, result);
    rememberNamed(supportCase, text);
    stepValues<{ classification: Classification }>(step).classification = result;

    if (result.topic === null && result.candidates?.length) {
      const options: Option[] = result.candidates.slice(0, 3).map((c) => ({ value: c.topic, title: this.topicLabel(c.topic) }));
      options.push({ value: SOMETHING_ELSE, title: 'Something else', synonyms: ['none', 'none of these', 'other', 'neither'] });
      return askChoice(step, CLARIFY, 'I want to be sure I understand. Which of these is closest?', options);
    }
    return step.next(result.topic);
  }

  private async clarified(step: WaterfallStepContext<DescribeProblemOptions>) {
    const supportCase = await getCase(this.state, step.context);
    const { attempt = 0 } = step.options;
    const picked = typeof step.result === 'string' || step.result === null ? step.result : chosen(step);
    if (picked === SOMETHING_ELSE) {
      if (attempt + 1 < MAX_ATTEMPTS) return step.replaceDialog(FLOW, { attempt: attempt + 1 } satisfies DescribeProblemOptions);
      await step.context.sendActivity("Thanks. I couldn't match it to a topic, but that's fine: a support engineer can take it from your description.");
      return step.endDialog({ outOfScope: false } satisfies DescribeProblemResult);
    }
    if (picked) {
      const topic = this.services.knowledge.taxonomy.topics.find((t) => t.id === picked);
      supportCase.topic = picked;
      supportCase.category = topic?.category ?? supportCase.category;
      supportCase.product = topic?.product ?? supportCase.product;
    }
    if (supportCase.category === 'out-of-scope') {
      await this.explainOutOfScope(step, supportCase.topic ?? 'oos.unrelated');
      return step.endDialog({ outOfScope: true } satisfies DescribeProblemResult);
    }
    return step.endDialog({ outOfScope: false } satisfies DescribeProblemResult);
  }

  private remember(supportCase: Awaited<ReturnType<typeof getCase>>, result: Classification): void {
    const topic = result.topic ? this.services.knowledge.taxonomy.topics.find((t) => t.id === result.topic) : undefined;
    supportCase.category = result.category;
    supportCase.topic = result.topic;
    supportCase.product = topic?.product ?? null;
    supportCase.suggestedSeverity = result.severity;
  }

  private topicLabel(topicId: string): string {
    const topic = this.services.knowledge.taxonomy.topics.find((t) => t.id === topicId);
    if (!topic) return topicId;
    const covers = topic.covers.split(/[:;(]/)[0]!.trim();
    return `${topic.product}: ${covers.length > 70 ? `${covers.slice(0, 67)}…` : covers}`;
  }

  private async explainOutOfScope(step: WaterfallStepContext, topicId: string): Promise<void> {
    const article = this.services.knowledge.articles.find((a) => a.topic === topicId);
    const lead =
      topicId === 'oos.unrelated'
        ? "That's outside what I can help with: I'm the support assistant for Microsoft 365 business subscriptions (problems with Exchange, Teams, SharePoint, Microsoft 365 Apps, accounts, domains, billing and plans)."
        : "That's outside what Microsoft 365 support covers, so I can't open a request for it, but here's where to go:";
    await step.context.sendActivity(article ? `${lead}\n\n**${article.title}**: ${article.summary}` : lead);
    await step.context.sendActivity('If something else in Microsoft 365 is giving you trouble, just tell me about it.');
  }
}
