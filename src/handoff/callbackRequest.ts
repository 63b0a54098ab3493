import type { Db } from '../storage/index.js';

/**
 * Records on a ticket that the requester is to be contacted by their preferred method (nobody could
 * chat when it was filed). The tickets table has the `callback_requested` column from the start; the
 * ticket service has no step for it, so this small module sets it directly. It is a flag on the ticket,
 * not a lifecycle step, so it writes no history event; the console shows it on the ticket.
 */
export async function requestCallback(db: Db, ticketNumber: string): Promise<boolean> {
  const { rowCount } = await db.query('UPDATE tickets SET callback_requested = true WHERE number = $1 AND NOT callback_requested', [ticketNumber]);
  return rowCount > 0;
}
