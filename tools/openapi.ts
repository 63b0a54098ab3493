// `npm run docs:openapi` writes docs/agent-api.openapi.json: the agent API (src/agentApi/) as an
// OpenAPI 3.1 document. Request bodies, query strings and answers come from the zod schemas in
// src/agentApi/schemas.ts, which register themselves by id in zod's global registry when the module
// loads (tools use a module only through its index.ts, and the index does not export them); the routes
// come from mounting the API on a recording server, so a route added to routes.ts without a line in
// OPERATIONS below stops this script. test/agentApi/openapi.test.ts fails when the committed file is
// out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Server } from 'restify';
import { z } from 'zod';
import { mountAgentApi, type AgentApiDeps } from '../src/agentApi/index.js';
import { projectRoot } from '../src/projectRoot.js';

export const OPENAPI_FILE = join(projectRoot, 'docs', 'agent-api.openapi.json');

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface Route {
  method: HttpMethod;
  /** As restify has it, e.g. /api/tickets/:number. */
  path: string;
}

/** Every route the agent API registers: it is mounted on a server that only writes them down. */
export function agentApiRoutes(): Route[] {
  const routes: Route[] = [];
  const record = (method: HttpMethod) => (path: string) => void routes.push({ method, path });
  const server = { get: record('get'), post: record('post'), put: record('put'), patch: record('patch'), del: record('delete') };
  // Handlers run only on requests, so the services behind them are never touched.
  mountAgentApi(server as unknown as Server, { handoff: {} } as AgentApiDeps).close();
  return routes;
}

/** /api/tickets/:number -> /api/tickets/{number} */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

type ErrorCase = 'badRequest' | 'forbidden' | 'notFound' | 'conflict' | 'tooLarge';

interface Operation {
  operationId: string;
  tag: 'Agents' | 'Tickets' | 'Incidents' | 'Events' | 'Webhooks' | 'Insights';
  /** The answer is also a CSV download (?format=csv or Accept: text/csv). */
  csv?: boolean;
  summary: string;
  description?: string;
  /** Registry ids of the schemas in src/agentApi/schemas.ts; `file` for a raw file upload (X-File-Name). */
  body?: string;
  query?: string;
  /** Status and registry id of the answer; `stream` for the event stream; `file` for a file's bytes. */
  ok: { status: 200 | 201; schema: string } | 'stream' | 'file' | 'empty';
  errors: ErrorCase[];
}

const ticketErrors: ErrorCase[] = ['badRequest', 'notFound'];

