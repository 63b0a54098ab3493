import type { Activity, CloudAdapter, ConversationReference } from 'botbuilder';

/**
 * Sends a message into an admin's conversation outside of their turn (a proactive message), using the
 * conversation reference stored on the ticket. The reference's serviceUrl names the channel: the Teams
 * connector, or this server's embedded Direct Line connector for the widget, so one path serves both.
 */
export type AdminRelay = (reference: Partial<ConversationReference>, activity: Partial<Activity>) => Promise<void>;

/** The relay through the bot's CloudAdapter. `botAppId` is '' in local mode (no MicrosoftAppId). */
export function adapterRelay(adapter: CloudAdapter, botAppId: string): AdminRelay {
  return async (reference, activity) => {
    await adapter.continueConversationAsync(botAppId, reference, async (context) => {
      await context.sendActivity(activity);
    });
  };
}
