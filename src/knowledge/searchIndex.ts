// Article search: a BM25 index (bm25Index.ts) over each article's analysed title, summary, keywords,
// body and in-keyword word pairs, plus what query analysis needs from the same pass over the
// articles: the vocabulary for spelling correction, the core words, and the topic model's training.
// fuse.js is used for short strings only (fuzzyVocabulary.ts): re-scoring the best BM25 candidates
// with fuse.js over their titles and keywords was tried and gave no measurable gain on our labelled
// phrasings, clean or with injected typos, while costing ~7 ms a query.
import type { Article } from './articleSchema.js';
import {
  buildBm25Index,
  createTermDictionary,
  defaultBm25Params,
  searchBm25,
  termId,
  type Bm25Index,
  type Bm25Params,
} from './bm25Index.js';
import { buildFuzzyVocabulary } from './fuzzyVocabulary.js';
import type { AnalyzedQuery, QueryContext } from './queryAnalysis.js';
import { buildVocabulary } from './spellCorrect.js';
import { surfaces, type Analyzer } from './analyzer.js';
import { compileSynonyms, type SynonymGroup } from './synonyms.js';
import { trainTopicModel, type TopicModel } from './topicModel.js';

const fields = ['title', 'summary', 'keywords', 'body', 'phrases'] as const;
type Field = (typeof fields)[number];

/** The index is also what query analysis reads (vocabulary, synonyms, core words, stems). */
export interface SearchIndex extends QueryContext {
  articles: readonly Article[];
  byId: ReadonlyMap<string, Article>;
  bm25: Bm25Index<Field>;
  topicModel: TopicModel;
  settings: SearchSettings;
}

export interface SearchSettings {
  /** BM25 field boosts: keywords and titles are written to be matched, bodies to be read. */
  boost: Record<Field, number>;
  /**
   * Rewards articles that match more of the query's terms: the BM25 score is multiplied by
   * (matched terms)^coordination. MiniSearch uses 1; 0 is plain BM25.
   */
  coordination: number;
  bm25: Bm25Params;
  /** How much each field's words count when training the topic model. */
  topicModelWeights: Record<'title' | 'summary' | 'keywords' | 'body', number>;
  /**
   * Topics whose words do not make a sentence sound like Microsoft 365: the article that answers
   * unrelated questions lists "weather" and "recipe" precisely because they are not.
   */
  topicsOutsideCore: readonly string[];
}

export const defaultSearchSettings: SearchSettings = {
  boost: { title: 2, summary: 1.5, keywords: 2.5, body: 0.4, phrases: 1.5 },
  coordination: 1,
  bm25: defaultBm25Params,
  topicModelWeights: { title: 3, summary: 2, keywords: 3, body: 0.5 },
  topicsOutsideCore: ['oos.unrelated'],
};

export interface ArticleHit {
  article: Article;
  /** Relevance in 0..1 relative to the best hit of this query. */
  score: number;
  /** Raw BM25 score. */
  bm25: number;
}

