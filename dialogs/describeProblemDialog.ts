import { ComponentDialog, TextPrompt, WaterfallDialog, type WaterfallStepContext } from './dialogKit.js';
import type { Article, Classification } from '../src/knowledge/index.js';
import { detectCloud, findPlanInText } from '../src/support/index.js';
import { withoutAdminStatement } from './adminCheckDialog.js';
import { getCase, type StateAccessors, type SupportCase } from './caseState.js';
import { answerPrompt, askChoice, chosen, type Option } from './prompting.js';
import type { ConversationServices } from './services.js';
import { stepValues } from './stepState.js';
import { catalog, LANGUAGES, listInEveryLanguage, translate, type Language, type MessageKey } from '../src/i18n/index.js';
import { languageOf, t } from './language.js';
import { caseClarified, caseDescribed, caseEnded, closestOf, gapFound } from './caseInsights.js';
import type { TurnContext } from 'botbuilder';

export const DESCRIBE_PROBLEM_DIALOG = 'describeProblemDialog';
const ASK_TEXT = 'describeProblem.text';
const CLARIFY = 'describeProblem.clarify';
const FLOW = 'describeProblem.flow';
const SOMETHING_ELSE = 'something-else';
const MAX_ATTEMPTS = 2;
/**
 * At or above this confidence an out-of-scope answer is taken as sure; below it, the words are kept as a
 * knowledge gap (the classifier's confidences run from its minimum, 0.2–0.3, to 0.95; an unrelated
 * sentence scores 0.6 and more).
 */
const OUT_OF_SCOPE_SURE = 0.6;

export interface DescribeProblemOptions {
  /** What the admin already said, e.g. their first message. */
  text?: string;
  attempt?: number;
}

export interface DescribeProblemResult {
  /** True when the problem is outside what support covers; the admin has been told where to go. */
  outOfScope: boolean;
}

/** Greetings and openers in every language ("hallo", "你好"), said on their own. */
const OPENERS = new Set(listInEveryLanguage('describeProblem.openers').map((w) => w.toLowerCase()));

