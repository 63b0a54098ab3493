import type { Queryable, RetentionStep } from '../../storage/index.js';
import { CLIENT_BYTES_PER_CONVERSATION } from './clientLimits.js';
import type { DirectLineActivity } from './protocol.js';

/**
 * Conversations and their activity logs in the database. The watermark is the position of an
 * activity in its conversation's log, so any instance can resume any client from it.
 */

export interface ConversationRow {
  id: string;
  userId: string;
  lastSeq: number;
}

export interface StoredActivity {
  seq: number;
  activity: DirectLineActivity;
}

/** Creates the conversation if it does not exist; `created` tells the first caller apart. */
export async function ensureConversation(db: Queryable, id: string, userId: string): Promise<{ created: boolean }> {
  const { rows } = await db.query('INSERT INTO directline_conversations (id, user_id) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING id', [
    id,
    userId,
  ]);
  return { created: rows.length === 1 };
}

export async function getConversation(db: Queryable, id: string): Promise<ConversationRow | undefined> {
  const { rows } = await db.query<{ id: string; user_id: string; last_seq: number }>(
    'SELECT id, user_id, last_seq::integer AS last_seq FROM directline_conversations WHERE id = $1',
    [id],
  );
  const row = rows[0];
  return row && { id: row.id, userId: row.user_id, lastSeq: Number(row.last_seq) };
}

/** The conversation's client would store more than its quota; nothing was stored. */
export class ConversationFullError extends Error {
  constructor(readonly quotaBytes: number) {
    super(`conversation is over its client quota of ${quotaBytes} bytes`);
  }
}

export interface AppendOptions {
  /** Bytes the conversation's client may store, all its activities together (the bot's are not counted). */
  clientQuotaBytes?: number;
}

/**
 * Appends an activity and gives it the next watermark and an id derived from it. One statement: the
 * conversation row's lock orders concurrent appends, from this instance or another.
 * An activity from the conversation's own user (the client; the bot never posts under that id) is
 * counted in `client_bytes`, in the same statement, and refused with ConversationFullError when it
 * would take the count past the quota. The bot's activities are neither counted nor refused.
 * Undefined when the conversation does not exist.
 */
export async function appendActivity(
  db: Queryable,
  conversationId: string,
  activity: Omit<DirectLineActivity, 'id'>,
  { clientQuotaBytes = CLIENT_BYTES_PER_CONVERSATION }: AppendOptions = {},
): Promise<StoredActivity | undefined> {
  const json = JSON.stringify(activity);
  const from = (activity as Pick<DirectLineActivity, 'from'>).from as { id?: unknown } | undefined;
  const fromId = typeof from?.id === 'string' ? from.id : '';
  const bytes = Buffer.byteLength(json, 'utf8');
  const { rows } = await db.query<{ seq: number; activity: DirectLineActivity }>(
    `WITH next AS (
       UPDATE directline_conversations
          SET last_seq = last_seq + 1, updated_at = now(),
              client_bytes = client_bytes + CASE WHEN user_id = $3 THEN $4::bigint ELSE 0 END
        WHERE id = $1 AND (user_id <> $3 OR client_bytes + $4::bigint <= $5::bigint)
        RETURNING last_seq
     ), ids AS (
       SELECT last_seq, $1 || '|' || lpad(last_seq::text, 7, '0') AS activity_id FROM next
     )
     INSERT INTO directline_activities (conversation_id, seq, activity_id, activity)
     SELECT $1, last_seq, activity_id, jsonb_set($2::jsonb, '{id}', to_jsonb(activity_id)) FROM ids
     RETURNING seq::integer AS seq, activity`,
    [conversationId, json, fromId, bytes, clientQuotaBytes],
  );
  const row = rows[0];
  if (row) return { seq: Number(row.seq), activity: row.activity };
  const conversation = await getConversation(db, conversationId);
  if (conversation && conversation.userId === fromId) throw new ConversationFullError(clientQuotaBytes);
  return undefined;
}

/**
 * Replaces an activity (the bot updated a card, say). It moves to a new watermark so that clients
 * that already have the old version receive the new one; they replace it by id.
 */
export async function replaceActivity(
  db: Queryable,
  conversationId: string,
  activityId: string,
  activity: DirectLineActivity,
): Promise<StoredActivity | undefined> {
  const { rows } = await db.query<{ seq: number; activity: DirectLineActivity }>(
    `WITH next AS (
       UPDATE directline_conversations SET last_seq = last_seq + 1, updated_at = now()
       WHERE id = $1 AND EXISTS (SELECT 1 FROM directline_activities WHERE conversation_id = $1 AND activity_id = $2)
       RETURNING last_seq
     )
     UPDATE directline_activities SET seq = next.last_seq, activity = jsonb_set($3::jsonb, '{id}', to_jsonb($2::text))
     FROM next WHERE conversation_id = $1 AND activity_id = $2
     RETURNING seq::integer AS seq, activity`,
    [conversationId, activityId, JSON.stringify(activity)],
  );
  const row = rows[0];
  return row && { seq: Number(row.seq), activity: row.activity };
}

export async function deleteActivity(db: Queryable, conversationId: string, activityId: string): Promise<boolean> {
  const { rows } = await db.query('DELETE FROM directline_activities WHERE conversation_id = $1 AND activity_id = $2 RETURNING seq', [
    conversationId,
    activityId,
  ]);
  return rows.length > 0;
}

export async function findActivity(db: Queryable, conversationId: string, activityId: string): Promise<DirectLineActivity | undefined> {
  const { rows } = await db.query<{ activity: DirectLineActivity }>(
    'SELECT activity FROM directline_activities WHERE conversation_id = $1 AND activity_id = $2',
    [conversationId, activityId],
  );
  return rows[0]?.activity;
}

/** Activities after a watermark, oldest first. */
export async function activitiesAfter(db: Queryable, conversationId: string, afterSeq: number, limit = 500): Promise<StoredActivity[]> {
  const { rows } = await db.query<{ seq: number; activity: DirectLineActivity }>(
    `SELECT seq::integer AS seq, activity FROM directline_activities
     WHERE conversation_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
    [conversationId, afterSeq, limit],
  );
  return rows.map((r) => ({ seq: Number(r.seq), activity: r.activity }));
}

/**
 * The widget's retention step: the embedded Direct Line's activity log (text and cards as the admin saw
 * them) older than the period goes, and so does a conversation with no activity for that long.
 */
export function directLineRetention(db: Queryable): RetentionStep {
  return {
    async deleteBefore(cutoff) {
      const conversations = await db.query('DELETE FROM directline_conversations WHERE updated_at < $1', [cutoff]);
      const activities = await db.query('DELETE FROM directline_activities WHERE created_at < $1', [cutoff]);
      return { directLineActivities: activities.rowCount, directLineConversations: conversations.rowCount };
    },
  };
}
