import type { Request, Response } from 'restify';
import type { z } from 'zod';
import type { Agent, AgentStore } from '../agents/index.js';
import { HttpError, readJsonBody, sendError, wellFormedText } from '../http/index.js';
import type { Logger } from '../logger.js';
import { isUniqueViolation } from '../storage/index.js';
import { isTicketError, type TicketErrorCode } from '../tickets/index.js';
import { authenticate, sendUnauthorized } from './auth.js';
import { sendRateLimited, type AgentRateLimit } from './rateLimit.js';
import { describeIssues } from './schemas.js';

/**
 * One agent endpoint: authenticate, read and check the body and query, run, answer JSON. Refusals the
 * ticket service explains (not found, not allowed now) keep their message, written for people; anything
 * unexpected becomes a plain 500 and goes to the log.
 */

export interface EndpointContext<B, Q> {
  req: Request;
  agent: Agent;
  params: Record<string, string>;
  body: B;
  query: Q;
}

export interface Reply {
  status?: number;
  body: unknown;
  /** Writes the answer itself instead of JSON (a file download). */
  send?: (res: Response) => void;
}

/** A refusal with a status and a message safe to show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly publicMessage: string,
  ) {
    super(publicMessage);
  }
}

const statusForTicketError: Record<TicketErrorCode, number> = {
  not_found: 404,
  invalid_input: 400,
  forbidden: 403,
  illegal_transition: 409,
  reopen_window_expired: 409,
};

function queryOf(req: Request): Record<string, string> {
  return Object.fromEntries([...new URL(req.url ?? '/', 'http://localhost').searchParams].map(([k, v]) => [k, wellFormedText(v)]));
}

export function makeEndpoint(agents: AgentStore, log: Logger, rateLimit?: AgentRateLimit) {
  return function endpoint<BS extends z.ZodType | undefined = undefined, QS extends z.ZodType | undefined = undefined>(
    schemas: { body?: BS; query?: QS; /** Managers only: other agents get 403. */ managers?: boolean },
    handler: (ctx: EndpointContext<BS extends z.ZodType ? z.output<BS> : undefined, QS extends z.ZodType ? z.output<QS> : undefined>) => Promise<Reply>,
  ) {
    return async (req: Request, res: Response) => {
      try {
        const agent = await authenticate(req, agents);
        if (!agent) return sendUnauthorized(res);
        if (schemas.managers && agent.role !== 'manager') return sendError(res, 403, 'Only a manager can do this; ask a manager to run `npm run agent -- role <your agent id> manager`.');
        const allowance = rateLimit?.take(agent.id);
        if (allowance && !allowance.allowed) return sendRateLimited(res, allowance.retryAfterSeconds);
        let body: unknown;
        if (schemas.body) {
          const parsed = schemas.body.safeParse(await readJsonBody(req));
          if (!parsed.success) return sendError(res, 400, `Invalid request body: ${describeIssues(parsed.error)}.`);
          body = parsed.data;
        }
        let query: unknown;
        if (schemas.query) {
          const parsed = schemas.query.safeParse(queryOf(req));
          if (!parsed.success) return sendError(res, 400, `Invalid query: ${describeIssues(parsed.error)}.`);
          query = parsed.data;
        }
        // Path parameters go into queries too: a %00 in a ticket number must not become a database error.
        const params = Object.fromEntries(Object.entries((req.params ?? {}) as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? wellFormedText(v) : String(v)]));
        const reply = await handler({ req, agent, params, body: body as never, query: query as never });
        if (reply.send) return reply.send(res);
        res.status(reply.status ?? 200);
        res.json(reply.body);
      } catch (err) {
        if (err instanceof HttpError || err instanceof ApiError) return sendError(res, err.status, err.publicMessage);
        if (isTicketError(err)) return sendError(res, statusForTicketError[err.code], err.message);
        if (isUniqueViolation(err)) return sendError(res, 409, 'That already exists.');
        log.error({ err, path: req.getPath?.() }, 'agent API request failed');
        sendError(res, 500, 'Internal error.');
      }
    };
  };
}
