import { isIPv4, isIPv6 } from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { Response } from 'restify';
import { tokenBuckets, type TokenBuckets } from '../../http/index.js';

/**
 * What one widget client may make the embedded Direct Line endpoint do. Anyone gets a token (a public
 * widget needs none of its users to sign in), so every limit here holds for a client with a valid one:
 *
 * - an activity carries at most MAX_CLIENT_ACTIVITY_BYTES besides its text (the text is capped by
 *   MAX_TEXT_LENGTH characters): card submits, attachments, entities and channel data together;
 * - a conversation posts at most CLIENT_POST_BURST activities at once, refilled at
 *   CLIENT_POSTS_PER_SECOND (a token opens one conversation, so this is per token too); typing counts;
 * - a conversation's client stores at most CLIENT_BYTES_PER_CONVERSATION in its log, counted in the
 *   database (activityStore.ts); the bot's replies are neither counted nor refused;
 * - one client address starts at most NEW_CONVERSATION_BURST conversations at once, refilled at
 *   NEW_CONVERSATIONS_PER_SECOND, on both token routes together.
 *
 * A real widget needs far less: Web Chat sends a typing indicator at most every 3 s, a person a message
 * every few seconds, a card submit a few hundred bytes, and a chat of 100 messages stores some 50 KB
 * (an activity's envelope is about 350 bytes).
 */

/** Bytes of an activity's JSON besides its `text`: value, attachments, entities, channelData, the rest. */
export const MAX_CLIENT_ACTIVITY_BYTES = 32 * 1024;
/** Activities one conversation may post at once (messages, events, typing, card submits). */
export const CLIENT_POST_BURST = 30;
/** ...and the rate they refill at: above any person, and above the bot's own RATE_LIMIT_PER_SECOND default. */
export const CLIENT_POSTS_PER_SECOND = 2;
/** Bytes a conversation's client may store in its log, all activities together. */
export const CLIENT_BYTES_PER_CONVERSATION = 1024 * 1024;
/** New conversations (tokens from /api/directline/token or tokens/generate) one address may start at once... */
export const NEW_CONVERSATION_BURST = 60;
/** ...and the rate they refill at (30 a minute). */
export const NEW_CONVERSATIONS_PER_SECOND = 0.5;

export interface ClientLimitSettings {
  maxActivityBytes: number;
  postBurst: number;
  postsPerSecond: number;
  conversationBytes: number;
  newConversationBurst: number;
  newConversationsPerSecond: number;
}

export const DEFAULT_CLIENT_LIMITS: ClientLimitSettings = {
  maxActivityBytes: MAX_CLIENT_ACTIVITY_BYTES,
  postBurst: CLIENT_POST_BURST,
  postsPerSecond: CLIENT_POSTS_PER_SECOND,
  conversationBytes: CLIENT_BYTES_PER_CONVERSATION,
  newConversationBurst: NEW_CONVERSATION_BURST,
  newConversationsPerSecond: NEW_CONVERSATIONS_PER_SECOND,
};

export interface ClientLimits {
  readonly settings: ClientLimitSettings;
  /** Keyed by conversation id. */
  readonly posts: TokenBuckets;
  /** Keyed by clientAddress(). */
  readonly newConversations: TokenBuckets;
}

export function createClientLimits(settings: Partial<ClientLimitSettings> = {}, now?: () => number): ClientLimits {
  const s = { ...DEFAULT_CLIENT_LIMITS, ...settings };
  return {
    settings: s,
    posts: tokenBuckets({ burst: s.postBurst, perSecond: s.postsPerSecond, now }),
    newConversations: tokenBuckets({ burst: s.newConversationBurst, perSecond: s.newConversationsPerSecond, now }),
  };
}

/**
 * The key of a client for the new-conversation allowance: the TCP peer's address (no forwarding
 * header is trusted: a client sets whatever it likes there). An IPv6 client is keyed by its /64, the
 * block one subscriber gets; an IPv4-mapped address is the IPv4 address.
 */
export function clientAddress(req: IncomingMessage): string {
  const raw = (req.socket?.remoteAddress ?? '').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(raw);
  if (mapped) return mapped[1]!;
  if (isIPv4(raw) || !isIPv6(raw)) return raw || 'unknown';
  const [head = '', tail = ''] = raw.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = raw.includes('::') && tail ? tail.split(':') : [];
  const groups = raw.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/** 429 with Retry-After and a message the client can show as it is. */
export function sendTooMany(res: Response, retryAfterSeconds: number, message: string): void {
  if (res.headersSent) return;
  res.header('Retry-After', String(retryAfterSeconds));
  res.status(429);
  res.json({ error: { status: 429, message } });
}

const seconds = (n: number) => `${n} second${n === 1 ? '' : 's'}`;

export const postsRateLimitedMessage = (retryAfterSeconds: number) =>
  `Too many activities in this conversation in a short time. Wait ${seconds(retryAfterSeconds)}, then send again.`;

export const newConversationsRateLimitedMessage = (retryAfterSeconds: number) =>
  `Too many new chats from this address in a short time. Wait ${seconds(retryAfterSeconds)}, then try again.`;

export const activityTooLargeMessage = (maxBytes: number) =>
  `An activity may carry at most ${Math.floor(maxBytes / 1024)} KB besides its text (card values, attachments, entities and channel data together).`;

export const conversationFullMessage = (quotaBytes: number) =>
  `This conversation has reached its storage limit (${Math.floor(quotaBytes / 1024)} KB from your side). Start a new chat to carry on.`;

/** Bytes of an activity's JSON without its text, which MAX_TEXT_LENGTH caps on its own. */
export function bytesBesidesText(activity: { text?: unknown }): number {
  const { text: _text, ...rest } = activity;
  return Buffer.byteLength(JSON.stringify(rest), 'utf8');
}
