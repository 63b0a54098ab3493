import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../storage/index.js';

/**
 * Capability URLs for the admin's side: `/files/<id>/<token>`, where the token is an expiry time and an
 * HMAC over the attachment id, its conversation and that time. Web Chat shows an image or a download
 * link from a URL alone (it sends no credentials), so the URL itself is the credential: it names one
 * file of one conversation, cannot be made for another, and stops working after LINK_LIFETIME_DAYS.
 * The key is in the database so every instance signs and checks alike, and a restart keeps links valid.
 */

export const FILES_PATH = '/files';
/** Long enough for a conversation an admin comes back to; the widget's log keeps the URL as it was. */
export const LINK_LIFETIME_DAYS = 30;
const KEY_NAME = 'download-links';

export interface LinkSigner {
  /** The path of a link, e.g. `/files/<id>/<token>`. */
  path(id: string, conversationId: string, now?: Date): string;
  /** Whether the token is valid now for this attachment of this conversation. */
  verify(id: string, conversationId: string, token: string, now?: Date): boolean;
}

export function linkSigner(key: string): LinkSigner {
  const mac = (id: string, conversationId: string, expires: number) =>
    createHmac('sha256', key).update(`${id}\n${conversationId}\n${expires}`).digest('base64url');
  return {
    path(id, conversationId, now = new Date()) {
      const expires = Math.floor(now.getTime() / 1000) + LINK_LIFETIME_DAYS * 24 * 60 * 60;
      return `${FILES_PATH}/${encodeURIComponent(id)}/${expires}.${mac(id, conversationId, expires)}`;
    },
    verify(id, conversationId, token, now = new Date()) {
      const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
      if (!match) return false;
      const expires = Number(match[1]);
      if (expires * 1000 < now.getTime()) return false;
      const expected = Buffer.from(mac(id, conversationId, expires));
      const given = Buffer.from(match[2]!);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}

/** Reads the signing key, creating it on first use; instances starting together agree on one. */
export async function loadLinkKey(db: Queryable): Promise<string> {
  await db.query('INSERT INTO attachment_keys (name, secret) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [KEY_NAME, randomBytes(32).toString('base64url')]);
  const { rows } = await db.query<{ secret: string }>('SELECT secret FROM attachment_keys WHERE name = $1', [KEY_NAME]);
  return rows[0]!.secret;
}
