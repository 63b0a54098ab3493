import type { Middleware, TurnContext } from 'botbuilder';
import type { Metrics } from '../metrics.js';

/** Counts every turn and measures its duration, by channel. */
export function turnMetrics(metrics: Metrics): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>) {
      const end = metrics.turnStarted(context.activity.channelId ?? 'unknown', context.activity.type ?? 'unknown');
      try {
        await next();
      } finally {
        end();
      }
    },
  };
}
