import { z } from 'zod';
import { agentSettableStatuses } from '../handoff/index.js';
import { incidentInputSchema, incidentUpdateSchema } from '../serviceHealth/index.js';
import { LANGUAGES } from '../i18n/index.js';
import { CLOUDS, REQUEST_CATEGORIES, SEVERITIES } from '../support/index.js';
import { PLACEHOLDERS, unknownPlaceholders } from '../cannedReplies/index.js';
import { contactMethods, decodeCursor, ticketStatuses } from '../tickets/index.js';

/**
 * Request bodies and query strings of the agent API, checked before anything else runs; then the shapes
 * of its answers (views.ts builds them; these only describe them). Every schema carries an `id` in zod's
 * global registry: that is how `npm run docs:openapi` (tools/openapi.ts) finds them to write
 * docs/agent-api.openapi.json, and test/agentApi/openapi.test.ts checks views.ts against them.
 */

export const messageBody = z
  .strictObject({
    text: z.string().trim().min(1, 'must not be empty').max(4000, 'at most 4000 characters').meta({ description: 'What the admin is sent, as the agent wrote it.' }),
  })
  .meta({ id: 'MessageBody', description: 'A chat message from the agent to the admin.' });

export const statusBody = z
  .strictObject({
    status: z.enum(agentSettableStatuses),
    note: z
      .string()
      .trim()
      .max(2000, 'at most 2000 characters')
      .optional()
      .meta({
        description:
          'Goes into the ticket history and the message to the admin. On `resolved` and `closed` it is the resolution note: stored on the ticket (`resolutionNote`) and quoted to the admin in their language. The console requires one there; the API keeps it optional for older clients.',
      }),
  })
  .meta({ id: 'StatusBody', description: 'A new status for the ticket.' });

/** A day ("2026-03-02", midnight UTC) or a moment ("2026-03-02T10:00:00Z"). */
const dayOrMoment = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'expected a date (2026-03-02) or a date and time (2026-03-02T10:00:00Z)' });

export const queueQuery = z
  .object({
    unassigned: z.enum(['true', 'false']).optional().meta({ description: 'Queue only. `true`: only tickets nobody has claimed.' }),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(1000)
      .optional()
      .meta({ description: 'At most this many tickets (queue: default 200, up to 1000; search: default 50, up to 200).' }),
    q: z
      .string()
      .trim()
      .max(200, 'at most 200 characters')
      .optional()
      .meta({ description: 'Search: a ticket number (SR-1000042), a requester email, or words of the requester name, product or description (each a word prefix; Chinese matches as typed).' }),
    status: z
      .enum([...ticketStatuses, 'open', 'ended'])
      .optional()
      .meta({ description: 'Search: one status, `open` (new, in progress, waiting on customer) or `ended` (resolved, closed).' }),
    severity: z.enum(SEVERITIES).optional().meta({ description: 'Search: only this severity.' }),
    from: dayOrMoment.optional().meta({ description: 'Search: filed at or after (a date is midnight UTC).' }),
    to: dayOrMoment.optional().meta({ description: 'Search: filed before this moment, or on or before this date (UTC).' }),
    cursor: z
      .string()
      .max(200)
      .refine((c) => decodeCursor(c) !== undefined, 'not a cursor this search returned; start again from the first page')
      .optional()
      .meta({ description: 'Search: `nextCursor` of the previous page.' }),
  })
  .meta({
    id: 'QueueQuery',
    description:
      'Without any of q, status, severity, from, to or cursor: the queue (open tickets by severity and due time). With any of them: a search over all tickets, newest first, paginated with `nextCursor`.',
  });

/** True when the query asks for a search rather than the queue. */
export const isSearch = (q: z.output<typeof queueQuery>) => [q.q, q.status, q.severity, q.from, q.to, q.cursor].some((v) => v !== undefined && v !== '');

export const noteBody = z
  .strictObject({
    text: z.string().trim().min(1, 'must not be empty').max(4000, 'at most 4000 characters').meta({ description: 'For other agents; never shown to the admin.' }),
  })
  .meta({ id: 'InternalNoteBody', description: 'An internal note on the ticket.' });

const replyBody = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(4000, 'at most 4000 characters')
  .superRefine((text, ctx) => {
    const unknown = unknownPlaceholders(text);
    if (unknown.length) ctx.addIssue({ code: 'custom', message: `unknown placeholder ${unknown.map((p) => `{${p}}`).join(', ')}; use ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}` });
  })
  .meta({ description: `The text, with placeholders filled from the ticket when inserted: ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}.` });
