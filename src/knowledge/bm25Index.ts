// A small BM25 index over pre-analysed terms. MiniSearch was the first choice, but its radix tree
// took about 7 s to index 10,000 articles of ~300 words on this machine (the goal is under 5 s);
// integer term ids and flat postings arrays build in a fraction of that and score a query in a few
// milliseconds. Terms arrive normalised, stemmed and numbered (searchIndex.ts), so no tokenising
// happens here.

export interface Bm25Params {
  /** Term-frequency saturation. */
  k1: number;
  /** Length normalisation per field (0 = none, 1 = full). */
  b: number;
}

export const defaultBm25Params: Bm25Params = { k1: 1.2, b: 0.75 };

/** Numbers terms on first sight, so that indexing works on integers rather than strings. */
export interface TermDictionary {
  ids: Map<string, number>;
  terms: string[];
}

export function createTermDictionary(): TermDictionary {
  return { ids: new Map(), terms: [] };
}

export function termId(dictionary: TermDictionary, term: string): number {
  let id = dictionary.ids.get(term);
  if (id === undefined) {
    id = dictionary.terms.length;
    dictionary.ids.set(term, id);
    dictionary.terms.push(term);
  }
  return id;
}

/** A document as term ids (from one TermDictionary) per field. */
export interface Bm25Document<F extends string> {
  id: string;
  fields: Record<F, readonly number[]>;
}

/**
 * One term's occurrences, packed one number per (document, field) so that indexing pushes a single
 * value: document * 256 + field * 16 + min(term frequency, 15). A term more than 15 times in one
 * field is saturated by BM25 long before that.
 */
type Postings = number[];
const pack = (doc: number, field: number, tf: number) => doc * 256 + field * 16 + Math.min(tf, 15);

export interface Bm25Index<F extends string> {
  fields: readonly F[];
  ids: readonly string[];
  /** Each distinct term's number, an index into `postings`. */
  termIds: ReadonlyMap<string, number>;
  postings: readonly Postings[];
  /** k1 * (1 - b + b * length / averageLength) for field f of document d, at [f * documents + d]. */
  lengthNorm: Float64Array;
  params: Bm25Params;
}

export interface Bm25Hit {
  id: string;
  score: number;
  /** Query terms found in the document. */
  matched: number;
}

export function buildBm25Index<F extends string>(
  fields: readonly F[],
  dictionary: TermDictionary,
  documents: readonly Bm25Document<F>[],
  params: Bm25Params = defaultBm25Params,
): Bm25Index<F> {
  const n = documents.length;
  const postings: Postings[] = dictionary.terms.map(() => []);
  const lengths = new Float64Array(fields.length * n);
  const counts = new Int32Array(dictionary.terms.length);
  const touched: number[] = [];
  for (let doc = 0; doc < n; doc++) {
    const document = documents[doc]!;
    for (let f = 0; f < fields.length; f++) {
      const terms = document.fields[fields[f]!];
      lengths[f * n + doc] = terms.length;
      touched.length = 0;
      for (const id of terms) {
        if (counts[id] === 0) touched.push(id);
        counts[id]!++;
      }
      for (const id of touched) {
        postings[id]!.push(pack(doc, f, counts[id]!));
        counts[id] = 0;
      }
    }
  }
  const lengthNorm = new Float64Array(fields.length * n);
  for (let f = 0; f < fields.length; f++) {
    let total = 0;
    for (let d = 0; d < n; d++) total += lengths[f * n + d]!;
    const average = Math.max(1, total / Math.max(1, n));
    for (let d = 0; d < n; d++) lengthNorm[f * n + d] = params.k1 * (1 - params.b + (params.b * lengths[f * n + d]!) / average);
  }
  return { fields, ids: documents.map((d) => d.id), termIds: dictionary.ids, postings, lengthNorm, params };
}

/**
 * The `limit` best documents for weighted query terms, MiniSearch's way: each field is a BM25 score
 * of its own (its own document frequencies, saturation and length norm) and the boosted field scores
 * add up, so a term in both the title and the keywords counts twice. The query's weight for a term
 * multiplies its score, and the total is multiplied by (query terms matched)^coordination.
 */
export function searchBm25<F extends string>(
  index: Bm25Index<F>,
  terms: ReadonlyMap<string, number>,
  boost: Readonly<Record<F, number>>,
  options: { coordination?: number; limit?: number } = {},
): Bm25Hit[] {
  const { coordination = 0, limit = 30 } = options;
  const { k1 } = index.params;
  const n = index.ids.length;
  const fieldCount = index.fields.length;
  const boosts = index.fields.map((f) => boost[f] ?? 1);
  const scores = new Float64Array(n);
  const matched = new Int32Array(n);
  const touched: number[] = [];
  const df = new Int32Array(fieldCount);
  const idfBoost = new Float64Array(fieldCount);
  for (const [term, weight] of terms) {
    const id = index.termIds.get(term);
    if (id === undefined || weight <= 0) continue;
    const list = index.postings[id]!;
    df.fill(0);
    for (const entry of list) df[(entry >> 4) & 15]!++;
    for (let f = 0; f < fieldCount; f++) idfBoost[f] = weight * boosts[f]! * Math.log(1 + (n - df[f]! + 0.5) / (df[f]! + 0.5));
    let previous = -1;
    for (const entry of list) {
      const doc = Math.floor(entry / 256);
      const f = (entry >> 4) & 15;
      const tf = entry & 15;
      if (matched[doc] === 0 && doc !== previous) touched.push(doc);
      scores[doc]! += (idfBoost[f]! * tf * (k1 + 1)) / (tf + index.lengthNorm[f * n + doc]!);
      if (doc !== previous) matched[doc]!++;
      previous = doc;
    }
  }
  // Keep only the best `limit` while scanning: a full sort of every touched document costs more
  // than the scoring itself once a common term touches most of 10,000 articles.
  const best: Bm25Hit[] = [];
  for (const doc of touched) {
    const score = coordination === 0 ? scores[doc]! : scores[doc]! * matched[doc]! ** coordination;
    if (best.length === limit && !better(score, index.ids[doc]!, best[limit - 1]!)) continue;
    const hit = { id: index.ids[doc]!, score, matched: matched[doc]! };
    let i = best.length === limit ? limit - 1 : best.length;
    while (i > 0 && better(score, hit.id, best[i - 1]!)) {
      best[i] = best[i - 1]!;
      i--;
    }
    best[i] = hit;
  }
  return best;
}

/** Higher score first; equal scores in id order, so results never depend on insertion order. */
function better(score: number, id: string, than: Bm25Hit): boolean {
  return score > than.score || (score === than.score && id < than.id);
}
