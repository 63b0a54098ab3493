import { contentTermsOf } from '../knowledge/index.js';
import type { Language } from '../i18n/index.js';
import type { Queryable } from '../storage/index.js';
import type { GapReason } from './outcomes.js';
import { PLACEHOLDERS, scrubSample } from './scrub.js';

/**
 * Knowledge gaps: problems the assistant could not place, grouped as they arrive into clusters of
 * similar wording. A new text joins the most similar recent cluster of its language (cosine similarity
 * of the clusters' term counts, the classifier's own analysis: stems, German and Chinese words) when it
 * is similar enough, else it starts a cluster. One writer per language at a time (an advisory lock),
 * so two instances do not start two clusters for the same words.
 */

/** A knowledge gap as the conversation reports it (InsightsRecorder.recordGap). */
export interface GapRecord {
  caseId: string | null;
  text: string;
  language: Language;
  reason: GapReason;
  topic: string | null;
  closestArticleId: string | null;
  score: number | null;
  at?: Date;
}

/** A gap to store: its time and the reporting day it counts on are known. */
export type GapInput = GapRecord & { at: Date; reportDay: string };

/** At or above this cosine similarity a text joins a cluster. */
export const JOIN_SIMILARITY = 0.5;
/** Recent clusters a new text is compared with. */
const CANDIDATES = 500;
/** Terms kept per cluster (the most frequent). */
const TERMS_KEPT = 40;
const LABEL_CHARS = 100;

type Terms = Record<string, number>;

export function termsOf(text: string, language: Language): Terms {
  const terms: Terms = {};
  for (const term of contentTermsOf(text.replace(PLACEHOLDERS, ' '), language)) terms[term] = (terms[term] ?? 0) + 1;
  return terms;
}

export function cosine(a: Terms, b: Terms): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [term, n] of Object.entries(a)) {
    na += n * n;
    dot += n * (b[term] ?? 0);
  }
  for (const n of Object.values(b)) nb += n * n;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

function merged(a: Terms, b: Terms): Terms {
  const sum: Terms = { ...a };
  for (const [term, n] of Object.entries(b)) sum[term] = (sum[term] ?? 0) + n;
  return Object.fromEntries(
    Object.entries(sum)
      .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
      .slice(0, TERMS_KEPT),
  );
}

/** Stores one gap (its text scrubbed first) in its cluster. */
export async function storeGap(tx: Queryable, gap: GapInput): Promise<{ clusterId: string }> {
  const text = scrubSample(gap.text).slice(0, 2000);
  const terms = termsOf(text, gap.language);
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`insights:gaps:${gap.language}`]);
  const { rows } = await tx.query<{ id: string; terms: Terms }>(
    'SELECT id::text, terms FROM insight_gap_clusters WHERE language = $1 ORDER BY last_seen DESC LIMIT $2',
    [gap.language, CANDIDATES],
  );
  const empty = Object.keys(terms).length === 0;
  let best: { id: string; terms: Terms; similarity: number } | undefined;
  for (const row of rows) {
    // Texts with no words to compare (all stop words, or only scrubbed data) share one cluster.
    const similarity = empty ? (Object.keys(row.terms).length === 0 ? 1 : 0) : cosine(terms, row.terms);
    if (similarity >= JOIN_SIMILARITY && (!best || similarity > best.similarity)) best = { ...row, similarity };
  }
  let clusterId: string;
  if (best) {
    clusterId = best.id;
    await tx.query('UPDATE insight_gap_clusters SET terms = $2::jsonb, gaps = gaps + 1, last_seen = greatest(last_seen, $3) WHERE id = $1', [
      clusterId,
      JSON.stringify(merged(best.terms, terms)),
      gap.at,
    ]);
  } else {
    const label = text.length > LABEL_CHARS ? `${text.slice(0, LABEL_CHARS - 1)}…` : text;
    clusterId = (
      await tx.query<{ id: string }>(
        'INSERT INTO insight_gap_clusters (language, label, terms, gaps, first_seen, last_seen) VALUES ($1, $2, $3::jsonb, 1, $4, $4) RETURNING id::text',
        [gap.language, label, JSON.stringify(terms), gap.at],
      )
    ).rows[0]!.id;
  }
  await tx.query(
    `INSERT INTO insight_gaps (cluster_id, case_id, text, language, reason, topic, closest_article_id, score, at, report_day)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [clusterId, gap.caseId, text, gap.language, gap.reason, gap.topic, gap.closestArticleId, gap.score, gap.at, gap.reportDay],
  );
  return { clusterId };
}
