import { CallerIdConstants, ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { AuthenticationConstants, AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';

/**
 * Bot Framework authentication that fails closed with 401. The stock validator lets some bad tokens
 * escape as plain errors (a foreign signature surfaces as a JsonWebTokenError), which the adapter then
 * answers with 500; here every failure to authenticate is an AuthenticationError, so the channel gets
 * 401 and the turn never runs: no state is read or written, no ticket is filed.
 */
export class StrictBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
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
