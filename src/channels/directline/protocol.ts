import { z } from 'zod';

/** Direct Line 3.0 shapes the embedded endpoint accepts and produces. */

export const CHANNEL_ID = 'directline';
export const BOT_ACCOUNT = { id: 'support-assistant', name: 'Support Assistant', role: 'bot' } as const;
/** Longer than any sensible description of a problem, short enough to keep turns cheap. */
export const MAX_TEXT_LENGTH = 5000;

/** An activity as stored and sent to clients. Open-ended: cards and channel data pass through. */
export interface DirectLineActivity {
  type: string;
  id: string;
  timestamp: string;
  channelId: string;
  conversation: { id: string };
  from: { id: string; name?: string; role?: string };
  recipient?: { id: string; name?: string; role?: string };
  text?: string;
  channelData?: Record<string, unknown>;
  replyToId?: string;
  [key: string]: unknown;
}

export interface ActivitySet {
  activities: DirectLineActivity[];
  /** Absent in a stream frame that carries only typing indicators (they have no watermark). */
  watermark?: string;
}

const attachment = z.object({
  contentType: z.string().min(1).max(200),
  contentUrl: z.string().max(2048).optional(),
  content: z.unknown().optional(),
  name: z.string().max(500).optional(),
  thumbnailUrl: z.string().max(2048).optional(),
});

const account = z.looseObject({ id: z.string().max(256).optional(), name: z.string().max(256).optional() });

/**
 * What a client may post. Unknown fields are dropped; identity fields (id, from.id, conversation,
 * recipient, channelId, serviceUrl) are ignored and set by the server.
 */
export const clientActivitySchema = z.object({
  type: z.enum(['message', 'event', 'typing', 'conversationUpdate']),
  text: z.string().max(MAX_TEXT_LENGTH, `text is longer than ${MAX_TEXT_LENGTH} characters`).optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  locale: z.string().max(50).optional(),
  localTimestamp: z.string().max(64).optional(),
  localTimezone: z.string().max(100).optional(),
  // Card submits arrive as `value` (Adaptive Card Action.Submit, messageBack, postBack).
  value: z.unknown().optional(),
  name: z.string().max(200).optional(),
  attachments: z.array(attachment).max(10).optional(),
  entities: z.array(z.looseObject({ type: z.string().max(100) })).max(20).optional(),
  // Only what Web Chat itself sends. Anything else could pose as something a trusted channel vouches
  // for (Teams puts the tenant id in channelData, and the admin check believes it).
  channelData: z
    .object({
      clientActivityID: z.string().max(100).optional(),
      clientTimestamp: z.string().max(64).optional(),
      postBack: z.boolean().optional(),
      messageBack: z.object({ displayText: z.string().max(MAX_TEXT_LENGTH).optional() }).optional(),
    })
    .optional(),
  replyToId: z.string().max(256).optional(),
  from: account.optional(),
  membersAdded: z.array(account).max(10).optional(),
  membersRemoved: z.array(account).max(10).optional(),
});

export type ClientActivity = z.infer<typeof clientActivitySchema>;

/** What the bot may send through the connector endpoints; the adapter has already shaped it. */
export const botActivitySchema = z.looseObject({
  type: z.string().min(1).max(100),
  text: z.string().max(100_000).optional(),
  id: z.string().max(256).optional(),
  replyToId: z.string().max(256).optional(),
});

/** `?watermark=` is empty or a non-negative integer; anything else is a client error. */
export function parseWatermark(value: string | null | undefined): number | undefined | 'invalid' {
  if (value === null || value === undefined || value === '' || value === '-') return undefined;
  return /^\d{1,15}$/.test(value) ? Number(value) : 'invalid';
}
