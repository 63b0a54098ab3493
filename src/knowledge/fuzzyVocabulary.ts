// Second line of typo tolerance, for words the deletion index (spellCorrect.ts) cannot reach: two
// edits in a word of six or seven letters ("canccle", "busiens"). fuse.js searches the core
// vocabulary (words of titles, summaries and keywords), which is short strings only, split by first
// letter so that each search scans a small bucket even at 10,000 articles. The buckets are built with
// the index, not on first use, so no query pays for building one.
import Fuse, { type IFuseOptions } from 'fuse.js';
import { editDistance, MAX_CORRECTABLE_LENGTH, type Correction } from './spellCorrect.js';

export interface FuzzyVocabulary {
  /** A Fuse instance over the words of each first letter. */
  buckets: ReadonlyMap<string, Fuse<string>>;
}

const fuseOptions: IFuseOptions<string> = {
  includeScore: true,
  // Words are short, so a typo's position says nothing; score only on how many letters differ.
  ignoreLocation: true,
  // Bitap score is roughly errors / pattern length: 0.34 admits two errors in a six-letter word.
  threshold: 0.34,
  minMatchCharLength: 3,
};

/** Words shorter than this are left alone: with two edits allowed they match too many other words. */
export const minimumFuzzyLength = 6;

export function buildFuzzyVocabulary(words: Iterable<string>): FuzzyVocabulary {
  const buckets = new Map<string, string[]>();
  for (const word of words) {
    if (word.length < minimumFuzzyLength - 2 || /\d/.test(word)) continue;
    const list = buckets.get(word[0]!);
    if (list) list.push(word);
    else buckets.set(word[0]!, [word]);
  }
  return { buckets: new Map([...buckets].map(([letter, list]) => [letter, new Fuse(list, fuseOptions)])) };
}

/** The closest core word within two edits, or undefined. */
export function closestWord(vocabulary: FuzzyVocabulary, word: string): Correction | undefined {
  if (word.length < minimumFuzzyLength || word.length > MAX_CORRECTABLE_LENGTH) return undefined;
  const fuse = vocabulary.buckets.get(word[0]!);
  if (!fuse) return undefined;
  let best: Correction | undefined;
  for (const result of fuse.search(word, { limit: 8 })) {
    const distance = editDistance(word, result.item, 2);
    if (distance > 2) continue;
    if (!best || distance < best.distance) best = { from: word, to: result.item, distance };
  }
  return best;
}