/** Markdown syntax carries no meaning for search; code spans (cmdlets) are kept as words. */
function plainText(markdown: string): string {
  return markdown.replace(/[#*_`>|[\]()]/g, ' ');
}

/** What indexing needs to know about one surface token, looked up once per token. */
interface TokenEntry {
  /** The token after spelling variants ("licence" is "license"), as the vocabulary knows it. */
  surface: string;
  /** Term id of the token's stem, or -1 for a stop word. */
  stemId: number;
  /** Number of articles containing the token, and the last one counted. */
  articles: number;
  lastArticle: number;
}

export function buildSearchIndex(
  articles: readonly Article[],
  settings: SearchSettings,
  analyzer: Analyzer,
  synonymGroups: readonly SynonymGroup[],
): SearchIndex {
  const synonyms = compileSynonyms(synonymGroups, analyzer);
  const rawTokens = (normalized: string) => analyzer.rawTokens(normalized);
  const dictionary = createTermDictionary();
  // Indexing 10,000 articles touches millions of tokens, so each raw token costs one map look-up
  // here: its entry gives the spelling variant, the stem's term id, and keeps the token's document
  // frequency for the vocabulary.
  const tokenTable = new Map<string, TokenEntry>();
  const entryOf = (token: string, article: number): TokenEntry => {
    let entry = tokenTable.get(token);
    if (!entry) {
      const surface = analyzer.surface(token);
      entry = { surface, stemId: analyzer.isStopWord(surface) ? -1 : termId(dictionary, analyzer.stem(surface)), articles: 0, lastArticle: -1 };
      tokenTable.set(token, entry);
    }
    if (entry.lastArticle !== article) {
      entry.lastArticle = article;
      entry.articles++;
    }
    return entry;
  };
  /** Term ids of the tokens' stems; also adds their surfaces to `core` when given. */
  const idsOf = (tokens: readonly string[], article: number, core?: Set<string>): number[] => {
    const ids: number[] = [];
    for (const token of tokens) {
      const { stemId, surface } = entryOf(token, article);
      if (stemId >= 0) ids.push(stemId);
      core?.add(surface);
    }
    return ids;
  };
  // Pairs within a title, summary or keyword, never across two keywords.
  const pairIds = (ids: readonly number[]): number[] => {
    const out: number[] = [];
    for (let i = 1; i < ids.length; i++) out.push(termId(dictionary, `${dictionary.terms[ids[i - 1]!]}_${dictionary.terms[ids[i]!]}`));
    return out;
  };
  const coreWords = new Set<string>();
  const documents = articles.map((a, article) => {
    // One normalising pass per article: its parts joined by a control character that survives
    // normalising and that no rewrite or token matches.
    const parts = analyzer.normalize([a.title, a.summary, plainText(a.body), ...a.keywords].join('\u0001')).split('\u0001');
    const [title, summary, body, ...keywords] = parts.map(rawTokens) as [string[], string[], string[], ...string[][]];
    const core = settings.topicsOutsideCore.includes(a.topic) ? undefined : coreWords;
    const titleIds = idsOf(title, article, core);
    const summaryIds = idsOf(summary, article, core);
    const keywordIds = keywords.map((k) => idsOf(k, article, core));
    return {
      id: a.id,
      fields: {
        title: titleIds,
        summary: summaryIds,
        keywords: keywordIds.flat(),
        body: idsOf(body, article),
        phrases: [titleIds, summaryIds, ...keywordIds].flatMap(pairIds),
      },
    };
  });
  const frequency = new Map<string, number>();
  for (const entry of tokenTable.values()) frequency.set(entry.surface, Math.max(entry.articles, frequency.get(entry.surface) ?? 0));
  // Words that only the out-of-core articles use ("weather", "translate") are evidence that a
  // sentence is unrelated, not that the knowledge base knows it.
  const outsideCoreWords = new Set<string>();
  for (const a of articles) {
    if (!settings.topicsOutsideCore.includes(a.topic)) continue;
    for (const w of surfaces(analyzer, [a.title, a.summary, a.body, ...a.keywords].join(' '))) {
      if (!coreWords.has(w) && frequency.get(w) === 1) outsideCoreWords.add(w);
    }
  }
  for (const w of synonyms.words) if (!frequency.has(w)) frequency.set(w, 1);
  const bm25 = buildBm25Index(fields, dictionary, documents, settings.bm25);
  return {
    analyzer,
    articles,
    byId: new Map(articles.map((a) => [a.id, a])),
    vocabulary: buildVocabulary(frequency),
    synonyms,
    coreWords,
    coreStems: new Set([...coreWords].map((w) => analyzer.stem(w))),
    outsideCoreWords,
    hasStem: (s: string) => bm25.termIds.has(s),
    fuzzyVocabulary: buildFuzzyVocabulary(coreWords),
    bm25,
    topicModel: trainTopicModel(
      documents.map((d, i) => ({
        topic: articles[i]!.topic,
        fields: (['title', 'summary', 'keywords', 'body'] as const).map((f) => ({ terms: d.fields[f], weight: settings.topicModelWeights[f] })),
      })),
    ),
    settings,
  };
}

/** Articles ranked for the query, best first, at most `limit`. */
export function searchArticles(index: SearchIndex, query: AnalyzedQuery, limit = 10): ArticleHit[] {
  const results = searchBm25(index.bm25, query.terms, index.settings.boost, { coordination: index.settings.coordination, limit });
  if (results.length === 0) return [];
  const top = results[0]!.score;
  return results.map((r) => ({ article: index.byId.get(r.id)!, bm25: r.score, score: r.score / top }));
}
