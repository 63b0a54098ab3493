import type { Agent, AgentStore } from '../agents/index.js';
import type { Language } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { Db, Queryable } from '../storage/index.js';
import { recordEvent } from '../outbox/index.js';
import { type AgentActor, isOpen, isTicketError, recordTicketChange, requestCallback, statusLabel, type Ticket, TicketError, type TicketService, type TicketStatus, ticketSnapshot } from '../tickets/index.js';
import * as say from './adminMessages.js';
import type { EventBus, HandoffEvent } from './eventBus.js';
import type { ChatMessage, Handoff, HandoffStore } from './handoffStore.js';
import type { AdminRelay, ConversationRef, RelayedMessage } from './relay.js';
import { AGENT_MARK, type StoredTranscript, type TranscriptStore } from './transcripts.js';

/**
 * The human handoff. On the admin's side (HandoffPort): announce the handoff to any contact centre
 * listening (the standard `handoff.initiate` event with the transcript), queue the conversation for
 * the built-in console, and while a handoff is live take the admin's messages away from the dialogs.
 * On the agent's side: claim, chat, release, hand back and change status, telling the admin each time.
 *
 * Delivery across instances: the instance that handles an agent's request writes to the admin itself
 * (a proactive message through the stored conversation reference), so an admin message is never sent
 * twice; the event bus only tells consoles that something changed.
 */

/**
 * The admin's side of a turn, as the conversation layer hands it over: who and where, and how to answer
 * in this turn. The handoff knows nothing of the channel's activity types.
 */
export interface AdminTurn {
  conversationId: string;
  /** The language of this turn; what the handoff answers in it is written in it (the ticket's language when absent). */
  language?: Language;
  /** Sends a message to the admin in this turn. */
  reply(text: string): Promise<unknown>;
  /** Announces the handoff to a contact centre connected to the bot (the standard `handoff.initiate` event). */
  announce(transcript: StoredTranscript, context: { skill: string; ticket: string; severity: string }): Promise<unknown>;
}

/** A message the admin wrote while a handoff is live, read by the conversation layer. */
export interface AdminMessage {
  /** What a person sees of it (text, else its cards' text). */
  text: string;
  /** The requester id the ticket knows the admin by. */
  requesterId: string;
  /** A global command the conversation layer recognised ("help", "cancel"), which the handoff answers itself. */
  command?: 'help' | 'cancel';
}

/** How the conversation hands an admin to a person once a request is filed, and routes their messages while one is involved. */
export interface HandoffPort {
  /** Called right after a ticket is filed and confirmed in this conversation. */
  startHandoff(turn: AdminTurn, ticket: Ticket): Promise<void>;
  /** True when the message was taken by the handoff (relayed to an agent or answered); the dialogs then skip it. */
  routeMessage(turn: AdminTurn, message: AdminMessage): Promise<boolean>;
  /** A notice in the ticket's chat for the agents (e.g. the admin declined a file in Teams), in or out of a live chat. */
  noteForAgents(ticketNumber: string, text: string): Promise<void>;
}

export interface AgentActionResult {
  ticket: Ticket;
  handoff: Handoff | null;
  /** False when the admin's conversation could not be reached (or there is none). */
  adminNotified: boolean;
}

export interface HandoffService extends HandoffPort {
  /** Online agents not in a live chat (feeds the expected-wait estimate). */
  agentsAvailable(): Promise<number>;
  claim(number: string, agent: Agent): Promise<AgentActionResult>;
  /** Unassigns the agent; a live chat goes back to waiting for the next agent. */
  release(number: string, agent: Agent): Promise<AgentActionResult>;
  sendToAdmin(number: string, agent: Agent, text: string): Promise<{ message: ChatMessage; delivered: boolean }>;
  /** Ends the live chat; the admin talks to the assistant again. The ticket keeps its agent and status. */
  handBack(number: string, agent: Agent): Promise<AgentActionResult>;
  setStatus(number: string, agent: Agent, to: AgentSettableStatus, note?: string): Promise<AgentActionResult>;
  /**
   * Takes an open ticket over from the agent who claimed it (and their live chat with the admin):
   * recorded in the ticket history, told to the admin, and to the other agent (a `takeover` event).
   * On a ticket nobody else holds it is a plain claim.
   */
  takeOver(number: string, agent: Agent): Promise<AgentActionResult>;
  readonly store: HandoffStore;
}

