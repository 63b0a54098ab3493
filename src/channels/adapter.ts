import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import { AuthenticationConstants, type AuthenticateRequestResult } from 'botframework-connector';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { issuerOverride, StrictBotFrameworkAuthentication } from './strictAuthentication.js';
import { connectorClientOptions, type ConnectorTransportOptions } from './connectorTransport.js';
import { LocalConnectors } from './localConnectors.js';
import { turnScopeMiddleware } from './turnScope.js';

export const SORRY_MESSAGE = "Sorry, something went wrong on my side. Please try again in a moment; what you've told me so far is kept.";

/** The callerId of turns this server's own channel vouches for (the embedded Direct Line endpoint). */
export const EMBEDDED_CALLER_ID = 'urn:support-assistant:embedded-directline';

type TurnLogic = (context: TurnContext) => Promise<void>;

/**
 * The Bot Framework adapter, with the two ways a turn comes in:
 *  - a channel's HTTP request (`processAuthenticated`): with MicrosoftAppId set its token is checked
 *    first, and a refusal is an AuthenticationError the caller answers with 401;
 *  - an activity this server received itself on its own channel (`processVouched`): the server
 *    vouches for the sender, so no channel token is needed, in local mode and with an app id alike.
 * Replies to this server's own channels go through `localConnectors`, signed with that channel's keys.
 */
export class ChannelAdapter extends CloudAdapter {
  constructor(
    private readonly auth: StrictBotFrameworkAuthentication,
    private readonly botAppId: string,
    readonly localConnectors: LocalConnectors,
  ) {
    super(auth);
  }

  /** Authenticates a channel's request, then runs the turn; the invoke response, if any, is returned. */
  async processAuthenticated(activity: Activity, authHeader: string, logic: TurnLogic): Promise<InvokeResponse | undefined> {
    const result = await this.auth.authenticateRequest(activity, authHeader);
    return this.processActivity(result, activity, logic);
  }

  /** Runs the turn for an activity of this server's own channel, under the bot's own identity. */
  async processVouched(activity: Activity, logic: TurnLogic): Promise<void> {
    const claimsIdentity = this.createClaimsIdentity(this.botAppId);
    const result: AuthenticateRequestResult = {
      claimsIdentity,
      audience: AuthenticationConstants.ToChannelFromBotOAuthScope,
      callerId: EMBEDDED_CALLER_ID,
      connectorFactory: this.auth.createConnectorFactory(claimsIdentity),
    };
    await this.processActivity(result, activity, logic);
  }
}

export interface AdapterOptions {
  onError?: (context: TurnContext) => void;
  /** The outgoing transport's retry policy and clock (tests). */
  transport?: ConnectorTransportOptions;
}

/**
 * The Bot Framework adapter. With an empty MicrosoftAppId, channel requests are not authenticated
 * (Emulator on this machine; see messagesRoute.ts for who may call then); with one, every channel
 * request must carry a valid channel token.
 */
export function createAdapter(config: Config, log: Logger, { onError = () => undefined, transport = {} }: AdapterOptions = {}): ChannelAdapter {
  const local = new LocalConnectors();
  const auth = new StrictBotFrameworkAuthentication(
    {
      MicrosoftAppId: config.MicrosoftAppId ?? '',
      MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
      MicrosoftAppType: config.MicrosoftAppType,
      MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
      ...issuerOverride(config.BotOpenIdMetadata),
    },
    local,
    // Outgoing calls (replies, card updates, member lookups) go through a transport that backs off on 429 and never sends twice.
    connectorClientOptions(process.env, log, transport),
  );
  const adapter = new ChannelAdapter(auth, config.MicrosoftAppId ?? '', local);
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

/**
 * The conversion CloudAdapter.process applies to an HTTP body (botbuilder's validateAndFixActivity):
 * date strings become Dates and the original text is kept in raw* fields. On a copy, so the bot
 * cannot change what the caller keeps.
 */
export function toAdapterActivity(wire: object): Activity {
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
