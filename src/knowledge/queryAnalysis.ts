// From an admin's sentence to weighted search terms: spelling corrected against the knowledge base's
// vocabulary, synonyms added, adjacent pairs added as phrase terms. Also counts how much of the
// sentence the knowledge base knows at all, which is the main signal for an unrelated question.
import { closestWord, type FuzzyVocabulary } from './fuzzyVocabulary.js';
import { correctWord, type Correction, type Vocabulary } from './spellCorrect.js';
import { expandSynonyms, type CompiledSynonyms } from './synonyms.js';
import { surfaces, type Analyzer } from './analyzer.js';
import { bigrams } from './textNormalize.js';

export interface AnalyzedQuery {
  text: string;
  /** Stemmed terms and "a_b" phrase terms with their weights; the admin's own words weigh most. */
  terms: ReadonlyMap<string, number>;
  /** Content words after spelling correction, unstemmed. */
  words: readonly string[];
  /** For each of `words`, how well the knowledge base knows it (see knownWordCount). */
  familiarity: readonly number[];
  corrections: readonly Correction[];
  /** Content words (not stop words) in the sentence. */
  contentWordCount: number;
  /**
   * Content words the knowledge base knows, directly or after correction: a word from an article's
   * title, summary or keywords counts 1; one from the synonym table or from two or more article
   * bodies counts half, from a single body a quarter (bodies are ordinary prose: they know "good" and
   * "nearby" as well as "mailbox").
   */
  knownWordCount: number;
}

export interface QueryContext {
  analyzer: Analyzer;
  vocabulary: Vocabulary;
  synonyms: CompiledSynonyms;
  /** Words of titles, summaries and keywords: the words that say what the articles are about. */
  coreWords: ReadonlySet<string>;
  /** Stems of the core words, so "instaling" counts as known through its stem "instal". */
  coreStems: ReadonlySet<string>;
  /** Words only the unrelated-questions article uses: known, but evidence of an unrelated question. */
  outsideCoreWords: ReadonlySet<string>;
  /** Whether any article contains the stem. */
  hasStem(stem: string): boolean;
  fuzzyVocabulary: FuzzyVocabulary;
}

export const termWeights = {
  word: 1,
  corrected: 0.8,
  phrase: 1,
  synonym: 0.5,
} as const;

function familiarity(context: QueryContext, word: string): number {
  if (context.coreWords.has(word) || context.coreStems.has(context.analyzer.stem(word))) return 1;
  if (context.outsideCoreWords.has(word)) return 0;
  if (context.synonyms.words.has(word)) return 0.5;
  const articles = context.vocabulary.frequency.get(word) ?? 0;
  if (articles >= 2) return 0.5;
  return articles === 1 || context.hasStem(context.analyzer.stem(word)) ? 0.25 : 0;
}

export function analyzeQuery(text: string, context: QueryContext): AnalyzedQuery {
  const terms = new Map<string, number>();
  const put = (term: string, weight: number) => terms.set(term, Math.max(weight, terms.get(term) ?? 0));
  const corrections: Correction[] = [];
  const words: string[] = [];
  const familiarities: number[] = [];
  const allStems: string[] = [];
  const contentStems: string[] = [];
  let knownWordCount = 0;

  const { analyzer } = context;
  const stem = (word: string) => analyzer.stem(word);
  for (const token of surfaces(analyzer, text)) {
    if (analyzer.isStopWord(token)) {
      allStems.push(stem(token));
      continue;
    }
    if (analyzer.isAuxiliary?.(token)) {
      put(token, termWeights.phrase);
      continue;
    }
    let word = token;
    let weight: number = termWeights.word;
    // A word is left as typed when the knowledge base knows it or its stem ("instaling" meets
    // "install" on "instal"); otherwise one edit through the deletion index, then up to two through
    // fuse.js over the core vocabulary.
    // Chinese words are not spelt letter by letter: a word the articles lack is left as it is.
    const recognised = context.vocabulary.frequency.has(token) || context.hasStem(stem(token)) || !/^[\p{Script=Latin}0-9]+$/u.test(token);
    const correction = recognised ? undefined : (correctWord(context.vocabulary, token) ?? closestWord(context.fuzzyVocabulary, token));
    if (correction) {
      corrections.push(correction);
      word = correction.to;
      weight = termWeights.corrected;
    }
    const known = familiarity(context, word);
    knownWordCount += known;
    familiarities.push(known);
    const s = stem(word);
    words.push(word);
    allStems.push(s);
    contentStems.push(s);
    put(s, weight);
  }
  for (const pair of bigrams(contentStems)) put(pair, termWeights.phrase);
  for (const extra of expandSynonyms(context.synonyms, allStems, contentStems)) put(extra, termWeights.synonym);

  return { text, terms, words, familiarity: familiarities, corrections, contentWordCount: contentStems.length, knownWordCount };
}
