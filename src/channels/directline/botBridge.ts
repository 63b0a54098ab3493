import type { ActivityHandler } from 'botbuilder';
import { toAdapterActivity, type ChannelAdapter } from '../adapter.js';
import type { Logger } from '../../logger.js';

/**
 * Hands client activities to the bot through CloudAdapter, the same pipeline a Bot Framework channel
 * request takes (middleware, onTurnError, outbound replies through the Connector API at the
 * activity's serviceUrl). No channel token is involved: the server itself assigned the sender's id
 * and vouches for it (ChannelAdapter.processVouched), so this works with MicrosoftAppId set too.
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
  adapter: ChannelAdapter;
  bot: ActivityHandler;
  log: Logger;
}

/** An activity as JSON carries it: what a channel would POST to /api/messages. */
export type WireActivity = { type: string; conversation: { id: string }; [key: string]: unknown };

/** How long a POST waits for the bot, as the Direct Line service does before answering anyway. */
export const DEFAULT_TURN_WAIT_MS = 15_000;

export function createBotBridge({ adapter, bot, log }: BotBridgeDeps): BotBridge {
  const queues = new Map<string, Promise<void>>();

  const runTurn = async (activity: WireActivity) => {
    try {
      await adapter.processVouched(toAdapterActivity(activity), (context) => bot.run(context));
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
