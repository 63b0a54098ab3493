import { findTicketNumber } from '../src/tickets/index.js';
import { matchesLexicon, Reading, recogniseWish } from './understanding.js';

/** Things an admin can say at any step, which interrupt or sit beside the current flow. */
export type GlobalIntent =
  | { kind: 'help' }
  | { kind: 'cancel' }
  | { kind: 'startOver' }
  | { kind: 'human' }
  /** "open a support request": the request, with what the conversation knows. */
  | { kind: 'escalate' }
  /** "that's all, thanks": nothing more to do here. */
  | { kind: 'done' }
  | { kind: 'status'; number: string }
  | { kind: 'list' }
  | { kind: 'addInfo'; number: string; text?: string }
  | { kind: 'reopen'; number: string };

const clean = (text: string) => text.trim().toLowerCase().normalize('NFKC').replace(/[.!?。！？]+$/gu, '').replace(/\s+/g, ' ');
/** The words only: punctuation inside the message does not stand between them ("status, SR-1234567"). */
const plain = (text: string) =>
  text
    .replace(/[^\p{L}\p{N}'\s-]/gu, ' ')
    .replace(/(?<![\p{L}\p{N}])['-]+|['-]+(?![\p{L}\p{N}])/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Reads a global intent from typed text, in any of the languages (the words are in the understanding
 * catalogs: intent.*), conservatively: commands are matched whole, ticket commands need a ticket number,
 * so a problem description ("how do I cancel my subscription", "Abo kündigen") is never taken for one.
 */
export function detectIntent(text: string | undefined): GlobalIntent | undefined {
  if (!text) return undefined;
  const t = clean(text);
  if (t.length === 0 || t.length > 300) return undefined;
  const reading = new Reading(plain(t));
  if (matchesLexicon(reading, 'intent.help.replies', 'whole')) return { kind: 'help' };
  if (matchesLexicon(reading, 'intent.cancel.replies', 'whole')) return { kind: 'cancel' };
  if (matchesLexicon(reading, 'intent.startOver.replies', 'whole')) return { kind: 'startOver' };
  const number = findTicketNumber(text);
  const wish = recogniseWish(text);
  if (wish === 'human' || wish === 'callMe') return { kind: 'human' };
  if (number) {
    if (matchesLexicon(reading, 'intent.reopen.phrases', 'anywhere')) return { kind: 'reopen', number };
    if (matchesLexicon(reading, 'intent.addInfo.phrases', 'anywhere')) {
      const rest = /[:：\-–]\s*(.+)$/su.exec(text.slice(text.toUpperCase().indexOf(number.toUpperCase()) + number.length))?.[1]?.trim();
      return { kind: 'addInfo', number, text: rest || undefined };
    }
    if (matchesLexicon(reading, 'intent.status.phrases', 'anywhere') || t.replace(/[^a-z0-9]/g, '') === number.toLowerCase().replace(/[^a-z0-9]/g, '')) {
      return { kind: 'status', number };
    }
  }
  if (matchesLexicon(reading, 'intent.list.phrases', 'anywhere') || matchesLexicon(reading, 'intent.list.replies', 'whole') || wish === 'ticketUpdate') return { kind: 'list' };
  if (wish === 'escalate') return { kind: 'escalate' };
  if (wish === 'done') return { kind: 'done' };
  return undefined;
}