export const agentSettableStatuses = ['in_progress', 'waiting_on_customer', 'resolved', 'closed'] as const satisfies readonly TicketStatus[];
export type AgentSettableStatus = (typeof agentSettableStatuses)[number];

/** What the human handoff needs from the composition root: a way into conversations, and events. */
export interface HandoffWiring {
  relay: AdminRelay;
  events: EventBus;
  log: Logger;
  /** See HandoffDeps.followUpAfterStatus: the conversation's question after a request ended. */
  followUpAfterStatus?: HandoffDeps['followUpAfterStatus'];
}

export interface HandoffDeps {
  db: Db;
  tickets: TicketService;
  agents: AgentStore;
  store: HandoffStore;
  transcripts: TranscriptStore;
  relay: AdminRelay;
  events: EventBus;
  log: Logger;
  now?: () => Date;
  /**
   * Messages for the admin right after they were told their request was resolved or closed (the
   * conversation's satisfaction question); [] when there is nothing to ask. Failures are logged.
   */
  followUpAfterStatus?: (ticket: Ticket, to: 'resolved' | 'closed') => Promise<RelayedMessage[]>;
}

/** Reads made on the admin's behalf by the assistant itself: it may see the ticket it handed off. */
const ASSISTANT: AgentActor = { kind: 'agent', agentId: 'assistant' };

const conflict = (message: string) => new TicketError('illegal_transition', message);

function conversationIdOf(ticket: Ticket): string | undefined {
  const id = (ticket.conversationReference as ConversationRef | null)?.conversation?.id;
  return typeof id === 'string' && id ? id : undefined;
}

