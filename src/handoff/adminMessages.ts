import { formatPhone } from '../contact/index.js';
import { type ExpectedWait, formatMinutes, REOPEN_WINDOW_DAYS, statusLabel, type Ticket, type TicketStatus } from '../tickets/index.js';

/** What the admin is told during a handoff, in one place so the wording stays consistent. */

/** How the engineer will get in touch, from the preferred contact method on the ticket. */
export function contactPromise(ticket: Pick<Ticket, 'contactMethod' | 'requester'>): string {
  const { email, phone } = ticket.requester;
  switch (ticket.contactMethod) {
    case 'phone':
      return phone ? `by phone at ${formatPhone(phone)}` : `by email at ${email}`;
    case 'teams_chat':
      return `in a Teams chat (or by email at ${email})`;
    case 'web_chat':
      return `here in this chat when one is free, or by email at ${email} if you have left`;
    case 'email':
    default:
      return `by email at ${email}`;
  }
}

/** Queued for the console: the expected wait as a figure when there is one (the full reasoning was in the confirmation). */
export const queued = (ticket: Ticket, wait: Pick<ExpectedWait, 'minutes' | 'text'>) =>
  `You're in the queue for a support engineer on ${ticket.number}. ` +
  `${wait.minutes !== null ? `Expected wait: ${formatMinutes(wait.minutes)}.` : wait.text}\n` +
  'While you wait, anything you type here goes to the engineer who picks it up, so feel free to add details. ' +
  `Say "cancel" to leave the queue; ${ticket.number} stays open either way.`;

export const noAgentOnline = (ticket: Ticket) =>
  'No support engineer is online right now, so nobody can chat with you live at the moment. ' +
  `${ticket.number} is in the queue and I've asked for a callback: an engineer will contact you ${contactPromise(ticket)}. ` +
  `Meanwhile I can still help here, for example "status of ${ticket.number}".`;

export const waitingNoted = (number: string) =>
  `Noted: the engineer who picks up ${number} will see your messages here. Say "cancel" to leave the queue.`;

export const waitingHelp = (number: string) =>
  `You're waiting for a support engineer on ${number}. What you type here goes to them. Say "cancel" to leave the queue; the request stays open.`;

export const chatHelp = (number: string, agentName: string) =>
  `You're chatting with ${agentName}, a support engineer, about ${number}; what you type goes to them. Say "cancel" to end the chat; the request stays open.`;

export const leftQueue = (ticket: Ticket) =>
  `OK, you've left the queue. ${ticket.number} stays open and an engineer will contact you ${contactPromise(ticket)}. ` +
  `Ask "status of ${ticket.number}" at any time, or "add info to ${ticket.number}: …" to send more details.`;

export const leftChat = (ticket: Ticket, agentName: string) =>
  `You've ended the chat with ${agentName}. ${ticket.number} stays open; ask "status of ${ticket.number}" at any time.`;

export const agentJoined = (number: string, agentName: string) =>
  `${agentName}, a support engineer, has joined to help with ${number}. From now on your messages here go to them.`;

export const agentTookOver = (number: string, agentName: string, fromName: string) =>
  `${agentName}, a support engineer, has taken over ${number} from ${fromName}. From now on your messages here go to ${agentName}.`;

export const agentLeft = (number: string, agentName: string) =>
  `${agentName} had to step away and has put ${number} back in the queue; the next free engineer will pick it up. ` +
  'Your messages here still go to the engineers. Say "cancel" to leave the queue.';

export const handedBack = (ticket: Ticket, agentName: string) =>
  `${agentName} has handed you back to the assistant. ${ticket.number} is ${statusLabel(ticket.status)}. ` +
  `I'm here if you need anything else; ask "status of ${ticket.number}" at any time.`;

/** The agent's words as the admin sees them: the bot is the sender, so the agent's name leads. */
export const fromAgent = (agentName: string, text: string) => `**${agentName} (support engineer):** ${text}`;

export function statusChanged(ticket: Ticket, agentName: string, note: string | undefined, chatEnded: boolean): string {
  const why = note ? ` Note from ${agentName}: ${note}` : '';
  const byStatus: Record<TicketStatus, string> = {
    new: `${ticket.number} is back in the queue.`,
    in_progress: `${agentName} is working on ${ticket.number}.`,
    waiting_on_customer: `${agentName} needs information from you to continue on ${ticket.number}; please reply here.`,
    resolved: `${agentName} has marked ${ticket.number} as resolved. If the problem comes back, say "reopen ${ticket.number}" within ${REOPEN_WINDOW_DAYS} days.`,
    closed: `${agentName} has closed ${ticket.number}. If you need it again, say "reopen ${ticket.number}" within ${REOPEN_WINDOW_DAYS} days.`,
  };
  const back = chatEnded ? " You're back with the assistant; tell me if there's anything else." : '';
  return `${byStatus[ticket.status]}${why}${back}`;
}

/** Chat notices for the console. */
export const notices = {
  queued: (number: string) => `The admin is waiting in the queue for ${number}.`,
  noAgent: (number: string) => `No agent was online when ${number} was filed; a callback was requested.`,
  joined: (agentName: string) => `${agentName} joined the chat.`,
  left: (agentName: string) => `${agentName} left; the ticket is back in the queue.`,
  tookOver: (agentName: string, fromName: string) => `${agentName} took over from ${fromName}.`,
  handedBack: (agentName: string) => `${agentName} handed the admin back to the assistant.`,
  adminLeftQueue: 'The admin left the queue; the ticket stays open.',
  adminLeftChat: 'The admin ended the chat; the ticket stays open.',
  status: (agentName: string, status: TicketStatus) => `${agentName} set the status to ${statusLabel(status)}.`,
  undelivered: 'The message could not be delivered to the admin’s conversation (the channel refused it); contact them by their preferred method.',
};
