import type { AgentListing } from '../agents/index.js';
import type { ChatMessage, Handoff, TranscriptLine } from '../handoff/index.js';
import type { Incident } from '../serviceHealth/index.js';
import type { CannedReply } from '../cannedReplies/index.js';
import { responseObjectiveStatus, statusLabel, type Ticket, type TicketEvent } from '../tickets/index.js';

/**
 * The JSON the agent API returns. Internal fields (the stored conversation reference, dedupe keys,
 * database ids) stay inside; dates are ISO strings.
 */

type Names = Map<string, string>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const agentRef = (id: string | null, names: Names) => (id ? { id, name: names.get(id) ?? id } : null);

export function handoffView(h: Handoff | null | undefined, names: Names) {
  if (!h) return null;
  return { status: h.status, agent: agentRef(h.agentId, names), endReason: h.endReason, startedAt: iso(h.createdAt), endedAt: iso(h.endedAt) };
}

/** `now`: the moment the response objective is judged at (the time of the answer). */
export function ticketView(t: Ticket, names: Names, live?: Handoff | null, now: Date = new Date()) {
  const objective = responseObjectiveStatus(t, now);
  return {
    number: t.number,
    severity: t.severity,
    status: t.status,
    statusLabel: statusLabel(t.status),
    category: t.category,
    topic: t.topic,
    product: t.product,
    description: t.description,
    severityReason: t.severityReason,
    requester: { name: t.requester.name, email: t.requester.email, phone: t.requester.phone },
    contactMethod: t.contactMethod,
    callbackRequested: t.callbackRequested,
    cloud: t.cloud,
    planId: t.planId,
    channelId: t.channelId,
    language: t.language,
    articlesTried: t.articlesTried,
    assignedAgent: agentRef(t.assignedAgentId, names),
    responseDueAt: iso(t.responseDueAt),
    createdAt: iso(t.createdAt),
    updatedAt: iso(t.updatedAt),
    resolvedAt: iso(t.resolvedAt),
    closedAt: iso(t.closedAt),
    reopenCount: t.reopenCount,
    resolutionNote: t.resolutionNote,
    firstResponseAt: iso(t.firstResponseAt),
    requesterTimeZone: t.requesterTimeZone,
    callbackHours: t.callbackHours,
    callbackDoneAt: iso(t.callbackDoneAt),
    responseObjective: { state: objective.state, warnAt: iso(objective.warnAt), dueAt: iso(objective.dueAt) },
    handoff: live === undefined ? undefined : handoffView(live, names),
  };
}

export function historyView(e: TicketEvent, names: Names) {
  const by = e.actor.kind === 'agent' ? { kind: 'agent' as const, ...agentRef(e.actor.agentId, names)! } : { kind: 'requester' as const };
  return { id: e.id, at: iso(e.at), kind: e.kind, by, data: e.data };
}

export function messageView(m: ChatMessage) {
  return { id: m.id, ticket: m.ticketNumber, sender: m.sender, agent: m.agentId ? { id: m.agentId, name: m.agentName ?? m.agentId } : null, text: m.text, at: iso(m.at) };
}

export function transcriptView(l: TranscriptLine) {
  return { id: l.id, role: l.role, text: l.text, at: iso(l.at) };
}

export function incidentView(i: Incident) {
  return { ...i, startedAt: iso(i.startedAt), updatedAt: iso(i.updatedAt), resolvedAt: iso(i.resolvedAt) };
}

export function agentView(a: AgentListing) {
  return { id: a.id, name: a.name, role: a.role, online: a.online, busy: a.busy, lastSeenAt: iso(a.lastSeenAt) };
}

export function cannedReplyView(r: CannedReply, names: Names) {
  return {
    id: r.id,
    title: r.title,
    body: r.body,
    language: r.language,
    createdBy: agentRef(r.createdBy, names)!,
    updatedBy: agentRef(r.updatedBy, names)!,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}
