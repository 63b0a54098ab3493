import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { retentionSteps, type App } from '../../src/app.js';
import { appendActivity, ensureConversation } from '../../src/channels/directline/activityStore.js';
import { databaseTranscriptLogger } from '../../src/handoff/transcripts.js';
import { createLogger } from '../../src/logger.js';
import type { Db } from '../../src/storage/db.js';
import { startRetentionJob } from '../../src/storage/retention.js';
import { DatabaseStorage } from '../../src/storage/stateStorage.js';
import { openTestDb, resetDatabase } from '../helpers/databases.js';
import { startTestApp } from '../helpers/testApp.js';

const DAY = 24 * 60 * 60 * 1000;
const silent = createLogger('silent');

let db: Db;
beforeAll(async () => {
  db = await openTestDb('pglite');
});
afterAll(() => db.close());
beforeEach(() => resetDatabase(db, ['transcript_activities', 'directline_conversations', 'bot_state']));

/** A transcript line for an agent, written as the transcript middleware does, at the given time. */
async function transcriptLine(conversationId: string, text: string, at: Date) {
  const logger = databaseTranscriptLogger(db, silent, () => at);
  logger.logActivity({ type: 'message', channelId: 'msteams', conversation: { id: conversationId }, from: { id: 'u1', role: 'user' }, text } as Activity);
  await logger.idle();
}

/** A widget conversation with one stored activity, both dated `at`. */
async function widgetActivity(conversationId: string, text: string, at: Date) {
  await ensureConversation(db, conversationId, 'dl_user');
  const stored = await appendActivity(db, conversationId, { type: 'message', text, timestamp: at.toISOString(), channelId: 'directline', conversation: { id: conversationId }, from: { id: 'dl_user' } });
  await db.query('UPDATE directline_activities SET created_at = $3 WHERE conversation_id = $1 AND seq = $2', [conversationId, stored!.seq, at]);
  await db.query('UPDATE directline_conversations SET created_at = $2, updated_at = $2 WHERE id = $1', [conversationId, at]);
}

/** Bot state as DatabaseStorage writes it (a conversation's case, an admin's saved profile), last changed at `at`. */
async function botState(key: string, data: Record<string, unknown>, at: Date) {
  await new DatabaseStorage(db).write({ [key]: data });
  await db.query('UPDATE bot_state SET updated_at = $2 WHERE key = $1', [key, at]);
}
const botStateKeys = async () => (await db.query<{ key: string }>('SELECT key FROM bot_state ORDER BY key')).rows.map((r) => r.key);

const transcriptTexts = async () => (await db.query<{ text: string }>('SELECT text FROM transcript_activities ORDER BY id')).rows.map((r) => r.text);
const widgetTexts = async () =>
  (await db.query<{ text: string }>("SELECT activity->>'text' AS text FROM directline_activities ORDER BY conversation_id, seq")).rows.map((r) => r.text);
const widgetConversations = async () => (await db.query<{ id: string }>('SELECT id FROM directline_conversations ORDER BY id')).rows.map((r) => r.id);

describe('the retention job', () => {
  const now = new Date('2026-09-01T08:00:00Z');
  const daysAgo = (n: number) => new Date(now.getTime() - n * DAY);

  it('deletes transcripts and widget activities older than the retention period, and keeps the rest', async () => {
    await transcriptLine('teams-1', 'my phone is +44 20 7946 0000', daysAgo(31));
    await transcriptLine('teams-1', 'still broken today', daysAgo(1));
    await widgetActivity('widget-old', 'email me at kim@contoso.com', daysAgo(45));
    await widgetActivity('widget-live', 'an old message in a conversation still going', daysAgo(40));
    await widgetActivity('widget-live', 'a message from yesterday', daysAgo(1));

    const job = startRetentionJob({ steps: retentionSteps(db), retentionDays: 30, log: silent, now: () => now });
    const removed = await job.run();
    await job.stop();

    expect(removed).toMatchObject({ transcriptActivities: 1, directLineActivities: 1, directLineConversations: 1, botState: 0, identityContacts: 0, ownershipCodes: 0 });
    expect(await transcriptTexts()).toEqual(['still broken today']);
    expect(await widgetTexts()).toEqual(['a message from yesterday']);
    expect(await widgetConversations()).toEqual(['widget-live']);
  });

  it("deletes saved contact details and conversations' cases not changed within the period", async () => {
    const profile = { profile: { name: 'Kim Akers', email: 'kim@contoso.com', phone: '+442079460000' } };
    await botState('msteams/users/old-admin', profile, daysAgo(31));
    await botState('msteams/conversations/abandoned', { case: { problem: 'mail is down', contact: profile.profile } }, daysAgo(45));
    await botState('msteams/users/recent-admin', profile, daysAgo(29));
    await botState('directline/conversations/yesterday', { case: { problem: 'teams calls drop' } }, daysAgo(1));

    const job = startRetentionJob({ steps: retentionSteps(db), retentionDays: 30, log: silent, now: () => now });
    const removed = await job.run();
    await job.stop();

    expect(removed?.botState).toBe(2);
    expect(await botStateKeys()).toEqual(['directline/conversations/yesterday', 'msteams/users/recent-admin']);
  });

  it.each([
    [7, []],
    [90, ['twenty days old']],
  ])('uses the configured period: with %i days a 20-day-old line is %j', async (retentionDays, kept) => {
    await transcriptLine('teams-2', 'twenty days old', daysAgo(20));
    const job = startRetentionJob({ steps: retentionSteps(db), retentionDays, log: silent, now: () => now });
    await job.run();
    await job.stop();
    expect(await transcriptTexts()).toEqual(kept);
  });

  it('runs again every interval, as the clock moves on', async () => {
    let clock = now;
    await transcriptLine('teams-3', 'written today', now);
    const job = startRetentionJob({ steps: retentionSteps(db), retentionDays: 30, log: silent, now: () => clock, intervalMs: 50 });
    try {
      await job.run();
      expect(await transcriptTexts()).toEqual(['written today']);
      clock = new Date(now.getTime() + 31 * DAY);
      await expect.poll(transcriptTexts, { timeout: 2000, interval: 50 }).toEqual([]);
    } finally {
      await job.stop();
    }
  });
});

describe('the running server', () => {
  let app: App | undefined;
  afterAll(async () => {
    await app?.close();
  });

  it('cleans up at start with TRANSCRIPT_RETENTION_DAYS from the configuration', async () => {
    const now = new Date();
    await transcriptLine('teams-4', 'three days old', new Date(now.getTime() - 3 * DAY));
    await transcriptLine('teams-4', 'an hour old', new Date(now.getTime() - 60 * 60 * 1000));
    await widgetActivity('widget-4', 'three days old', new Date(now.getTime() - 3 * DAY));
    app = await startTestApp(db, { TRANSCRIPT_RETENTION_DAYS: '2' });
    await expect.poll(transcriptTexts, { timeout: 5000, interval: 50 }).toEqual(['an hour old']);
    await expect.poll(widgetConversations, { timeout: 5000, interval: 50 }).toEqual([]);
  });
});
