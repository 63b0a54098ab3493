import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Category } from '../src/knowledge/index.js';
import type { Cloud, Severity } from '../src/support/index.js';
import type { ContactMethod } from '../src/tickets/index.js';
import type { CaseOutcome } from '../src/insights/index.js';
import type { SatisfactionSubject } from './cards/satisfactionCard.js';

/**
 * What the conversation knows about the admin's current problem. It lives in conversation state (in the
 * database), so a restart or another bot instance continues from the same place.
 */
export interface SupportCase {
  problem?: string;
  category?: Category;
  topic?: string | null;
  product?: string | null;
  /** Severity the classifier suggested from the text alone. */
  suggestedSeverity?: Severity | null;
  articlesOffered: { id: string; title: string }[];
  selfHelp?: 'resolved' | 'not-resolved';
  incidentIds: string[];
  severity?: Severity;
  severityReason?: string;
  planId?: string | null;
  planKnown?: boolean;
  cloud?: Cloud;
  /** Stable id of this case's ticket submission: a retried or repeated submit finds the same ticket. */
  submissionId?: string;
  ticketNumber?: string;
  /** A compromised account: the containment steps were sent, self-help is skipped and Severity A suggested. */
  emergency?: boolean;
  /** The insights case (src/insights/) this problem is recorded under; a new problem here starts another. */
  caseId?: string;
  /** The classifier's best article for the problem and its score, for a knowledge gap found later (self-help failed). */
  closest?: { articleId: string | null; score: number | null };
  /** The case's outcome once recorded (dialogs/caseInsights.ts); a later activity no longer touches it. */
  outcome?: CaseOutcome;
  /** When the case's last activity was written (ISO time): it is written again at most every 30 s. */
  activeAt?: string;
}

/** What we remember about the person across conversations (user state). */
export interface AdminProfile {
  /** Only a yes is kept across conversations. */
  isAdmin?: boolean;
  /** The conversation in which the person said they are not an admin: not asked again there; a new conversation asks. */
  notAdminIn?: string;
  /** The conversation in which they were told that only an admin can open a request, so it is said in full once. */
  notAdminToldIn?: string;
  name?: string;
  email?: string;
  phone?: string | null;
  /** ISO 3166 country, from the phone number or the channel's locale. */
  country?: string;
  contactMethod?: ContactMethod;
  /** When a call suits them, in their words (asked when they choose the phone). */
  callbackHours?: string | null;
  planId?: string | null;
  cloud?: Cloud;
}

/**
 * The satisfaction question in this conversation (dialogs/satisfaction.ts). It is kept apart from the
 * case: a new problem starts a new case, while a request's question may come at any time.
 */
export interface SatisfactionMemory {
  /** The question asked last and not yet answered: a typed score answers it, any other message drops it. */
  open?: SatisfactionSubject;
  /** Questions answered here ("ticket:SR-…", "case:<id>"), so a second click on a card is not a second answer. */
  answered?: string[];
  /** Requests filed here whose question is settled (asked here or by the handoff): not looked up again. */
  settledTickets?: string[];
}

export const newCase = (): SupportCase => ({ articlesOffered: [], incidentIds: [] });

export interface StateAccessors {
  supportCase: StatePropertyAccessor<SupportCase>;
  profile: StatePropertyAccessor<AdminProfile>;
  /** The satisfaction question open in this conversation (dialogs/satisfaction.ts). */
  satisfaction: StatePropertyAccessor<SatisfactionMemory>;
}

export async function getCase(accessors: StateAccessors, context: TurnContext): Promise<SupportCase> {
  return accessors.supportCase.get(context, newCase());
}

export async function getProfile(accessors: StateAccessors, context: TurnContext): Promise<AdminProfile> {
  return accessors.profile.get(context, {});
}

/** The requester identity tickets are filed under: the Entra object id when the channel gives one. */
export function requesterId(context: TurnContext): string {
  const from = context.activity.from ?? { id: 'unknown' };
  return (from as { aadObjectId?: string }).aadObjectId || `${context.activity.channelId}:${from.id}`;
}
