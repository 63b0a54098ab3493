import type { Middleware, TurnContext } from 'botbuilder';
import type { Db } from '../storage/db.js';
import { perTickBatch } from '../storage/perTickBatch.js';

/** How long an activity id is remembered; channels retry within seconds to minutes. */
export const REMEMBER_ACTIVITY_IDS_MS = 24 * 60 * 60 * 1000;

/**
 * Two guarantees around every turn:
 * - Turns of one conversation run one at a time in this process, so two quick messages (or a double
 *   click) never race on the same conversation state and lose an update.
 * - A message whose activity id was already taken (a channel retrying a delivery, even while the
 *   first is still running) is dropped, so it cannot file a second ticket or confirm twice. The claim is
 *   a row with a primary key, so it also holds across bot instances sharing one PostgreSQL database.
 */
export function turnGuard(db: Db): Middleware & { pruneOld(now?: Date): Promise<number> } {
  const tails = new Map<string, Promise<void>>();

  // The claims of turns starting together are one statement (see perTickBatch). Within a batch only
  // the first claim of an id can win, even though the insert names it twice.
  const claimIds = perTickBatch(async (claims: Array<{ conversationId: string; activityId: string }>) => {
    const { rows } = await db.query<{ conversation_id: string; activity_id: string }>(
      `INSERT INTO processed_activities (conversation_id, activity_id)
       SELECT c, a FROM unnest($1::text[], $2::text[]) AS t(c, a) ORDER BY c, a
       ON CONFLICT DO NOTHING RETURNING conversation_id, activity_id`,
      [claims.map((c) => c.conversationId), claims.map((c) => c.activityId)],
    );
    const won = new Set(rows.map((r) => JSON.stringify([r.conversation_id, r.activity_id])));
    return claims.map((c) => won.delete(JSON.stringify([c.conversationId, c.activityId])));
  });

  async function claim(context: TurnContext): Promise<boolean> {
    const { id, type, conversation } = context.activity;
    if (type !== 'message' || !id || !conversation?.id) return true;
    return claimIds({ conversationId: conversation.id, activityId: id });
  }

  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      const key = `${context.activity.channelId}/${context.activity.conversation?.id ?? ''}`;
      const previous = tails.get(key) ?? Promise.resolve();
      let release!: () => void;
      const mine = new Promise<void>((resolve) => (release = resolve));
      const tail = previous.then(() => mine);
      tails.set(key, tail);
      try {
        await previous;
        if (await claim(context)) await next();
      } finally {
        release();
        if (tails.get(key) === tail) tails.delete(key);
      }
    },
    async pruneOld(now = new Date()) {
      const { rowCount } = await db.query('DELETE FROM processed_activities WHERE at < $1', [new Date(now.getTime() - REMEMBER_ACTIVITY_IDS_MS)]);
      return rowCount;
    },
  };
}
