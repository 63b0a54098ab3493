import type { ConversationServices } from '../dialogs/services.js';
import type { Config } from './config.js';
import { createClassifier } from './knowledge/classifier.js';
import { loadKnowledge } from './knowledge/loadKnowledge.js';
import { createIncidentService } from './serviceHealth/incidents.js';
import { recordSelfHelpOutcome } from './selfHelp/outcomes.js';
import type { Db } from './storage/db.js';
import { responseDueAt } from './support/index.js';
import { createTicketService } from './tickets/ticketService.js';

/**
 * Builds the services the conversation uses. The knowledge base is loaded and indexed once here, so a
 * bad article stops start-up and no turn pays for indexing.
 */
export function createConversationServices(db: Db, config: Config, now: () => Date = () => new Date()): ConversationServices {
  const knowledge = loadKnowledge();
  return {
    knowledge,
    classifier: createClassifier(knowledge),
    tickets: createTicketService({
      db,
      now,
      responseDue: ({ planId, ...rest }) => responseDueAt({ ...rest, planId: planId ?? undefined }),
    }),
    incidents: createIncidentService(db, now),
    recordSelfHelp: (outcome) => recordSelfHelpOutcome(db, outcome),
    admins: { aadObjectIds: config.ADMIN_AAD_OBJECT_IDS, tenantIds: config.ADMIN_TENANT_IDS },
    // No agent presence yet: every estimate falls back to the response-time objective.
    agentsAvailable: async () => 0,
    now,
  };
}
