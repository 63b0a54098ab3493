import { createServer, type IncomingMessage, type Server } from 'node:http';

/**
 * A stand-in for a channel's Bot Connector service (the `serviceUrl` of its activities: Teams, SMS,
 * Direct Line...) on loopback over real HTTP. It speaks the v3 REST routes botframework-connector calls:
 *   POST /v3/conversations/{conversationId}/activities[/{replyToId}]   send or reply
 *   PUT  /v3/conversations/{conversationId}/activities/{activityId}     update a message
 *   GET  /v3/conversations/{conversationId}/members/{memberId}          TeamsInfo.getMember
 * Every call is recorded as it arrives. Each kind of call can be scripted to fail (429 with
 * Retry-After, 500, 404...), to answer late, or never to answer.
 */

export type CallKind = 'send' | 'update' | 'member';

export interface ConnectorCall {
  kind: CallKind;
  method: string;
  conversationId: string;
  /** The reply-to id of a send, the updated message of an update. */
  activityId?: string;
  memberId?: string;
  body?: Record<string, unknown>;
  authorization?: string;
  /** The status it was answered with; 0 while not answered (yet). */
  status: number;
  /** What the fake answered, e.g. `{ id }` of a posted message. */
  response?: unknown;
  /** Arrival time, ms (performance.now). */
  at: number;
}

export interface ScriptedResponse {
  status: number;
  headers?: Record<string, string>;
  /**
   * The answer's body, or a function of the call that makes it. Without one, a 2xx carries what the
   * real service answers (`{ id }`, the member) and any other status a Bot Connector error.
   */
  body?: unknown;
  /** Answer this much later. */
  delayMs?: number;
  /** Never answer: the call stays in the middle of sending until the caller gives up or close(). */
  hang?: boolean;
}

export interface FakeConnectorOptions {
  /** How calls nobody scripted are answered; by default as the real service does. */
  fallback?: ScriptedResponse;
}

export interface FakeConnector {
  /** The serviceUrl to put in activities; like Teams' regional URLs it has a path. */
  serviceUrl: string;
  /** Every call, in arrival order. */
  calls: ConnectorCall[];
  /** Activities the connector accepted (a 2xx to a send). */
  delivered(conversationId?: string): Record<string, unknown>[];
  /** The text of every message sent to the conversation, in arrival order, answered or not. */
  messages(conversationId?: string): string[];
  /** Messages the user saw: sends answered 2xx, or 5xx (those may have been posted), in arrival order. */
  seen(conversationId: string): string[];
  /** Resolves with the first message to the conversation whose text matches, waiting up to `ms`. */
  waitFor(conversationId: string, text: RegExp, ms?: number): Promise<Record<string, unknown>>;
  /** Member records answered to getMember, by Teams user id. */
  members: Map<string, Record<string, unknown>>;
  /** The next calls of this kind get these responses, in order; later ones get `fallback`. */
  script(kind: CallKind, ...responses: ScriptedResponse[]): void;
  /** How calls nobody scripted are answered; undefined: as the real service does. */
  fallback: ScriptedResponse | undefined;
  /** Forgets calls, members and scripts, and puts back the fallback it started with. */
  reset(): void;
  close(): Promise<void>;
}

const BASE = '/amer/';

