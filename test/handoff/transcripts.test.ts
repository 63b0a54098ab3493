import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { AGENT_MARK, createTranscriptStore, databaseTranscriptLogger, HANDOFF_TRANSCRIPT_MAX_BYTES } from '../../src/handoff/transcripts.js';
import type { Db } from '../../src/storage/db.js';
import { openTestDb, resetDatabase } from '../helpers/databases.js';

const activity = (conversationId: string, fields: Partial<Activity>): Activity =>
  ({ type: 'message', channelId: 'msteams', conversation: { id: conversationId }, from: { id: 'bot', name: 'Support Assistant' }, ...fields }) as Activity;

describe('the conversation transcript', () => {
  let db: Db;
  let clock: Date;
  beforeAll(async () => {
    db = await openTestDb('pglite');
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    clock = new Date('2026-05-01T09:00:00Z');
    await resetDatabase(db, ['transcript_activities']);
  });
  const logger = () => databaseTranscriptLogger(db, createLogger('silent'), () => clock);

  it('keeps admin, bot and agent messages in the order they were logged, and nothing else', async () => {
    const log = logger();
    log.logActivity(activity('c1', { from: { id: 'u1', name: 'Sam', role: 'user' }, text: 'mail is down' }));
    log.logActivity(activity('c1', { type: 'typing' }));
    log.logActivity(activity('c1', { type: 'event', name: 'handoff.initiate' }));
    log.logActivity(activity('c1', { text: 'Sorry to hear that.' }));
    log.logActivity(activity('c1', { text: '**Jamie (support engineer):** hello', channelData: { [AGENT_MARK]: { id: 'agent-1', name: 'Jamie' } } }));
    log.logActivity(activity('c2', { text: 'another conversation' }));
    await log.idle();
    const lines = await createTranscriptStore(db).lines('c1');
    expect(lines.map((l) => [l.role, l.text])).toEqual([
      ['user', 'mail is down'],
      ['bot', 'Sorry to hear that.'],
      ['agent', '**Jamie (support engineer):** hello'],
    ]);
  });

  it('shows the text of cards, and stores an oversized card without its attachment', async () => {
    const log = logger();
    const card = { contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'Request SR-1 is open' }, { type: 'TextBlock', text: 'x'.repeat(40_000) }] } };
    log.logActivity(activity('c3', { attachments: [card] }));
    await log.idle();
    expect((await createTranscriptStore(db).lines('c3'))[0]!.text).toMatch(/^Request SR-1 is open\nxxx/);
    const { activities } = await createTranscriptStore(db).transcript('c3');
    expect(activities).toHaveLength(1);
    expect(activities[0]!.attachments).toBeUndefined();
  });

  it('gives the most recent activities, oldest first, as a Bot Framework transcript', async () => {
    const log = logger();
    for (let i = 1; i <= 5; i++) log.logActivity(activity('c4', { id: `a${i}`, text: `line ${i}` }));
    await log.idle();
    const { activities } = await createTranscriptStore(db).transcript('c4', 3);
    expect(activities.map((a) => a.text)).toEqual(['line 3', 'line 4', 'line 5']);
    expect(activities[0]).toMatchObject({ type: 'message', id: 'a3', conversation: { id: 'c4' } });
  });

  it('keeps the transcript for the handoff event within the size a channel accepts, dropping the oldest first', async () => {
    const log = logger();
    for (let i = 1; i <= 40; i++) log.logActivity(activity('c6', { id: `a${i}`, text: `${i} ${'x'.repeat(7000)}` }));
    await log.idle();
    const { activities } = await createTranscriptStore(db).transcript('c6');
    expect(JSON.stringify(activities).length).toBeLessThanOrEqual(HANDOFF_TRANSCRIPT_MAX_BYTES);
    expect(activities.length).toBeGreaterThan(20);
    expect(activities.at(-1)!.id).toBe('a40');
    expect(activities[0]!.id).not.toBe('a1');
  });

  it('deletes what is older than the retention period', async () => {
    const log = logger();
    log.logActivity(activity('c5', { text: 'old' }));
    await log.idle();
    clock = new Date('2026-06-15T09:00:00Z');
    log.logActivity(activity('c5', { text: 'recent' }));
    await log.idle();
    expect(await createTranscriptStore(db).deleteBefore(new Date(clock.getTime() - 30 * 24 * 60 * 60 * 1000))).toBe(1);
    expect((await createTranscriptStore(db).lines('c5')).map((l) => l.text)).toEqual(['recent']);
  });
});
