import type { Knowledge } from '../src/knowledge/articleSchema.js';
import type { Classifier } from '../src/knowledge/classifier.js';
import type { IncidentService } from '../src/serviceHealth/incidents.js';
import type { SelfHelpOutcome } from '../src/selfHelp/outcomes.js';
import type { TicketService } from '../src/tickets/ticketService.js';

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
}
