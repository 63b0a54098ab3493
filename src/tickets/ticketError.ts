import type { Language } from '../i18n/index.js';

/**
 * Why a ticket operation was refused. `message` is written for the person who asked and can be shown
 * as is (English unless the operation said otherwise: the agent API and logs read it); `messageIn`
 * gives the same refusal in the admin's language, for the conversation to show. `code` is for the
 * caller's logic.
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

/** A message written from the catalog in whatever language is asked for. */
export type LocalizedMessage = (language: Language, locale?: string) => string;

export class TicketError extends Error {
  override readonly name = 'TicketError';
  readonly #localized: LocalizedMessage | undefined;

  constructor(
    readonly code: TicketErrorCode,
    message: string | LocalizedMessage,
    readonly issues: string[] = [],
    language: Language = 'en',
    locale?: string,
  ) {
    super(typeof message === 'string' ? message : message(language, locale));
    this.#localized = typeof message === 'string' ? undefined : message;
  }

  /** The refusal in `language`; a message written only in English (input validation) stays English. */
  messageIn(language: Language, locale?: string): string {
    return this.#localized ? this.#localized(language, locale) : this.message;
  }
}

export function isTicketError(err: unknown, code?: TicketErrorCode): err is TicketError {
  return err instanceof TicketError && (code === undefined || err.code === code);
}