const replyTitle = z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters');
const replyLanguage = z.enum(LANGUAGES).nullable().meta({ description: 'Offered on requests in this language; null or absent: on every request.' });

export const cannedReplyBody = z
  .strictObject({ title: replyTitle, body: replyBody, language: replyLanguage.optional() })
  .meta({ id: 'CannedReplyBody', description: 'A new canned reply.' });

export const cannedReplyPatchBody = z
  .strictObject({ title: replyTitle.optional(), body: replyBody.optional(), language: replyLanguage.optional() })
  .refine((p) => Object.values(p).some((v) => v !== undefined), { message: 'give at least one of title, body, language' })
  .meta({ id: 'CannedReplyPatchBody', description: 'The fields to change; at least one.' });

export const cannedRepliesQuery = z
  .object({ language: z.enum(LANGUAGES).optional().meta({ description: 'Only replies for this language and for any language.' }) })
  .meta({ id: 'CannedRepliesQuery' });

export const messagesQuery = z
  .object({
    after: z.coerce.number().int().min(0).optional().meta({ description: 'Only chat lines with a larger id (what came since).' }),
  })
  .meta({ id: 'MessagesQuery' });

export const incidentsQuery = z
  .object({
    status: z.enum(['active', 'resolved']).optional().meta({ description: 'Only incidents in this state.' }),
  })
  .meta({ id: 'IncidentsQuery' });

export const incidentCreateBody = incidentInputSchema.strict().meta({
  id: 'IncidentCreateBody',
  description: 'A new service-health incident. Without `id`, one like SH100001 is assigned.',
});

export const incidentPatchBody = incidentUpdateSchema
  .strict()
  .refine((p) => Object.values(p).some((v) => v !== undefined), {
    message: 'give at least one of title, summary, userImpact, topics',
  })
  .meta({ id: 'IncidentPatchBody', description: 'The fields to change; at least one.' });

