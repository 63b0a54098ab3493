import type { Queryable } from '../storage/index.js';

/**
 * Records on a ticket that the requester is to be contacted by their preferred method (nobody could
 * chat when it was filed); the handoff calls it. It is a flag on the ticket, not a lifecycle step, so
 * it writes no history event; the console shows it on the ticket.
 */
export async function requestCallback(db: Queryable, ticketNumber: string): Promise<boolean> {
  const { rowCount } = await db.query('UPDATE tickets SET callback_requested = true WHERE number = $1 AND NOT callback_requested', [ticketNumber]);
  return rowCount > 0;
}
