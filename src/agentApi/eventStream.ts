import type { Request, Response, Server } from 'restify';
import type { AgentStore } from '../agents/index.js';
import type { EventBus, HandoffEvent, HandoffStore } from '../handoff/index.js';
import type { Logger } from '../logger.js';
import { authenticate, bearerToken, sendUnauthorized } from './auth.js';
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
 *   takeover  {"ticket", "by": {"id", "name"}}     only to the agent whose ticket another agent took over
 *   revoked   {"message"}                          the token was revoked; the stream ends right after it
 * A comment line every 25 seconds keeps proxies from closing the stream and keeps the agent online.
 * Events reach every instance's streams through the event bus (LISTEN/NOTIFY with DATABASE_URL).
 *
 * Revocation. A token revoked while its stream is open (`npm run agent -- remove`, from any process or
 * instance) must stop the stream, which carries what admins type. The stream asks the database
 * (AgentStore.recheck) before it delivers each event and at each keep-alive:
 *   - every event is delivered only after a check that started after the event reached this instance
 *     has found the token still valid; so nothing is delivered once a revoke has committed before that
 *     check, and the first event after a revoke ends the stream instead (`revoked`, then the end);
 *   - a stream with nothing to deliver notices at its next keep-alive, within KEEP_ALIVE_MS.
 * The window is therefore an event that arrived while the revoke was committing (the check raced the
 * revoke), never one that arrived after it. Cost: about one indexed query per event per instance, as
 * the checks of all the streams in one turn of the event loop are one query (a message event already
 * reads its chat line once per stream); plus one per stream per keep-alive.
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
    const token = bearerToken(req)!;

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

    /** True while the token still signs this agent in; asks the database every time. */
    const stillSignedIn = async () => (await agents.recheck(token)) === signedIn.id;
    const signOut = () => {
      if (res.writableEnded) return;
      log.info({ agent: signedIn.id }, 'agent token revoked: ending their event stream');
      send('revoked', { message: 'Your agent token was revoked, so you have been signed out.' });
      end();
    };

    // Events are handled one after another, so chat lines reach the console in the order they came.
    let chain = Promise.resolve();
    const forward = async (event: HandoffEvent) => {
      if (res.writableEnded) return;
      if (event.type === 'message') {
        // The check and the read of the line run together; the line goes out only if the check passed.
        const [valid, message] = await Promise.all([stillSignedIn(), store.message(event.id)]);
        if (!valid) return signOut();
        if (message) send('message', messageView(message));
        return;
      }
      if (event.type === 'takeover' && event.from !== signedIn.id) return;
      if (!(await stillSignedIn())) return signOut();
      if (event.type === 'ticket') {
        send('ticket', { ticket: event.ticket });
      } else if (event.type === 'takeover') {
        const by = await agents.get(event.by);
        send('takeover', { ticket: event.ticket, by: { id: event.by, name: by?.name ?? event.by } });
      } else {
        send('incident', { id: event.id });
      }
    };
    const unsubscribe = events.subscribe((event) => {
      chain = chain.then(() => forward(event)).catch((err) => log.warn({ err }, 'could not forward an event to a console'));
    });
    const keepAlive = setInterval(() => {
      stillSignedIn().then(
        (valid) => {
          if (!valid) return signOut();
          if (!res.writableEnded) res.write(': keep-alive\n\n');
          agents.touch(signedIn).catch(() => undefined);
        },
        (err) => {
          // The database did not answer: keep the connection, and ask again at the next keep-alive.
          log.warn({ err }, 'could not re-check an event stream token');
          if (!res.writableEnded) res.write(': keep-alive\n\n');
        },
      );
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
