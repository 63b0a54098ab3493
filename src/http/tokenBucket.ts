/**
 * Token buckets, one per key (a conversation, an agent, a client address): `burst` takes at once,
 * refilling at `perSecond`. Used by the conversation's rate limit (src/channels/), the embedded Direct
 * Line's client limits (src/channels/directline/) and the agent API's (src/agentApi/).
 */

export interface TokenBucketOptions {
  /** Takes allowed in a burst. */
  burst: number;
  /** Takes per second the bucket refills with. */
  perSecond: number;
  /**
   * How long a key must go without a refused take for its flood to be over (see refusalsInFlood).
   * Default: the time an empty bucket takes to fill up again, burst / perSecond seconds.
   */
  floodQuietMs?: number;
  now?: () => number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface TokenBuckets {
  take(key: string): RateDecision;
  /**
   * Refusals for `key` in its current flood: 1 on the first refusal of a flood. A flood ends only when
   * the key has gone `floodQuietMs` without a refused take; the takes the refill lets through mid-flood
   * do not end it, so a caller that answers a flood once (a note to the sender) answers it once.
   */
  refusalsInFlood(key: string): number;
}

/** Past this many keys the oldest 10,000 are forgotten (they start again with a full bucket). */
const MAX_KEYS = 50_000;

export function tokenBuckets({ burst, perSecond, now = Date.now, floodQuietMs = (burst / perSecond) * 1000 }: TokenBucketOptions): TokenBuckets {
  const buckets = new Map<string, { tokens: number; at: number; refused: number; lastRefusedAt: number }>();
  return {
    take(key) {
      const t = now();
      const bucket = buckets.get(key) ?? { tokens: burst, at: t, refused: 0, lastRefusedAt: -Infinity };
      bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.at) / 1000) * perSecond);
      bucket.at = t;
      buckets.set(key, bucket);
      if (buckets.size > MAX_KEYS) for (const k of [...buckets.keys()].slice(0, 10_000)) buckets.delete(k);
      if (bucket.tokens < 1) {
        bucket.refused = t - bucket.lastRefusedAt >= floodQuietMs ? 1 : bucket.refused + 1;
        bucket.lastRefusedAt = t;
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond)) };
      }
      bucket.tokens -= 1;
      return { allowed: true };
    },
    refusalsInFlood(key) {
      const bucket = buckets.get(key);
      return bucket && now() - bucket.lastRefusedAt < floodQuietMs ? bucket.refused : 0;
    },
  };
}