/** What each route does, keyed "METHOD path" as in routes.ts. */
export const OPERATIONS: Record<string, Operation> = {
  'GET /api/agents/me': {
    operationId: 'getSignedInAgent',
    tag: 'Agents',
    summary: 'The agent the token belongs to',
    ok: { status: 200, schema: 'AgentMeResponse' },
    errors: [],
  },
  'GET /api/agents': {
    operationId: 'listAgents',
    tag: 'Agents',
    summary: 'Every agent, with who is online and who is in a live chat',
    ok: { status: 200, schema: 'AgentListResponse' },
    errors: [],
  },
  'GET /api/tickets': {
    operationId: 'listQueue',
    tag: 'Tickets',
    summary: 'The queue of open tickets, or a search over all tickets',
    description:
      'Without search parameters: open tickets (new, in progress, waiting on customer) by severity, then response due time (none last), then age, each with its live handoff. With any of `q`, `status`, `severity`, `from`, `to`, `cursor`: every ticket matching all of them, newest first, `limit` (default 50, up to 200) a page, with `nextCursor`.',
    query: 'QueueQuery',
    ok: { status: 200, schema: 'TicketQueueResponse' },
    errors: ['badRequest'],
  },
  'GET /api/tickets/:number': {
    operationId: 'getTicket',
    tag: 'Tickets',
    summary: "A ticket with its history, the transcript of the admin's conversation and the live chat",
    ok: { status: 200, schema: 'TicketDetailResponse' },
    errors: ticketErrors,
  },
  'GET /api/tickets/:number/messages': {
    operationId: 'listChatMessages',
    tag: 'Tickets',
    summary: 'The live chat, oldest first',
    query: 'MessagesQuery',
    ok: { status: 200, schema: 'ChatMessagesResponse' },
    errors: ticketErrors,
  },
  'POST /api/tickets/:number/messages': {
    operationId: 'sendChatMessage',
    tag: 'Tickets',
    summary: 'Write to the admin',
    description:
      "Needs the ticket to be open and claimed by you (409 otherwise). Joins the admin's conversation if no chat is live (the admin is told you joined).",
    body: 'MessageBody',
    ok: { status: 201, schema: 'ChatMessageSentResponse' },
    errors: [...ticketErrors, 'conflict', 'tooLarge'],
  },
  'POST /api/tickets/:number/claim': {
    operationId: 'claimTicket',
    tag: 'Tickets',
    summary: "Take the ticket and join the admin's chat",
    description:
      'A new ticket becomes in progress. 409 when another agent holds it (take it over instead) or it is resolved or closed; claiming your own ticket again is harmless. Of two agents claiming at the same moment, one gets 409.',
    ok: { status: 200, schema: 'TicketActionResponse' },
    errors: [...ticketErrors, 'conflict'],
  },
  'POST /api/tickets/:number/takeover': {
    operationId: 'takeOverTicket',
    tag: 'Tickets',
    summary: 'Take the ticket over from the agent who claimed it',
    description:
      'While another agent holds an open ticket (claimed, or in a live chat with the admin), only they may change its status, write, release or hand back; the others get 409. Taking it over moves the ticket and its live chat to you, records it in the history (an `assigned` entry with `takeOver: true` and `previousAgentId`), tells the admin, and sends the other agent a `takeover` event. On a ticket nobody else holds it is a plain claim. 409 when the ticket is resolved or closed, or changed hands meanwhile.',
    ok: { status: 200, schema: 'TicketActionResponse' },
    errors: [...ticketErrors, 'conflict'],
  },
  'POST /api/tickets/:number/release': {
    operationId: 'releaseTicket',
    tag: 'Tickets',
    summary: 'Give the ticket back to the queue',
    description: 'A live chat goes back to waiting and the admin is told. 409 if it is not yours (claimed by someone else: take it over first).',
    ok: { status: 200, schema: 'TicketActionResponse' },
    errors: [...ticketErrors, 'conflict'],
  },
  'POST /api/tickets/:number/handback': {
    operationId: 'handBackTicket',
    tag: 'Tickets',
    summary: 'End the live chat; the assistant answers the admin again',
    description: 'The ticket keeps its agent and status. 409 when there is no live chat, or another agent holds the ticket or is in its chat.',
    ok: { status: 200, schema: 'TicketActionResponse' },
    errors: [...ticketErrors, 'conflict'],
  },
  'POST /api/tickets/:number/status': {
    operationId: 'setTicketStatus',
    tag: 'Tickets',
    summary: 'Change the status (waiting on customer, resolved, closed, in progress)',
    description:
      'Resolved and closed end a live chat and tell the admin how to reopen within 14 days. 409 for a move the lifecycle does not allow, or while another agent holds the open ticket (claimed or in its live chat): take it over first.',
    body: 'StatusBody',
    ok: { status: 200, schema: 'TicketActionResponse' },
    errors: [...ticketErrors, 'conflict', 'tooLarge'],
  },
  'POST /api/tickets/:number/notes': {
    operationId: 'addInternalNote',
    tag: 'Tickets',
    summary: 'Write an internal note (agents only, never shown to the admin)',
    body: 'InternalNoteBody',
    ok: { status: 201, schema: 'InternalNoteResponse' },
    errors: [...ticketErrors, 'tooLarge'],
  },
  'GET /api/tickets/:number/canned-replies': {
    operationId: 'listFilledCannedReplies',
    tag: 'Tickets',
    summary: "Canned replies for the ticket's language, placeholders filled from the ticket",
    ok: { status: 200, schema: 'FilledCannedRepliesResponse' },
    errors: ticketErrors,
  },
  'GET /api/canned-replies': {
    operationId: 'listCannedReplies',
    tag: 'Agents',
    summary: 'Canned replies, by title',
    query: 'CannedRepliesQuery',
    ok: { status: 200, schema: 'CannedReplyListResponse' },
    errors: ['badRequest'],
  },
  'POST /api/canned-replies': {
    operationId: 'createCannedReply',
    tag: 'Agents',
    summary: 'Save a canned reply',
    description: 'Placeholders other than the documented ones are refused (400); a title already used for the same language is 409.',
    body: 'CannedReplyBody',
    ok: { status: 201, schema: 'CannedReplyResponse' },
    errors: ['badRequest', 'conflict', 'tooLarge'],
  },
  'PATCH /api/canned-replies/:id': {
    operationId: 'updateCannedReply',
    tag: 'Agents',
    summary: 'Change a canned reply',
    body: 'CannedReplyPatchBody',
    ok: { status: 200, schema: 'CannedReplyResponse' },
    errors: ['badRequest', 'notFound', 'conflict', 'tooLarge'],
  },
  'DELETE /api/canned-replies/:id': {
    operationId: 'deleteCannedReply',
    tag: 'Agents',
    summary: 'Delete a canned reply; answers it as it was',
    ok: { status: 200, schema: 'CannedReplyResponse' },
    errors: ['notFound'],
  },
  'GET /api/tickets/:number/notifications': {
    operationId: 'listTicketNotifications',
    tag: 'Tickets',
    summary: 'What the admin was emailed about the ticket, newest first, and whether a mail server is set',
    ok: { status: 200, schema: 'TicketNotificationsResponse' },
    errors: ticketErrors,
  },
  'GET /api/callbacks': {
    operationId: 'listCallbacks',
    tag: 'Tickets',
    summary: "Open requests waiting for an agent's call, most severe and oldest first, with the admin's time now",
    ok: { status: 200, schema: 'CallbackListResponse' },
    errors: [],
  },
  'POST /api/tickets/:number/calls': {
    operationId: 'recordCall',
    tag: 'Tickets',
    summary: 'Record a call to the admin and its outcome; `reached` completes the call-back',
    body: 'CallBody',
    ok: { status: 200, schema: 'CallRecordedResponse' },
    errors: ['badRequest', 'notFound', 'conflict'],
  },
  'GET /api/insights/summary': {
    operationId: 'getInsightsSummary',
    tag: 'Insights',
    summary: 'Cases and conversations with their outcomes and rates, satisfaction and response objectives met (managers)',
    query: 'InsightsQuery',
    ok: { status: 200, schema: 'InsightsSummaryResponse' },
    csv: true,
    errors: ['badRequest', 'forbidden'],
  },
  'GET /api/insights/outcomes': {
    operationId: 'getInsightsOutcomes',
    tag: 'Insights',
    summary: 'Cases by outcome per day or week (managers)',
    query: 'InsightsQuery',
    ok: { status: 200, schema: 'InsightsOutcomesResponse' },
    csv: true,
    errors: ['badRequest', 'forbidden'],
  },
  'GET /api/insights/breakdown': {
    operationId: 'getInsightsBreakdown',
    tag: 'Insights',
    summary: 'Cases and rates by topic, category, channel, language or cloud (`by`) (managers)',
    query: 'InsightsQuery',
    ok: { status: 200, schema: 'InsightsBreakdownResponse' },
    csv: true,
    errors: ['badRequest', 'forbidden'],
  },
  'GET /api/insights/satisfaction': {
    operationId: 'getInsightsSatisfaction',
    tag: 'Insights',
    summary: 'Satisfaction answers: distribution, self-help and requests, over time, recent comments (managers)',
    query: 'InsightsQuery',
    ok: { status: 200, schema: 'InsightsSatisfactionResponse' },
    csv: true,
    errors: ['badRequest', 'forbidden'],
  },
  'GET /api/insights/objectives': {
    operationId: 'getInsightsObjectives',
    tag: 'Insights',
    summary: 'Response objectives met, missed and pending by severity, cloud and over time (managers)',
    query: 'InsightsQuery',
    ok: { status: 200, schema: 'InsightsObjectivesResponse' },
    csv: true,
    errors: ['badRequest', 'forbidden'],
  },
  'GET /api/insights/gaps': {
    operationId: 'getInsightsGaps',
    tag: 'Insights',
    summary: 'Knowledge gaps: clusters of similar problems the assistant could not place, with samples and the closest article (managers)',
    query: 'InsightsQuery',
    ok: { status: 200, schema: 'InsightsGapsResponse' },
    csv: true,
    errors: ['badRequest', 'forbidden'],
  },
  'GET /api/insights/agents': {
    operationId: 'getInsightsAgents',
    tag: 'Insights',
    summary: "Each agent's requests claimed and resolved, with median minutes to claim and to resolve (managers)",
    query: 'InsightsQuery',
    ok: { status: 200, schema: 'InsightsAgentsResponse' },
    csv: true,
    errors: ['badRequest', 'forbidden'],
  },
  'GET /api/webhooks': {
    operationId: 'listWebhookEndpoints',
    tag: 'Webhooks',
    summary: 'Webhook endpoints (managers)',
    ok: { status: 200, schema: 'WebhookEndpointListResponse' },
    errors: ['forbidden'],
  },
  'POST /api/webhooks': {
    operationId: 'createWebhookEndpoint',
    tag: 'Webhooks',
    summary: 'Add an endpoint; the answer carries its signing secret, the only time it is shown',
    body: 'WebhookEndpointBody',
    ok: { status: 201, schema: 'WebhookSecretResponse' },
    errors: ['badRequest', 'forbidden'],
  },
  'PATCH /api/webhooks/:id': {
    operationId: 'updateWebhookEndpoint',
    tag: 'Webhooks',
    summary: 'Turn an endpoint on or off, change its event types or description',
    body: 'WebhookEndpointPatchBody',
    ok: { status: 200, schema: 'WebhookEndpointResponse' },
    errors: ['badRequest', 'forbidden', 'notFound'],
  },
  'DELETE /api/webhooks/:id': {
    operationId: 'deleteWebhookEndpoint',
    tag: 'Webhooks',
    summary: 'Remove an endpoint and its deliveries',
    ok: 'empty',
    errors: ['forbidden', 'notFound'],
  },
  'POST /api/webhooks/:id/rotate-secret': {
    operationId: 'rotateWebhookSecret',
    tag: 'Webhooks',
    summary: 'A new signing secret, in force at once and shown only in this answer',
    ok: { status: 200, schema: 'WebhookSecretResponse' },
    errors: ['forbidden', 'notFound'],
  },
  'GET /api/webhooks/deliveries': {
    operationId: 'listWebhookDeliveries',
    tag: 'Webhooks',
    summary: 'Recent deliveries, newest first; dead letters with state=dead',
    query: 'WebhookDeliveriesQuery',
    ok: { status: 200, schema: 'WebhookDeliveryListResponse' },
    errors: ['badRequest', 'forbidden'],
  },
  'POST /api/webhooks/deliveries/:id/replay': {
    operationId: 'replayWebhookDelivery',
    tag: 'Webhooks',
    summary: 'Send a dead letter again, with the same Webhook-Id, from a fresh set of attempts',
    ok: { status: 200, schema: 'WebhookReplayResponse' },
    errors: ['forbidden', 'conflict'],
  },
  'GET /api/tickets/:number/attachments': {
    operationId: 'listAttachments',
    tag: 'Tickets',
    summary: "The ticket's files, from the admin and from agents, oldest first",
    description: 'Files an admin sent before the request was filed are on it from the moment it is filed. See docs/attachments.md.',
    ok: { status: 200, schema: 'AttachmentListResponse' },
    errors: ticketErrors,
  },
  'POST /api/tickets/:number/attachments': {
    operationId: 'sendAttachment',
    tag: 'Tickets',
    summary: 'Send the admin a file',
    description: [
      'The body is the file itself; its name goes URL-encoded in `X-File-Name`. Its type is decided from its content (images, PDF, UTF-8 text only; SVG and HTML are refused), never from the name or Content-Type, and the name must agree with it (400 with the reason otherwise).',
      'Larger than ATTACHMENT_MAX_BYTES (10 MB by default) is 413; more files than ATTACHMENT_MAX_PER_TICKET is 409. Needs the ticket open and claimed by you (409).',
      "The file goes into the admin's conversation: in the widget as a download link, in Teams as a file consent card (`delivery` is `offered`, later `accepted` or `declined`; the chat tells you which).",
    ].join('\n\n'),
    body: 'file',
    ok: { status: 201, schema: 'AttachmentSentResponse' },
    errors: [...ticketErrors, 'conflict', 'tooLarge'],
  },
  'GET /api/attachments/:id': {
    operationId: 'downloadAttachment',
    tag: 'Tickets',
    summary: 'A file of a ticket, as a download',
    description:
      "Always `Content-Disposition: attachment` with the sniffed type, `X-Content-Type-Options: nosniff`, `Content-Security-Policy: sandbox; default-src 'none'` and `Cache-Control: private, no-store`: a file is never shown in the console's origin.",
    ok: 'file',
    errors: ['notFound'],
  },
  'GET /api/incidents': {
    operationId: 'listIncidents',
    tag: 'Incidents',
    summary: 'Service-health incidents',
    query: 'IncidentsQuery',
    ok: { status: 200, schema: 'IncidentListResponse' },
    errors: ['badRequest'],
  },
  'GET /api/incidents/:id': {
    operationId: 'getIncident',
    tag: 'Incidents',
    summary: 'One incident',
    ok: { status: 200, schema: 'IncidentResponse' },
    errors: ['notFound'],
  },
  'POST /api/incidents': {
    operationId: 'createIncident',
    tag: 'Incidents',
    summary: 'Publish an incident',
    description: 'The assistant mentions an active incident whose topic or product matches an admin\'s problem before it offers self-help. 409 when the `id` is taken.',
    body: 'IncidentCreateBody',
    ok: { status: 201, schema: 'IncidentResponse' },
    errors: ['badRequest', 'conflict', 'tooLarge'],
  },
  'PATCH /api/incidents/:id': {
    operationId: 'updateIncident',
    tag: 'Incidents',
    summary: 'Change the title, summary, user impact or topics',
    body: 'IncidentPatchBody',
    ok: { status: 200, schema: 'IncidentResponse' },
    errors: ['badRequest', 'notFound', 'tooLarge'],
  },
  'POST /api/incidents/:id/resolve': {
    operationId: 'resolveIncident',
    tag: 'Incidents',
    summary: 'Mark an incident resolved',
    ok: { status: 200, schema: 'IncidentResponse' },
    errors: ['notFound'],
  },
  'GET /api/events': {
    operationId: 'streamEvents',
    tag: 'Events',
    summary: 'Live events (Server-Sent Events)',
    description: [
      'Authenticated with the same header as every other call, so read it with fetch() (a browser EventSource cannot send headers) or `curl -N`.',
      'Opening the stream counts as a request for the rate limit. Events:',
      '',
      '- `ready`: `{"agent": {"id", "name"}}`, once, when the stream opens;',
      '- `message`: a chat line (ChatMessage);',
      '- `ticket`: `{"ticket": "SR-1000042"}`: the ticket or its handoff changed (filed, claimed, status, left the queue); read it again;',
      '- `incident`: `{"id": "SH100001"}`: an incident changed;',
      '- `takeover`: `{"ticket": "SR-1000042", "by": {"id", "name"}}`: only to the agent whose ticket another agent took over;',
      '- `revoked`: `{"message"}`: the token was revoked; the server ends the stream right after it (sign in again with a new token).',
      '',
      'A comment line every 25 seconds keeps proxies from closing the stream and keeps the agent online. The stream starts with `retry: 3000`.',
      'The token is checked again before each event and at each keep-alive: after a revoke, no further event is delivered, and the stream ends at the next event or keep-alive.',
    ].join('\n'),
    ok: 'stream',
    errors: [],
  },
};