export function createHandoffService(deps: HandoffDeps): HandoffService {
  const { db, tickets, agents, store, transcripts, relay, events, log } = deps;
  const now = deps.now ?? (() => new Date());
  const actor = (agent: Agent): AgentActor => ({ kind: 'agent', agentId: agent.id });

  const publish = async (event: HandoffEvent) => {
    try {
      await events.publish(event);
    } catch (err) {
      log.warn({ err, event }, 'could not publish a handoff event');
    }
  };

  // Every committed change of a ticket reaches the consoles, whoever made it: an admin reopening or adding
  // information in the conversation as much as an agent here (their open ticket panel re-reads it).
  tickets.onChange((number) => void publish({ type: 'ticket', ticket: number }));

  const notice = async (ticketNumber: string, text: string) => {
    const message = await store.addMessage({ ticketNumber, sender: 'system', text });
    await publish({ type: 'message', ticket: ticketNumber, id: message.id });
  };

  /** Writes into the admin's conversation; false when there is none or the channel refused. */
  const tell = async (ticket: Ticket, text: string, agent?: Agent): Promise<boolean> => {
    if (!ticket.conversationReference) return false;
    try {
      await relay(ticket.conversationReference as ConversationRef, {
        type: 'message',
        text,
        textFormat: 'markdown',
        ...(agent ? { channelData: { [AGENT_MARK]: { id: agent.id, name: agent.name } } } : {}),
      });
      return true;
    } catch (err) {
      log.warn({ err: { message: (err as Error).message }, ticket: ticket.number }, "could not reach the admin's conversation");
      return false;
    }
  };

  /**
   * Puts the agent in a live chat with the ticket's admin: takes over the live handoff, or starts one
   * (a ticket whose admin left the queue, or that nobody was online for). `joined` is false when the
   * agent was already in it; `handoff` is null when there is no conversation to join.
   */
  const join = async (ticket: Ticket, agent: Agent, fromAgentIds: readonly string[] = []): Promise<{ handoff: Handoff | null; joined: boolean }> => {
    let live = await store.liveForTicket(ticket.number);
    if (!live) {
      const conversationId = conversationIdOf(ticket);
      if (!conversationId || !isOpen(ticket.status)) return { handoff: null, joined: false };
      const started = await store.start({ conversationId, ticketNumber: ticket.number, status: 'with_agent', agentId: agent.id });
      if (started.created) return { handoff: started.handoff, joined: true };
      // The admin is in a live handoff about another request; this one has to wait for it to end.
      if (started.handoff.ticketNumber !== ticket.number) return { handoff: null, joined: false };
      live = started.handoff;
    }
    if (live.status === 'with_agent' && live.agentId === agent.id) return { handoff: live, joined: false };
    const taken = await store.takeOver(live.id, agent.id, fromAgentIds);
    if (!taken) {
      const holder = live.agentId ? await agents.get(live.agentId) : undefined;
      throw conflict(`${ticket.number} is in a live chat with ${holder?.name ?? 'another agent'}.`);
    }
    return { handoff: taken, joined: true };
  };

  /**
   * Who, other than this agent, owns an open ticket: the agent in its live chat, else the agent who
   * claimed it. Only they may act on it (status, hand back, release, write) until someone takes it over.
   */
  const otherOwner = (ticket: Ticket, live: Handoff | undefined, agent: Agent): { id: string; inChat: boolean } | undefined => {
    if (!isOpen(ticket.status)) return undefined;
    if (live?.status === 'with_agent' && live.agentId && live.agentId !== agent.id) return { id: live.agentId, inChat: true };
    if (ticket.assignedAgentId && ticket.assignedAgentId !== agent.id) return { id: ticket.assignedAgentId, inChat: false };
    return undefined;
  };

  /** Refuses (409) an agent acting on a ticket someone else owns, naming them and the way out. */
  const refuseIfOwnedByOther = async (ticket: Ticket, live: Handoff | undefined, agent: Agent, what: string) => {
    const owner = otherOwner(ticket, live, agent);
    if (!owner) return;
    const name = (await agents.names()).get(owner.id) ?? owner.id;
    throw conflict(
      `${ticket.number} is claimed by ${name}${owner.inChat ? ', who is in a live chat with the admin' : ''}; only they can ${what}. ` +
        'Take it over first if you need to.',
    );
  };

  /** What the conversation asks after a request ended (its satisfaction question), right after the admin was told. */
  const followUp = async (ticket: Ticket, to: 'resolved' | 'closed') => {
    if (!deps.followUpAfterStatus || !ticket.conversationReference) return;
    try {
      for (const message of await deps.followUpAfterStatus(ticket, to)) await relay(ticket.conversationReference as ConversationRef, message);
    } catch (err) {
      log.warn({ err: { message: (err as Error).message }, ticket: ticket.number }, 'could not send the follow-up after a status change');
    }
  };

  const announceJoin = async (ticket: Ticket, agent: Agent) => {
    await notice(ticket.number, say.notices.joined(agent.name));
    return tell(ticket, say.agentJoined(ticket.number, agent.name, ticket.language), agent);
  };

  const service: HandoffService = {
    store,

    agentsAvailable: () => agents.availableCount(),

    async startHandoff(turn, ticket) {
      const { conversationId } = turn;
      try {
        // For a contact centre connected to this bot (the Bot Framework handoff protocol). Web Chat and
        // Teams ignore events they do not know; a channel that refuses one must not stop the handoff.
        const transcript = await transcripts.transcript(conversationId);
        await turn.announce(transcript, { skill: 'support', ticket: ticket.number, severity: ticket.severity });
      } catch (err) {
        log.warn({ err: { message: (err as Error).message }, ticket: ticket.number }, 'the channel did not take the handoff.initiate event');
      }

      const started = (mode: 'live' | 'callback') => async (tx: Queryable) => {
        await recordEvent(tx, { type: 'handoff.started', subject: ticket.number, occurredAt: now(), data: { ticket: ticketSnapshot(ticket), mode, conversationId } });
      };
      if ((await agents.onlineCount()) === 0) {
        await db.transaction(async (tx) => {
          if (await requestCallback(tx, ticket.number)) await started('callback')(tx);
        });
        await notice(ticket.number, say.notices.noAgent(ticket.number));
        await turn.reply(say.noAgentOnline(ticket, turn.language ?? ticket.language));
        await publish({ type: 'ticket', ticket: ticket.number });
        return;
      }
      const { handoff, created } = await store.start({ conversationId, ticketNumber: ticket.number, status: 'waiting' }, started('live'));
      if (!created && handoff.ticketNumber !== ticket.number) {
        log.warn({ ticket: ticket.number, live: handoff.ticketNumber }, 'a conversation with a live handoff filed another request');
        return;
      }
      const wait = await tickets.expectedWait(ticket, { agentsAvailable: await agents.availableCount(), now: now(), language: turn.language ?? ticket.language });
      await notice(ticket.number, say.notices.queued(ticket.number));
      await turn.reply(say.queued(ticket, wait, turn.language ?? ticket.language));
      await publish({ type: 'ticket', ticket: ticket.number });
    },

    noteForAgents: (ticketNumber, text) => notice(ticketNumber, text),

    async routeMessage(turn, message) {
      const { conversationId } = turn;
      if (!conversationId) return false;
      const live = await store.liveForConversation(conversationId);
      if (!live) return false;
      const ticket = await tickets.getTicket(live.ticketNumber, ASSISTANT);
      const text = message.text.trim() || say.notices.emptyMessage;
      const agent = live.agentId ? await agents.get(live.agentId) : undefined;
      const language = turn.language ?? ticket.language;
      const agentName = agent?.name ?? say.engineerFallback(language);

      if (message.command === 'help') {
        await turn.reply(live.status === 'waiting' ? say.waitingHelp(ticket.number, language) : say.chatHelp(ticket.number, agentName, language));
        return true;
      }
      if (message.command === 'cancel') {
        await store.end(live.id, 'cancelled');
        await notice(ticket.number, live.status === 'waiting' ? say.notices.adminLeftQueue : say.notices.adminLeftChat);
        await turn.reply(live.status === 'waiting' ? say.leftQueue(ticket, language) : say.leftChat(ticket, agentName, language));
        await publish({ type: 'ticket', ticket: ticket.number });
        return true;
      }

      const stored = await store.addMessage({ ticketNumber: ticket.number, sender: 'admin', text });
      await publish({ type: 'message', ticket: ticket.number, id: stored.id });
      if (ticket.status === 'waiting_on_customer') {
        // The reply the agent was waiting for: recorded on the ticket, which puts it back in progress.
        try {
          await tickets.addInformation(ticket.number, { kind: 'requester', requesterId: message.requesterId }, text);
          await publish({ type: 'ticket', ticket: ticket.number });
        } catch (err) {
          if (!isTicketError(err)) throw err;
        }
      }
      if (live.status === 'waiting' && (await store.markWaitingNoted(live.id))) {
        await turn.reply(say.waitingNoted(ticket.number, language));
      }
      return true;
    },

    async claim(number, agent) {
      const current = await tickets.getTicket(number, actor(agent));
      if (!isOpen(current.status)) throw conflict(`${current.number} is ${statusLabel(current.status)}; it can't be claimed.`);
      if (current.assignedAgentId && current.assignedAgentId !== agent.id) {
        const holder = (await agents.names()).get(current.assignedAgentId);
        throw conflict(`${current.number} is already claimed by ${holder ?? current.assignedAgentId}; take it over if you need to act on it.`);
      }
      const { handoff, joined } = await join(current, agent);
      const ticket = current.assignedAgentId === agent.id ? current : await tickets.assign(current.number, actor(agent));
      const adminNotified = joined ? await announceJoin(ticket, agent) : false;
      await publish({ type: 'ticket', ticket: ticket.number });
      return { ticket, handoff, adminNotified };
    },

    async release(number, agent) {
      const current = await tickets.getTicket(number, actor(agent));
      const live = await store.liveForTicket(current.number);
      await refuseIfOwnedByOther(current, live, agent, 'release it');
      if (current.assignedAgentId !== agent.id) throw conflict(`${current.number} is not claimed by you.`);
      const ticket = await tickets.assign(current.number, actor(agent), null);
      let handoff: Handoff | null = live ?? null;
      let adminNotified = false;
      if (live && live.status === 'with_agent' && live.agentId === agent.id) {
        handoff = (await store.requeue(live.id)) ?? null;
        await notice(ticket.number, say.notices.left(agent.name));
        adminNotified = await tell(ticket, say.agentLeft(ticket.number, agent.name, ticket.language));
      }
      await publish({ type: 'ticket', ticket: ticket.number });
      return { ticket, handoff, adminNotified };
    },

    async sendToAdmin(number, agent, text) {
      const ticket = await tickets.getTicket(number, actor(agent));
      await refuseIfOwnedByOther(ticket, await store.liveForTicket(ticket.number), agent, 'write to the admin');
      if (ticket.assignedAgentId !== agent.id) throw conflict(`Claim ${ticket.number} before writing to the admin.`);
      if (!isOpen(ticket.status)) throw conflict(`${ticket.number} is ${statusLabel(ticket.status)}; reopen it before writing to the admin.`);
      if (!ticket.conversationReference) throw conflict(`${ticket.number} has no conversation to write to; contact the admin by their preferred method.`);
      const { handoff, joined } = await join(ticket, agent);
      if (!handoff) throw conflict(`The admin of ${ticket.number} is in a live chat about another request right now; try again later.`);
      if (joined) await announceJoin(ticket, agent);
      // Kept in the chat either way: the agent has responded (the first response objective counts it).
      await tickets.recordResponse(ticket.number, actor(agent));
      const responded = ticket.firstResponseAt ? ticket : await tickets.getTicket(ticket.number, actor(agent));
      // The message and its outbox event (email and Teams notifications, webhooks) in one transaction.
      const message = await store.addMessage({ ticketNumber: ticket.number, sender: 'agent', agentId: agent.id, text }, (tx, m) =>
        recordTicketChange(tx, responded, actor(agent), m.at, { kind: 'agent_message', agentId: agent.id, agentName: agent.name, text, messageId: String(m.id) }),
      );
      await publish({ type: 'message', ticket: ticket.number, id: message.id });
      const delivered = await tell(ticket, say.fromAgent(agent.name, text, ticket.language), agent);
      if (!delivered) await notice(ticket.number, say.notices.undelivered);
      return { message, delivered };
    },

    async handBack(number, agent) {
      const current = await tickets.getTicket(number, actor(agent));
      const live = await store.liveForTicket(current.number);
      await refuseIfOwnedByOther(current, live, agent, 'hand the admin back to the assistant');
      if (!live) throw conflict(`There is no live chat on ${current.number} to hand back.`);
      if (live.status === 'with_agent' && live.agentId !== agent.id) throw conflict(`${current.number} is in a live chat with another agent.`);
      const ended = await store.end(live.id, 'handed_back');
      await notice(current.number, say.notices.handedBack(agent.name));
      const adminNotified = await tell(current, say.handedBack(current, agent.name, current.language));
      await publish({ type: 'ticket', ticket: current.number });
      return { ticket: current, handoff: ended ?? null, adminNotified };
    },

    async setStatus(number, agent, to, note) {
      const current = await tickets.getTicket(number, actor(agent));
      await refuseIfOwnedByOther(current, await store.liveForTicket(current.number), agent, 'change its status');
      // ownerOnly: checked again in the status change's own transaction, against a claim made meanwhile.
      const ticket = await tickets.setStatus(current.number, actor(agent), to, { note, ownerOnly: true });
      const live = await store.liveForTicket(ticket.number);
      let handoff = live ?? null;
      const ends = to === 'resolved' || to === 'closed';
      if (live && ends) handoff = (await store.end(live.id, to)) ?? null;
      await notice(ticket.number, say.notices.status(agent.name, to));
      const adminNotified = await tell(ticket, say.statusChanged(ticket, agent.name, note, !!live && ends, ticket.language));
      if (adminNotified && ends) await followUp(ticket, to);
      await publish({ type: 'ticket', ticket: ticket.number });
      return { ticket, handoff, adminNotified };
    },

    async takeOver(number, agent) {
      const current = await tickets.getTicket(number, actor(agent));
      if (!isOpen(current.status)) throw conflict(`${current.number} is ${statusLabel(current.status)}; it can't be taken over.`);
      const live = await store.liveForTicket(current.number);
      const owner = otherOwner(current, live, agent);
      if (!owner) return service.claim(current.number, agent);
      // The ticket first: its row lock settles a race with the owner releasing it or another take-over.
      const ticket = current.assignedAgentId === agent.id ? current : await tickets.takeOver(current.number, actor(agent), current.assignedAgentId);
      // Then the chat, from whoever had it or the ticket: when two take-overs overlap, the later ticket
      // owner can still take it from the earlier one, and the earlier one can no longer take it back.
      const from = [live?.status === 'with_agent' ? live.agentId : null, current.assignedAgentId].filter((id): id is string => !!id && id !== agent.id);
      const { handoff, joined } = await join(ticket, agent, from);
      const fromName = (await agents.names()).get(owner.id) ?? owner.id;
      await notice(ticket.number, say.notices.tookOver(agent.name, fromName));
      // `joined` is false only when there is no chat to join (no conversation, or the admin is busy elsewhere).
      const adminNotified = joined ? await tell(ticket, say.agentTookOver(ticket.number, agent.name, fromName, ticket.language), agent) : false;
      await publish({ type: 'ticket', ticket: ticket.number });
      await publish({ type: 'takeover', ticket: ticket.number, from: owner.id, by: agent.id });
      log.info({ ticket: ticket.number, from: owner.id, by: agent.id }, 'an agent took over a ticket');
      return { ticket, handoff, adminNotified };
    },
  };
  return service;
}
