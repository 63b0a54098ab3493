import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Agent tokens: 32 random bytes, base64url (43 characters). Only their SHA-256 is stored. A fast hash
 * is enough here because the token is random and long, not a password a person chose: nobody can
 * guess it, so there is nothing for a slow hash to slow down. Lookups go by hash, which also means the
 * time a lookup takes says nothing about the token itself.
 */

export const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** True when the text could be a token at all; anything else is refused before touching the database. */
export function looksLikeToken(text: string): boolean {
  return TOKEN_SHAPE.test(text);
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compares two hex hashes without an early exit. */
export function hashesMatch(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
