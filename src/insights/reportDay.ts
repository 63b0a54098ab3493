import { DateTime } from 'luxon';
import type { Db, Queryable } from '../storage/index.js';
import { keyedDimensions, outcomeColumns } from './caseDays.js';

/**
 * Every figure is counted by the day it happened in the team's reporting time zone (INSIGHTS_TIME_ZONE):
 * one zone for everyone reading the dashboard, so "Monday" is the same Monday for every manager and the
 * daily rollup (insight_case_days) can be summed for any range of days.
 */

/** The calendar day of `at` in `zone`, "2026-12-04". */
export function reportDay(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toISODate()!;
}

/** Today in `zone`. */
export const today = (now: Date, zone: string) => reportDay(now, zone);

const ZONE_KEY = 'report_time_zone';

/**
 * Makes the stored days agree with `zone`: on the first start it is recorded; when the setting changed,
 * every row's day is recomputed from its instant and the daily rollup rebuilt from the cases, in one
 * transaction. Returns true when a rebuild happened.
 */
export async function ensureReportZone(db: Db, zone: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['insights:report-zone']);
    const stored = (await tx.query<{ value: string }>('SELECT value FROM insight_settings WHERE key = $1', [ZONE_KEY])).rows[0]?.value;
    if (stored === zone) return false;
    await tx.query('INSERT INTO insight_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [ZONE_KEY, zone]);
    if (stored === undefined) return false;
    for (const [table, column] of [
      ['insight_cases', 'started_at'],
      ['insight_satisfaction', 'at'],
      ['insight_gaps', 'at'],
      ['insight_tickets', 'created_at'],
      ['insight_agent_work', 'at'],
    ] as const) {
      await tx.query(`UPDATE ${table} SET report_day = (${column} AT TIME ZONE $1)::date`, [zone]);
    }
    await rebuildCaseDays(tx);
    return true;
  });
}

/** The daily rollup again from the cases (after a zone change, or to check it: the tests compare both), in one statement. */
export async function rebuildCaseDays(tx: Queryable): Promise<void> {
  await tx.query('DELETE FROM insight_case_days');
  await tx.query(
    `INSERT INTO insight_case_days (report_day, channel_id, language, cloud, category, topic, conversations, cases, ${outcomeColumns.join(', ')})
     SELECT report_day, channel_id, language, cloud, category, topic, count(*) FILTER (WHERE first_in_conversation), count(*),
       ${outcomeColumns.map((c) => `count(*) FILTER (WHERE outcome = '${c}')`).join(', ')}
     FROM insight_cases GROUP BY report_day, channel_id, language, cloud, category, topic`,
  );
  const columns = ['conversations', 'cases', ...outcomeColumns];
  await tx.query('DELETE FROM insight_case_day_keys');
  for (const [dim, column] of Object.entries(keyedDimensions)) {
    await tx.query(
      `INSERT INTO insight_case_day_keys (dim, report_day, key, ${columns.join(', ')})
       SELECT $1, report_day, ${column ?? "'all'"}, ${columns.map((c) => `sum(${c})`).join(', ')} FROM insight_case_days GROUP BY 2, 3`,
      [dim],
    );
  }
}
