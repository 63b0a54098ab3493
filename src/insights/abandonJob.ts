import type { Logger } from '../logger.js';
import type { Db } from '../storage/index.js';
import { addToCaseDays, type CaseDayRow } from './caseDays.js';

/** Cases marked per transaction. */
const BATCH = 1000;

/**
 * Marks open cases with no admin message for `abandonAfterMinutes` as abandoned: the admin left without
 * an answer (docs/insights.md). A case they come back to later takes the outcome they then give it.
 */
export async function markAbandoned(db: Db, opts: { abandonAfterMinutes: number; now: Date }): Promise<number> {
  const cutoff = new Date(opts.now.getTime() - opts.abandonAfterMinutes * 60_000);
  let total = 0;
  for (;;) {
    const marked = await db.transaction(async (tx) => {
      const { rows } = await tx.query<CaseDayRow & { n: string }>(
        `WITH gone AS (
           UPDATE insight_cases SET outcome = 'abandoned', ended_at = last_activity_at
           WHERE id IN (SELECT id FROM insight_cases WHERE outcome IS NULL AND last_activity_at < $1 ORDER BY last_activity_at LIMIT $2 FOR UPDATE SKIP LOCKED)
           RETURNING report_day, channel_id, language, cloud, category, topic)
         SELECT report_day::text, channel_id, language, cloud, category, topic, count(*)::text AS n FROM gone
         GROUP BY report_day, channel_id, language, cloud, category, topic`,
        [cutoff, BATCH],
      );
      let n = 0;
      for (const row of rows) {
        await addToCaseDays(tx, row, { abandoned: Number(row.n) });
        n += Number(row.n);
      }
      return n;
    });
    total += marked;
    if (marked < BATCH) return total;
  }
}

export interface AbandonJob {
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

/** Runs markAbandoned every `intervalMs` (a minute by default). */
export function startAbandonJob(opts: { db: Db; abandonAfterMinutes: number; log: Logger; now?: () => Date; intervalMs?: number }): AbandonJob {
  const now = opts.now ?? (() => new Date());
  let running: Promise<number> | undefined;
  const runOnce = () =>
    (running ??= markAbandoned(opts.db, { abandonAfterMinutes: opts.abandonAfterMinutes, now: now() }).finally(() => {
      running = undefined;
    }));
  const timer = setInterval(() => {
    runOnce().catch((err: unknown) => opts.log.warn({ err }, 'insights: could not mark abandoned cases'));
  }, opts.intervalMs ?? 60_000);
  timer.unref();
  return {
    runOnce,
    async stop() {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
