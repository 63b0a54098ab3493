// Public API of the identity module: who a widget user is beyond one browser tab (verified contacts) and
// the one-time codes that prove ownership of a request filed under another id. Plain TypeScript.
import type { Logger } from '../logger.js';
import type { Db } from '../storage/index.js';
import { createTicketAccess } from '../tickets/index.js';
import { createIdentityContacts, type IdentityContacts } from './contacts.js';
import { createOwnershipCodes, type CodeMailer, type OwnershipCodes } from './ownershipCodes.js';

export { createIdentityContacts, type IdentityContacts, type VerifiedContact } from './contacts.js';
export {
  CODE_LIFETIME_MINUTES,
  CODES_PER_REQUESTER_PER_HOUR,
  CODES_PER_TICKET_PER_HOUR,
  createOwnershipCodes,
  maskEmail,
  MAX_CODE_ATTEMPTS,
  pendingOwnershipCodes,
  type CodeCheck,
  type CodeMailer,
  type CodeRequest,
  type OwnershipCodes,
  type PendingCode,
} from './ownershipCodes.js';
export { identityRetention } from './retention.js';

/** What the conversation uses of this module. */
export interface IdentityService {
  contacts: IdentityContacts;
  ownership: OwnershipCodes;
}

export function createIdentityService(db: Db, now: () => Date = () => new Date(), opts: { mailCode?: CodeMailer; log?: Logger } = {}): IdentityService {
  return { contacts: createIdentityContacts(db), ownership: createOwnershipCodes(db, createTicketAccess(db), now, opts) };
}
