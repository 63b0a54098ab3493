import type { Classifier, Knowledge } from '../src/knowledge/index.js';
import type { IncidentService } from '../src/serviceHealth/index.js';
import type { SelfHelpOutcome } from '../src/selfHelp/index.js';
import type { TicketService } from '../src/tickets/index.js';
import type { AvailabilityService, HandoffPort } from '../src/handoff/index.js';
import type { IdentityService } from '../src/identity/index.js';
import type { AttachmentService } from '../src/attachments/index.js';
import type { InsightsRecorder } from '../src/insights/index.js';

/** The plain services the dialogs call; they know nothing of Bot Framework. */
export interface ConversationServices {
  knowledge: Knowledge;
  classifier: Classifier;
  tickets: TicketService;
  incidents: IncidentService;
  recordSelfHelp(outcome: SelfHelpOutcome): Promise<void>;
  /** Cases, their outcomes, satisfaction and knowledge gaps (src/insights/): dialogs/caseInsights.ts, dialogs/satisfaction.ts. */
  insights: InsightsRecorder;
  /** People treated as business admins without asking (from configuration). */
  admins: { aadObjectIds: readonly string[]; tenantIds: readonly string[] };
  /** Agents online now (the handoff issue supplies the real number). */
  agentsAvailable(): Promise<number>;
  /** Agents online, the wait to reach one, support lines open: said in the first message. */
  availability?: AvailabilityService;
  now(): Date;
  /**
   * The public base URL of this server (e.g. https://bot.example.com), for links to its own pages such as
   * an article's (src/articleView/); undefined when it is not known, and then cards link nowhere.
   */
  publicBaseUrl?(): string | undefined;
  handoff?: HandoffPort;
  /** Verified contacts of the widget's signed-in users and ownership codes (src/identity/); the running server sets it. */
  identity?: IdentityService;
  /** Files the admin sends (src/attachments/); the running server sets it. */
  attachments?: AttachmentService;
}
