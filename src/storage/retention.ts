import type { Logger } from '../logger.js';

/**
 * Personal data is kept only for TRANSCRIPT_RETENTION_DAYS. Each module that stores personal data owns
 * its retention step (it alone runs SQL on its tables); this job only runs the steps it is given, at
 * start and then daily. The composition root lists the steps (src/app.ts, `retentionSteps`), so a new
 * module with personal data adds its step there. Tickets are business records and stay.
 */

/** One module's clean-up: deletes what was last changed before `cutoff`, returns counts by what went. */
export interface RetentionStep {
  deleteBefore(cutoff: Date): Promise<Record<string, number>>;
}

/** What each step deleted, by name (e.g. transcriptActivities, directLineActivities, botState). */
export type RetentionResult = Record<string, number>;

const DAY_MS = 24 * 60 * 60 * 1000;

export async function deleteExpired(steps: readonly RetentionStep[], retentionDays: number, now: Date): Promise<RetentionResult> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  const result: RetentionResult = {};
  for (const step of steps) Object.assign(result, await step.deleteBefore(cutoff));
  return result;
}

export interface RetentionJob {
  /** A clean-up now, or the one under way (the job also runs at start and then daily). */
  run(): Promise<RetentionResult | undefined>;
  /** Stops the daily runs; resolves when a run under way has finished (before the database closes). */
  stop(): Promise<void>;
}

export interface RetentionJobOptions {
  steps: readonly RetentionStep[];
  retentionDays: number;
  log: Logger;
  now?: () => Date;
  intervalMs?: number;
}

/** Runs the clean-up at start and then every day; a failure is logged and retried the next time. */
export function startRetentionJob({ steps, retentionDays, log, now = () => new Date(), intervalMs = DAY_MS }: RetentionJobOptions): RetentionJob {
  let running: Promise<RetentionResult | undefined> | undefined;
  const run = () =>
    (running ??= deleteExpired(steps, retentionDays, now())
      .then((removed) => {
        if (Object.values(removed).some((n) => n > 0)) {
          log.info({ ...removed, retentionDays }, 'data older than the retention period deleted');
        }
        return removed;
      })
      .catch((err) => {
        log.warn({ err }, 'retention clean-up failed; it runs again tomorrow');
        return undefined;
      })
      .finally(() => (running = undefined)));
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  void run();
  return {
    run,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
