import type { Language } from '../i18n/index.js';
import type { Db, Queryable } from '../storage/index.js';
import { parseTicketNumber } from './ticketNumber.js';

/**
 * Who besides the filer may see and act on a ticket (`ticket_requesters`). A ticket keeps the requester
 * id it was filed under; a person who later writes from another id (another browser, another device)
 * and proves the ticket is theirs is linked to it here, and the requester checks of the ticket service
 * count the link like the ticket's own requester id.
 */

export type LinkHow = 'ownership_code';

/** What the ownership proof needs to know of a ticket, without showing anything of it to the asker. */
export interface TicketHolder {
  number: string;
  requesterId: string;
  /** Where a one-time code is mailed. */
  email: string;
  /** The language the request was filed in (the code's mail is written in it). */
  language: Language;
}

export interface TicketAccess {
  /** The ticket's filer, or undefined when no ticket has this number. */
  holder(number: string): Promise<TicketHolder | undefined>;
  /** Whether this requester id filed the ticket or was linked to it. */
  mayRequesterSee(number: string, requesterId: string): Promise<boolean>;
  /** Links a requester id to a ticket; linking twice is harmless. False when the ticket does not exist. */
  link(number: string, requesterId: string, how: LinkHow, at: Date): Promise<boolean>;
}

/** SQL condition (on `tickets` as `alias`) for "filed by or linked to the requester id in parameter $n". */
export function requesterCondition(alias: string, param: number): string {
  return `(${alias}.requester_id = $${param} OR EXISTS (SELECT 1 FROM ticket_requesters tr WHERE tr.ticket_id = ${alias}.id AND tr.requester_id = $${param}))`;
}

/** Whether a requester id was linked to the ticket of this row id (inside the ticket service's transaction). */
export async function isLinkedRequester(q: Queryable, ticketId: number | string, requesterId: string): Promise<boolean> {
  const { rows } = await q.query('SELECT 1 FROM ticket_requesters WHERE ticket_id = $1 AND requester_id = $2', [ticketId, requesterId]);
  return rows.length > 0;
}

export function createTicketAccess(db: Db): TicketAccess {
  return {
    async holder(rawNumber) {
      const number = parseTicketNumber(rawNumber);
      if (!number) return undefined;
      const { rows } = await db.query<{ number: string; requester_id: string; requester_email: string; language: Language }>(
        'SELECT number, requester_id, requester_email, language FROM tickets WHERE number = $1',
        [number],
      );
      const row = rows[0];
      return row ? { number: row.number, requesterId: row.requester_id, email: row.requester_email, language: row.language } : undefined;
    },

    async mayRequesterSee(rawNumber, requesterId) {
      const number = parseTicketNumber(rawNumber);
      if (!number) return false;
      const { rows } = await db.query(`SELECT 1 FROM tickets t WHERE t.number = $1 AND ${requesterCondition('t', 2)}`, [number, requesterId]);
      return rows.length > 0;
    },

    async link(rawNumber, requesterId, how, at) {
      const number = parseTicketNumber(rawNumber);
      if (!number) return false;
      const { rows } = await db.query(
        `INSERT INTO ticket_requesters (ticket_id, requester_id, added_at, how)
         SELECT id, $2, $3, $4 FROM tickets WHERE number = $1
         ON CONFLICT (ticket_id, requester_id) DO NOTHING
         RETURNING ticket_id`,
        [number, requesterId, at, how],
      );
      return rows.length > 0 || (await this.mayRequesterSee(number, requesterId));
    },
  };
}
