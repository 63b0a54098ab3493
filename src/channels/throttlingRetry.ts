/**
 * When and how long to wait before sending a Bot Connector request again. Pure functions: the transport
 * applies them, tests check them with a fixed random source.
 *
 * Teams throttles bots per conversation and answers 429 when a bot sends too fast. A 429 means the
 * message was refused, so sending it again cannot duplicate it; a 500 or a timeout may come after the
 * message was posted, so those are never retried here.
 */

export interface RetryPolicy {
  /** Attempts after the first one. */
  maxRetries: number;
  /** First backoff ceiling; it doubles with every retry. */
  baseDelayMs: number;
  /** Ceiling of the backoff part of a single wait. */
  maxDelayMs: number;
  /** All waits of one request together. */
  maxTotalDelayMs: number;
  /**
   * No wait may end later than this after the turn started. Teams gives a bot about 15 seconds to
   * answer an incoming message; replies still pending after that are of little use and risk a redelivery.
   */
  turnBudgetMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 4,
  baseDelayMs: 500,
  maxDelayMs: 4_000,
  maxTotalDelayMs: 10_000,
  turnBudgetMs: 12_000,
};

/** Retry-After as milliseconds: delay-seconds or an HTTP date. Undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** Whether the response proves the request was not processed, so that sending it again is safe. */
export function isSafeToRetry(status: number, retryAfterMs: number | undefined): boolean {
  // 503 only with Retry-After: then the service says it refused the request; a bare 503 may come from a proxy after the fact.
  return status === 429 || (status === 503 && retryAfterMs !== undefined);
}

/**
 * Exponential backoff with full jitter (a random wait between 0 and the ceiling), added on top of the
 * server's Retry-After, so many conversations throttled at once do not all come back in the same instant.
 */
export function backoffDelayMs(retry: number, retryAfterMs: number | undefined, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.round((retryAfterMs ?? 0) + random() * ceiling);
}

export interface RetryState {
  /** 0 before the first retry. */
  retry: number;
  status: number;
  retryAfterMs: number | undefined;
  /** Time already spent waiting for this request. */
  waitedMs: number;
  now: number;
  /** Start of the turn the request belongs to, when known. */
  turnStartedAt?: number;
}

/** How long to wait before the next attempt, or undefined to give up and report the failure. */
export function nextRetryDelay(state: RetryState, policy: RetryPolicy, random: () => number): number | undefined {
  if (!isSafeToRetry(state.status, state.retryAfterMs) || state.retry >= policy.maxRetries) return undefined;
  const delay = backoffDelayMs(state.retry, state.retryAfterMs, policy, random);
  if (state.waitedMs + delay > policy.maxTotalDelayMs) return undefined;
  if (state.turnStartedAt !== undefined && state.now + delay > state.turnStartedAt + policy.turnBudgetMs) return undefined;
  return delay;
}
