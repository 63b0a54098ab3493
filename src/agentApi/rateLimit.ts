import type { Response } from 'restify';

/**
 * A token bucket per agent for the agent API: a person clicking through the console never notices it,
 * while a runaway script (or a leaked token in a loop) is slowed down before it can crowd out the other
 * agents or the admins' conversations, which share the server and its database.
 */

export interface AgentRateLimitOptions {
  /** Requests one agent may make in a burst. */
  burst: number;
  /** Requests per second the allowance refills with. */
  perSecond: number;
  now?: () => number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface AgentRateLimit {
  take(agentId: string): RateDecision;
}

export function agentRateLimit({ burst, perSecond, now = Date.now }: AgentRateLimitOptions): AgentRateLimit {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(agentId) {
      const t = now();
      const bucket = buckets.get(agentId) ?? { tokens: burst, at: t };
      bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.at) / 1000) * perSecond);
      bucket.at = t;
      buckets.set(agentId, bucket);
      if (bucket.tokens < 1) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond)) };
      bucket.tokens -= 1;
      return { allowed: true };
    },
  };
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
