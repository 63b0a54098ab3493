import type { Middleware, TurnContext } from 'botbuilder';

export interface RateLimitOptions {
  /** Messages allowed in a burst. */
  burst: number;
  /** Messages per second the bucket refills with. */
  perSecond: number;
  now?: () => number;
}

export const RATE_LIMIT_MESSAGE = "You're sending messages faster than I can keep up with. Give me a few seconds, then carry on: nothing you said before is lost.";

/**
 * A token bucket per conversation: a flood of messages (a script, a stuck client) is answered once with
 * a friendly note and then dropped until the bucket refills, so it cannot starve other admins.
 */
export function rateLimit({ burst, perSecond, now = Date.now }: RateLimitOptions): Middleware {
  const buckets = new Map<string, { tokens: number; at: number; warned: boolean }>();
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>) {
      if (context.activity.type !== 'message') return next();
      const key = `${context.activity.channelId}/${context.activity.conversation?.id}`;
      const t = now();
      const bucket = buckets.get(key) ?? { tokens: burst, at: t, warned: false };
      bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.at) / 1000) * perSecond);
      bucket.at = t;
      buckets.set(key, bucket);
      if (buckets.size > 50_000) for (const k of [...buckets.keys()].slice(0, 10_000)) buckets.delete(k);
      if (bucket.tokens < 1) {
        if (!bucket.warned) {
          bucket.warned = true;
          await context.sendActivity(RATE_LIMIT_MESSAGE);
        }
        return;
      }
      bucket.tokens -= 1;
      bucket.warned = false;
      await next();
    },
  };
}
