import { groupedCountGauge, type GaugeSource } from '../metrics.js';
import type { Db } from '../storage/index.js';

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

/** Answers to "did this solve it?" (resolved = confirmed self-help resolutions), for /metrics. */
export const selfHelpMetrics = (db: Db): GaugeSource =>
  groupedCountGauge({
    name: 'support_self_help_outcomes',
    help: 'Answers to "did this solve it?" (resolved = confirmed self-help resolutions)',
    labelNames: ['resolved'],
    count: () => db.query('SELECT resolved, count(*)::int AS n FROM self_help_outcomes GROUP BY resolved'),
  });