const PATH_PARAMETERS: Record<string, { description: string; example: string }> = {
  number: { description: 'Ticket number; typed loosely it is still read ("sr 1000042", "1000042").', example: 'SR-1000042' },
  id: { description: 'Incident id (SH100001), canned reply id (1), attachment id, webhook endpoint id (wh_…) or webhook delivery id (42).', example: 'SH100001' },
};

const ERROR_RESPONSES: Record<ErrorCase | 'unauthorized' | 'rateLimited' | 'internal', { status: number; description: string; headers?: Record<string, unknown> }> = {
  badRequest: {
    status: 400,
    description:
      'The body is empty, not JSON or fails validation (`Invalid request body: text: must not be empty.`), a query fails (`Invalid query: limit: …`), or a ticket number is malformed. Unknown body fields are refused.',
  },
  unauthorized: {
    status: 401,
    description: 'No token, a malformed one, or an unknown or revoked one: always the same answer, `Unauthorized.`',
    headers: { 'WWW-Authenticate': { description: 'Bearer realm="support-assistant-agents"', schema: { type: 'string' } } },
  },
  forbidden: { status: 403, description: 'Managers only: the signed-in agent is not a manager (`npm run agent -- role <id> manager`).' },
  notFound: { status: 404, description: "No such ticket (`We couldn't find a request numbered SR-9999999.`) or incident." },
  conflict: {
    status: 409,
    description: 'Not possible now: claimed by someone else, not claimed by you, no live chat, or the lifecycle does not allow it (`SR-1000001 is closed, so it can\'t be marked resolved. …`).',
  },
  tooLarge: { status: 413, description: 'The body is larger than 256 KB.' },
  rateLimited: {
    status: 429,
    description: 'More than AGENT_RATE_LIMIT_BURST requests in a burst from this token (refilled at AGENT_RATE_LIMIT_PER_SECOND). Nothing done before is lost.',
    headers: { 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer', minimum: 1 } } },
  },
  internal: { status: 500, description: '`Internal error.`: the details are only in the server log.' },
};

type JsonSchema = Record<string, unknown>;

const UNREPRESENTABLE = new Set(['bigint', 'symbol', 'void', 'undefined', 'map', 'set', 'transform', 'nan', 'custom', 'function', 'promise']);

/** The registered schemas as JSON Schema 2020-12, requests as a caller sends them, answers as the server writes them. */
function registrySchemas(): { input: Record<string, JsonSchema>; output: Record<string, JsonSchema> } {
  const convert = (io: 'input' | 'output') =>
    z.toJSONSchema(z.globalRegistry, {
      io,
      target: 'draft-2020-12',
      uri: (id) => `#/components/schemas/${id}`,
      // Dates are handled below; anything else JSON cannot carry stops the script there too.
      unrepresentable: 'any',
      override: (ctx) => {
        const type = (ctx.zodSchema._zod.def as { type: string }).type;
        // z.coerce.date() (an incident's startedAt) arrives as JSON text.
        if (type === 'date') Object.assign(ctx.jsonSchema, { type: 'string', format: 'date-time' });
        else if (UNREPRESENTABLE.has(type)) throw new Error(`A ${type} schema cannot be described in JSON Schema: ${JSON.stringify(ctx.path)}`);
        // An ISO date-time is described by its format; zod's own regular expression would only be noise.
        if (ctx.jsonSchema.format === 'date-time') delete ctx.jsonSchema.pattern;
        // z.int() bounds itself to safe integers; said on every id and count, that too is noise.
        if (ctx.jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete ctx.jsonSchema.minimum;
        if (ctx.jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete ctx.jsonSchema.maximum;
      },
    }).schemas as Record<string, JsonSchema>;
  const strip = (schemas: Record<string, JsonSchema>) =>
    Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema]));
  return { input: strip(convert('input')), output: strip(convert('output')) };
}

