import type { Queryable } from '../../storage/index.js';

/**
 * Single use of host identity tokens: each accepted `jti` is kept until the token expires
 * (`identity_token_uses`). The primary key decides between two instances presenting the same token at
 * once: one insert wins, the other is a replay. Expired entries are removed as new ones come in.
 */
export async function recordIdentityTokenUse(db: Queryable, jti: string, expiresAt: Date, now = new Date()): Promise<boolean> {
  await db.query('DELETE FROM identity_token_uses WHERE expires_at < $1', [now]);
  const { rows } = await db.query('INSERT INTO identity_token_uses (jti, expires_at) VALUES ($1, $2) ON CONFLICT (jti) DO NOTHING RETURNING jti', [jti, expiresAt]);
  return rows.length > 0;
}
