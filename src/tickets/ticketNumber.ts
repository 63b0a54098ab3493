/**
 * Readable ticket numbers: "SR-" and the value of a database sequence, e.g. "SR-1000042". People type
 * them loosely ("sr 1000042", "#1000042", "SR1000042"), so input is normalised before any lookup.
 */

export const TICKET_NUMBER_PREFIX = 'SR-';

/** The sequence starts at 1000001, so every number has at least seven digits. */
const DIGITS = '\\d{7,12}';

const whole = new RegExp(`^(?:sr|#)?\\s*[-#:]?\\s*(${DIGITS})$`, 'i');
// In a sentence a bare number counts only with exactly seven digits, so phone numbers are not taken.
const inText = new RegExp(`(?:\\bsr\\s*[-#:]?\\s*|#\\s*)(${DIGITS})\\b|(?<![+\\d])\\b(\\d{7})\\b(?![-\\s]?\\d)`, 'i');

export function formatTicketNumber(sequenceValue: number): string {
  return `${TICKET_NUMBER_PREFIX}${sequenceValue}`;
}

/**
 * The canonical form of a number typed on its own ("sr 1000042" -> "SR-1000042"), or null when the text
 * is not a ticket number.
 */
export function parseTicketNumber(text: string): string | null {
  const m = whole.exec(text.trim().replace(/[.!?,;)\]]+$/, '').replace(/^[([]+/, ''));
  return m ? formatTicketNumber(Number(m[1])) : null;
}

/** The first ticket number mentioned in a sentence ("what's the status of SR 1000042?"), or null. */
export function findTicketNumber(text: string): string | null {
  const m = inText.exec(text);
  return m ? formatTicketNumber(Number(m[1] ?? m[2])) : null;
}
