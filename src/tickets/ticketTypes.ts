import type { Language } from '../i18n/index.js';
import type { Cloud, PlanFamily, RequestCategory, Severity } from '../support/index.js';

/**
 * What a service request is, as the rest of the product sees it. Severity, cloud, plan family and
 * category are the support rules' own types (type-only imports: the ticket service does not load the
 * rules; it receives the due-time computation as a dependency).
 */

export type { Cloud, Language, PlanFamily, Severity };
export type TicketCategory = RequestCategory;

export const contactMethods = ['phone', 'email', 'teams_chat', 'web_chat'] as const;
export type ContactMethod = (typeof contactMethods)[number];

export const ticketStatuses = ['new', 'in_progress', 'waiting_on_customer', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

export interface Requester {
  /** Stable identity: the channel user id or Entra object id. Lookups compare this, never the name. */
  id: string;
  name: string;
  email: string;
  /** E.164, e.g. "+14255550100". */
  phone: string | null;
}

export interface ArticleTried {
  id: string;
  title: string;
}

export interface Ticket {
  /** Readable number, e.g. "SR-1000042". */
  number: string;
  requester: Requester;
  contactMethod: ContactMethod;
  cloud: Cloud;
  planId: string | null;
  planFamily: PlanFamily | null;
  /** Paid elevated support (worldwide). */
  elevated: boolean;
  /** 21Vianet: an advanced online service agreement is signed (it allows Severity A). */
  hasAdvancedAgreement: boolean;
  category: TicketCategory;
  topic: string | null;
  product: string | null;
  severity: Severity;
  severityReason: string;
  description: string;
  articlesTried: ArticleTried[];
  /** The language the admin filed it in; what they are told about it is written in it. */
  language: Language;
  status: TicketStatus;
  assignedAgentId: string | null;
  callbackRequested: boolean;
  /** Bot Framework channel id ("msteams", "directline", ...) and the serialised conversation reference. */
  channelId: string | null;
  conversationReference: Record<string, unknown> | null;
  reopenCount: number;
  createdAt: Date;
  updatedAt: Date;
  /** When the first response is due under the response-time objective; null when there is no commitment. */
  responseDueAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  /** What the agent wrote when resolving or closing it (the admin is shown it); null once reopened. */
  resolutionNote: string | null;
  /** When an agent first responded to the admin (a message, or a status change the admin was told); meets the response objective. */
  firstResponseAt: Date | null;
  /** The admin's IANA time zone when they filed it, as the channel reported it. */
  requesterTimeZone: string | null;
  /** When a call suits the admin, in their words (phone as the preferred method). */
  callbackHours: string | null;
  /** When an agent's call reached the admin; a call-back is due while this is null (cleared on reopen). */
  callbackDoneAt: Date | null;
}

export type RequesterActor = { kind: 'requester'; requesterId: string };
export type AgentActor = { kind: 'agent'; agentId: string };
/** Who asks. A requester sees only their own tickets; an agent sees all. */
export type Actor = RequesterActor | AgentActor;

interface EventBase {
  id: number;
  at: Date;
  actor: Actor;
}

export type TicketEvent =
  | (EventBase & { kind: 'created'; data: { severity: Severity; responseDueAt: string | null } })
  | (EventBase & { kind: 'message'; data: { text: string } })
  /** `takeOver`: the agent took the ticket over from `previousAgentId`, who still held it. */
  | (EventBase & { kind: 'assigned'; data: { agentId: string | null; previousAgentId: string | null; takeOver?: true } })
  | (EventBase & { kind: 'status_changed'; data: { from: TicketStatus; to: TicketStatus; note?: string } })
  | (EventBase & { kind: 'reopened'; data: { from: TicketStatus; to: TicketStatus; reason?: string } })
  /** An agent's note for other agents: in the history agents read, never shown to the admin. */
  | (EventBase & { kind: 'internal_note'; data: { text: string } })
  /** An agent's call to the admin (call-backs) and how it went; agents only, like internal notes. */
  | (EventBase & { kind: 'call_attempt'; data: { outcome: CallOutcome; note?: string } });

export const callOutcomes = ['reached', 'no_answer', 'voicemail', 'wrong_number'] as const;
export type CallOutcome = (typeof callOutcomes)[number];

/**
 * What the response-time rules need to compute a due time. `responseDueAt` from
 * src/support/responseTimes.ts fits `ResponseDue` as it is.
 */
export interface ResponseDueInput {
  cloud: Cloud;
  planId?: string;
  family?: PlanFamily;
  elevated?: boolean;
  severity: Severity;
  category: TicketCategory;
  hasAdvancedAgreement?: boolean;
  createdAt: Date;
}

export type ResponseDue = (input: ResponseDueInput) => Date | null;
