import { randomBytes } from 'node:crypto';
import { describe, it } from 'vitest';
import { createAgentStore } from '../../src/agents/agentStore.js';
import type { Language } from '../../src/i18n/index.js';
import type { Db } from '../../src/storage/db.js';
import { messageActivity, type ReplyActivity } from '../helpers/activities.js';
import { visibleText } from '../helpers/conversation.js';
import { postgresUrl } from '../helpers/databases.js';

/** Helpers for handoff tests over HTTP: a filed ticket, agents, the API (the fake channel connector is test/helpers/fakeConnector.ts). */

/** An admin on a channel without cards, talking over POST /api/messages with expectReplies. */
export function admin(baseUrl: string, conversationId: string, serviceUrl: string) {
  const send = async (text: string) => {
    const res = await fetch(`${baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(messageActivity(conversationId, text, { channelId: 'sms', serviceUrl })),
    });
    if (res.status !== 200) throw new Error(`POST /api/messages answered ${res.status}: ${await res.text()}`);
    const body = (await res.json()) as { activities?: ReplyActivity[] };
    return body.activities ?? [];
  };
  return {
    conversationId,
    /** All activities the bot answered with (events included). */
    send,
    /** The visible text of the bot's message replies. */
    async say(text: string): Promise<string> {
      return (await send(text))
        .filter((a) => a.type === 'message')
        .map((a) => visibleText(a as never))
        .join('\n');
    },
  };
}

export type Admin = ReturnType<typeof admin>;

/** Walks the conversation up to a filed request; returns the number and the activities of the last turn. */
export async function fileTicket(a: Admin, problem = 'none of our users can join teams meetings or make calls') {
  for (const line of ['hello', problem, 'no', 'yes', 'yes', 'business premium', 'Sam Jones', 'sam@fabrikam.com', '+61 2 9999 0000', 'email']) {
    await a.send(line);
  }
  const last = await a.send('submit');
  const text = last.filter((x) => x.type === 'message').map((x) => visibleText(x as never)).join('\n');
  const number = /Request (SR-\d+) is open/.exec(text)?.[1];
  if (!number) throw new Error(`no ticket was filed; the last answer was:\n${text}`);
  return { number, activities: last, text };
}

/** An agent who is online now; returns the agent and their token. */
export async function onlineAgent(db: Db, name: string) {
  const agents = createAgentStore(db);
  const { agent, token } = await agents.add(name);
  await agents.touch(agent);
  return { agent, token };
}

export interface ApiResult<T = any> {
  status: number;
  body: T;
}

/** Calls the agent API with a bearer token (or none). */
export function agentApi(baseUrl: string, token?: string) {
  const call = async <T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResult<T>> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  return {
    get: <T = any>(path: string) => call<T>('GET', path),
    post: <T = any>(path: string, body?: unknown) => call<T>('POST', path, body),
    patch: <T = any>(path: string, body?: unknown) => call<T>('PATCH', path, body),
    call,
  };
}

export interface StreamEvent {
  event: string;
  data: any;
}

/** Reads GET /api/events (Server-Sent Events) with fetch, as the console does. */
export async function openEventStream(baseUrl: string, token: string) {
  const controller = new AbortController();
  const res = await fetch(`${baseUrl}/api/events`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  if (res.status !== 200) throw new Error(`event stream answered ${res.status}`);
  const events: StreamEvent[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let endedByServer = false;
  const pump = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          endedByServer = true;
          return;
        }
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const name = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (name && data) events.push({ event: name, data: JSON.parse(data) });
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    events,
    headers: res.headers,
    /** True once the server has ended the stream (not when close() aborted it). */
    get ended() {
      return endedByServer;
    },
    /** Resolves when the server ends the stream; rejects after `ms`. */
    async waitForEnd(ms = 5000): Promise<void> {
      const deadline = Date.now() + ms;
      while (!endedByServer) {
        if (Date.now() > deadline) throw new Error(`the server did not end the stream; got ${JSON.stringify(events)}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async waitFor(event: string, match: (data: any) => boolean = () => true, ms = 5000): Promise<StreamEvent> {
      const deadline = Date.now() + ms;
      for (;;) {
        const hit = events.find((e) => e.event === event && match(e.data));
        if (hit) return hit;
        if (Date.now() > deadline) throw new Error(`no "${event}" event arrived; got ${JSON.stringify(events)}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async close() {
      controller.abort();
      await pump;
    },
  };
}

export { visibleText };

let directSeq = 0;

/** A ticket straight from the ticket service, with a chosen response due time (minutes from now, or none). */
export async function directTicket(
  db: Db,
  opts: { severity: 'A' | 'B' | 'C'; dueInMinutes: number | null; conversationId?: string; serviceUrl?: string; description?: string; language?: Language },
) {
  const { createTicketService } = await import('../../src/tickets/ticketService.js');
  const due = opts.dueInMinutes === null ? null : new Date(Date.now() + opts.dueInMinutes * 60_000);
  const tickets = createTicketService({ db, responseDue: () => due });
  const n = ++directSeq;
  const { ticket } = await tickets.createTicket(
    {
      requester: { id: `direct-requester-${n}`, name: `Admin ${n}`, email: `admin${n}@contoso.com`, phone: null },
      contactMethod: 'email',
      cloud: 'worldwide',
      planId: 'business-standard',
      category: 'technical',
      severity: opts.severity,
      severityReason: 'Chosen by the admin.',
      description: opts.description ?? `Problem number ${n}`,
      channelId: 'sms',
      ...(opts.language ? { language: opts.language } : {}),
      conversationReference: opts.conversationId
        ? { conversation: { id: opts.conversationId }, channelId: 'sms', serviceUrl: opts.serviceUrl ?? 'http://127.0.0.1:9', bot: { id: 'bot' }, user: { id: `u-${n}` } }
        : null,
    },
    { dedupeKey: `direct-${n}-${Math.random()}` },
  );
  return ticket;
}

/**
 * A suite that needs a PostgreSQL server: skipped with a notice without one, except under CI=true,
 * where a missing server is a failure (the same rule as describeEachDatabase).
 */
export function describePostgres(name: string, body: (url: string) => void): void {
  const url = postgresUrl();
  if (url) {
    describe(`${name} [postgres]`, () => body(url));
  } else if (process.env.CI === 'true') {
    describe(`${name} [postgres]`, () => {
      it('needs a PostgreSQL server under CI', () => {
        throw new Error('CI=true but no PostgreSQL server is configured: set TEST_DATABASE_URL');
      });
    });
  } else {
    console.warn(`NOTICE: "${name}" skipped: no TEST_DATABASE_URL or DATABASE_URL.`);
    describe.skip(`${name} [postgres] (no PostgreSQL server)`, () => body(''));
  }
}

/** A fresh schema on the server, migrated; `url` selects it for any client (search_path option). */
export async function postgresSchema(serverUrl: string) {
  const { postgresDb } = await import('../../src/storage/postgresDb.js');
  const { migrate } = await import('../../src/storage/migrate.js');
  const schema = `handoff_${randomBytes(5).toString('hex')}`;
  const adminDb = postgresDb({ connectionString: serverUrl, max: 1 });
  await adminDb.exec(`CREATE SCHEMA ${schema}`);
  const db = postgresDb({ connectionString: serverUrl, schema, max: 3 });
  await migrate(db);
  const url = `${serverUrl}${serverUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  return {
    schema,
    db,
    url,
    async drop() {
      await db.close();
      await adminDb.exec(`DROP SCHEMA ${schema} CASCADE`);
      await adminDb.close();
    },
  };
}
