// From ranked articles to ranked topics, and how sure the ranking is. A topic is as good as its best
// article, with a little credit for a second article agreeing, blended with the topic model's view;
// confidence grows with the margin over the runner-up and with the evidence the caller measured.
import type { ArticleHit } from './searchIndex.js';

export interface TopicScore {
  topic: string;
  score: number;
}

export interface TopicDecision {
  /** All topics that any hit supports, best first. */
  ranked: TopicScore[];
  /** 0..1: how clearly the first topic wins. */
  confidence: number;
}

export const topicScoring = {
  /** Credit for the second-best article of the same topic. */
  secondArticleShare: 0.15,
} as const;

/**
 * Topic scores from article hits (best article plus a share of the second), blended with the topic
 * model's probabilities (relative to its favourite) and any cue bonuses.
 */
export function rankTopics(
  hits: readonly ArticleHit[],
  bonus: ReadonlyMap<string, number> = new Map(),
  model: ReadonlyArray<{ topic: string; probability: number }> = [],
  modelWeight = 0,
): TopicScore[] {
  const perTopic = new Map<string, number[]>();
  for (const hit of hits) {
    const list = perTopic.get(hit.article.topic) ?? [];
    list.push(hit.score);
    perTopic.set(hit.article.topic, list);
  }
  const topProbability = model[0]?.probability ?? 0;
  const modelScore = new Map(model.map((m) => [m.topic, topProbability > 0 ? m.probability / topProbability : 0]));
  for (const topic of bonus.keys()) if (!perTopic.has(topic)) perTopic.set(topic, []);
  const ranked = [...perTopic].map(([topic, scores]) => {
    scores.sort((a, b) => b - a);
    const search = (scores[0] ?? 0) + topicScoring.secondArticleShare * (scores[1] ?? 0);
    const blended = (1 - modelWeight) * search + modelWeight * (modelScore.get(topic) ?? 0);
    return { topic, score: blended + (bonus.get(topic) ?? 0) };
  });
  ranked.sort((a, b) => b.score - a.score || a.topic.localeCompare(b.topic));
  return ranked;
}

/**
 * Confidence from the relative margin between the first two topics, scaled by the evidence strength
 * (0..1) the caller measured. The square root keeps small margins low (two topics nearly tied is
 * exactly when the dialog should ask) while any clear lead quickly reads as confident: on our
 * labelled phrasings wrong first topics had margins under 0.35, and a margin of 0.12 maps to 0.3.
 */
export function decideTopic(ranked: TopicScore[], strength: number): TopicDecision {
  const first = ranked[0]?.score ?? 0;
  const second = ranked[1]?.score ?? 0;
  if (first <= 0) return { ranked, confidence: 0 };
  const margin = (first - second) / first;
  const confidence = Math.max(0, Math.min(1, strength * Math.sqrt(0.75 * margin)));
  return { ranked, confidence };
}
