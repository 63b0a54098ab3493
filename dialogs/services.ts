import type { Classifier, Knowledge } from '../src/knowledge/index.js';
import type { IncidentService } from '../src/serviceHealth/index.js';
import type { SelfHelpOutcome } from '../src/selfHelp/index.js';
import type { TicketService } from '../src/tickets/index.js';
import type { HandoffPort } from '../src/handoff/index.js';

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
