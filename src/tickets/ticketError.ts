/**
 * Why a ticket operation was refused. `message` is written for the person who asked and can be shown
 * as is; `code` is for the caller's logic.
 */
export type TicketErrorCode =
  /** No such ticket, or it belongs to someone else (a requester is never told which). */
  | 'not_found'
  /** The ticket's status does not allow this step, e.g. resolving a closed ticket. */
  | 'illegal_transition'
  /** The ticket was closed more than 14 days ago. */
  | 'reopen_window_expired'
  /** A requester tried a step only an agent may take, e.g. assigning. */
  | 'forbidden'
  /** The input failed validation; `issues` lists what was wrong. */
  | 'invalid_input';

export class TicketError extends Error {
  override readonly name = 'TicketError';
  constructor(
    readonly code: TicketErrorCode,
    message: string,
    readonly issues: string[] = [],
  ) {
    super(message);
  }
}

export function isTicketError(err: unknown, code?: TicketErrorCode): err is TicketError {
  return err instanceof TicketError && (code === undefined || err.code === code);
}
