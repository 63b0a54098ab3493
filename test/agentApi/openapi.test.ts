import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'restify';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { mountAgentApi, type AgentApiDeps } from '../../src/agentApi/index.js';
import * as schemas from '../../src/agentApi/schemas.js';
import { agentView, handoffView, historyView, incidentView, messageView, ticketView, transcriptView } from '../../src/agentApi/views.js';
import type { Handoff } from '../../src/handoff/index.js';
import { projectRoot as repoRoot } from '../../src/projectRoot.js';
import type { Ticket, TicketEvent } from '../../src/tickets/index.js';
import { OPENAPI_FILE, renderOpenApiDocument } from '../../tools/openapi.js';

/**
 * docs/agent-api.openapi.json is written by `npm run docs:openapi` (tools/openapi.ts) from the zod schemas
 * of src/agentApi/schemas.ts. This keeps it true: the committed file is what the tool writes today,
 * every route the agent API registers is in it with the body and query schemas routes.ts checks, and
 * what views.ts returns is what the document says the answers are.
 */

type Operation = {
  requestBody?: { content: { 'application/json': { schema: { $ref: string } } } };
  parameters?: Array<{ name: string; in: string }>;
  responses: Record<string, unknown>;
};
type Document = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

const fresh = renderOpenApiDocument();
const doc = JSON.parse(fresh) as Document;

/** What the agent API registers on a server, found by mounting it on one that only writes routes down. */
function registeredRoutes(): Array<{ method: string; path: string }> {
  const routes: Array<{ method: string; path: string }> = [];
  const server = Object.fromEntries(
    ['get', 'post', 'put', 'patch', 'del', 'head', 'opts'].map((m) => [m, (path: string) => void routes.push({ method: m === 'del' ? 'delete' : m === 'opts' ? 'options' : m, path })]),
  );
  mountAgentApi(server as unknown as Server, { handoff: {} } as AgentApiDeps).close();
  return routes;
}

const toOpenApi = (path: string) => path.replace(/:(\w+)/g, '{$1}');
const source = (file: string) => readFileSync(join(repoRoot, 'src', 'agentApi', file), 'utf8');

