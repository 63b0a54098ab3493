import { createHmac, randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { Queryable } from '../../storage/index.js';

/**
 * Direct Line tokens of the embedded endpoint: compact JWTs (HS256, signed and checked by jose) with
 * a key kept in the database, so any instance on the same database can verify them. They are JWTs
 * rather than opaque strings because Web Chat reads the `user` claim to learn the server-assigned
 * user id.
 */

export const TOKEN_LIFETIME_SECONDS = 30 * 60;
/** A stream URL has to be opened soon after it was handed out; reconnecting fetches a new one. */
export const STREAM_TOKEN_LIFETIME_SECONDS = 2 * 60;
const ISSUER = 'support-assistant/directline';
const SIGNING_KEY_NAME = 'token-signing';

export type TokenScope = 'conversation' | 'stream';

export interface TokenClaims {
  /** Conversation id the token is bound to. */
  conv: string;
  /** Server-assigned user id (`dl_...`). */
  user: string;
  scope: TokenScope;
  iat: number;
  exp: number;
  /** The page's locale and the browser's time zone, for the greeting of a new conversation. */
  loc?: string;
  tz?: string;
}

/** What the client said of itself when it asked for a new conversation's token (signed into the token). */
export interface ClientContext {
  locale?: string;
  timeZone?: string;
}

export interface IssuedToken {
  token: string;
  claims: TokenClaims;
  expiresIn: number;
}

export interface TokenSigner {
  issue(conversationId: string, userId: string, scope?: TokenScope, now?: Date, client?: ClientContext): Promise<IssuedToken>;
  /** The claims of a valid, unexpired token of the given scope; undefined for anything else. */
  verify(token: string, scope?: TokenScope, now?: Date): Promise<TokenClaims | undefined>;
  /** A secret derived from the signing key for another purpose (e.g. the connector path). */
  derive(purpose: string): string;
}

export function createTokenSigner(key: string): TokenSigner {
  // Imported once: jose would import a raw key again on every call (half the throughput).
  const secret = crypto.subtle.importKey('raw', new TextEncoder().encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  return {
    async issue(conversationId, userId, scope = 'conversation', now = new Date(), client = {}) {
      const lifetime = scope === 'stream' ? STREAM_TOKEN_LIFETIME_SECONDS : TOKEN_LIFETIME_SECONDS;
      const iat = Math.floor(now.getTime() / 1000);
      const context = { ...(client.locale ? { loc: client.locale } : {}), ...(client.timeZone ? { tz: client.timeZone } : {}) };
      const claims: TokenClaims = { conv: conversationId, user: userId, scope, iat, exp: iat + lifetime, ...context };
      const token = await new SignJWT({ conv: claims.conv, user: claims.user, scope, ...context })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer(ISSUER)
        .setIssuedAt(iat)
        .setExpirationTime(claims.exp)
        .sign(await secret);
      return { token, claims, expiresIn: lifetime };
    },
    async verify(token, scope = 'conversation', now = new Date()) {
      if (!isCanonical(token)) return undefined;
      let claims: JWTPayload;
      try {
        ({ payload: claims } = await jwtVerify(token, await secret, {
          algorithms: ['HS256'],
          typ: 'JWT',
          issuer: ISSUER,
          requiredClaims: ['exp'],
          currentDate: now,
        }));
      } catch {
        return undefined;
      }
      if (claims.scope !== scope || typeof claims.conv !== 'string' || typeof claims.user !== 'string') return undefined;
      const context = { ...(typeof claims.loc === 'string' ? { loc: claims.loc } : {}), ...(typeof claims.tz === 'string' ? { tz: claims.tz } : {}) };
      return { conv: claims.conv, user: claims.user, scope, iat: claims.iat ?? 0, exp: claims.exp!, ...context };
    },
    derive(purpose) {
      return createHmac('sha256', key).update(`derive:${purpose}`).digest('base64url');
    },
  };
}

/**
 * Whether the token is spelled the one way its bytes encode to: three unpadded base64url parts whose
 * unused trailing bits are zero. Base64 decoders accept other spellings of the same bytes (a trailing
 * `=`, a last character with other unused bits), which would make one token many.
 */
function isCanonical(token: string): boolean {
  const parts = token.split('.');
  return parts.length === 3 && parts.every((part) => /^[A-Za-z0-9_-]+$/.test(part) && Buffer.from(part, 'base64url').toString('base64url') === part);
}

/** Reads the signing key, creating it on first use; concurrent first starts agree on one key. */
export async function loadSigningKey(db: Queryable): Promise<string> {
  await db.query('INSERT INTO directline_keys (name, secret) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
    SIGNING_KEY_NAME,
    randomBytes(32).toString('base64url'),
  ]);
  const { rows } = await db.query<{ secret: string }>('SELECT secret FROM directline_keys WHERE name = $1', [SIGNING_KEY_NAME]);
  return rows[0]!.secret;
}

/** Reads `Authorization: Bearer <token>`; undefined when absent or not a bearer credential. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^Bearer\s+(\S+)$/i.exec(value?.trim() ?? '');
  return match?.[1];
}

export function newConversationId(): string {
  return randomBytes(16).toString('base64url');
}

/** `dl_` marks an id the server vouches for; Web Chat refuses such ids unless they come in a token. */
export function newUserId(): string {
  return `dl_${randomBytes(12).toString('base64url')}`;
}
