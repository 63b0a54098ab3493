import { randomBytes } from 'node:crypto';
import type { Db } from '../../storage/index.js';
import type { ActivityFeed } from './activityFeed.js';
import {
  activitiesAfter,
  appendActivity,
  deleteActivity,
  ensureConversation,
  findActivity,
  getConversation,
  replaceActivity,
} from './activityStore.js';
import type { BotBridge } from './botBridge.js';
import { BOT_ACCOUNT, CHANNEL_ID, type ActivitySet, type ClientActivity, type DirectLineActivity } from './protocol.js';
import { newConversationId, newUserId, type ClientContext, type IssuedToken, type TokenClaims, type TokenSigner } from './tokens.js';
import { latestConversationOf } from './userConversations.js';

/**
 * What the embedded Direct Line endpoint does, without HTTP: issue tokens, start conversations,
 * take activities from clients (to the bot) and from the bot (to clients), read the log.
 */
export interface ConversationService {
  /** A new conversation id and user id, and a token bound to both (the conversation starts on first use). */
  issueForNewConversation(): Promise<IssuedToken>;
  /**
   * A token for a returning user (a stable id from widgetUsers.ts): the conversation asked for when it is
   * theirs, else with `resumeLatest` their latest retained one, else a new one. Someone else's
   * conversation is never handed out: asking for it gets a new one.
   */
  /** A token for the user's conversation (when theirs), their latest, or a new one greeted in `client`'s locale and zone. */
  issueForUser(userId: string, want: { conversationId?: string; resumeLatest: boolean; client?: ClientContext }): Promise<{ issued: IssuedToken; resumed: boolean }>;
  refresh(claims: TokenClaims): Promise<IssuedToken>;
  /** Creates the conversation on first use and tells the bot the user and the bot joined. */
  start(claims: TokenClaims): Promise<{ created: boolean }>;
  postFromClient(claims: TokenClaims, activity: ClientActivity): Promise<{ id: string }>;
  activitiesAfter(claims: TokenClaims, watermark: number | undefined): Promise<ActivitySet>;
  /** Undefined when the conversation does not exist. */
  postFromBot(conversationId: string, activity: BotActivityInput, replyToId?: string): Promise<{ id: string } | undefined>;
  updateFromBot(conversationId: string, activityId: string, activity: BotActivityInput): Promise<{ id: string } | undefined>;
  deleteFromBot(conversationId: string, activityId: string): Promise<boolean>;
  members(conversationId: string): Promise<{ id: string; name?: string; role: string }[] | undefined>;
}

export type BotActivityInput = { type: string; [key: string]: unknown };

export interface ConversationServiceDeps {
  db: Db;
  feed: ActivityFeed;
  bridge: BotBridge;
  signer: TokenSigner;
  /** Where the bot's replies go: the connector endpoints of this server. */
  serviceUrl: () => string;
  /** Bytes a conversation's client may store in its log (the bot's replies do not count). */
  clientQuotaBytes: number;
}

/** Fields a bot activity may not set for itself: the channel owns identity, routing and time. */
const CHANNEL_OWNED = ['id', 'serviceUrl', 'conversation', 'channelId', 'timestamp', 'recipient', 'callerId', 'deliveryMode'];

function without<T extends Record<string, unknown>>(source: T, keys: readonly string[]): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...source };
  for (const key of keys) delete copy[key];
  return copy;
}

/**
 * A copy with every `serviceUrl` removed, however deep: a handoff event carries the conversation's
 * reference (relatesTo, value) with the connector URL, which is the server's business, not the browser's.
 */
