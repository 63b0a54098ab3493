import type { Response } from 'restify';
import { tokenBuckets, type TokenBucketOptions, type TokenBuckets } from '../http/index.js';

/**
 * A token bucket per agent for the agent API: a person clicking through the console never notices it,
 * while a runaway script (or a leaked token in a loop) is slowed down before it can crowd out the other
 * agents or the admins' conversations, which share the server and its database.
 */

export type AgentRateLimit = Pick<TokenBuckets, 'take'>;

/** `burst` and `perSecond` count one agent's requests; the key is the agent's id. */
export function agentRateLimit(options: TokenBucketOptions): AgentRateLimit {
  return tokenBuckets(options);
}

export const agentRateLimitMessage = (retryAfterSeconds: number) =>
  `Too many requests from your agent token in a short time. Wait ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}, then try again; nothing you did before was lost.`;

/** 429 with Retry-After and a message the console shows as it is. */
export function sendRateLimited(res: Response, retryAfterSeconds: number): void {
  if (res.headersSent) return;
  res.header('Retry-After', String(retryAfterSeconds));
  res.status(429);
  res.json({ error: { status: 429, message: agentRateLimitMessage(retryAfterSeconds) } });
}
