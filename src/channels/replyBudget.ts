import { TurnContext, type Activity, type CloudAdapter, type Middleware, type ResourceResponse } from 'botbuilder';
import type { Logger } from '../logger.js';
import { ConnectorRequestError } from './connectorTransport.js';

/**
 * Keeps a turn within the channel's patience. Teams (and every channel behind Azure Bot Service)
 * gives the bot about 15 seconds to answer the HTTP request that delivered a message; the bot's
 * replies are separate calls to the channel's Bot Connector made during the turn, so a slow or
 * throttled connector holds that request open, the channel reports a failure and may deliver the
 * message again.
 *
 * Once the turn has spent its budget on sending, the replies still to come are set aside and the turn
 * finishes (its state is saved and the channel gets its answer). They are sent right after, as
 * proactive messages in the same conversation, in order, once a send still under way has finished:
 * that one is never sent twice. A send the connector failed with 5xx may have been posted, so it is
 * not sent again either; the turn carries on as if it had been, rather than failing and asking again.
 */

/** Sending time a turn may use; the rest of the channel's 15 s is left for the turn's own work. */
export const DEFAULT_REPLY_BUDGET_MS = 10_000;

export interface ReplyBudgetOptions {
  adapter: CloudAdapter;
  /** MicrosoftAppId ('' in local mode), for the proactive sends. */
  appId: string;
  log: Logger;
  budgetMs?: number;
  now?: () => number;
}

const placeholders = (activities: Partial<Activity>[]): ResourceResponse[] => activities.map(() => ({ id: '' }));

/** Turns whose replies go back in the HTTP response, or whose answer must: nothing to defer. */
function exempt(activity: Activity): boolean {
  return (
    activity.deliveryMode === 'expectReplies' ||
    activity.type === 'invoke' ||
    (activity.type === 'event' && activity.name === 'ContinueConversation') ||
    !activity.serviceUrl
  );
}

export function replyBudget({ adapter, appId, log, budgetMs = DEFAULT_REPLY_BUDGET_MS, now = Date.now }: ReplyBudgetOptions): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      if (exempt(context.activity)) return next();
      const deadline = now() + budgetMs;
      const reference = TurnContext.getConversationReference(context.activity);
      let setAside: Partial<Activity>[] | undefined;
      let underWay: Promise<unknown> = Promise.resolve();

      context.onSendActivities(async (_ctx, activities, send) => {
        if (setAside) {
          setAside.push(...activities);
          return placeholders(activities);
        }
        const remaining = deadline - now();
        if (remaining <= 0) {
          setAside = [...activities];
          return placeholders(activities);
        }
        const sending = send();
        let outOfTimeNow!: () => void;
        const outOfTime = new Promise<undefined>((resolve) => (outOfTimeNow = () => resolve(undefined)));
        const timer = setTimeout(outOfTimeNow, remaining);
        try {
          const sent = await Promise.race([sending, outOfTime]);
          if (sent) return sent;
          setAside = [];
          underWay = sending.catch(() => undefined);
          return placeholders(activities);
        } catch (err) {
          if (!(err instanceof ConnectorRequestError)) throw err;
          log.warn({ status: err.statusCode, conversationId: reference.conversation?.id }, 'the channel failed a reply that may have been posted; it is not sent again');
          return placeholders(activities);
        } finally {
          clearTimeout(timer);
        }
      });

      await next();

      const later = setAside?.filter((a) => a.type !== 'typing');
      if (!later?.length) return;
      log.info({ conversationId: reference.conversation?.id, replies: later.length }, 'slow channel: the rest of the replies are sent after the turn');
      // Not awaited: the turn (and the conversation's queue in the turn guard) must end first.
      void underWay
        .then(() =>
          adapter.continueConversationAsync(appId, reference, async (proactive) => {
            for (const activity of later) await proactive.sendActivity({ ...activity, id: undefined });
          }),
        )
        .catch((err) => log.warn({ err, conversationId: reference.conversation?.id }, 'could not send the replies set aside after a slow turn'));
    },
  };
}
