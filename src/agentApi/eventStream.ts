import type { Request, Response, Server } from 'restify';
import type { AgentStore } from '../agents/index.js';
import type { EventBus, HandoffEvent, HandoffStore } from '../handoff/index.js';
import type { Logger } from '../logger.js';
import { authenticate, sendUnauthorized } from './auth.js';
import { sendRateLimited, type AgentRateLimit } from './rateLimit.js';
import { messageView } from './views.js';

/**
 * GET /api/events: Server-Sent Events for the console. Authenticated with the same Authorization
 * header as every other call, so the console reads it with fetch() (EventSource cannot send headers,
 * and a token never goes into a URL). Events:
 *   ready     {"agent": {"id", "name"}}            once, when the stream opens
 *   message   a chat line, as in GET /api/tickets/:number/messages
 *   ticket    {"ticket": "SR-1000042"}             the ticket or its handoff changed: re-read it
 *   incident  {"id": "EX123456"}                   an incident changed
 * A comment line every 25 seconds keeps proxies from closing the stream and keeps the agent online.
 * Events reach every instance's streams through the event bus (LISTEN/NOTIFY with DATABASE_URL).
 */

export const KEEP_ALIVE_MS = 25_000;

export interface EventStreams {
  /** Open streams on this instance. */
  count(): number;
  close(): void;
}

export interface EventStreamDeps {
  agents: AgentStore;
  events: EventBus;
  store: HandoffStore;
  log: Logger;
  keepAliveMs?: number;
  /** Opening a stream counts as a request of the agent. */
  rateLimit?: AgentRateLimit;
}

export function mountEventStream(server: Server, { agents, events, store, log, keepAliveMs = KEEP_ALIVE_MS, rateLimit }: EventStreamDeps): EventStreams {
  const open = new Set<() => void>();

  server.get('/api/events', async (req: Request, res: Response) => {
    let agent;
    try {
      agent = await authenticate(req, agents);
    } catch (err) {
      log.error({ err }, 'event stream authentication failed');
      res.status(500);
      return res.json({ error: { status: 500, message: 'Internal error.' } });
    }
    if (!agent) return sendUnauthorized(res);
    const allowance = rateLimit?.take(agent.id);
    if (allowance && !allowance.allowed) return sendRateLimited(res, allowance.retryAfterSeconds);
    const signedIn = agent;

    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx and similar proxies would otherwise buffer the stream.
      'x-accel-buffering': 'no',
    });
    const send = (name: string, data: unknown) => {
      if (!res.writableEnded) res.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    res.write('retry: 3000\n\n');
    send('ready', { agent: { id: signedIn.id, name: signedIn.name } });

    // Events are handled one after another, so chat lines reach the console in the order they came.
    let chain = Promise.resolve();
    const forward = async (event: HandoffEvent) => {
      if (event.type === 'message') {
        const message = await store.message(event.id);
        if (message) send('message', messageView(message));
      } else if (event.type === 'ticket') {
        send('ticket', { ticket: event.ticket });
      } else {
        send('incident', { id: event.id });
      }
    };
    const unsubscribe = events.subscribe((event) => {
      chain = chain.then(() => forward(event)).catch((err) => log.warn({ err }, 'could not forward an event to a console'));
    });
    const keepAlive = setInterval(() => {
      if (!res.writableEnded) res.write(': keep-alive\n\n');
      agents.touch(signedIn).catch(() => undefined);
    }, keepAliveMs);
    keepAlive.unref();

    const end = () => {
      if (!open.delete(end)) return;
      clearInterval(keepAlive);
      unsubscribe();
      if (!res.writableEnded) res.end();
    };
    open.add(end);
    req.on('close', end);
    res.on('close', end);
  });

  return {
    count: () => open.size,
    close() {
      for (const end of [...open]) end();
    },
  };
}
