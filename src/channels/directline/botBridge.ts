import type { Activity, ActivityHandler, CloudAdapter } from 'botbuilder';
import type { Logger } from '../../logger.js';

/**
 * Hands client activities to the bot through CloudAdapter, the same pipeline a Bot Framework channel
 * request takes (middleware, onTurnError, outbound replies through the Connector API at the
 * activity's serviceUrl). Authentication is off here: the embedded endpoint only runs when the
 * adapter accepts unauthenticated requests (no MicrosoftAppId), see index.ts.
 */
export interface BotBridge {
  /**
   * Runs the bot's turn for the activity. Turns of one conversation run one after another, as they
   * would if the user waited for each answer: concurrent turns would fight over the same state.
   * Resolves when the turn ends, or after `waitMs`, leaving a slow turn to finish on its own.
   */
  deliver(activity: WireActivity, waitMs?: number): Promise<void>;
  /** Resolves when every turn started so far has ended (shutdown, tests). */
  idle(): Promise<void>;
}

export interface BotBridgeDeps {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  log: Logger;
}

/** An activity as JSON carries it: what a channel would POST to /api/messages. */
export type WireActivity = { type: string; conversation: { id: string }; [key: string]: unknown };

/**
 * The conversion CloudAdapter.process applies to an HTTP body (botbuilder's validateAndFixActivity):
 * date strings become Dates and the original text is kept in raw* fields. On a copy, so the bot
 * cannot change what was stored.
 */
export function toAdapterActivity(wire: WireActivity): Activity {
  const activity = JSON.parse(JSON.stringify(wire)) as Record<string, unknown>;
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    if (typeof activity[field] === 'string') {
      activity[raw] = activity[field];
      activity[field] = new Date(activity[field] as string);
    }
  }
  return activity as unknown as Activity;
}

/** How long a POST waits for the bot, as the Direct Line service does before answering anyway. */
export const DEFAULT_TURN_WAIT_MS = 15_000;

export function createBotBridge({ adapter, bot, log }: BotBridgeDeps): BotBridge {
  const queues = new Map<string, Promise<void>>();

  const runTurn = async (activity: WireActivity) => {
    try {
      await adapter.processActivityDirect('', toAdapterActivity(activity), (context) => bot.run(context));
    } catch (err) {
      // onTurnError has already told the user; this is what escaped it.
      log.error({ err, conversationId: activity.conversation?.id }, 'direct line turn failed');
    }
  };

  return {
    deliver(activity, waitMs = DEFAULT_TURN_WAIT_MS) {
      const conversationId = activity.conversation.id;
      const previous = queues.get(conversationId) ?? Promise.resolve();
      const turn = previous.then(() => runTurn(activity));
      queues.set(conversationId, turn);
      void turn.then(() => {
        if (queues.get(conversationId) === turn) queues.delete(conversationId);
      });
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, waitMs);
        timer.unref();
      });
      return Promise.race([turn, timeout]).finally(() => clearTimeout(timer));
    },
    async idle() {
      while (queues.size > 0) await Promise.all([...queues.values()]);
    },
  };
}
