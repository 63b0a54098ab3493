// Typo tolerance by correcting the query, not by fuzzy-matching every indexed term: each unknown
// query word is looked up against the knowledge base's own vocabulary through a deletion index
// (the symmetric-delete idea), which costs a few map look-ups however large the vocabulary grows.

export interface Vocabulary {
  /** How many articles use each surface word; frequent words win ties between corrections. */
  readonly frequency: ReadonlyMap<string, number>;
  /** Every word and every one-letter deletion of it, mapped to the words it came from. */
  readonly deletions: ReadonlyMap<string, readonly string[]>;
}

export interface Correction {
  from: string;
  to: string;
  distance: number;
}

function deletesOf(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Builds the vocabulary from words and their document frequencies. */
export function buildVocabulary(frequency: ReadonlyMap<string, number>): Vocabulary {
  const deletions = new Map<string, string[]>();
  const add = (key: string, word: string) => {
    const list = deletions.get(key);
    if (!list) deletions.set(key, [word]);
    else if (list.at(-1) !== word) list.push(word);
  };
  for (const word of frequency.keys()) {
    if (word.length < 3 || /\d/.test(word)) continue;
    add(word, word);
    for (const d of deletesOf(word)) add(d, word);
  }
  return { frequency, deletions };
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), capped at max + 1. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0]![j] = j;
  for (let i = 1; i < rows; i++) {
    let rowMin = Infinity;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
  }
  return d[rows - 1]![cols - 1]!;
}

/** True when b is a with exactly one letter replaced (not a swap of neighbours). */
function isSubstitution(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff++;
  return diff === 1;
}

/**
 * Longer than any word worth correcting. The deletion keys of a word grow with the square of its
 * length (and their text with the cube), so one pasted 5,000-letter "word" would otherwise stall the
 * server for minutes and exhaust its memory.
 */
export const MAX_CORRECTABLE_LENGTH = 40;

/** Longer words tolerate more typos; short ones would otherwise turn into unrelated words. */
export function allowedDistance(word: string): number {
  if (word.length < 4) return 0;
  return word.length >= 8 ? 2 : 1;
}

/**
 * The closest known word to `word`, or undefined when it is already known, too short, or nothing is
 * close enough. Among equally close words the most frequent wins.
 */
export function correctWord(vocabulary: Vocabulary, word: string): Correction | undefined {
  if (vocabulary.frequency.has(word) || /\d/.test(word) || word.length > MAX_CORRECTABLE_LENGTH) return undefined;
  const max = allowedDistance(word);
  if (max === 0) return undefined;
  const keys = new Set<string>([word, ...deletesOf(word)]);
  if (max >= 2) for (const d of deletesOf(word)) for (const dd of deletesOf(d)) keys.add(dd);
  const candidates = new Set<string>();
  for (const key of keys) for (const w of vocabulary.deletions.get(key) ?? []) candidates.add(w);
  let best: Correction | undefined;
  let bestRank = -Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate, max);
    if (distance > max) continue;
    // In a short word one changed letter usually makes another real word ("night" is not "right");
    // swapped, missing or doubled letters are the typos worth fixing there ("donw", "adress").
    if (word.length < 6 && isSubstitution(word, candidate)) continue;
    // Typos rarely hit the first letter; "meaning" is not a misspelt "leaning".
    if (candidate[0] !== word[0] && !(candidate[0] === word[1] && candidate[1] === word[0])) continue;
    const rank = -distance * 1000 + Math.log(1 + (vocabulary.frequency.get(candidate) ?? 0));
    if (rank > bestRank) {
      bestRank = rank;
      best = { from: word, to: candidate, distance };
    }
  }
  return best;
}
