import { createServer, type IncomingMessage, type Server } from 'node:http';

/**
 * A stand-in for the Bot Connector service Teams gives a bot (the `serviceUrl` of its activities), on
 * loopback over real HTTP. It speaks the v3 REST routes botframework-connector calls:
 *   POST /v3/conversations/{conversationId}/activities[/{replyToId}]   send or reply
 *   PUT  /v3/conversations/{conversationId}/activities/{activityId}     update a message
 *   GET  /v3/conversations/{conversationId}/members/{memberId}          TeamsInfo.getMember
 * Each kind of call can be scripted to fail (429 with Retry-After, 500, 404...).
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
  status: number;
  /** What the fake answered, e.g. `{ id }` of a posted message. */
  response?: unknown;
  /** Arrival time, ms (performance.now). */
  at: number;
}

export interface ScriptedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface FakeConnector {
  /** The serviceUrl to put in activities; like Teams' regional URLs it has a path. */
  serviceUrl: string;
  calls: ConnectorCall[];
  /** Activities the connector accepted (a 2xx to a send). */
  delivered(conversationId?: string): Record<string, unknown>[];
  /** Member records answered to getMember, by Teams user id. */
  members: Map<string, Record<string, unknown>>;
  /** The next calls of this kind get these responses, in order; later ones succeed again. */
  script(kind: CallKind, ...responses: ScriptedResponse[]): void;
  reset(): void;
  close(): Promise<void>;
}

const BASE = '/amer/';

export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  const members = new Map<string, Record<string, unknown>>();
  const scripts: Record<CallKind, ScriptedResponse[]> = { send: [], update: [], member: [] };
  let messageSeq = 0;

  const server: Server = createServer(async (req, res) => {
    const at = performance.now();
    const body = await readJson(req);
    const route = parseRoute(req.method ?? 'GET', req.url ?? '/');
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'NotFound', message: 'no such route' } }));
      return;
    }
    const scripted = scripts[route.kind].shift();
    const answer = scripted ?? defaultAnswer(route, members, () => `1:msg-${++messageSeq}`);
    calls.push({ ...route, body, authorization: req.headers.authorization, status: answer.status, response: answer.body, at });
    res.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.headers ?? {}) });
    res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };

  return {
    serviceUrl: `http://127.0.0.1:${port}${BASE}`,
    calls,
    members,
    delivered: (conversationId) =>
      calls.filter((c) => c.kind === 'send' && c.status < 300 && (!conversationId || c.conversationId === conversationId)).map((c) => c.body!),
    script: (kind, ...responses) => void scripts[kind].push(...responses),
    reset() {
      calls.length = 0;
      members.clear();
      for (const k of Object.keys(scripts) as CallKind[]) scripts[k].length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function parseRoute(method: string, url: string): Omit<ConnectorCall, 'body' | 'authorization' | 'status' | 'response' | 'at'> | undefined {
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

function defaultAnswer(route: { kind: CallKind; memberId?: string; activityId?: string }, members: Map<string, Record<string, unknown>>, nextId: () => string): ScriptedResponse {
  if (route.kind === 'member') {
    const member = members.get(route.memberId!);
    return member
      ? { status: 200, body: member }
      : { status: 404, body: { error: { code: 'MemberNotFoundInConversation', message: 'The member is not part of the conversation.' } } };
  }
  if (route.kind === 'update') return { status: 200, body: { id: route.activityId } };
  return { status: 200, body: { id: nextId() } };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
}