describe('the agent API OpenAPI document (docs/agent-api.openapi.json)', () => {
  it('is what `npm run docs:openapi` writes today', () => {
    const committed = readFileSync(OPENAPI_FILE, 'utf8');
    const hint = 'docs/agent-api.openapi.json is out of date: run `npm run docs:openapi` (tsx tools/openapi.ts) and commit the file';
    expect(JSON.parse(committed), hint).toEqual(doc);
    expect(committed, hint).toBe(fresh);
  });

  it('has every route the agent API registers, and no other', () => {
    const routes = registeredRoutes();
    // As many as the route files register, so a recorder that missed some could not pass.
    const calls = (source('routes.ts') + source('eventStream.ts') + source('attachmentRoutes.ts') + source('webhookRoutes.ts') + source('callbackRoutes.ts') + source('insightsRoutes.ts')).match(/\bserver\.(get|post|put|patch|del|head|opts)\(/g) ?? [];
    expect(routes).toHaveLength(calls.length);
    expect(routes.map((r) => `${r.method.toUpperCase()} ${r.path}`)).toContain('GET /api/events');

    for (const { method, path } of routes) {
      expect(doc.paths[toOpenApi(path)]?.[method], `${method.toUpperCase()} ${path} is missing from the document`).toBeDefined();
    }
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    expect(documented.sort()).toEqual(routes.map((r) => `${r.method} ${toOpenApi(r.path)}`).sort());
  });

  it('describes each body and query with the schema routes.ts checks it with', () => {
    const exported = schemas as unknown as Record<string, z.ZodType>;
    const endpoints = [...source('routes.ts').matchAll(/server\.(get|post|put|patch|del)\(\s*'([^']+)',\s*endpoint\(\{([^}]*)\}/g)];
    expect(endpoints.length).toBeGreaterThanOrEqual(15);
    for (const [, method, path, options] of endpoints) {
      const op = doc.paths[toOpenApi(path!)]![method === 'del' ? 'delete' : method!]!;
      const body = /\bbody:\s*(\w+)/.exec(options!)?.[1];
      const query = /\bquery:\s*(\w+)/.exec(options!)?.[1];
      const where = `${method!.toUpperCase()} ${path}`;
      if (body) {
        const id = z.globalRegistry.get(exported[body]!)?.id;
        expect(id, `${body} in src/agentApi/schemas.ts needs .meta({ id })`).toBeTruthy();
        expect(op.requestBody?.content['application/json'].schema.$ref, where).toBe(`#/components/schemas/${id}`);
      } else {
        expect(op.requestBody, `${where} takes no body`).toBeUndefined();
      }
      const queryNames = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      const shape = query ? (exported[query] as z.ZodObject).shape : {};
      expect(queryNames.sort(), where).toEqual(Object.keys(shape).sort());
    }
  });

  it('agrees with the zod schemas on what a request may carry', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    formats.default(ajv);
    ajv.addSchema({ $id: 'https://example.invalid/agent-api', components: doc.components });
    const cases: Array<[z.ZodType, string, unknown]> = [
      [schemas.messageBody, 'MessageBody', { text: 'Which policy did you change?' }],
      [schemas.messageBody, 'MessageBody', { text: '' }],
      [schemas.messageBody, 'MessageBody', { text: 'x'.repeat(4001) }],
      [schemas.messageBody, 'MessageBody', { text: 'hi', extra: true }],
      [schemas.statusBody, 'StatusBody', { status: 'waiting_on_customer', note: 'Please send the exact error text.' }],
      [schemas.statusBody, 'StatusBody', { status: 'new' }],
      [schemas.incidentCreateBody, 'IncidentCreateBody', { title: 'Delays sending mail', product: 'Exchange Online', summary: 'Outbound messages are queued.' }],
      [schemas.incidentCreateBody, 'IncidentCreateBody', { id: 'EX123456', title: 'Delays', product: 'Exchange Online', summary: 'Queued.', classification: 'advisory', startedAt: '2026-03-02T10:00:00.000Z' }],
      [schemas.incidentCreateBody, 'IncidentCreateBody', { id: 'nope', title: 'Delays', product: 'Exchange Online', summary: 'Queued.' }],
      [schemas.incidentCreateBody, 'IncidentCreateBody', { title: 'Delays', product: 'Exchange Online' }],
      [schemas.incidentPatchBody, 'IncidentPatchBody', { summary: 'Fixed for most users.' }],
      [schemas.incidentPatchBody, 'IncidentPatchBody', { status: 'resolved' }],
    ];
    for (const [schema, id, value] of cases) {
      const validate = ajv.getSchema(`https://example.invalid/agent-api#/components/schemas/${id}`)!;
      expect(validate(value), `${id} ${JSON.stringify(value).slice(0, 80)}`).toBe(schema.safeParse(value).success);
    }
  });

  describe('answers: what views.ts builds is what the document says', () => {
    const at = new Date('2026-03-02T10:00:00.000Z');
    const names = new Map([['agent-1', 'Jamie Rivera']]);
    const ticket: Ticket = {
      number: 'SR-1000001',
      requester: { id: 'user-1', name: 'Sam Jones', email: 'sam@fabrikam.com', phone: '+61299990000' },
      contactMethod: 'email',
      cloud: 'worldwide',
      planId: 'business-premium',
      planFamily: 'business',
      elevated: false,
      hasAdvancedAgreement: false,
      category: 'technical',
      topic: 'teams.meetings-calls',
      product: 'Microsoft Teams',
      severity: 'A',
      severityReason: 'Nobody can join meetings.',
      description: 'none of our users can join teams meetings',
      articlesTried: [{ id: 'teams-meetings-join', title: 'Fix problems joining Teams meetings' }],
      language: 'de',
      status: 'in_progress',
      assignedAgentId: 'agent-1',
      callbackRequested: false,
      channelId: 'msteams',
      conversationReference: { conversation: { id: 'conv-1' } },
      reopenCount: 0,
      createdAt: at,
      updatedAt: at,
      responseDueAt: new Date('2026-03-02T11:00:00.000Z'),
      resolvedAt: null,
      closedAt: null,
      resolutionNote: null,
      firstResponseAt: null,
      requesterTimeZone: 'Australia/Sydney',
      callbackHours: 'mornings',
      callbackDoneAt: null,
    };
    const newTicket: Ticket = { ...ticket, number: 'SR-1000002', status: 'new', assignedAgentId: null, planId: null, planFamily: null, topic: null, product: null, responseDueAt: null, requester: { ...ticket.requester, phone: null }, channelId: null, conversationReference: null, articlesTried: [], callbackRequested: true };
    const live: Handoff = { id: 1, conversationId: 'conv-1', ticketNumber: 'SR-1000001', status: 'with_agent', agentId: 'agent-1', endReason: null, waitingNoted: true, createdAt: at, updatedAt: at, endedAt: null };
    const ended: Handoff = { ...live, status: 'ended', endReason: 'handed_back', endedAt: at };
    const actor = { kind: 'agent', agentId: 'agent-1' } as const;
    const requester = { kind: 'requester', requesterId: 'user-1' } as const;
    const events: TicketEvent[] = [
      { id: 1, at, actor: requester, kind: 'created', data: { severity: 'A', responseDueAt: '2026-03-02T11:00:00.000Z' } },
      { id: 2, at, actor, kind: 'assigned', data: { agentId: 'agent-1', previousAgentId: null } },
      { id: 3, at, actor, kind: 'status_changed', data: { from: 'new', to: 'in_progress' } },
      { id: 4, at, actor: requester, kind: 'message', data: { text: 'It started this morning' } },
      { id: 5, at, actor, kind: 'status_changed', data: { from: 'in_progress', to: 'resolved', note: 'Policy restored.' } },
      { id: 6, at, actor: requester, kind: 'reopened', data: { from: 'resolved', to: 'in_progress', reason: 'It came back.' } },
      { id: 7, at, actor: { kind: 'agent', agentId: 'agent-2' }, kind: 'assigned', data: { agentId: 'agent-2', previousAgentId: 'agent-1', takeOver: true } },
    ];
    const chat = [
      { id: 4, ticketNumber: 'SR-1000001', sender: 'agent' as const, agentId: 'agent-1', agentName: 'Jamie Rivera', text: 'Which policy did you change?', at },
      { id: 5, ticketNumber: 'SR-1000001', sender: 'system' as const, agentId: null, agentName: null, text: 'Jamie Rivera joined the chat.', at },
    ];
    const incident = { id: 'SH100001', title: 'Delays', product: 'Exchange Online', topics: ['exchange.mail-flow'], classification: 'incident' as const, summary: 'Queued.', userImpact: '', status: 'active' as const, startedAt: at, updatedAt: at, resolvedAt: null };

    // Bodies as routes.ts builds them, through JSON as the server sends them.
    const answers: Array<[string, unknown]> = [
      ['AgentMeResponse', { agent: { id: 'agent-1', name: 'Jamie Rivera', role: 'manager' } }],
      ['AgentListResponse', { agents: [agentView({ id: 'agent-1', name: 'Jamie Rivera', role: 'manager', createdAt: at, lastSeenAt: at, online: true, busy: false }), agentView({ id: 'agent-2', name: 'Ari', role: 'agent', createdAt: at, lastSeenAt: null, online: false, busy: false })] }],
      ['TicketQueueResponse', { tickets: [ticketView(ticket, names, live), ticketView(newTicket, names, null)], agentsOnline: 2, agentsAvailable: 1 }],
      ['TicketDetailResponse', {
        ticket: { ...ticketView(ticket, names, live), ownershipCodes: [{ code: '482913', requestedAt: at.toISOString(), expiresAt: new Date(at.getTime() + 15 * 60_000).toISOString() }] },
        history: events.map((e) => historyView(e, names)),
        transcript: [transcriptView({ id: 6, role: 'user', text: 'none of our users can join teams meetings', at }), transcriptView({ id: 7, role: 'bot', text: 'Thanks.', at })],
        chat: chat.map(messageView),
      }],
      ['ChatMessagesResponse', { messages: chat.map(messageView) }],
      ['ChatMessageSentResponse', { message: messageView(chat[0]!), delivered: true }],
      ['TicketActionResponse', { ticket: ticketView({ ...ticket, status: 'resolved', resolvedAt: at }, names, ended), adminNotified: true }],
      ['TicketActionResponse', { ticket: ticketView(ticket, names, undefined), adminNotified: false }],
      ['IncidentListResponse', { incidents: [incidentView(incident), incidentView({ ...incident, status: 'resolved', resolvedAt: at })] }],
      ['IncidentResponse', { incident: incidentView(incident) }],
      ['Handoff', handoffView({ ...live, status: 'waiting', agentId: null }, names)],
      ['Error', { error: { status: 409, message: 'SR-1000001 is closed.' } }],
    ];

    it.each(answers.map(([id, body], i) => ({ id, body, i })))('$id ($i)', ({ id, body }) => {
      const ajv = new Ajv2020({ strict: false, allErrors: true });
      formats.default(ajv);
      ajv.addSchema({ $id: 'https://example.invalid/agent-api', components: doc.components });
      const validate = ajv.getSchema(`https://example.invalid/agent-api#/components/schemas/${id}`)!;
      const sent = JSON.parse(JSON.stringify(body));
      expect(validate(sent) ? [] : validate.errors).toEqual([]);
    });

    it('has a field in the schema for every field a view returns, and the other way round', () => {
      type Out<S extends z.ZodType> = keyof z.output<S>;
      expectTypeOf<keyof ReturnType<typeof ticketView>>().toEqualTypeOf<Out<typeof schemas.ticketResponse>>();
      expectTypeOf<keyof NonNullable<ReturnType<typeof handoffView>>>().toEqualTypeOf<Out<typeof schemas.handoffResponse>>();
      expectTypeOf<keyof ReturnType<typeof historyView>>().toEqualTypeOf<Out<typeof schemas.historyEntry>>();
      expectTypeOf<keyof ReturnType<typeof messageView>>().toEqualTypeOf<Out<typeof schemas.chatMessage>>();
      expectTypeOf<keyof ReturnType<typeof transcriptView>>().toEqualTypeOf<Out<typeof schemas.transcriptLine>>();
      expectTypeOf<keyof ReturnType<typeof incidentView>>().toEqualTypeOf<Out<typeof schemas.incidentResponse>>();
      expectTypeOf<keyof ReturnType<typeof agentView>>().toEqualTypeOf<Out<typeof schemas.agentListing>>();
      expectTypeOf<keyof ReturnType<typeof ticketView>['requester']>().toEqualTypeOf<keyof z.output<typeof schemas.ticketResponse>['requester']>();
    });
  });
});