/** Greetings and other openers that are not yet a description of a problem. */
export function isOpener(text: string | undefined): boolean {
  const t = (text ?? '').trim().toLowerCase().replace(/[!.?,！。？，、~～]+/g, ' ').trim();
  if (t.length === 0) return true;
  if (OPENERS.has(t.replace(/\s+/g, ' '))) return true;
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

/** The topics the catalog names ("topic.<id>"), read once from the English catalog. */
const CATALOG_TOPICS: Record<string, true> = Object.fromEntries(
  Object.keys(catalog('en'))
    .filter((k) => k.startsWith('topic.'))
    .map((k) => [k.slice('topic.'.length), true]),
);

/** The taxonomy's description of a topic cut to a label ("Exchange Online: forwarding a mailbox's mail…"): understood when typed. */
function coversLabel(product: string, coversText: string): string {
  const covers = coversText.split(/[:;(]/)[0]!.trim();
  return `${product}: ${covers.length > 70 ? `${covers.slice(0, 67)}…` : covers}`;
}

/** The article in `language` when translated, else the English one. */
function inLanguage(translations: Partial<Record<Language, Article[]>> | undefined, article: Article, language: Language): Article {
  return (language === 'en' ? undefined : translations?.[language]?.find((a) => a.id === article.id)) ?? article;
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
    const prompt = t(step.context, attempt === 0 ? 'describeProblem.ask' : 'describeProblem.askAgain');
    return step.prompt(ASK_TEXT, { prompt, retryPrompt: t(step.context, 'describeProblem.retry') });
  }

  private async classify(step: WaterfallStepContext<DescribeProblemOptions>) {
    // "I am the IT administrator for our company" on its own says who, not what: noted (mainDialog), then the question again.
    const text = withoutAdminStatement(String(step.result).trim());
    if (!text) {
      await step.context.sendActivity(t(step.context, 'describeProblem.noted'));
      return step.replaceDialog(FLOW, { attempt: step.options.attempt } satisfies DescribeProblemOptions);
    }
    const result = this.services.classifier.classify(text, languageOf(step.context));
    const supportCase = await getCase(this.state, step.context);
    supportCase.problem = supportCase.problem && step.options.attempt ? `${supportCase.problem}\n${text}` : text;
    this.remember(supportCase, result);
    rememberNamed(supportCase, text);
    supportCase.closest = closestOf(result);
    stepValues<{ classification: Classification }>(step).classification = result;
    await caseDescribed(this.services, step.context, supportCase, text, result);

    if (result.topic === null && result.candidates?.length) {
      await gapFound(this.services, step.context, supportCase, 'clarification', supportCase.closest);
      const options: Option[] = result.candidates.slice(0, 3).map((c) => this.topicOption(step.context, c.topic));
      options.push({ value: SOMETHING_ELSE, title: t(step.context, 'describeProblem.somethingElse'), synonyms: listInEveryLanguage('describeProblem.somethingElse.synonyms') });
      return askChoice(step, CLARIFY, t(step.context, 'describeProblem.closest'), options);
    }
    return step.next(result.topic);
  }

  private async clarified(step: WaterfallStepContext<DescribeProblemOptions>) {
    const supportCase = await getCase(this.state, step.context);
    const { attempt = 0 } = step.options;
    const asked = !(typeof step.result === 'string' || step.result === null);
    const picked = asked ? chosen(step) : (step.result as string | null);
    if (picked === SOMETHING_ELSE) {
      await gapFound(this.services, step.context, supportCase, 'something_else', supportCase.closest);
      if (attempt + 1 < MAX_ATTEMPTS) return step.replaceDialog(FLOW, { attempt: attempt + 1 } satisfies DescribeProblemOptions);
      await step.context.sendActivity(t(step.context, 'describeProblem.noTopic'));
      return step.endDialog({ outOfScope: false } satisfies DescribeProblemResult);
    }
    if (picked) {
      const topic = this.services.knowledge.taxonomy.topics.find((t) => t.id === picked);
      supportCase.topic = picked;
      supportCase.category = topic?.category ?? supportCase.category;
      supportCase.product = topic?.product ?? supportCase.product;
      if (asked) await caseClarified(this.services, supportCase);
    }
    if (supportCase.category === 'out-of-scope') {
      await this.explainOutOfScope(step, supportCase.topic ?? 'oos.unrelated');
      await caseEnded(this.services, supportCase, 'refused');
      // Told it is not covered, though the classifier was unsure: perhaps covered, and not yet written. (A
      // topic the admin picked was unsure too, and is already a gap: the clarification.)
      const confidence = stepValues<{ classification?: Classification }>(step).classification?.confidence;
      if (!asked && confidence !== undefined && confidence < OUT_OF_SCOPE_SURE) {
        await gapFound(this.services, step.context, supportCase, 'out_of_scope_low_confidence', supportCase.closest);
      }
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

  /**
   * A close topic as a choice: its short name in the admin's language; its name in the other languages and
   * the taxonomy's own words ("what it covers") are understood when typed.
   */
  private topicOption(context: TurnContext, topicId: string): Option {
    const topic = this.services.knowledge.taxonomy.topics.find((x) => x.id === topicId);
    const key = `topic.${topicId}` as MessageKey;
    const named = topic !== undefined && Object.hasOwn(CATALOG_TOPICS, topicId);
    if (!named) return { value: topicId, title: topic ? coversLabel(topic.product, topic.covers) : topicId };
    const covers = coversLabel(topic.product, topic.covers);
    return { value: topicId, title: t(context, key), synonyms: [...LANGUAGES.map((language) => translate(language, key)), covers, covers.split(': ').slice(1).join(': ')] };
  }

  private async explainOutOfScope(step: WaterfallStepContext, topicId: string): Promise<void> {
    const language = languageOf(step.context);
    const english = this.services.knowledge.articles.find((a) => a.topic === topicId);
    const article = english && inLanguage(this.services.knowledge.translations, english, language);
    const lead = t(step.context, topicId === 'oos.unrelated' ? 'describeProblem.outOfScope.unrelated' : 'describeProblem.outOfScope.covered');
    await step.context.sendActivity(article ? t(step.context, 'describeProblem.outOfScope.article', { lead, title: article.title, summary: article.summary }) : lead);
    await step.context.sendActivity(t(step.context, 'describeProblem.somethingElseInM365'));
  }
}
