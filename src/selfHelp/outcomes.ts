import type { Db } from '../storage/db.js';

export interface SelfHelpOutcome {
  conversationId: string;
  channelId: string;
  topic: string | null;
  articleIds: string[];
  resolved: boolean;
}

/** Records an answer to "did this solve it?" so analytics can count confirmed self-help resolutions. */
export async function recordSelfHelpOutcome(db: Db, outcome: SelfHelpOutcome): Promise<void> {
  await db.query(
    'INSERT INTO self_help_outcomes (conversation_id, channel_id, topic, article_ids, resolved) VALUES ($1, $2, $3, $4, $5)',
    [outcome.conversationId, outcome.channelId, outcome.topic, outcome.articleIds, outcome.resolved],
  );
}

export async function countSelfHelpResolutions(db: Db, since: Date): Promise<{ resolved: number; notResolved: number }> {
  const { rows } = await db.query<{ resolved: boolean; n: number }>(
    'SELECT resolved, count(*)::int AS n FROM self_help_outcomes WHERE at >= $1 GROUP BY resolved',
    [since],
  );
  return {
    resolved: rows.find((r) => r.resolved)?.n ?? 0,
    notResolved: rows.find((r) => !r.resolved)?.n ?? 0,
  };
}
