import type { ConversationServices } from '../dialogs/services.js';
import { createAgentStore, type AgentStore } from './agents/agentStore.js';
import type { Config } from './config.js';
import type { EventBus } from './handoff/eventBus.js';
import { createHandoffService, type HandoffService } from './handoff/handoffService.js';
import { createHandoffStore } from './handoff/handoffStore.js';
import type { AdminRelay } from './handoff/relay.js';
import { createTranscriptStore, type TranscriptStore } from './handoff/transcripts.js';
import { createClassifier } from './knowledge/classifier.js';
import { loadKnowledge } from './knowledge/loadKnowledge.js';
import { createIncidentService } from './serviceHealth/incidents.js';
import { recordSelfHelpOutcome } from './selfHelp/outcomes.js';
import type { Db } from './storage/db.js';
import { responseDueAt } from './support/index.js';
import { createTicketService } from './tickets/ticketService.js';
import type { Logger } from './logger.js';

/** What the human handoff needs from the composition root: a way into conversations, and events. */
export interface HandoffWiring {
  relay: AdminRelay;
  events: EventBus;
  log: Logger;
}

/** The conversation's services plus what the agent side (API, console) uses. */
export type AppServices = ConversationServices & {
  agents: AgentStore;
  transcripts: TranscriptStore;
  /** Present when the handoff is wired (the running server); the dialogs then hand off after filing. */
  handoff?: HandoffService;
};

/**
 * Builds the services the conversation uses. The knowledge base is loaded and indexed once here, so a
 * bad article stops start-up and no turn pays for indexing.
 */
export function createConversationServices(db: Db, config: Config, now: () => Date = () => new Date(), handoffWiring?: HandoffWiring): AppServices {
  const knowledge = loadKnowledge();
  const tickets = createTicketService({
    db,
    now,
    responseDue: ({ planId, ...rest }) => responseDueAt({ ...rest, planId: planId ?? undefined }),
  });
  const agents = createAgentStore(db, { now, onlineMinutes: config.AGENT_ONLINE_MINUTES });
  const transcripts = createTranscriptStore(db);
  const handoff = handoffWiring
    ? createHandoffService({ db, tickets, agents, transcripts, store: createHandoffStore(db, now), now, ...handoffWiring })
    : undefined;
  return {
    knowledge,
    classifier: createClassifier(knowledge),
    tickets,
    incidents: createIncidentService(db, now),
    recordSelfHelp: (outcome) => recordSelfHelpOutcome(db, outcome),
    admins: { aadObjectIds: config.ADMIN_AAD_OBJECT_IDS, tenantIds: config.ADMIN_TENANT_IDS },
    // Online agents not in a live chat; with none, every estimate falls back to the response-time objective.
    agentsAvailable: () => agents.availableCount(),
    now,
    handoff,
    agents,
    transcripts,
  };
}