/** The ids a schema refers to. */
function refsOf(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => refsOf(v, into));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')) into.add(v.slice('#/components/schemas/'.length));
      else refsOf(v, into);
    }
  }
  return into;
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

export function buildOpenApiDocument(): Record<string, unknown> {
  const { input, output } = registrySchemas();
  const requestIds = new Set(Object.values(OPERATIONS).flatMap((o) => [o.body, o.query].filter((id): id is string => !!id)));
  const pick = (id: string) => {
    const schema = (requestIds.has(id) ? input : output)[id];
    if (!schema) throw new Error(`No schema with id "${id}" in zod's registry: give it one in src/agentApi/schemas.ts with .meta({ id }).`);
    return schema;
  };

  const components = new Map<string, JsonSchema>();
  const addComponent = (id: string) => {
    if (components.has(id)) return;
    const schema = pick(id);
    components.set(id, schema);
    for (const dep of refsOf(schema, new Set())) addComponent(dep);
  };
  addComponent('Error');

  const routes = agentApiRoutes();
  const keys = routes.map((r) => `${r.method.toUpperCase()} ${r.path}`);
  const undocumented = keys.filter((k) => !OPERATIONS[k]);
  if (undocumented.length) throw new Error(`Routes without an entry in OPERATIONS (tools/openapi.ts): ${undocumented.join(', ')}`);
  const gone = Object.keys(OPERATIONS).filter((k) => !keys.includes(k));
  if (gone.length) throw new Error(`OPERATIONS (tools/openapi.ts) lists routes the agent API no longer has: ${gone.join(', ')}`);

  const errorResponse = (c: keyof typeof ERROR_RESPONSES) => ({ $ref: `#/components/responses/${c}` });
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const op = OPERATIONS[`${route.method.toUpperCase()} ${route.path}`]!;
    const parameters: unknown[] = [...route.path.matchAll(/:(\w+)/g)].map(([, name]) => {
      const p = PATH_PARAMETERS[name!];
      if (!p) throw new Error(`No description of the path parameter :${name} (PATH_PARAMETERS in tools/openapi.ts)`);
      return { name, in: 'path', required: true, description: p.description, schema: { type: 'string', examples: [p.example] } };
    });
    if (op.query) {
      const query = pick(op.query) as { properties?: Record<string, JsonSchema>; required?: string[] };
      for (const [name, { description, ...schema }] of Object.entries(query.properties ?? {})) {
        parameters.push({ name, in: 'query', required: query.required?.includes(name) ?? false, ...(description ? { description } : {}), schema });
      }
    }
    const responses: Record<string, unknown> = {};
    if (op.ok === 'stream') {
      responses['200'] = { description: 'The event stream; it stays open.', content: { 'text/event-stream': { schema: { type: 'string' } } } };
    } else if (op.ok === 'empty') {
      responses['204'] = { description: 'Done; no content.' };
    } else if (op.ok === 'file') {
      responses['200'] = { description: "The file's bytes, as a download.", content: { '*/*': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } };
    } else {
      addComponent(op.ok.schema);
      const content: Record<string, unknown> = { 'application/json': { schema: ref(op.ok.schema) } };
      if (op.csv) content['text/csv'] = { schema: { type: 'string', description: 'The numbers behind the chart, one row per line, with a header (UTF-8 with a byte-order mark).' } };
      responses[String(op.ok.status)] = { description: op.ok.status === 201 ? 'Created.' : 'OK.', content };
    }
    for (const c of [...op.errors, 'unauthorized', 'rateLimited', 'internal'] as const) responses[String(ERROR_RESPONSES[c].status)] = errorResponse(c);
    const operation: Record<string, unknown> = {
      operationId: op.operationId,
      tags: [op.tag],
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      ...(parameters.length ? { parameters } : {}),
    };
    if (op.body === 'file') {
      parameters.push({ name: 'X-File-Name', in: 'header', required: true, description: 'The file name, URL-encoded (encodeURIComponent).', schema: { type: 'string' } });
      operation.parameters = parameters;
      operation.requestBody = { required: true, content: { 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } };
    } else if (op.body) {
      addComponent(op.body);
      operation.requestBody = { required: true, content: { 'application/json': { schema: ref(op.body) } } };
    }
    operation.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => Number(a) - Number(b)));
    (paths[openApiPath(route.path)] ??= {})[route.method] = operation;
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Support Assistant agent API',
      version: packageVersion(),
      description:
        'The API the agent console (/agent) uses: the queue, tickets with their transcript, history and live chat, the actions an agent takes, service-health incidents and a live event stream. Generated from the zod schemas of src/agentApi/schemas.ts by `npm run docs:openapi` (tools/openapi.ts); see docs/agent-api.md.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: 'http://localhost:3978', description: 'npm start' }],
    security: [{ agentToken: [] }],
    tags: [
      { name: 'Agents', description: 'Who is signed in and who is online.' },
      { name: 'Tickets', description: 'The queue and the actions on a service request.' },
      { name: 'Incidents', description: 'Service-health incidents the assistant shows admins.' },
      { name: 'Events', description: 'Live updates for the console.' },
      { name: 'Webhooks', description: "Managers: signed webhooks to the team's own systems (docs/webhooks.md)." },
      { name: 'Insights', description: 'Managers: outcomes, satisfaction, response objectives, knowledge gaps and agents\' times (docs/insights.md).' },
    ],
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: {
      securitySchemes: {
        agentToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'An agent token from `npm run agent -- add "Name"` (shown once; only its SHA-256 hash is stored). Send it as `Authorization: Bearer <token>`, never in a URL.',
        },
      },
      responses: Object.fromEntries(
        Object.entries(ERROR_RESPONSES).map(([name, { description, headers }]) => [
          name,
          { description, ...(headers ? { headers } : {}), content: { 'application/json': { schema: ref('Error') } } },
        ]),
      ),
      schemas: Object.fromEntries([...components].sort(([a], [b]) => a.localeCompare(b))),
    },
  };
}

/** The file's text: what `npm run docs:openapi` writes and the test compares. */
export function renderOpenApiDocument(): string {
  return `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(OPENAPI_FILE, renderOpenApiDocument());
  process.stdout.write(`wrote ${OPENAPI_FILE}\n`);
}