export async function startFakeConnector(options: FakeConnectorOptions = {}): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  const members = new Map<string, Record<string, unknown>>();
  const scripts: Record<CallKind, ScriptedResponse[]> = { send: [], update: [], member: [] };
  let messageSeq = 0;
  const messagesOf = (conversationId?: string) =>
    calls.filter((c) => c.kind === 'send' && c.body?.type === 'message' && (!conversationId || c.conversationId === conversationId));

  const server: Server = createServer(async (req, res) => {
    const at = performance.now();
    const body = await readJson(req);
    const route = parseRoute(req.method ?? 'GET', req.url ?? '/');
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'NotFound', message: 'no such route' } }));
      return;
    }
    const call: ConnectorCall = { ...route, body, authorization: req.headers.authorization, status: 0, at };
    calls.push(call);
    const scripted = scripts[route.kind].shift() ?? connector.fallback;
    const answer = scripted ? answerAs(scripted, call, members, () => `1:msg-${++messageSeq}`) : defaultAnswer(route, members, () => `1:msg-${++messageSeq}`);
    if (scripted?.hang) return;
    if (scripted?.delayMs) await new Promise((resolve) => setTimeout(resolve, scripted.delayMs));
    call.status = answer.status;
    call.response = answer.body;
    res.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.headers ?? {}) });
    res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };

  const connector: FakeConnector = {
    serviceUrl: `http://127.0.0.1:${port}${BASE}`,
    calls,
    members,
    fallback: options.fallback,
    delivered: (conversationId) =>
      calls.filter((c) => c.kind === 'send' && c.status >= 200 && c.status < 300 && (!conversationId || c.conversationId === conversationId)).map((c) => c.body!),
    messages: (conversationId) => messagesOf(conversationId).map((c) => String(c.body?.text ?? '')),
    seen: (conversationId) =>
      messagesOf(conversationId)
        .filter((c) => (c.status >= 200 && c.status < 300) || c.status >= 500)
        .map((c) => String(c.body?.text ?? '')),
    async waitFor(conversationId, text, ms = 5000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const hit = messagesOf(conversationId).find((c) => text.test(String(c.body?.text ?? '')));
        if (hit) return hit.body!;
        if (Date.now() > deadline) throw new Error(`no message matching ${text} reached ${conversationId}; got: ${JSON.stringify(connector.messages(conversationId))}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    script: (kind, ...responses) => void scripts[kind].push(...responses),
    reset() {
      calls.length = 0;
      members.clear();
      for (const k of Object.keys(scripts) as CallKind[]) scripts[k].length = 0;
      connector.fallback = options.fallback;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return connector;
}

function parseRoute(method: string, url: string): Pick<ConnectorCall, 'kind' | 'method' | 'conversationId' | 'activityId' | 'memberId'> | undefined {
  const path = new URL(url, 'http://x').pathname;
  if (!path.startsWith(BASE)) return undefined;
  const parts = path.slice(BASE.length).split('/').map(decodeURIComponent);
  if (parts[0] !== 'v3' || parts[1] !== 'conversations' || !parts[2]) return undefined;
  const conversationId = parts[2];
  if (parts[3] === 'activities' && parts.length <= 5) {
    if (method === 'POST') return { kind: 'send', method, conversationId, activityId: parts[4] };
    if (method === 'PUT' && parts[4]) return { kind: 'update', method, conversationId, activityId: parts[4] };
  }
  if (parts[3] === 'members' && parts[4] && parts.length === 5 && method === 'GET') return { kind: 'member', method, conversationId, memberId: parts[4] };
  return undefined;
}

type Route = { kind: CallKind; memberId?: string; activityId?: string };

function defaultAnswer(route: Route, members: Map<string, Record<string, unknown>>, nextId: () => string): ScriptedResponse {
  if (route.kind === 'member') {
    const member = members.get(route.memberId!);
    return member
      ? { status: 200, body: member }
      : { status: 404, body: { error: { code: 'MemberNotFoundInConversation', message: 'The member is not part of the conversation.' } } };
  }
  if (route.kind === 'update') return { status: 200, body: { id: route.activityId } };
  return { status: 200, body: { id: nextId() } };
}

function answerAs(scripted: ScriptedResponse, call: ConnectorCall, members: Map<string, Record<string, unknown>>, nextId: () => string): ScriptedResponse {
  const { status, headers } = scripted;
  if (typeof scripted.body === 'function') return { status, headers, body: (scripted.body as (call: ConnectorCall) => unknown)(call) };
  if (scripted.body !== undefined) return { status, headers, body: scripted.body };
  if (status >= 300) return { status, headers, body: { error: { code: 'Failure', message: 'scripted failure' } } };
  const success = defaultAnswer(call, members, nextId);
  return { status, headers, body: success.status < 300 ? success.body : {} };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
}