export function withoutServiceUrls(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > 64) return value;
  if (Array.isArray(value)) return value.map((v) => withoutServiceUrls(v, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (key.toLowerCase() !== 'serviceurl') copy[key] = withoutServiceUrls(v, depth + 1);
  return copy;
}

const transientId = (conversationId: string) => `${conversationId}|t${randomBytes(6).toString('hex')}`;

export function createConversationService({ db, feed, bridge, signer, serviceUrl, clientQuotaBytes }: ConversationServiceDeps): ConversationService {
  const userAccount = (claims: TokenClaims, name?: string) => ({ id: claims.user, ...(name ? { name } : {}), role: 'user' });

  const toBot = (activity: DirectLineActivity) => ({ ...activity, serviceUrl: serviceUrl() });

  async function start(claims: TokenClaims) {
    const { created } = await ensureConversation(db, claims.conv, claims.user);
    if (created) {
      // As the Direct Line service does: the bot learns of the conversation before the first message,
      // so it can greet. The turn is queued ahead of anything the client posts next.
      void bridge.deliver(
        toBot({
          type: 'conversationUpdate',
          id: `${claims.conv}|start`,
          timestamp: new Date().toISOString(),
          channelId: CHANNEL_ID,
          conversation: { id: claims.conv },
          from: userAccount(claims),
          recipient: { ...BOT_ACCOUNT },
          membersAdded: [{ ...BOT_ACCOUNT }, userAccount(claims)],
          // The widget's language and zone, so the greeting is in them (Web Chat sends its first
          // activity, which carries the locale, only after the greeting).
          ...(claims.loc ? { locale: claims.loc } : {}),
          ...(claims.tz ? { localTimezone: claims.tz } : {}),
        }),
        0,
      );
    }
    return { created };
  }

  return {
    issueForNewConversation() {
      return signer.issue(newConversationId(), newUserId());
    },

    async issueForUser(userId, want) {
      const asked = want.conversationId ? await getConversation(db, want.conversationId) : undefined;
      const resume = asked?.userId === userId ? asked.id : want.resumeLatest ? await latestConversationOf(db, userId) : undefined;
      if (resume) return { issued: await signer.issue(resume, userId), resumed: true };
      return { issued: await signer.issue(newConversationId(), userId, 'conversation', undefined, want.client), resumed: false };
    },

    refresh(claims) {
      return signer.issue(claims.conv, claims.user);
    },

    start,

    async postFromClient(claims, input) {
      await start(claims);
      const { from, membersAdded, membersRemoved, ...rest } = input;
      const name = from?.name?.trim() || undefined;
      const activity: Omit<DirectLineActivity, 'id'> = {
        ...rest,
        timestamp: new Date().toISOString(),
        channelId: CHANNEL_ID,
        conversation: { id: claims.conv },
        // The server-assigned id, whatever the client claimed.
        from: userAccount(claims, name),
        recipient: { ...BOT_ACCOUNT },
      };
      // A client may announce itself, never someone else.
      if (membersAdded) activity.membersAdded = [userAccount(claims, name)];
      if (membersRemoved) activity.membersRemoved = [userAccount(claims, name)];

      if (input.type === 'typing') {
        const typing = { ...activity, id: transientId(claims.conv) } as DirectLineActivity;
        feed.publish(claims.conv, { kind: 'transient', activity: typing });
        void bridge.deliver(toBot(typing), 0);
        return { id: typing.id };
      }
      const stored = await appendActivity(db, claims.conv, activity, { clientQuotaBytes });
      if (!stored) throw new Error('conversation vanished while posting');
      feed.publish(claims.conv, { kind: 'stored' });
      await bridge.deliver(toBot(stored.activity));
      return { id: stored.activity.id };
    },

    async activitiesAfter(claims, watermark) {
      const rows = await activitiesAfter(db, claims.conv, watermark ?? 0);
      const last = rows.at(-1)?.seq ?? watermark ?? 0;
      return { activities: rows.map((r) => r.activity), watermark: String(last) };
    },

    async postFromBot(conversationId, input, replyToId) {
      const conversation = await getConversation(db, conversationId);
      if (!conversation) return undefined;
      const from = (input.from ?? {}) as { id?: string; name?: string };
      // Web Chat holds back a reply until the activity it answers has arrived (up to 5 s). A proactive
      // message "replies" to an id clients never saw, so only ids from this conversation's log are kept.
      const target = replyToId ?? (typeof input.replyToId === 'string' ? input.replyToId : undefined);
      const keepReplyTo = target !== undefined && target.startsWith(`${conversationId}|`) && (await findActivity(db, conversationId, target)) !== undefined;
      // Never let a bot message look like the user's own (Web Chat would draw it on the user's side).
      const fromId = from.id && from.id !== conversation.userId ? from.id : BOT_ACCOUNT.id;
      const activity = {
        ...(withoutServiceUrls(without(input, [...CHANNEL_OWNED, 'replyToId'])) as Record<string, unknown>),
        timestamp: new Date().toISOString(),
        channelId: CHANNEL_ID,
        conversation: { id: conversationId },
        from: { id: fromId, name: from.name ?? BOT_ACCOUNT.name, role: 'bot' },
        recipient: { id: conversation.userId, role: 'user' },
        ...(keepReplyTo ? { replyToId: target } : {}),
      } as Omit<DirectLineActivity, 'id'>;

      if (input.type === 'typing') {
        const typing = { ...activity, id: transientId(conversationId) } as DirectLineActivity;
        feed.publish(conversationId, { kind: 'transient', activity: typing });
        return { id: typing.id };
      }
      const stored = await appendActivity(db, conversationId, activity);
      if (!stored) return undefined;
      feed.publish(conversationId, { kind: 'stored' });
      return { id: stored.activity.id };
    },

    async updateFromBot(conversationId, activityId, input) {
      const existing = await findActivity(db, conversationId, activityId);
      if (!existing) return undefined;
      const activity = {
        ...existing,
        ...(withoutServiceUrls(without(input, CHANNEL_OWNED)) as Record<string, unknown>),
        from: existing.from,
      } as DirectLineActivity;
      const stored = await replaceActivity(db, conversationId, activityId, activity);
      if (!stored) return undefined;
      feed.publish(conversationId, { kind: 'stored' });
      return { id: activityId };
    },

    deleteFromBot(conversationId, activityId) {
      return deleteActivity(db, conversationId, activityId);
    },

    async members(conversationId) {
      const conversation = await getConversation(db, conversationId);
      if (!conversation) return undefined;
      return [{ id: conversation.userId, role: 'user' }, { ...BOT_ACCOUNT }];
    },
  };
}
