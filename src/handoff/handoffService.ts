import { EventFactory, type ConversationReference, type TurnContext } from 'botbuilder';
import { requesterId } from '../../dialogs/caseState.js';
import { detectIntent } from '../../dialogs/intents.js';
import type { HandoffPort } from '../../dialogs/services.js';
import type { Agent, AgentStore } from '../agents/agentStore.js';
import type { Logger } from '../logger.js';
import type { Db } from '../storage/db.js';
import { isOpen, statusLabel } from '../tickets/statusRules.js';
import { isTicketError, TicketError } from '../tickets/ticketError.js';
import type { TicketService } from '../tickets/ticketService.js';
import type { AgentActor, Ticket, TicketStatus } from '../tickets/ticketTypes.js';
import * as say from './adminMessages.js';
import { requestCallback } from './callbackRequest.js';
import type { EventBus, HandoffEvent } from './eventBus.js';
import type { ChatMessage, Handoff, HandoffStore } from './handoffStore.js';
import type { AdminRelay } from './relay.js';
import { AGENT_MARK, displayText, type TranscriptStore } from './transcripts.js';

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
  readonly store: HandoffStore;
}

export const agentSettableStatuses = ['in_progress', 'waiting_on_customer', 'resolved', 'closed'] as const satisfies readonly TicketStatus[];
export type AgentSettableStatus = (typeof agentSettableStatuses)[number];

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
}

/** Reads made on the admin's behalf by the assistant itself: it may see the ticket it handed off. */
const ASSISTANT: AgentActor = { kind: 'agent', agentId: 'assistant' };

const conflict = (message: string) => new TicketError('illegal_transition', message);

