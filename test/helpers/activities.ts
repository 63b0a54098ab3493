import { randomUUID } from 'node:crypto';

let seq = 0;

/** A minimal channel-shaped message activity asking for the replies inline (expectReplies). */
export function messageActivity(conversationId: string, text: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'message',
    id: `act-${++seq}-${randomUUID().slice(0, 8)}`,
    text,
    channelId: 'test',
    serviceUrl: 'http://127.0.0.1:9',
    from: { id: `user-of-${conversationId}`, name: 'Test Admin' },
    recipient: { id: 'bot', name: 'Support Assistant' },
    conversation: { id: conversationId },
    deliveryMode: 'expectReplies',
    ...extra,
  };
}

export interface ReplyActivity {
  type: string;
  text?: string;
  attachments?: { contentType: string; content: unknown }[];
  [k: string]: unknown;
}

/** Posts an activity to /api/messages and returns the bot's replies. */
export async function postActivity(baseUrl: string, activity: object, headers: Record<string, string> = {}) {
  const res = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  const body = text ? JSON.parse(text) : undefined;
  return { status: res.status, body, replies: ((body?.activities ?? []) as ReplyActivity[]).filter((a) => a.type === 'message') };
}
