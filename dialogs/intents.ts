import { findTicketNumber } from '../src/tickets/index.js';
import { recogniseWish } from './understanding.js';

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

const clean = (text: string) => text.trim().toLowerCase().replace(/[.!?]+$/g, '').replace(/\s+/g, ' ');

const HELP = /^(help|\?|what can you do|what can i (do|say|ask)|commands|menu|how does this work|options)$/;
const CANCEL = /^(cancel|stop|quit|exit|never ?mind|forget it|abort|cancel (that|this|it|request))$/;
const START_OVER = /^(start over|start again|restart|reset|begin again|from the (start|beginning)|new request|new problem|another problem)$/;
const LIST = /\b(my|our) (open |recent |current |existing )?(service )?(requests|tickets|cases|srs)\b|^(list|show|view) (my |all )?(open )?(service )?(requests|tickets|cases)$|^(requests|tickets)$/;

/**
 * Reads a global intent from typed text, conservatively: commands are matched whole, ticket commands need
 * a ticket number, so a problem description ("how do I cancel my subscription") is never taken for one.
 */
export function detectIntent(text: string | undefined): GlobalIntent | undefined {
  if (!text) return undefined;
  const t = clean(text);
  if (t.length === 0 || t.length > 300) return undefined;
  if (HELP.test(t)) return { kind: 'help' };
  if (CANCEL.test(t)) return { kind: 'cancel' };
  if (START_OVER.test(t)) return { kind: 'startOver' };
  const number = findTicketNumber(text);
  const wish = recogniseWish(text);
  if (wish === 'human' || wish === 'callMe') return { kind: 'human' };
  if (number) {
    if (/\breopen\b|\bre-open\b|\bopen (it|that|this) again\b/.test(t)) return { kind: 'reopen', number };
    const add = /\b(add|send|attach|append|update)\b.*\b(info|information|details?|note|comment|more)\b|\bmore (info|details|information)\b/.test(t);
    if (add) {
      const rest = /[:\-–]\s*(.+)$/s.exec(text.slice(text.toUpperCase().indexOf(number.toUpperCase()) + number.length))?.[1]?.trim();
      return { kind: 'addInfo', number, text: rest || undefined };
    }
    if (/\b(status|state|update|progress|news|where|what about|check|look ?up|how is|what's happening|details)\b/.test(t) || t.replace(/[^a-z0-9]/g, '') === number.toLowerCase().replace(/[^a-z0-9]/g, '')) {
      return { kind: 'status', number };
    }
  }
  if (LIST.test(t) || wish === 'ticketUpdate') return { kind: 'list' };
  if (wish === 'escalate') return { kind: 'escalate' };
  if (wish === 'done') return { kind: 'done' };
  return undefined;
}
