import { CloudAdapter, type TurnContext } from 'botbuilder';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { issuerOverride, StrictBotFrameworkAuthentication } from './strictAuthentication.js';
import { connectorClientOptions, type ConnectorTransportOptions } from './connectorTransport.js';
import { turnScopeMiddleware } from './turnScope.js';

export const SORRY_MESSAGE = "Sorry, something went wrong on my side. Please try again in a moment; what you've told me so far is kept.";

/**
 * The Bot Framework adapter. With an empty MicrosoftAppId, inbound authentication is off (Emulator,
 * local widget); with one, every request must carry a valid channel token.
 */
export function createAdapter(
  config: Config,
  log: Logger,
  onError: (context: TurnContext) => void = () => undefined,
  connector: ConnectorTransportOptions = {},
): CloudAdapter {
  const auth = new StrictBotFrameworkAuthentication(
    {
      MicrosoftAppId: config.MicrosoftAppId ?? '',
      MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
      MicrosoftAppType: config.MicrosoftAppType,
      MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
      ...issuerOverride(config.BotOpenIdMetadata),
    },
    undefined,
    undefined,
    undefined,
    // Outgoing calls (replies, card updates, member lookups) go through a transport that backs off on 429 and never sends twice.
    connectorClientOptions(process.env, log, connector),
  );
  const adapter = new CloudAdapter(auth);
  adapter.use(turnScopeMiddleware(log));
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    onError(context);
    log.error(
      { err: error, conversationId: context.activity.conversation?.id, channelId: context.activity.channelId },
      'turn failed',
    );
    try {
      await context.sendActivity(SORRY_MESSAGE);
    } catch (sendError) {
      log.warn({ err: sendError }, 'could not tell the user about the failed turn');
    }
  };
  return adapter;
}
