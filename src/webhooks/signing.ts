import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Signatures in the Standard Webhooks scheme (standardwebhooks.com), which Svix-based receivers and
 * most helpdesk integrations already verify: the secret is "whsec_" + base64 of 32 random bytes; the
 * signed content is "<webhook-id>.<webhook-timestamp>.<body>"; the signature header is "v1,<base64 of
 * HMAC-SHA256>". The id and timestamp are signed with the body, so a replayed request is recognised by
 * its id and refused once its timestamp is old.
 */

export const SECRET_PREFIX = 'whsec_';
/** How old a timestamp a receiver should accept (also the tolerance of `verifySignature`). */
export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

export function newSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

const keyOf = (secret: string) => Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');

export function sign(secret: string, id: string, timestampSeconds: number, body: string): string {
  return `v1,${createHmac('sha256', keyOf(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;
}

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

export function signedHeaders(secret: string, id: string, body: string, now: Date): SignedHeaders {
  const timestamp = Math.floor(now.getTime() / 1000);
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': sign(secret, id, timestamp, body) };
}

/**
 * What a receiver does (docs/webhooks.md has the same in a standalone example): the timestamp within
 * the tolerance, and one of the space-separated signatures equal to ours, compared in constant time.
 */
export function verifySignature(secret: string, headers: Partial<SignedHeaders>, body: string, now = new Date()): boolean {
  const id = headers['webhook-id'];
  const timestamp = Number(headers['webhook-timestamp']);
  const signatures = headers['webhook-signature'];
  if (!id || !Number.isInteger(timestamp) || !signatures) return false;
  if (Math.abs(now.getTime() / 1000 - timestamp) > TIMESTAMP_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(sign(secret, id, timestamp, body));
  return signatures.split(' ').some((s) => {
    const given = Buffer.from(s);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
