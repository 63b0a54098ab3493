// The public face of the knowledge module: build the index once, then classify each turn's text into
// category, topic (or null with candidates, so the dialog can ask), confidence, a severity suggestion
// and the self-help articles to offer.
import type { Category, Knowledge } from './articleSchema.js';
import { outOfScopeCues, unrelatedTopic, vocabularyCoverage } from './outOfScope.js';
import { analyzeQuery, type AnalyzedQuery } from './queryAnalysis.js';
import { buildSearchIndex, defaultSearchSettings, searchArticles, type ArticleHit, type SearchIndex, type SearchSettings } from './searchIndex.js';
import { suggestSeverity, type Severity } from './severityHint.js';
import { classifyTopics } from './topicModel.js';
import { decideTopic, rankTopics, type TopicScore } from './topicScorer.js';

export interface ClassifiedArticle {
  id: string;
  title: string;
  topic: string;
  score: number;
}

export interface Classification {
  text: string;
  category: Category;
  /** Null when the assistant should ask a clarifying question; see `candidates`. */
  topic: string | null;
  confidence: number;
  severity: Severity | null;
  articles: ClassifiedArticle[];
  /** Present when topic is null: the two or three topics to offer in the clarifying question. */
  candidates?: TopicScore[];
}

export interface Explanation {
  query: AnalyzedQuery;
  hits: ArticleHit[];
  /** Out-of-scope topics whose cues are in the text. */
  cues: string[];
  /** Topic model probabilities, best first. */
  model: Array<{ topic: string; probability: number }>;
  ranked: TopicScore[];
}

export interface Classifier {
  classify(text: string): Classification;
  /** Plain article search, best first. */
  search(text: string, limit?: number): ClassifiedArticle[];
  /** The intermediate steps of a classification, for debugging and tuning. */
  explain(text: string): Explanation;
}

export interface ClassifierSettings {
  /** Articles returned per classification. */
  articleLimit: number;
  /** Below this confidence the topic is left null and candidates are offered. */
  minConfidence: number;
  /**
   * Added to a topic's score when its out-of-scope cue is in the text. Article scores are 0..1, so a
   * cue such as "I'm not an admin" clearly outweighs whatever the rest of the sentence asks about.
   */
  cueBonus: number;
  /** At or below this share of known content words a sentence is taken as unrelated to Microsoft 365. */
  unrelatedCoverage: number;
  /**
   * Share of a topic's score that comes from the topic model (naive Bayes over the articles' words);
   * the rest comes from its best articles' search scores.
   */
  topicModelWeight: number;
  /** How many candidate topics a clarifying question offers. */
  candidateCount: number;
}

export const classifierDefaults: Readonly<ClassifierSettings> = {
  articleLimit: 5,
  minConfidence: 0.3,
  cueBonus: 1.5,
  unrelatedCoverage: 0.5,
  topicModelWeight: 0.3,
  candidateCount: 3,
};

export type ClassifierOptions = Partial<ClassifierSettings> & { search?: SearchSettings };

const round = (n: number) => Math.round(n * 1000) / 1000;

function toClassified(hit: ArticleHit): ClassifiedArticle {
  return { id: hit.article.id, title: hit.article.title, topic: hit.article.topic, score: round(hit.score) };
}

/**
 * Articles for the answer, best first. An article's own relevance is weighted by how well its topic
 * did, so the chosen topic's articles lead and runner-up topics follow, while the order stays the
 * order of the scores shown.
 */
function rankArticles(hits: readonly ArticleHit[], ranked: readonly TopicScore[], limit: number): ClassifiedArticle[] {
  const top = ranked[0]?.score ?? 0;
  if (top <= 0) return [];
  const topicScore = new Map(ranked.map((t) => [t.topic, t.score]));
  return hits
    .map((hit) => ({ hit, score: hit.score * (0.6 + 0.4 * Math.max(0, topicScore.get(hit.article.topic) ?? 0) / top) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map(({ hit, score }) => ({ ...toClassified(hit), score: round(score) }));
}

/** The text with its spelling corrected, so the severity cues read "down" where the admin typed "donw". */
function correctedText(query: AnalyzedQuery): string {
  let text = query.text;
  for (const c of query.corrections) text = text.replace(new RegExp(`\\b${c.from}\\b`, 'gi'), c.to);
  return text;
}

export function createClassifier(knowledge: Knowledge, options: ClassifierOptions = {}): Classifier {
  const settings: ClassifierSettings = { ...classifierDefaults, ...options };
  const unrelatedArticles = knowledge.articles.filter((a) => a.topic === unrelatedTopic);
  const index: SearchIndex = buildSearchIndex(knowledge.articles, options.search ?? defaultSearchSettings);
  const categoryOf = new Map(knowledge.taxonomy.topics.map((t) => [t.id, t.category]));
  const hasUnrelatedTopic = categoryOf.has(unrelatedTopic);

  function explain(text: string): Explanation {
    const query = analyzeQuery(text, index);
    const hits = searchArticles(index, query, 30);
    const cues = outOfScopeCues(text);
    const bonus = new Map(cues.map((topic) => [topic, settings.cueBonus]));
    const model = classifyTopics(index.topicModel, index.bm25.termIds, query.terms);
    const ranked = rankTopics(hits, bonus, model, settings.topicModelWeight);
    return { query, hits, cues, model, ranked };
  }

  function classify(text: string): Classification {
    const { query, hits, cues, model, ranked } = explain(text);
    const severity = suggestSeverity(correctedText(query)).severity;
    const coverage = vocabularyCoverage(query);

    // A sentence the knowledge base hardly knows is unrelated, whatever stray word it shares with
    // some article; it is not forced onto an in-scope topic.
    const looksUnrelated = hasUnrelatedTopic && cues.length === 0 && coverage <= settings.unrelatedCoverage;
    if (looksUnrelated) {
      const confidence = round(Math.min(0.95, 0.6 + 0.4 * (1 - coverage)));
      const matched = hits.filter((h) => h.article.topic === unrelatedTopic).map(toClassified);
      const articles = matched.length > 0 ? matched : unrelatedArticles.map((a) => ({ id: a.id, title: a.title, topic: a.topic, score: confidence }));
      return {
        text,
        category: categoryOf.get(unrelatedTopic)!,
        topic: unrelatedTopic,
        confidence,
        severity: null,
        articles: articles.slice(0, settings.articleLimit),
      };
    }

    // Evidence strength: how much of the sentence the knowledge base knows, and how firmly the topic
    // model puts the sentence in one topic (a vague "problem with outlook" spreads over several).
    const strength = (0.6 + 0.4 * coverage) * (0.5 + 0.5 * (model[0]?.probability ?? 0));
    const decision = decideTopic(ranked, strength);
    const best = ranked[0];
    const confident = best !== undefined && decision.confidence >= settings.minConfidence;
    const articles = rankArticles(hits, ranked, settings.articleLimit);
    const result: Classification = {
      text,
      category: (best && categoryOf.get(best.topic)) ?? 'out-of-scope',
      topic: confident ? best.topic : null,
      confidence: round(decision.confidence),
      // Nothing to triage in a question support does not cover.
      severity: best?.topic === unrelatedTopic ? null : severity,
      articles,
    };
    if (!confident) {
      result.candidates = ranked.slice(0, settings.candidateCount).map((t) => ({ topic: t.topic, score: round(t.score) }));
    }
    return result;
  }

  return {
    classify,
    search(text, limit = 5) {
      return searchArticles(index, analyzeQuery(text, index), limit).map(toClassified);
    },
    explain,
  };
}
