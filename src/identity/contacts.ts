import type { Db } from '../storage/index.js';

/**
 * Name and email a host site vouched for in a signed identity token, kept by Direct Line user id
 * (`identity_contacts`). Only the widget's token route writes them, after verifying the token; the
 * conversation reads them to prefill the contact step. A browser cannot write here, so it cannot
 * claim a name or email the host did not sign.
 */

export interface VerifiedContact {
  name?: string;
  email?: string;
}

export interface IdentityContacts {
  /** Stores what the latest verified token carried (a field it left out is cleared). */
  remember(userId: string, contact: VerifiedContact, at: Date): Promise<void>;
  lookup(userId: string): Promise<VerifiedContact | undefined>;
}

export function createIdentityContacts(db: Db): IdentityContacts {
  return {
    async remember(userId, contact, at) {
      await db.query(
        `INSERT INTO identity_contacts (user_id, name, email, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id) DO UPDATE SET name = excluded.name, email = excluded.email, updated_at = excluded.updated_at`,
        [userId, contact.name ?? null, contact.email ?? null, at],
      );
    },
    async lookup(userId) {
      const { rows } = await db.query<{ name: string | null; email: string | null }>('SELECT name, email FROM identity_contacts WHERE user_id = $1', [userId]);
      const row = rows[0];
      if (!row) return undefined;
      return { ...(row.name ? { name: row.name } : {}), ...(row.email ? { email: row.email } : {}) };
    },
  };
}
