import { Channels, MessageFactory, type TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from './dialogKit.js';
import { articleCard, articleText } from './cards/articleCard.js';
import type { Article } from '../src/knowledge/index.js';
import { articlePath, findArticle } from '../src/articleView/index.js';
import { getCase, type StateAccessors } from './caseState.js';
import { answerPrompt, askChoice, chosen, type Option, supportsCards } from './prompting.js';
import type { ConversationServices } from './services.js';
import { stepValues } from './stepState.js';
import { listInEveryLanguage, type Language } from '../src/i18n/index.js';
import { languageOf, t } from './language.js';
import { caseEnded, gapFound } from './caseInsights.js';
import { askSatisfaction } from './satisfaction.js';

export const SELF_HELP_DIALOG = 'selfHelpDialog';
const ASK = 'selfHelp.solved';
const FLOW = 'selfHelp.flow';
const PAGE = 3;
const MAX_ARTICLES = 9;

export interface SelfHelpResult {
  resolved: boolean;
}

interface SelfHelpOptions {
  page?: number;
}

interface SelfHelpValues {
  /** The page of articles shown. */
  page: number;
}

/** Offers the best matching articles and asks whether they solved it, recording the answer. */
export class SelfHelpDialog extends ComponentDialog {
  constructor(
    private readonly state: StateAccessors,
    private readonly services: ConversationServices,
  ) {
    super(SELF_HELP_DIALOG);
    this.addDialog(answerPrompt(ASK));
    this.addDialog(new WaterfallDialog<SelfHelpOptions>(FLOW, [this.offer.bind(this), this.answer.bind(this)]));
    this.initialDialogId = FLOW;
  }

  /**
   * Articles for the case: the chosen topic's first, then what the search found for the words. A billing
   * problem (a charge, a payment, a refund) shares words with the articles on buying or trying a plan
   * ("Business Premium") but not their subject: unless the admin asks about buying or a trial, the payment
   * and invoice articles go first and those about buying, trials and plans last, whatever the topic.
   */
  private candidates(problem: string, topic: string | null | undefined, language: Language): Article[] {
    const byId = new Map(this.services.knowledge.articles.map((a) => [a.id, a]));
    const found = this.services.classifier.search(problem, MAX_ARTICLES * 2, language).map((a) => byId.get(a.id)!).filter(Boolean);
    const isSales = (t: string | null | undefined) => t === 'billing.trial-or-purchase' || !!t?.startsWith('presales.');
    const isMoneyProblem = (t: string) => t === 'billing.payment-issue' || t === 'billing.understand-bill';
    const billingProblem =
      /\b(?:charg\w*|billed|billing|bill|paid|payments?|refund\w*|invoice\w*|twice|double|duplicate|overcharg\w*|declined)\b/i.test(problem) &&
      !/\b(?:trials?|buy\w*|bought|purchas\w*|sign(?:ing)? up|compar\w*|pric\w*|partners?)\b/i.test(problem);
    const leading = billingProblem && isSales(topic) ? null : topic;
    const ofTopic = leading ? this.services.knowledge.articles.filter((a) => a.topic === leading) : [];
    const rest = found.filter((a) => !a.topic.startsWith('oos.'));
    const ranked = billingProblem
      ? [...rest.filter((a) => isMoneyProblem(a.topic)), ...rest.filter((a) => !isMoneyProblem(a.topic) && !isSales(a.topic)), ...rest.filter((a) => isSales(a.topic))]
      : rest;
    const ordered = [...found.filter((a) => a.topic === leading), ...ofTopic, ...ranked];
    return [...new Map(ordered.map((a) => [a.id, a])).values()].slice(0, MAX_ARTICLES);
  }

  /** The article in the admin's language when it has been translated, else the English one. */
  private inLanguage(article: Article, language: Language): Article {
    return findArticle(this.services.knowledge, article.id, language) ?? article;
  }

  /** The article's page on this server, when its public address is known (and https, as Teams requires). */
  private readUrl(context: TurnContext, article: Article, language: Language): string | undefined {
    const base = this.services.publicBaseUrl?.();
    if (!base || (context.activity.channelId === Channels.Msteams && !base.startsWith('https://'))) return undefined;
    return `${base}${articlePath(article.id, language)}`;
  }

  private async offer(step: WaterfallStepContext<SelfHelpOptions>) {
    const { page = 0 } = step.options;
    const supportCase = await getCase(this.state, step.context);
    const language = languageOf(step.context);
    const all = this.candidates(supportCase.problem ?? '', supportCase.topic, language);
    const shown = all.slice(page * PAGE, (page + 1) * PAGE).map((a) => this.inLanguage(a, language));
    if (shown.length === 0) return step.endDialog({ resolved: false } satisfies SelfHelpResult);

    for (const a of shown) {
      if (!supportCase.articlesOffered.some((o) => o.id === a.id)) supportCase.articlesOffered.push({ id: a.id, title: a.title });
    }
    await step.context.sendActivity(t(step.context, page === 0 ? 'selfHelp.intro' : 'selfHelp.more'));
    if (supportsCards(step.context)) {
      // A vertical list, not a carousel: a carousel card is about 230 px wide in a 400 px widget.
      const cards = shown.map((a, i) => articleCard(a, { language, readUrl: this.readUrl(step.context, a, language), expanded: i === 0 && page === 0 }));
      await step.context.sendActivity(MessageFactory.list(cards));
    } else {
      for (const a of shown) await step.context.sendActivity(articleText(a, language));
    }
    const options: Option[] = [
      { value: 'solved', title: t(step.context, 'selfHelp.solved'), means: 'yes', wishes: ['done'], synonyms: listInEveryLanguage('selfHelp.solved.synonyms') },
      {
        value: 'not-solved',
        title: t(step.context, 'selfHelp.notSolved'),
        means: 'no',
        wishes: ['escalate', 'human', 'callMe'],
        safeDefault: true,
        synonyms: listInEveryLanguage('selfHelp.notSolved.synonyms'),
      },
    ];
    if (all.length > (page + 1) * PAGE) options.push({ value: 'more', title: t(step.context, 'selfHelp.showMore'), synonyms: listInEveryLanguage('selfHelp.showMore.synonyms') });
    stepValues<SelfHelpValues>(step).page = page;
    return askChoice(step, ASK, t(step.context, 'selfHelp.question'), options);
  }

  private async answer(step: WaterfallStepContext) {
    const answer = chosen(step);
    if (answer === 'more') return step.replaceDialog(FLOW, { page: (stepValues<SelfHelpValues>(step).page ?? 0) + 1 } satisfies SelfHelpOptions);
    const supportCase = await getCase(this.state, step.context);
    const resolved = answer === 'solved';
    supportCase.selfHelp = resolved ? 'resolved' : 'not-resolved';
    await this.services.recordSelfHelp({
      conversationId: step.context.activity.conversation.id,
      channelId: step.context.activity.channelId,
      topic: supportCase.topic ?? null,
      articleIds: supportCase.articlesOffered.map((a) => a.id),
      resolved,
    });
    if (resolved) {
      await step.context.sendActivity(t(step.context, 'selfHelp.glad'));
      await caseEnded(this.services, supportCase, 'self_help');
      if (supportCase.caseId) await askSatisfaction(step.context, this.state, this.services, { about: 'self_help', caseId: supportCase.caseId }, t(step.context, 'satisfaction.question.selfHelp'));
    } else {
      // Articles were there and did not help: what the knowledge base lacks for these words.
      await gapFound(this.services, step.context, supportCase, 'self_help_failed', supportCase.closest);
    }
    return step.endDialog({ resolved } satisfies SelfHelpResult);
  }
}
