import { satisfactionFollowUp, type ConversationServices } from '../dialogs/index.js';
import { createAgentStore, type AgentStore } from './agents/index.js';
import type { Config } from './config.js';
import {
  createAvailability,
  createHandoffService,
  createHandoffStore,
  createTranscriptStore,
  type AvailabilityService,
  type HandoffService,
  type HandoffWiring,
  type TranscriptStore,
} from './handoff/index.js';
import { createClassifier, loadKnowledge } from './knowledge/index.js';
import { createInsightsRecorder } from './insights/index.js';
import { createIncidentService } from './serviceHealth/index.js';
import { recordSelfHelpOutcome } from './selfHelp/index.js';
import type { Db } from './storage/index.js';
import { responseDueAt } from './support/index.js';
import { createTicketService, waitingTicketCount } from './tickets/index.js';

/** The conversation's services plus what the agent side (API, console) uses. */
export type AppServices = ConversationServices & {
  agents: AgentStore;
  transcripts: TranscriptStore;
  availability: AvailabilityService;
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
  const handoffStore = createHandoffStore(db, now);
  const agents = createAgentStore(db, { now, onlineMinutes: config.AGENT_ONLINE_MINUTES, busyAgentIds: () => handoffStore.busyAgentIds() });
  const transcripts = createTranscriptStore(db);
  const insights = createInsightsRecorder(db, { now, timeZone: config.INSIGHTS_TIME_ZONE });
  // After an agent resolved or closed a request, the conversation's satisfaction question follows the news.
  const handoff = handoffWiring
    ? createHandoffService({ db, tickets, agents, transcripts, store: handoffStore, now, ...handoffWiring, followUpAfterStatus: handoffWiring.followUpAfterStatus ?? satisfactionFollowUp(insights) })
    : undefined;
  return {
    knowledge,
    classifier: createClassifier(knowledge),
    tickets,
    incidents: createIncidentService(db, now),
    recordSelfHelp: (outcome) => recordSelfHelpOutcome(db, outcome),
    insights,
    admins: { aadObjectIds: config.ADMIN_AAD_OBJECT_IDS, tenantIds: config.ADMIN_TENANT_IDS },
    // Online agents not in a live chat; with none, every estimate falls back to the response-time objective.
    agentsAvailable: () => agents.availableCount(),
    availability: createAvailability({ agents, waitingTickets: () => waitingTicketCount(db), now }),
    now,
    handoff,
    agents,
    transcripts,
  };
}
