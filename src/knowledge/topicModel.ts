// A small trained text classifier: multinomial naive Bayes over topics, trained on the articles'
// own words (titles, keywords and summaries weigh more than bodies). Article search asks "which
// article matches these words"; this asks "which topic do these words belong to", so a word that
// all of one topic's articles use ("guest" for external sharing) counts even when the best single
// article does not use it.

export interface TopicModel {
  topics: readonly string[];
  /** Weighted count of a term id in each topic's articles, indexed by term id; undefined if unseen. */
  counts: ReadonlyArray<Float64Array | undefined>;
  /** log(total weighted terms of the topic + smoothing * vocabulary size), per topic. */
  logDenominator: Float64Array;
}

export interface TrainingDocument {
  topic: string;
  /** Term ids with the weight each field's words carry. */
  fields: ReadonlyArray<{ terms: readonly number[]; weight: number }>;
}

/** Laplace smoothing: how many times every term is assumed to have been seen in every topic. */
const smoothing = 0.1;

export function trainTopicModel(documents: readonly TrainingDocument[]): TopicModel {
  const topics = [...new Set(documents.map((d) => d.topic))].sort();
  const topicIndex = new Map(topics.map((t, i) => [t, i]));
  const t = topics.length;
  // Rows indexed by term id (an array, not a map: training touches millions of term occurrences).
  const counts: Array<Float64Array | undefined> = [];
  let vocabularySize = 0;
  const totals = new Float64Array(t);
  for (const document of documents) {
    const k = topicIndex.get(document.topic)!;
    for (const { terms, weight } of document.fields) {
      for (const id of terms) {
        let row = counts[id];
        if (!row) {
          counts[id] = row = new Float64Array(t);
          vocabularySize++;
        }
        row[k]! += weight;
      }
      totals[k]! += weight * terms.length;
    }
  }
  const logDenominator = Float64Array.from(totals, (total) => Math.log(total + smoothing * vocabularySize));
  return { topics, counts, logDenominator };
}

/**
 * Posterior probability of each topic for weighted query terms (uniform prior), best first. Terms
 * the model has never seen say nothing about any topic and are skipped.
 */
export function classifyTopics(
  model: TopicModel,
  termIds: ReadonlyMap<string, number>,
  terms: ReadonlyMap<string, number>,
): Array<{ topic: string; probability: number }> {
  const t = model.topics.length;
  const logScores = new Float64Array(t);
  for (const [term, weight] of terms) {
    const id = termIds.get(term);
    const row = id === undefined ? undefined : model.counts[id];
    if (!row) continue;
    for (let k = 0; k < t; k++) logScores[k]! += weight * (Math.log(row[k]! + smoothing) - model.logDenominator[k]!);
  }
  const max = Math.max(...logScores);
  const exp = Array.from(logScores, (s) => Math.exp(s - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  return model.topics
    .map((topic, k) => ({ topic, probability: exp[k]! / sum }))
    .sort((a, b) => b.probability - a.probability);
}
