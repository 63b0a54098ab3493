import type { Queryable, RetentionStep } from '../storage/index.js';

/**
 * The identity module's personal data: verified names and emails not refreshed by a sign-in since the
 * cutoff, and ownership codes (they name a requester id) older than it. Codes stop working after 15
 * minutes; their rows stay until then as the record the hourly limits count.
 */
export function identityRetention(db: Queryable): RetentionStep {
  return {
    async deleteBefore(cutoff) {
      const contacts = await db.query('DELETE FROM identity_contacts WHERE updated_at < $1', [cutoff]);
      const codes = await db.query('DELETE FROM ownership_codes WHERE created_at < $1', [cutoff]);
      return { identityContacts: contacts.rowCount, ownershipCodes: codes.rowCount };
    },
  };
}
