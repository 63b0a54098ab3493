import type { Queryable } from '../../storage/index.js';

/** The user's most recently active conversation still in the database (retention deletes idle ones). */
export async function latestConversationOf(db: Queryable, userId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM directline_conversations WHERE user_id = $1 ORDER BY updated_at DESC, created_at DESC LIMIT 1', [userId]);
  return rows[0]?.id;
}