/** One line a caller can act on: every problem, with the field it concerns. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

// What the agent API answers. Not used to check anything at run time: views.ts builds these objects,
// and test/agentApi/openapi.test.ts proves that what it builds matches.

const dateTime = () => z.iso.datetime();

export const errorResponse = z
  .object({
    error: z.object({
      status: z.int().meta({ description: 'The HTTP status again.' }),
      message: z.string().meta({ description: 'Written for people; safe to show as it is.' }),
    }),
  })
  .meta({ id: 'Error', description: 'Every refusal and failure: 400, 401, 404, 409, 413, 429, 500.' });

export const agentRef = z.object({ id: z.string(), name: z.string() }).meta({ id: 'AgentRef', description: 'An agent, by id and display name.' });

export const agentRoleSchema = z.enum(['agent', 'manager']).meta({ id: 'AgentRole', description: 'A manager also sees the insights and configures the webhooks.' });

export const agentListing = z
  .object({
    id: z.string(),
    name: z.string(),
    role: agentRoleSchema,
    online: z.boolean().meta({ description: 'Made an API call within AGENT_ONLINE_MINUTES.' }),
    busy: z.boolean().meta({ description: 'In a live chat with an admin right now.' }),
    lastSeenAt: dateTime().nullable(),
  })
  .meta({ id: 'AgentListing' });

export const handoffResponse = z
  .object({
    status: z.enum(['waiting', 'with_agent', 'ended']),
    agent: agentRef.nullable(),
    endReason: z.enum(['cancelled', 'handed_back', 'resolved', 'closed']).nullable(),
    startedAt: dateTime(),
    endedAt: dateTime().nullable(),
  })
  .meta({ id: 'Handoff', description: 'The conversation handed to agents: waiting for one, with one, or (just after an action) ended.' });

export const ticketResponse = z
  .object({
    number: z.string().meta({ examples: ['SR-1000042'] }),
    severity: z.enum(SEVERITIES),
    status: z.enum(ticketStatuses),
    statusLabel: z.string().meta({ description: 'The status in words, e.g. "waiting on customer".' }),
    category: z.enum(REQUEST_CATEGORIES),
    topic: z.string().nullable().meta({ description: 'A topic id of knowledge/taxonomy.json.' }),
    product: z.string().nullable(),
    description: z.string(),
    severityReason: z.string(),
    requester: z.object({ name: z.string(), email: z.string(), phone: z.string().nullable().meta({ description: 'E.164.' }) }),
    contactMethod: z.enum(contactMethods),
    callbackRequested: z.boolean().meta({ description: 'Nobody could chat when it was filed: contact the admin by their preferred method.' }),
    cloud: z.enum(CLOUDS),
    planId: z.string().nullable(),
    channelId: z.string().nullable(),
    language: z.enum(LANGUAGES).meta({
      description: 'The language the admin filed the request in and is written to in (en, de, zh-Hans Simplified Chinese, zh-Hant Traditional Chinese). The transcript and chat stay as written.',
    }),
    articlesTried: z.array(z.object({ id: z.string(), title: z.string() })),
    assignedAgent: agentRef.nullable(),
    responseDueAt: dateTime().nullable().meta({ description: 'When the first response is due; null when the plan has no commitment.' }),
    createdAt: dateTime(),
    updatedAt: dateTime(),
    resolvedAt: dateTime().nullable(),
    closedAt: dateTime().nullable(),
    reopenCount: z.int(),
    resolutionNote: z.string().nullable().meta({ description: 'What the agent wrote when resolving or closing it (the admin was shown it); null once reopened.' }),
    firstResponseAt: dateTime().nullable().meta({ description: 'When an agent first responded to the admin (a chat message or a status change).' }),
    requesterTimeZone: z.string().nullable().meta({ description: "The admin's IANA time zone when they filed it, as their channel reported it." }),
    callbackHours: z.string().nullable().meta({ description: 'When a call suits the admin, in their words (phone as the preferred method).' }),
    callbackDoneAt: dateTime().nullable().meta({ description: "When an agent's call reached the admin; a call-back is due while null (phone preferred, or `callbackRequested`)." }),
    responseObjective: z
      .object({
        state: z.enum(['none', 'on_track', 'warning', 'breached', 'met', 'missed']).meta({
          description: '`warning`: 80% of the time to the first-response due time has passed with no agent response; `breached`: the due time passed; `met`/`missed`: responded in time / late.',
        }),
        warnAt: dateTime().nullable(),
        dueAt: dateTime().nullable(),
      })
      .meta({ id: 'ResponseObjective', description: 'The first-response objective, computed by the server at the time of the answer.' }),
    handoff: handoffResponse.nullable().optional().meta({ description: 'The live handoff, or null; after an action it may be the one that just ended.' }),
  })
  .meta({ id: 'Ticket', description: 'A service request.' });

const historyData = z.union([
  z.object({ severity: z.enum(SEVERITIES), responseDueAt: dateTime().nullable() }).meta({ title: 'created' }),
  z.object({ text: z.string() }).meta({ title: 'message' }),
  z
    .object({
      agentId: z.string().nullable(),
      previousAgentId: z.string().nullable(),
      takeOver: z.literal(true).optional().meta({ description: 'The agent took the ticket over from `previousAgentId`, who held it (POST …/takeover).' }),
    })
    .meta({ title: 'assigned' }),
  z.object({ from: z.enum(ticketStatuses), to: z.enum(ticketStatuses), note: z.string().optional() }).meta({ title: 'status_changed' }),
  z.object({ from: z.enum(ticketStatuses), to: z.enum(ticketStatuses), reason: z.string().optional() }).meta({ title: 'reopened' }),
]);
// `message` and `internal_note` both carry { text }: the `message` shape above describes both.

export const historyEntry = z
  .object({
    id: z.int(),
    at: dateTime(),
    kind: z.enum(['created', 'message', 'assigned', 'status_changed', 'reopened', 'internal_note', 'call_attempt']).meta({ description: '`internal_note`: an agent\'s note for agents, never shown to the admin. `call_attempt`: an agent\'s call to the admin (`data.outcome`: reached, no_answer, voicemail, wrong_number; `data.note`), agents only.' }),
    by: z.union([z.object({ kind: z.literal('agent'), id: z.string(), name: z.string() }), z.object({ kind: z.literal('requester') })]),
    data: historyData.meta({ description: 'Depends on `kind`.' }),
  })
  .meta({ id: 'HistoryEntry', description: 'One line of the ticket history, which is append-only.' });

export const transcriptLine = z
  .object({ id: z.int(), role: z.enum(['user', 'bot', 'agent']), text: z.string(), at: dateTime() })
  .meta({ id: 'TranscriptLine', description: "A message of the admin's conversation with the assistant (and relayed agent messages)." });

export const chatMessage = z
  .object({
    id: z.int(),
    ticket: z.string(),
    sender: z.enum(['admin', 'agent', 'system']),
    agent: agentRef.nullable(),
    text: z.string(),
    at: dateTime(),
  })
  .meta({ id: 'ChatMessage', description: 'A line of the live chat between the admin and agents; `system` lines are notices such as "Jamie Rivera joined the chat."' });

export const incidentResponse = z
  .object({
    id: z.string().meta({ examples: ['SH100001'] }),
    title: z.string(),
    product: z.string(),
    topics: z.array(z.string()),
    classification: z.enum(['incident', 'advisory']),
    summary: z.string(),
    userImpact: z.string(),
    status: z.enum(['active', 'resolved']),
    startedAt: dateTime(),
    updatedAt: dateTime(),
    resolvedAt: dateTime().nullable(),
  })
  .meta({ id: 'Incident', description: 'A service-health incident or advisory.' });

export const agentMeResponse = z.object({ agent: agentRef.extend({ role: agentRoleSchema }) }).meta({ id: 'AgentMeResponse' });
export const agentListResponse = z.object({ agents: z.array(agentListing) }).meta({ id: 'AgentListResponse' });
export const ticketQueueResponse = z
  .object({
    tickets: z.array(ticketResponse),
    agentsOnline: z.int(),
    agentsAvailable: z.int().meta({ description: 'Online and not in a live chat.' }),
    nextCursor: z.string().nullable().optional().meta({ description: 'Search only: pass as `cursor` for the next page; null on the last page.' }),
  })
  .meta({ id: 'TicketQueueResponse' });
const ownershipCode = z
  .object({ code: z.string(), requestedAt: z.iso.datetime(), expiresAt: z.iso.datetime() })
  .meta({
    id: 'OwnershipCode',
    description:
      'A live one-time code the admin asked for to prove the request is theirs from another browser or device (docs/identity.md). Until codes are emailed, an agent reads it to them after checking who they are.',
  });
export const ticketDetailResponse = z
  .object({
    ticket: ticketResponse.extend({ ownershipCodes: z.array(ownershipCode).meta({ description: 'Live ownership codes of this request; usually empty.' }) }),
    history: z.array(historyEntry),
    transcript: z.array(transcriptLine),
    chat: z.array(chatMessage),
  })
  .meta({ id: 'TicketDetailResponse' });
export const chatMessagesResponse = z.object({ messages: z.array(chatMessage) }).meta({ id: 'ChatMessagesResponse' });
export const chatMessageSentResponse = z
  .object({ message: chatMessage, delivered: z.boolean().meta({ description: 'false: the channel refused it; it is kept in the chat and a notice says so.' }) })
  .meta({ id: 'ChatMessageSentResponse' });
export const ticketActionResponse = z
  .object({ ticket: ticketResponse, adminNotified: z.boolean().meta({ description: 'The admin was told in their chat.' }) })
  .meta({ id: 'TicketActionResponse' });
export const incidentListResponse = z.object({ incidents: z.array(incidentResponse) }).meta({ id: 'IncidentListResponse' });
export const incidentOneResponse = z.object({ incident: incidentResponse }).meta({ id: 'IncidentResponse' });

export const cannedReplyResponse = z
  .object({
    id: z.int(),
    title: z.string(),
    body: z.string().meta({ description: 'As saved, placeholders unfilled.' }),
    language: z.enum(LANGUAGES).nullable(),
    createdBy: agentRef,
    updatedBy: agentRef,
    createdAt: dateTime(),
    updatedAt: dateTime(),
  })
  .meta({ id: 'CannedReply' });
export const cannedReplyListResponse = z.object({ replies: z.array(cannedReplyResponse) }).meta({ id: 'CannedReplyListResponse' });
export const cannedReplyOneResponse = z.object({ reply: cannedReplyResponse }).meta({ id: 'CannedReplyResponse' });
export const filledRepliesResponse = z
  .object({
    replies: z.array(
      z.object({
        id: z.int(),
        title: z.string(),
        language: z.enum(LANGUAGES).nullable(),
        text: z.string().meta({ description: 'The body with its placeholders filled from this ticket and the signed-in agent.' }),
      }),
    ),
  })
  .meta({ id: 'FilledCannedRepliesResponse', description: "The canned replies for the ticket's language, ready to insert." });
export const internalNoteResponse = z.object({ entry: historyEntry }).meta({ id: 'InternalNoteResponse' });
