import { formatPhone } from '../contact/index.js';
import { translate, type Language, type MessageKey, type MessageValues } from '../i18n/index.js';
import { type ExpectedWait, formatMinutes, REOPEN_WINDOW_DAYS, statusLabel, type Ticket, type TicketStatus } from '../tickets/index.js';

/**
 * What the admin is told during a handoff, in one place so the wording stays consistent. Every message is
 * in the admin's language (the turn's, or the language the ticket was filed in when an agent acts), from
 * the catalog's handoff.* messages. The console's notices are for agents, whose console is in English.
 */

const say = (language: Language, key: MessageKey, values?: MessageValues) => translate(language, key, values);

/** Sentences in a row: a space between them, none in Chinese (its full stop separates them). */
function sentences(language: Language, parts: ReadonlyArray<string | undefined>): string {
  return parts.filter(Boolean).join(language === 'zh-Hans' || language === 'zh-Hant' ? '' : ' ');
}

/** How the engineer will get in touch, from the preferred contact method on the ticket. */
export function contactPromise(ticket: Pick<Ticket, 'contactMethod' | 'requester'>, language: Language = 'en'): string {
  const { email, phone } = ticket.requester;
  switch (ticket.contactMethod) {
    case 'phone':
      return phone ? say(language, 'handoff.contact.phone', { phone: formatPhone(phone) }) : say(language, 'handoff.contact.email', { email });
    case 'teams_chat':
      return say(language, 'handoff.contact.teams', { email });
    case 'web_chat':
      return say(language, 'handoff.contact.webChat', { email });
    case 'email':
    default:
      return say(language, 'handoff.contact.email', { email });
  }
}

/** "the engineer", for an agent whose name is not known. */
export const engineerFallback = (language: Language = 'en') => say(language, 'handoff.engineerFallback');

/** Queued for the console: the expected wait as a figure when there is one (the full reasoning was in the confirmation). */
export const queued = (ticket: Ticket, wait: Pick<ExpectedWait, 'minutes' | 'text'>, language: Language = 'en') =>
  say(language, 'handoff.queued', {
    number: ticket.number,
    wait: wait.minutes !== null ? say(language, 'handoff.queued.expectedWait', { duration: formatMinutes(wait.minutes, language) }) : wait.text,
  });

export const noAgentOnline = (ticket: Ticket, language: Language = 'en') =>
  say(language, 'handoff.noAgentOnline', { number: ticket.number, contact: contactPromise(ticket, language) });

export const waitingNoted = (number: string, language: Language = 'en') => say(language, 'handoff.waitingNoted', { number });

export const waitingHelp = (number: string, language: Language = 'en') => say(language, 'handoff.waitingHelp', { number });

export const chatHelp = (number: string, agentName: string, language: Language = 'en') => say(language, 'handoff.chatHelp', { number, agent: agentName });

export const leftQueue = (ticket: Ticket, language: Language = 'en') =>
  say(language, 'handoff.leftQueue', { number: ticket.number, contact: contactPromise(ticket, language) });

export const leftChat = (ticket: Ticket, agentName: string, language: Language = 'en') => say(language, 'handoff.leftChat', { number: ticket.number, agent: agentName });

export const agentJoined = (number: string, agentName: string, language: Language = 'en') => say(language, 'handoff.agentJoined', { number, agent: agentName });

export const agentTookOver = (number: string, agentName: string, fromName: string, language: Language = 'en') =>
  say(language, 'handoff.agentTookOver', { number, agent: agentName, from: fromName });

export const agentLeft = (number: string, agentName: string, language: Language = 'en') => say(language, 'handoff.agentLeft', { number, agent: agentName });

export const handedBack = (ticket: Ticket, agentName: string, language: Language = 'en') =>
  say(language, 'handoff.handedBack', { number: ticket.number, agent: agentName, status: statusLabel(ticket.status, language) });

/** The agent's words as the admin sees them: the bot is the sender, so the agent's name leads. The words stay as written. */
export const fromAgent = (agentName: string, text: string, language: Language = 'en') => say(language, 'handoff.fromAgent', { agent: agentName, text });

export function statusChanged(ticket: Ticket, agentName: string, note: string | undefined, chatEnded: boolean, language: Language = 'en'): string {
  const values = { number: ticket.number, agent: agentName, days: REOPEN_WINDOW_DAYS };
  return sentences(language, [
    say(language, `handoff.status.${ticket.status}`, values),
    // Resolving or closing: the agent's resolution note, quoted as they wrote it (not translated).
    note ? say(language, ticket.status === 'resolved' || ticket.status === 'closed' ? 'agentTools.resolution.note' : 'handoff.status.note', { agent: agentName, note }) : undefined,
    chatEnded ? say(language, 'handoff.status.backWithAssistant') : undefined,
  ]);
}

/** Chat notices for the console, which agents read in English. */
const forAgents = (key: MessageKey, values?: MessageValues) => translate('en', key, values);
export const notices = {
  queued: (number: string) => forAgents('handoff.notice.queued', { number }),
  noAgent: (number: string) => forAgents('handoff.notice.noAgent', { number }),
  joined: (agentName: string) => forAgents('handoff.notice.joined', { agent: agentName }),
  left: (agentName: string) => forAgents('handoff.notice.left', { agent: agentName }),
  tookOver: (agentName: string, fromName: string) => forAgents('handoff.notice.tookOver', { agent: agentName, from: fromName }),
  handedBack: (agentName: string) => forAgents('handoff.notice.handedBack', { agent: agentName }),
  adminLeftQueue: forAgents('handoff.notice.adminLeftQueue'),
  adminLeftChat: forAgents('handoff.notice.adminLeftChat'),
  status: (agentName: string, status: TicketStatus) => forAgents('handoff.notice.status', { agent: agentName, status: statusLabel(status) }),
  undelivered: forAgents('handoff.notice.undelivered'),
  /** Stands for an admin's message that had no text (a card, an attachment) in the agents' chat. */
  emptyMessage: forAgents('handoff.notice.emptyMessage'),
};
