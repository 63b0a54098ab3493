import type { Queryable } from '../storage/index.js';
import type { CaseOutcome } from './outcomes.js';

/** One row of the daily rollup's key: a reporting day and what the cases were about. */
export interface CaseDayRow {
  report_day: string;
  channel_id: string;
  language: string;
  cloud: string;
  category: string;
  topic: string;
}

export const outcomeColumns = ['self_help', 'incident', 'escalated', 'handed_to_person', 'abandoned', 'refused'] as const satisfies readonly CaseOutcome[];
export type CaseDayCounts = Partial<Record<'conversations' | 'cases' | CaseOutcome, number>>;

/** What one case adds to its row (sign -1 takes it away, when what it is about changed). */
export function caseContribution(c: { outcome: string | null; first_in_conversation: boolean }, sign: 1 | -1): CaseDayCounts {
  const counts: CaseDayCounts = { cases: sign, conversations: c.first_in_conversation ? sign : 0 };
  if (c.outcome) counts[c.outcome as CaseOutcome] = sign;
  return counts;
}

const COLUMNS = ['conversations', 'cases', ...outcomeColumns] as const;

/** The dimensions of the one-at-a-time rollup (insight_case_day_keys), with the column each comes from. */
export const keyedDimensions = { all: null, topic: 'topic', category: 'category', channel: 'channel_id', language: 'language', cloud: 'cloud' } as const;
export type KeyedDimension = keyof typeof keyedDimensions;

/** Adds counts to a day's row, creating it: in the transaction of the case change it counts. */
export async function addToCaseDays(tx: Queryable, key: CaseDayRow, counts: CaseDayCounts): Promise<void> {
  const values = COLUMNS.map((c) => counts[c] ?? 0);
  if (values.every((v) => v === 0)) return;
  await tx.query(
    `INSERT INTO insight_case_days (report_day, channel_id, language, cloud, category, topic, ${COLUMNS.join(', ')})
     VALUES ($1, $2, $3, $4, $5, $6, ${COLUMNS.map((_, i) => `$${i + 7}`).join(', ')})
     ON CONFLICT (report_day, channel_id, language, cloud, category, topic) DO UPDATE SET
     ${COLUMNS.map((c) => `${c} = insight_case_days.${c} + EXCLUDED.${c}`).join(', ')}`,
    [key.report_day, key.channel_id, key.language, key.cloud, key.category, key.topic, ...values],
  );
  // The same counts under each dimension on its own, in one statement.
  const dims = Object.entries(keyedDimensions) as [KeyedDimension, keyof CaseDayRow | null][];
  const width = 3 + COLUMNS.length;
  await tx.query(
    `INSERT INTO insight_case_day_keys (dim, report_day, key, ${COLUMNS.join(', ')})
     VALUES ${dims.map((_, d) => `(${Array.from({ length: width }, (_, i) => `$${d * width + i + 1}`).join(', ')})`).join(', ')}
     ON CONFLICT (dim, report_day, key) DO UPDATE SET
     ${COLUMNS.map((c) => `${c} = insight_case_day_keys.${c} + EXCLUDED.${c}`).join(', ')}`,
    dims.flatMap(([dim, column]) => [dim, key.report_day, column ? key[column] : 'all', ...values]),
  );
}
