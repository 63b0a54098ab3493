import { randomUUID } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';

/** What a host site does: sign its user's identity (HS256 with the shared secret). Tests vary each part. */

export const HOST_SECRET = 'test-host-secret-0123456789-abcdefghijkl';

export interface SignOptions {
  secret?: string;
  alg?: 'HS256' | 'HS384' | 'HS512';
  /** Seconds since the epoch; default now. */
  iat?: number;
  lifetimeSeconds?: number;
  omit?: Array<'sub' | 'iat' | 'exp' | 'jti'>;
  extra?: JWTPayload;
}

export async function signIdentity(claims: { sub?: string; name?: string; email?: string } = {}, opts: SignOptions = {}): Promise<string> {
  const iat = opts.iat ?? Math.floor(Date.now() / 1000);
  const payload: JWTPayload = { sub: claims.sub ?? 'host-user-42', name: claims.name, email: claims.email, iat, exp: iat + (opts.lifetimeSeconds ?? 300), jti: randomUUID(), ...opts.extra };
  for (const key of opts.omit ?? []) delete payload[key];
  return new SignJWT(payload).setProtectedHeader({ alg: opts.alg ?? 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(opts.secret ?? HOST_SECRET));
}

/** The Direct Line user id a token was issued to (the `user` claim Web Chat reads too). */
export function userOf(token: string): string {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')).user as string;
}