function conversationIdOf(ticket: Ticket): string | undefined {
  const id = (ticket.conversationReference as Partial<ConversationReference> | null)?.conversation?.id;
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

  const notice = async (ticketNumber: string, text: string) => {
    const message = await store.addMessage({ ticketNumber, sender: 'system', text });
    await publish({ type: 'message', ticket: ticketNumber, id: message.id });
  };

  /** Writes into the admin's conversation; false when there is none or the channel refused. */
  const tell = async (ticket: Ticket, text: string, agent?: Agent): Promise<boolean> => {
    if (!ticket.conversationReference) return false;
    try {
      await relay(ticket.conversationReference as Partial<ConversationReference>, {
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
  const join = async (ticket: Ticket, agent: Agent): Promise<{ handoff: Handoff | null; joined: boolean }> => {
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
    const taken = await store.takeOver(live.id, agent.id);
    if (!taken) {
      const holder = live.agentId ? await agents.get(live.agentId) : undefined;
      throw conflict(`${ticket.number} is in a live chat with ${holder?.name ?? 'another agent'}.`);
    }
    return { handoff: taken, joined: true };
  };

  const announceJoin = async (ticket: Ticket, agent: Agent) => {
    await notice(ticket.number, say.notices.joined(agent.name));
    return tell(ticket, say.agentJoined(ticket.number, agent.name), agent);
  };

  const service: HandoffService = {
    store,

    agentsAvailable: () => agents.availableCount(),

    async startHandoff(context: TurnContext, ticket: Ticket) {
      const conversationId = context.activity.conversation.id;
      try {
        // For a contact centre connected to this bot (the Bot Framework handoff protocol). Web Chat and
        // Teams ignore events they do not know; a channel that refuses one must not stop the handoff.
        const transcript = await transcripts.transcript(conversationId);
        await context.sendActivity(
          EventFactory.createHandoffInitiation(context, { skill: 'support', ticket: ticket.number, severity: ticket.severity }, transcript),
        );
      } catch (err) {
        log.warn({ err: { message: (err as Error).message }, ticket: ticket.number }, 'the channel did not take the handoff.initiate event');
      }

      if ((await agents.onlineCount()) === 0) {
        await requestCallback(db, ticket.number);
        await notice(ticket.number, say.notices.noAgent(ticket.number));
        await context.sendActivity(say.noAgentOnline(ticket));
        await publish({ type: 'ticket', ticket: ticket.number });
        return;
      }
      const { handoff, created } = await store.start({ conversationId, ticketNumber: ticket.number, status: 'waiting' });
      if (!created && handoff.ticketNumber !== ticket.number) {
        log.warn({ ticket: ticket.number, live: handoff.ticketNumber }, 'a conversation with a live handoff filed another request');
        return;
      }
      const wait = await tickets.expectedWait(ticket, { agentsAvailable: await agents.availableCount(), now: now() });
      await notice(ticket.number, say.notices.queued(ticket.number));
      await context.sendActivity(say.queued(ticket, wait));
      await publish({ type: 'ticket', ticket: ticket.number });
    },

    async routeMessage(context: TurnContext) {
      const conversationId = context.activity.conversation?.id;
      if (!conversationId) return false;
      const live = await store.liveForConversation(conversationId);
      if (!live) return false;
      const ticket = await tickets.getTicket(live.ticketNumber, ASSISTANT);
      const text = displayText(context.activity).trim() || '(sent something without text)';
      const intent = detectIntent(context.activity.text);
      const agent = live.agentId ? await agents.get(live.agentId) : undefined;
      const agentName = agent?.name ?? 'the engineer';

      if (intent?.kind === 'help') {
        await context.sendActivity(live.status === 'waiting' ? say.waitingHelp(ticket.number) : say.chatHelp(ticket.number, agentName));
        return true;
      }
      if (intent?.kind === 'cancel') {
        await store.end(live.id, 'cancelled');
        await notice(ticket.number, live.status === 'waiting' ? say.notices.adminLeftQueue : say.notices.adminLeftChat);
        await context.sendActivity(live.status === 'waiting' ? say.leftQueue(ticket) : say.leftChat(ticket, agentName));
        await publish({ type: 'ticket', ticket: ticket.number });
        return true;
      }

      const message = await store.addMessage({ ticketNumber: ticket.number, sender: 'admin', text });
      await publish({ type: 'message', ticket: ticket.number, id: message.id });
      if (ticket.status === 'waiting_on_customer') {
        // The reply the agent was waiting for: recorded on the ticket, which puts it back in progress.
        try {
          await tickets.addInformation(ticket.number, { kind: 'requester', requesterId: requesterId(context) }, text);
          await publish({ type: 'ticket', ticket: ticket.number });
        } catch (err) {
          if (!isTicketError(err)) throw err;
        }
      }
      if (live.status === 'waiting' && (await store.markWaitingNoted(live.id))) {
        await context.sendActivity(say.waitingNoted(ticket.number));
      }
      return true;
    },

    async claim(number, agent) {
      const current = await tickets.getTicket(number, actor(agent));
      if (!isOpen(current.status)) throw conflict(`${current.number} is ${statusLabel(current.status)}; it can't be claimed.`);
      if (current.assignedAgentId && current.assignedAgentId !== agent.id) {
        const holder = await agents.get(current.assignedAgentId);
        throw conflict(`${current.number} is already claimed by ${holder?.name ?? current.assignedAgentId}.`);
      }
      const { handoff, joined } = await join(current, agent);
      const ticket = current.assignedAgentId === agent.id ? current : await tickets.assign(current.number, actor(agent));
      const adminNotified = joined ? await announceJoin(ticket, agent) : false;
      await publish({ type: 'ticket', ticket: ticket.number });
      return { ticket, handoff, adminNotified };
    },

    async release(number, agent) {
      const current = await tickets.getTicket(number, actor(agent));
      if (current.assignedAgentId !== agent.id) throw conflict(`${current.number} is not claimed by you.`);
      const ticket = await tickets.assign(current.number, actor(agent), null);
      const live = await store.liveForTicket(ticket.number);
      let handoff: Handoff | null = live ?? null;
      let adminNotified = false;
      if (live && live.status === 'with_agent' && live.agentId === agent.id) {
        handoff = (await store.requeue(live.id)) ?? null;
        await notice(ticket.number, say.notices.left(agent.name));
        adminNotified = await tell(ticket, say.agentLeft(ticket.number, agent.name));
      }
      await publish({ type: 'ticket', ticket: ticket.number });
      return { ticket, handoff, adminNotified };
    },

    async sendToAdmin(number, agent, text) {
      const ticket = await tickets.getTicket(number, actor(agent));
      if (ticket.assignedAgentId !== agent.id) throw conflict(`Claim ${ticket.number} before writing to the admin.`);
      if (!isOpen(ticket.status)) throw conflict(`${ticket.number} is ${statusLabel(ticket.status)}; reopen it before writing to the admin.`);
      if (!ticket.conversationReference) throw conflict(`${ticket.number} has no conversation to write to; contact the admin by their preferred method.`);
      const { handoff, joined } = await join(ticket, agent);
      if (!handoff) throw conflict(`The admin of ${ticket.number} is in a live chat about another request right now; try again later.`);
      if (joined) await announceJoin(ticket, agent);
      const message = await store.addMessage({ ticketNumber: ticket.number, sender: 'agent', agentId: agent.id, text });
      await publish({ type: 'message', ticket: ticket.number, id: message.id });
      const delivered = await tell(ticket, say.fromAgent(agent.name, text), agent);
      if (!delivered) await notice(ticket.number, say.notices.undelivered);
      return { message, delivered };
    },

    async handBack(number, agent) {
      const current = await tickets.getTicket(number, actor(agent));
      const live = await store.liveForTicket(current.number);
      if (!live) throw conflict(`There is no live chat on ${current.number} to hand back.`);
      if (live.status === 'with_agent' && live.agentId !== agent.id) throw conflict(`${current.number} is in a live chat with another agent.`);
      const ended = await store.end(live.id, 'handed_back');
      await notice(current.number, say.notices.handedBack(agent.name));
      const adminNotified = await tell(current, say.handedBack(current, agent.name));
      await publish({ type: 'ticket', ticket: current.number });
      return { ticket: current, handoff: ended ?? null, adminNotified };
    },

    async setStatus(number, agent, to, note) {
      const ticket = await tickets.setStatus(number, actor(agent), to, { note });
      const live = await store.liveForTicket(ticket.number);
      let handoff = live ?? null;
      const ends = to === 'resolved' || to === 'closed';
      if (live && ends) handoff = (await store.end(live.id, to)) ?? null;
      await notice(ticket.number, say.notices.status(agent.name, to));
      const adminNotified = await tell(ticket, say.statusChanged(ticket, agent.name, note, !!live && ends));
      await publish({ type: 'ticket', ticket: ticket.number });
      return { ticket, handoff, adminNotified };
    },
  };
  return service;
}
