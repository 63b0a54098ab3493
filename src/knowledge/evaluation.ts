// Scores a classifier against labelled utterances: the figures `npm run eval` prints and the test
// suite holds to a floor.
import { z } from 'zod';
import type { Taxonomy } from './articleSchema.js';
import type { Language } from '../i18n/index.js';
import type { Classification, Classifier } from './classifier.js';

export const labelledUtteranceSchema = z.object({
  text: z.string().min(1),
  topic: z.string().min(1),
  severity: z.enum(['A', 'B', 'C']).optional(),
});
export type LabelledUtterance = z.infer<typeof labelledUtteranceSchema>;

/** Parses a JSONL file of labelled utterances; a bad line names its line number. */
export function parseLabelledUtterances(jsonl: string, source = 'utterances'): LabelledUtterance[] {
  return jsonl.split(/\r?\n/).flatMap((line, i) => {
    if (!line.trim()) return [];
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (error) {
      throw new Error(`${source}:${i + 1}: ${(error as Error).message}`, { cause: error });
    }
    const result = labelledUtteranceSchema.safeParse(raw);
    if (!result.success) throw new Error(`${source}:${i + 1}: ${result.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    return [result.data];
  });
}

export interface EvaluatedItem {
  item: LabelledUtterance;
  result: Classification;
  /** First three distinct topics the answer offers: topic, candidates, then article topics. */
  top3: string[];
  correct: boolean;
}

export interface EvalReport {
  count: number;
  /** Share of items whose `topic` equals the label (null counts as wrong). */
  top1: number;
  /** Share of items whose label is among `top3`. */
  top3: number;
  /** Share of items whose best guess (topic, else first candidate) equals the label. */
  bestGuess: number;
  category: number;
  /** Share of items left with topic null. */
  clarifyRate: number;
  /** Out-of-scope items recognised as out of scope (category), over all out-of-scope items. */
  outOfScopeRecall: number;
  outOfScopeCount: number;
  /** In-scope items wrongly given the out-of-scope category. */
  inScopeCalledOutOfScope: number;
  inScopeCount: number;
  /** Agreement on items that carry a severity label. */
  severityAgreement: number;
  severityCount: number;
  /** Time to classify one item, in milliseconds (the first item of a language builds its index and is left out). */
  latency: { p50: number; p99: number };
  items: EvaluatedItem[];
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function offeredTopics(result: Classification, n = 3): string[] {
  const order = [result.topic, ...(result.candidates ?? []).map((c) => c.topic), ...result.articles.map((a) => a.topic)];
  return [...new Set(order.filter((t): t is string => t !== null))].slice(0, n);
}

const share = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);

/**
 * Scores `classifier` on `items`. With `language`, each text is classified in that language (as a
 * conversation in it would); without, in the language each text is written in.
 */
export function evaluateClassifier(classifier: Classifier, taxonomy: Taxonomy, items: readonly LabelledUtterance[], language?: Language): EvalReport {
  const categoryOf = new Map(taxonomy.topics.map((t) => [t.id, t.category]));
  if (items[0]) classifier.classify(items[0].text, language);
  const times: number[] = [];
  const evaluated = items.map((item) => {
    const started = performance.now();
    const result = classifier.classify(item.text, language);
    times.push(performance.now() - started);
    return { item, result, top3: offeredTopics(result), correct: result.topic === item.topic };
  });
  times.sort((a, b) => a - b);
  const count = evaluated.length;
  const isOos = (e: EvaluatedItem) => categoryOf.get(e.item.topic) === 'out-of-scope';
  const oos = evaluated.filter(isOos);
  const inScope = evaluated.filter((e) => !isOos(e));
  const withSeverity = evaluated.filter((e) => e.item.severity);
  return {
    count,
    top1: share(evaluated.filter((e) => e.correct).length, count),
    top3: share(evaluated.filter((e) => e.top3.includes(e.item.topic)).length, count),
    bestGuess: share(evaluated.filter((e) => (e.result.topic ?? e.result.candidates?.[0]?.topic) === e.item.topic).length, count),
    category: share(evaluated.filter((e) => e.result.category === categoryOf.get(e.item.topic)).length, count),
    clarifyRate: share(evaluated.filter((e) => e.result.topic === null).length, count),
    outOfScopeRecall: share(oos.filter((e) => e.result.category === 'out-of-scope').length, oos.length),
    outOfScopeCount: oos.length,
    inScopeCalledOutOfScope: inScope.filter((e) => e.result.category === 'out-of-scope').length,
    inScopeCount: inScope.length,
    severityAgreement: share(withSeverity.filter((e) => e.result.severity === e.item.severity).length, withSeverity.length),
    severityCount: withSeverity.length,
    latency: { p50: percentile(times, 50), p99: percentile(times, 99) },
    items: evaluated,
  };
}
