// The public face of the knowledge module: build the index once, then classify each turn's text into
// category, topic (or null with candidates, so the dialog can ask), confidence, a severity suggestion
// and the self-help articles to offer.
import { detectLanguage, LANGUAGES, type Language } from '../i18n/index.js';
import { analyzeWith, englishAnalyzer, type Analyzer } from './analyzer.js';
import type { Article, Category, Knowledge } from './articleSchema.js';
import { chineseAnalyzer } from './chineseAnalyzer.js';
import { germanAnalyzer, germanLexicon } from './germanAnalyzer.js';
import { englishEverydayWords, outOfScopeCues, unrelatedTopic, vocabularyCoverage } from './outOfScope.js';
import { analyzeQuery, type AnalyzedQuery } from './queryAnalysis.js';
import { buildSearchIndex, defaultSearchSettings, searchArticles, type ArticleHit, type SearchIndex, type SearchSettings } from './searchIndex.js';
import { suggestSeverity, type Severity } from './severityHint.js';
import { synonymGroupsFor } from './synonyms.js';
import { classifyTopics } from './topicModel.js';
import { decideTopic, rankTopics, type TopicScore } from './topicScorer.js';

export interface ClassifiedArticle {
  id: string;
  title: string;
  topic: string;
  score: number;
  /** The article's language: the text's, or 'en' where the article has no translation yet. */
  language: Language;
}

export interface Classification {
  text: string;
  /** The language the text was classified in: the one asked for, else the one it is written in. */
  language: Language;
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
  /**
   * Classifies `text` in the language it is written in, or in `language` (the conversation's) when the
   * text does not say (a short "Postfach voll"), else English. Topic ids are the same in every language.
   */
  classify(text: string, language?: Language): Classification;
  /** Plain article search, best first. */
  search(text: string, limit?: number, language?: Language): ClassifiedArticle[];
  /** The intermediate steps of a classification, for debugging and tuning. */
  explain(text: string, language?: Language): Explanation;
}

export interface ClassifierSettings {
  /** Articles returned per classification. */
  articleLimit: number;
  /** Below this confidence the topic is left null and candidates are offered. */
  minConfidence: number;
  /**
   * The same per language where its articles and analysis give lower scores for a right answer (German
   * compounds and Chinese pairs spread a sentence over more terms); measured on the labelled sets.
   */
  minConfidenceByLanguage: Partial<Record<Language, number>>;
  /**
   * Added to a topic's score when its out-of-scope cue is in the text. Article scores are 0..1, so a
   * cue such as "I'm not an admin" clearly outweighs whatever the rest of the sentence asks about.
   */
  cueBonus: number;
  /** At or below this share of known content words a sentence is taken as unrelated to Microsoft 365. */
  unrelatedCoverage: number;
  /**
   * The same per language: a Chinese sentence is cut into more and shorter words (希望, 帮忙, 这样), so
   * fewer of them are the knowledge base's own even when the sentence is about Microsoft 365.
   */
  unrelatedCoverageByLanguage: Partial<Record<Language, number>>;
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
  minConfidenceByLanguage: { de: 0.2, 'zh-Hans': 0.22, 'zh-Hant': 0.22 },
  cueBonus: 1.5,
  unrelatedCoverage: 0.5,
  unrelatedCoverageByLanguage: { 'zh-Hans': 0.4, 'zh-Hant': 0.4 },
  topicModelWeight: 0.3,
  candidateCount: 3,
};

export type ClassifierOptions = Partial<ClassifierSettings> & { search?: SearchSettings };

const round = (n: number) => Math.round(n * 1000) / 1000;

