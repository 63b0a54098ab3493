import { CallerIdConstants, ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import {
  AuthenticationConstants,
  AuthenticationError,
  ConnectorClient,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorFactory,
} from 'botframework-connector';
import type { LocalConnectors } from './localConnectors.js';

type AuthenticationOptions = NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[0]>;
type ConnectorClientOptions = NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[4]>;

/**
 * Bot Framework authentication that fails closed with 401. The stock validator lets some bad tokens
 * escape as plain errors (a foreign signature surfaces as a JsonWebTokenError), which the adapter then
 * answers with 500; here every failure to authenticate is an AuthenticationError, so the channel gets
 * 401 and the turn never runs: no state is read or written, no ticket is filed.
 */
export class StrictBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(
    options: AuthenticationOptions,
    private readonly local: LocalConnectors,
    private readonly clientOptions: ConnectorClientOptions,
  ) {
    super(options, undefined, undefined, undefined, clientOptions);
  }

  /**
   * Connector clients for every call the bot makes, in a turn or proactively: a serviceUrl of this
   * server's own channels gets a client signed with that channel's credentials (no Azure token is
   * fetched for it); any other goes to the Bot Framework as configured.
   */
  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const remote = super.createConnectorFactory(claimsIdentity);
    const { local, clientOptions } = this;
    return {
      async create(serviceUrl: string, audience?: string) {
        const own = local.find(serviceUrl);
        return own ? new ConnectorClient(own.credentials, { ...clientOptions, baseUri: serviceUrl }) : remote.create(serviceUrl, audience);
      },
    };
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (err) {
      if (err instanceof AuthenticationError) throw err;
      throw new AuthenticationError('Unauthorized.', 401);
    }
  }
}

/**
 * Overriding one endpoint (the token issuer's OpenID metadata) switches botbuilder to "all parameters
 * given": the rest are then filled with the public cloud's values here, so only the metadata changes.
 */
export function issuerOverride(openIdMetadataUrl: string | undefined): Record<string, string> {
  if (!openIdMetadataUrl) return {};
  return {
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}
