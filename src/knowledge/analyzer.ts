// How a language's text becomes search terms. The search index, query analysis, synonyms and
// out-of-scope cues all go through one Analyzer, so an article and an admin's sentence in the same
// language always meet on the same terms. English is textNormalize.ts; German and Chinese are in
// germanAnalyzer.ts and chineseAnalyzer.ts.
import type { Language } from '../i18n/index.js';
import { normalizeText, stem, stopWords, tokenize } from './textNormalize.js';

export interface Analyzer {
  readonly language: Language;
  /** Lowercased and folded, with the language's compound rewrites applied. */
  normalize(text: string): string;
  /**
   * Surface tokens of normalised text, as written (German compounds are followed by their parts,
   * Chinese is segmented into words).
   */
  rawTokens(normalized: string): string[];
  /** A raw token after spelling variants ("licence" is "license"). */
  surface(token: string): string;
  isStopWord(surface: string): boolean;
  stem(surface: string): string;
  /**
   * Tokens that are search evidence but not words the admin wrote (Chinese character pairs): they
   * count for ranking, not for how much of the sentence the knowledge base knows.
   */
  isAuxiliary?(surface: string): boolean;
  /** Everyday words that say nothing about whether a sentence is about Microsoft 365 (see outOfScope.ts). */
  readonly everydayWords: ReadonlySet<string>;
}

const ENGLISH_TOKEN = /[a-z0-9]+/g;

/** English, exactly as the classifier has always analysed it. */
export function englishAnalyzer(everydayWords: ReadonlySet<string>): Analyzer {
  return {
    language: 'en',
    normalize: normalizeText,
    rawTokens: (normalized) => normalized.match(ENGLISH_TOKEN) ?? [],
    surface: (token) => tokenize(token)[0] ?? token,
    isStopWord: (surface) => stopWords.has(surface),
    stem,
    everydayWords,
  };
}

/** Surfaces of a text's tokens (spelling variants applied). */
export function surfaces(analyzer: Analyzer, text: string): string[] {
  return analyzer.rawTokens(analyzer.normalize(text)).map((t) => analyzer.surface(t));
}

/** Content terms: stems of the surfaces that are not stop words. */
export function analyzeWith(analyzer: Analyzer, text: string): string[] {
  return surfaces(analyzer, text)
    .filter((s) => !analyzer.isStopWord(s))
    .map((s) => analyzer.stem(s));
}

/** Every term in order, stop words included (stemmed), for matching exact phrases. */
export function analyzeAllWith(analyzer: Analyzer, text: string): string[] {
  return surfaces(analyzer, text).map((s) => analyzer.stem(s));
}
