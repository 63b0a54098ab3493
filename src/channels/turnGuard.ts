import { randomUUID } from 'node:crypto';
import type { ConversationState, Middleware, StatePropertyAccessor, TurnContext } from 'botbuilder';
import { type Db, perTickBatch } from '../storage/index.js';

/** How long an activity id is remembered; channels retry within seconds to minutes. */
export const REMEMBER_ACTIVITY_IDS_MS = 24 * 60 * 60 * 1000;

/**
 * With several instances on one PostgreSQL server, a claim another instance made this long ago whose
 * turn never finished is taken to be orphaned (that instance died): no turn runs longer, since the
 * channel gives up on it after 15 s. With the embedded database there is one process, so a claim made
 * by an earlier process is orphaned at once.
 */
export const ORPHANED_CLAIM_MS = 60_000;

/** Conversation-state property: ids of the last messages whose turns finished and saved their state. */
const COMPLETED_PROPERTY = 'completedActivityIds';
const KEEP_COMPLETED = 10;
const CLAIMED = Symbol('turnGuard.claimedActivityId');

/** The accessor of the finished turns' activity ids in a conversation's state. */
export function completedTurnsProperty(conversationState: ConversationState): StatePropertyAccessor<string[]> {
  return conversationState.createProperty<string[]>(COMPLETED_PROPERTY);
}

/**
 * Notes the turn's activity id in the conversation state about to be saved, so the id is stored with
 * the state the turn produced, in the same write. The bot calls this last, just before saving state:
 * a turn that failed or was cut short by a crash leaves no note.
 */
export async function recordCompletedTurn(context: TurnContext, completed: StatePropertyAccessor<string[]>): Promise<void> {
  const id = context.turnState.get(CLAIMED) as string | undefined;
  if (!id) return;
  const ids = (await completed.get(context)) ?? [];
  await completed.set(context, [...ids.filter((x) => x !== id), id].slice(-KEEP_COMPLETED));
}

export interface TurnGuardOptions {
  /** The bot's conversation state, to tell a finished turn from one a dead process left half done. */
  conversationState?: ConversationState;
  /** This process's id on its claims. Default: a new random id. */
  instanceId?: string;
  now?: () => number;
}

/**
 * Two guarantees around every turn:
 * - Turns of one conversation run one at a time in this process, so two quick messages (or a double
 *   click) never race on the same conversation state and lose an update.
 * - A message whose activity id was already taken (a channel retrying a delivery, even while the
 *   first is still running) is dropped, so it cannot file a second ticket or confirm twice. The claim is
 *   a row with a primary key, so it also holds across bot instances sharing one PostgreSQL database.
 *   One exception: when the process that took the id died before its turn finished (its conversation
 *   state does not list the id as completed; see recordCompletedTurn), the channel's redelivery is
 *   taken over and runs, so a crash does not swallow the admin's message.
 */
export function turnGuard(db: Db, { conversationState, instanceId = randomUUID(), now = Date.now }: TurnGuardOptions = {}): Middleware & { pruneOld(now?: Date): Promise<number> } {
  const tails = new Map<string, Promise<void>>();
  const completed = conversationState && completedTurnsProperty(conversationState);

  // The claims of turns starting together are one statement (see perTickBatch). Within a batch only
  // the first claim of an id can win, even though the insert names it twice.
  const claimIds = perTickBatch(async (claims: Array<{ conversationId: string; activityId: string }>) => {
    const { rows } = await db.query<{ conversation_id: string; activity_id: string }>(
      `INSERT INTO processed_activities (conversation_id, activity_id, instance)
       SELECT c, a, $3 FROM unnest($1::text[], $2::text[]) AS t(c, a) ORDER BY c, a
       ON CONFLICT DO NOTHING RETURNING conversation_id, activity_id`,
      [claims.map((c) => c.conversationId), claims.map((c) => c.activityId), instanceId],
    );
    const won = new Set(rows.map((r) => JSON.stringify([r.conversation_id, r.activity_id])));
    return claims.map((c) => won.delete(JSON.stringify([c.conversationId, c.activityId])));
  });

  /** The id was taken before: take it over only when its owner is gone and its turn never finished. */
  async function takeOverOrphan(context: TurnContext, conversationId: string, activityId: string): Promise<boolean> {
    if (!completed) return false;
    const { rows } = await db.query<{ instance: string; at: Date }>(
      'SELECT instance, at FROM processed_activities WHERE conversation_id = $1 AND activity_id = $2',
      [conversationId, activityId],
    );
    const owner = rows[0];
    // This process took it: the turn ran here (or failed here, and the admin was asked to try again).
    if (!owner || owner.instance === instanceId) return false;
    if (db.kind !== 'pglite' && now() - new Date(owner.at).getTime() < ORPHANED_CLAIM_MS) return false;
    if ((await completed.get(context))?.includes(activityId)) return false;
    const { rowCount } = await db.query(
      'UPDATE processed_activities SET instance = $3, at = now() WHERE conversation_id = $1 AND activity_id = $2 AND instance = $4',
      [conversationId, activityId, instanceId, owner.instance],
    );
    return rowCount === 1;
  }

  async function claim(context: TurnContext): Promise<boolean> {
    const { id, type, conversation } = context.activity;
    if (type !== 'message' || !id || !conversation?.id) return true;
    const won = (await claimIds({ conversationId: conversation.id, activityId: id })) || (await takeOverOrphan(context, conversation.id, id));
    if (won) context.turnState.set(CLAIMED, id);
    return won;
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
