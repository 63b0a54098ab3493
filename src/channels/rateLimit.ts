import type { Middleware, TurnContext } from 'botbuilder';
import { tokenBuckets, type TokenBucketOptions } from '../http/index.js';

export const RATE_LIMIT_MESSAGE = "You're sending messages faster than I can keep up with. Give me a few seconds, then carry on: nothing you said before is lost.";

/**
 * A token bucket per conversation: a flood of messages (a script, a stuck client) is answered once with
 * a friendly note and then dropped until the bucket refills, so it cannot starve other admins.
 * `burst` and `perSecond` count messages. A flood lasts until the conversation has gone without a
 * refused message for as long as an empty bucket takes to fill up (burst / perSecond seconds): the
 * messages the refill lets through mid-flood do not end it, so the note is sent once per flood.
 */
export function rateLimit(options: TokenBucketOptions): Middleware {
  const buckets = tokenBuckets(options);
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>) {
      if (context.activity.type !== 'message') return next();
      const key = `${context.activity.channelId}/${context.activity.conversation?.id}`;
      if (!buckets.take(key).allowed) {
        if (buckets.refusalsInFlood(key) === 1) await context.sendActivity(RATE_LIMIT_MESSAGE);
        return;
      }
      await next();
    },
  };
}
