import { createTranscriptStore } from '../handoff/transcripts.js';
import type { Logger } from '../logger.js';
import type { Db } from './db.js';

/**
 * Personal data the assistant keeps only for a while, all for TRANSCRIPT_RETENTION_DAYS:
 * - the conversation transcripts stored for agents;
 * - the embedded Direct Line's activity log (the widget's conversations, text and cards as the admin
 *   saw them); a Direct Line conversation with no activity for that long goes with its log;
 * - bot state not changed for that long: a conversation's place and case (problem, contact details)
 *   and an admin's saved profile (name, email, phone offered as defaults next time). An admin who comes
 *   back later starts afresh and types their details again.
 * Tickets are business records and stay.
 */

export interface RetentionResult {
  transcriptActivities: number;
  directLineActivities: number;
  directLineConversations: number;
  botState: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function deleteExpired(db: Db, retentionDays: number, now: Date): Promise<RetentionResult> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  const transcriptActivities = await createTranscriptStore(db).prune(retentionDays, now);
  const conversations = await db.query('DELETE FROM directline_conversations WHERE updated_at < $1', [cutoff]);
  const activities = await db.query('DELETE FROM directline_activities WHERE created_at < $1', [cutoff]);
  const state = await db.query('DELETE FROM bot_state WHERE updated_at < $1', [cutoff]);
  return { transcriptActivities, directLineActivities: activities.rowCount, directLineConversations: conversations.rowCount, botState: state.rowCount };
}

export interface RetentionJob {
  /** A clean-up now, or the one under way (the job also runs at start and then daily). */
  run(): Promise<RetentionResult | undefined>;
  /** Stops the daily runs; resolves when a run under way has finished (before the database closes). */
  stop(): Promise<void>;
}

export interface RetentionJobOptions {
  db: Db;
  retentionDays: number;
  log: Logger;
  now?: () => Date;
  intervalMs?: number;
}

/** Runs the clean-up at start and then every day; a failure is logged and retried the next time. */
export function startRetentionJob({ db, retentionDays, log, now = () => new Date(), intervalMs = DAY_MS }: RetentionJobOptions): RetentionJob {
  let running: Promise<RetentionResult | undefined> | undefined;
  const run = () =>
    (running ??= deleteExpired(db, retentionDays, now())
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