function toClassified(hit: ArticleHit): ClassifiedArticle {
  return { id: hit.article.id, title: hit.article.title, topic: hit.article.topic, score: round(hit.score), language: hit.article.language };
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

/**
 * The articles a language searches: its translations, and the English article wherever a translation
 * is missing (shown with a note that it is in English), so every topic can be found in every language.
 */
export function articlesFor(knowledge: Knowledge, language: Language): Article[] {
  if (language === 'en') return knowledge.articles;
  const translated = knowledge.translations[language];
  const have = new Set(translated.map((a) => a.id));
  return [...translated, ...knowledge.articles.filter((a) => !have.has(a.id))];
}

/** The analyzer for a language's articles; German splits compounds against the words of its own articles. */
function analyzerFor(language: Language, articles: readonly Article[]): Analyzer {
  if (language === 'de') return germanAnalyzer(germanLexicon(articles.filter((a) => a.language === 'de').flatMap((a) => [a.title, a.summary, a.body, ...a.keywords])));
  if (language === 'zh-Hans' || language === 'zh-Hant') return chineseAnalyzer(language);
  return englishAnalyzer(englishEverydayWords);
}

const plainAnalyzers = new Map<Language, Analyzer>();
/**
 * A text's content terms in its language, analysed as the classifier does but without the articles (no
 * German compound splitting): for grouping texts that say the same thing (the insights' knowledge gaps).
 */
export function contentTermsOf(text: string, language: Language): string[] {
  let analyzer = plainAnalyzers.get(language);
  if (!analyzer) plainAnalyzers.set(language, (analyzer = analyzerFor(language, [])));
  return analyzeWith(analyzer, text);
}

export function createClassifier(knowledge: Knowledge, options: ClassifierOptions = {}): Classifier {
  const settings: ClassifierSettings = { ...classifierDefaults, ...options };
  const categoryOf = new Map(knowledge.taxonomy.topics.map((t) => [t.id, t.category]));
  const hasUnrelatedTopic = categoryOf.has(unrelatedTopic);
  const indexes = new Map<Language, SearchIndex>();
  /** Each language's index is built when first needed: English at once, the others on their first text. */
  const indexFor = (language: Language): SearchIndex => {
    let index = indexes.get(language);
    if (!index) {
      const articles = articlesFor(knowledge, language);
      index = buildSearchIndex(articles, options.search ?? defaultSearchSettings, analyzerFor(language, articles), synonymGroupsFor(language));
      indexes.set(language, index);
    }
    return index;
  };
  indexFor('en');
  /**
   * The text's own language when it says so clearly (an English sentence typed in a German conversation
   * is searched in English; the articles are then shown in the conversation's language by id), else the
   * conversation's, else English.
   */
  const languageOf = (text: string, conversation: Language | undefined): Language => {
    const detected = detectLanguage(text);
    if (!detected) return conversation ?? 'en';
    if (!detected.scriptKnown && conversation?.startsWith('zh')) return conversation;
    return detected.language;
  };

  function explainIn(text: string, index: SearchIndex): Explanation {
    const query = analyzeQuery(text, index);
    const hits = searchArticles(index, query, 30);
    const cues = outOfScopeCues(text, index.analyzer);
    const bonus = new Map(cues.map((topic) => [topic, settings.cueBonus]));
    const model = classifyTopics(index.topicModel, index.bm25.termIds, query.terms);
    const ranked = rankTopics(hits, bonus, model, settings.topicModelWeight);
    return { query, hits, cues, model, ranked };
  }

  function classify(text: string, requested?: Language): Classification {
    const language = languageOf(text, requested);
    const index = indexFor(language);
    const { query, hits, cues, model, ranked } = explainIn(text, index);
    const severity = suggestSeverity(correctedText(query), language).severity;
    const coverage = vocabularyCoverage(query, index.analyzer.everydayWords);

    // A sentence the knowledge base hardly knows is unrelated, whatever stray word it shares with
    // some article; it is not forced onto an in-scope topic.
    const looksUnrelated = hasUnrelatedTopic && cues.length === 0 && coverage <= (settings.unrelatedCoverageByLanguage[language] ?? settings.unrelatedCoverage);
    if (looksUnrelated) {
      const confidence = round(Math.min(0.95, 0.6 + 0.4 * (1 - coverage)));
      const matched = hits.filter((h) => h.article.topic === unrelatedTopic).map(toClassified);
      const unrelatedArticles = index.articles.filter((a) => a.topic === unrelatedTopic);
      const articles = matched.length > 0 ? matched : unrelatedArticles.map((a) => ({ id: a.id, title: a.title, topic: a.topic, score: confidence, language: a.language }));
      return {
        text,
        language,
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
    const confident = best !== undefined && decision.confidence >= (settings.minConfidenceByLanguage[language] ?? settings.minConfidence);
    const articles = rankArticles(hits, ranked, settings.articleLimit);
    const result: Classification = {
      text,
      language,
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
    search(text, limit = 5, language) {
      const index = indexFor(languageOf(text, language));
      return searchArticles(index, analyzeQuery(text, index), limit).map(toClassified);
    },
    explain: (text, language) => explainIn(text, indexFor(languageOf(text, language))),
  };
}

/** Every language's index built now rather than on its first text (start-up pays, turns do not). */
export function warmClassifier(classifier: Classifier): void {
  for (const language of LANGUAGES) classifier.search('', 1, language);
}
