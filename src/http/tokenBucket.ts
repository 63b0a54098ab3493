/**
 * Token buckets, one per key (a conversation, an agent): `burst` takes at once, refilling at `perSecond`.
 * Used by the conversation's rate limit (src/channels/) and the agent API's (src/agentApi/).
 */

export interface TokenBucketOptions {
  /** Takes allowed in a burst. */
  burst: number;
  /** Takes per second the bucket refills with. */
  perSecond: number;
  now?: () => number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface TokenBuckets {
  take(key: string): RateDecision;
  /** Refusals for `key` since its last allowed take: 1 on the first refusal of a flood. */
  refusedInARow(key: string): number;
}

/** Past this many keys the oldest 10,000 are forgotten (they start again with a full bucket). */
const MAX_KEYS = 50_000;

export function tokenBuckets({ burst, perSecond, now = Date.now }: TokenBucketOptions): TokenBuckets {
  const buckets = new Map<string, { tokens: number; at: number; refused: number }>();
  return {
    take(key) {
      const t = now();
      const bucket = buckets.get(key) ?? { tokens: burst, at: t, refused: 0 };
      bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.at) / 1000) * perSecond);
      bucket.at = t;
      buckets.set(key, bucket);
      if (buckets.size > MAX_KEYS) for (const k of [...buckets.keys()].slice(0, 10_000)) buckets.delete(k);
      if (bucket.tokens < 1) {
        bucket.refused += 1;
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond)) };
      }
      bucket.tokens -= 1;
      bucket.refused = 0;
      return { allowed: true };
    },
    refusedInARow(key) {
      return buckets.get(key)?.refused ?? 0;
    },
  };
}
