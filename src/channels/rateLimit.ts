import type { Middleware, TurnContext } from 'botbuilder';
import { tokenBuckets, type TokenBucketOptions } from '../http/index.js';

export const RATE_LIMIT_MESSAGE = "You're sending messages faster than I can keep up with. Give me a few seconds, then carry on: nothing you said before is lost.";

/**
 * A token bucket per conversation: a flood of messages (a script, a stuck client) is answered once with
 * a friendly note and then dropped until the bucket refills, so it cannot starve other admins.
 * `burst` and `perSecond` count messages.
 */
export function rateLimit(options: TokenBucketOptions): Middleware {
  const buckets = tokenBuckets(options);
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>) {
      if (context.activity.type !== 'message') return next();
      const key = `${context.activity.channelId}/${context.activity.conversation?.id}`;
      if (!buckets.take(key).allowed) {
        if (buckets.refusedInARow(key) === 1) await context.sendActivity(RATE_LIMIT_MESSAGE);
        return;
      }
      await next();
    },
  };
}
