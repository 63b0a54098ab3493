import type { Knowledge } from '../src/knowledge/articleSchema.js';
import type { Classifier } from '../src/knowledge/classifier.js';
import type { IncidentService } from '../src/serviceHealth/incidents.js';
import type { SelfHelpOutcome } from '../src/selfHelp/outcomes.js';
import type { TicketService } from '../src/tickets/ticketService.js';
import type { Ticket } from '../src/tickets/ticketTypes.js';
import type { TurnContext } from 'botbuilder';

/**
 * Hands a conversation to a human agent once a request is filed, and routes the admin's messages to
 * the agent while one is involved. Implemented by src/handoff/ (the handoff issue).
 */
export interface HandoffPort {
  /** Called right after a ticket is filed and confirmed in this conversation. */
  startHandoff(context: TurnContext, ticket: Ticket): Promise<void>;
  /** True when the message was taken by the handoff (relayed to an agent or answered); the dialogs then skip it. */
  routeMessage(context: TurnContext): Promise<boolean>;
}

/** The plain services the dialogs call; they know nothing of Bot Framework. */
export interface ConversationServices {
  knowledge: Knowledge;
  classifier: Classifier;
  tickets: TicketService;
  incidents: IncidentService;
  recordSelfHelp(outcome: SelfHelpOutcome): Promise<void>;
  /** People treated as business admins without asking (from configuration). */
  admins: { aadObjectIds: readonly string[]; tenantIds: readonly string[] };
  /** Agents online now (the handoff issue supplies the real number). */
  agentsAvailable(): Promise<number>;
  now(): Date;
  handoff?: HandoffPort;
}
