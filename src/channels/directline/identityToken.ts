import { errors, jwtVerify, type JWTPayload } from 'jose';
import { checkEmail, checkName } from '../../contact/index.js';

/**
 * The host site's signed identity: a compact JWT the site signs with WIDGET_IDENTITY_SECRET (HS256)
 * for its signed-in user and hands to the widget, which presents it when it asks for a chat token.
 * Only what the site signed counts: the algorithm is pinned, `sub`, `iat`, `exp` and `jti` are
 * required, a token may live at most MAX_IDENTITY_LIFETIME_SECONDS, and the clock may be off by
 * CLOCK_TOLERANCE_SECONDS. Single use (the `jti`) is enforced by identityTokenUses.ts.
 */

/** Longest lifetime (exp - iat) accepted; the docs recommend 10 minutes or less. */
export const MAX_IDENTITY_LIFETIME_SECONDS = 15 * 60;
export const CLOCK_TOLERANCE_SECONDS = 30;
/** Longest token, `sub` and `jti` read at all: a real one is a few hundred characters. */
export const MAX_IDENTITY_TOKEN_CHARS = 4096;
const MAX_SUB_CHARS = 256;
const MAX_JTI_CHARS = 128;

export interface IdentitySettings {
  secret: string;
  issuer?: string;
  audience?: string;
}

export interface HostIdentity {
  /** The site's stable id for the person. Never shown to the browser or the bot (see widgetUsers.ts). */
  sub: string;
  /** Kept only when they pass the checks typed contact details get. */
  name?: string;
  email?: string;
  jti: string;
  /** Seconds since the epoch. */
  exp: number;
}

export type IdentityVerdict = { ok: true; identity: HostIdentity } | { ok: false; reason: string };

const refuse = (reason: string): IdentityVerdict => ({ ok: false, reason });

export function identityKey(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function verifyIdentityToken(token: string, settings: IdentitySettings, now = new Date()): Promise<IdentityVerdict> {
  if (token.length > MAX_IDENTITY_TOKEN_CHARS) return refuse('token too long');
  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(token, identityKey(settings.secret), {
      algorithms: ['HS256'],
      requiredClaims: ['sub', 'iat', 'exp', 'jti'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: now,
      ...(settings.issuer ? { issuer: settings.issuer } : {}),
      ...(settings.audience ? { audience: settings.audience } : {}),
    }));
  } catch (err) {
    if (err instanceof errors.JWTExpired) return refuse('expired');
    if (err instanceof errors.JWTClaimValidationFailed) return refuse(`claim ${err.claim} ${err.reason === 'missing' ? 'missing' : 'not valid'}`);
    return refuse('signature, algorithm or format not valid');
  }
  const { sub, jti, iat, exp } = claims;
  if (typeof sub !== 'string' || sub.trim() === '' || sub.length > MAX_SUB_CHARS) return refuse('claim sub not valid');
  if (typeof jti !== 'string' || jti.trim() === '' || jti.length > MAX_JTI_CHARS) return refuse('claim jti not valid');
  const nowSeconds = Math.floor(now.getTime() / 1000);
  // jose checks exp and nbf; an iat in the future would let a token live longer than it says.
  if (iat! > nowSeconds + CLOCK_TOLERANCE_SECONDS) return refuse('claim iat in the future');
  if (exp! - iat! > MAX_IDENTITY_LIFETIME_SECONDS) return refuse(`lifetime over ${MAX_IDENTITY_LIFETIME_SECONDS} seconds`);
  const name = typeof claims.name === 'string' ? checkName(claims.name) : undefined;
  const email = typeof claims.email === 'string' ? checkEmail(claims.email) : undefined;
  return {
    ok: true,
    identity: { sub, jti, exp: exp!, ...(name?.ok ? { name: name.value } : {}), ...(email?.ok ? { email: email.value } : {}) },
  };
}
