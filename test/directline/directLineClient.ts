import WebSocket from 'ws';

/** Raw Direct Line 3.0 calls for the tests: plain fetch, so the tests see the protocol as it is. */

export interface DlActivity {
  type: string;
  id?: string;
  text?: string;
  from?: { id: string; name?: string; role?: string };
  channelData?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface Started {
  conversationId: string;
  token: string;
  streamUrl: string;
  expires_in: number;
}

export async function call(url: string, init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** What the widget does first: a token for a new conversation from the server. */
export async function widgetToken(baseUrl: string) {
  const res = await call(`${baseUrl}/api/directline/token`, { method: 'POST' });
  if (res.status !== 200) throw new Error(`token route answered ${res.status}: ${res.text}`);
  return res.json as { conversationId: string; token: string; expires_in: number; domain: string; mode: string };
}

export async function startConversation(baseUrl: string): Promise<Started> {
  const { token } = await widgetToken(baseUrl);
  const res = await call(`${baseUrl}/v3/directline/conversations`, { method: 'POST', token });
  if (res.status !== 201) throw new Error(`start answered ${res.status}: ${res.text}`);
  return res.json as Started;
}

export function postActivity(baseUrl: string, conversationId: string, token: string, activity: Record<string, unknown>) {
  return call(`${baseUrl}/v3/directline/conversations/${conversationId}/activities`, { method: 'POST', token, body: activity });
}

export function sendText(baseUrl: string, c: Started, text: string, extra: Record<string, unknown> = {}) {
  return postActivity(baseUrl, c.conversationId, c.token, { type: 'message', text, from: { id: 'someone-else' }, ...extra });
}

export async function getActivities(baseUrl: string, conversationId: string, token: string, watermark?: string) {
  const query = watermark === undefined ? '' : `?watermark=${watermark}`;
  return call(`${baseUrl}/v3/directline/conversations/${conversationId}/activities${query}`, { token });
}

/** Polls until the conversation's log satisfies `done`; returns the whole log. */
export async function pollUntil(baseUrl: string, c: Pick<Started, 'conversationId' | 'token'>, done: (all: DlActivity[]) => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  let all: DlActivity[] = [];
  while (Date.now() < deadline) {
    const res = await getActivities(baseUrl, c.conversationId, c.token);
    all = res.json?.activities ?? [];
    if (done(all)) return all;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out; log was: ${JSON.stringify(all.map((a) => [a.type, a.from?.role, a.text]))}`);
}

export const botMessages = (all: DlActivity[]) => all.filter((a) => a.type === 'message' && a.from?.role === 'bot');

export interface StreamClient {
  frames: { activities: DlActivity[]; watermark?: string }[];
  /** Raw messages, including empty keep-alives. */
  raw: string[];
  activities(): DlActivity[];
  waitFor(done: (s: StreamClient) => boolean, timeoutMs?: number): Promise<void>;
  close(): void;
}

export async function openStream(streamUrl: string, headers: Record<string, string> = {}): Promise<StreamClient> {
  const ws = new WebSocket(streamUrl, { headers });
  const client: StreamClient = {
    frames: [],
    raw: [],
    activities: () => client.frames.flatMap((f) => f.activities),
    async waitFor(done, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!done(client)) {
        if (Date.now() > deadline) throw new Error(`stream timed out; frames: ${JSON.stringify(client.frames).slice(0, 2000)}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: () => ws.close(),
  };
  ws.on('message', (data) => {
    const text = data.toString();
    client.raw.push(text);
    if (text) client.frames.push(JSON.parse(text));
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.once('error', reject);
  });
  return client;
}

/** The status of a refused WebSocket upgrade. */
export function upgradeStatus(streamUrl: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(streamUrl, { headers });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    ws.once('error', reject);
  });
}
