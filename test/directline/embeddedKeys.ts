import { connectorCredential, connectorServiceUrl, embeddedConnector } from '../../src/channels/directline/connectorRoutes.js';
import type { LocalConnector } from '../../src/channels/localConnectors.js';
import { createTokenSigner, loadSigningKey, type TokenSigner } from '../../src/channels/directline/tokens.js';
import type { Db } from '../../src/storage/db.js';

/** The signer the server uses (its key is in the database), for forging expired tokens in tests. */
export async function serverSigner(db: Db): Promise<TokenSigner> {
  return createTokenSigner(await loadSigningKey(db));
}

/** The serviceUrl the bot sees for embedded conversations of a server at this address. */
export async function serverServiceUrl(_db: Db, baseUrl: string): Promise<string> {
  return connectorServiceUrl(baseUrl);
}

/** The credential the server's adapter signs one conversation's connector calls with. */
export async function connectorToken(db: Db, conversationId: string): Promise<string> {
  return connectorCredential(await serverSigner(db), conversationId);
}

/** The embedded channel as a local connector, for an adapter of the test's own that sends proactive messages. */
export async function embeddedConnectorOf(db: Db, baseUrl: string): Promise<LocalConnector> {
  return embeddedConnector(await serverSigner(db), () => connectorServiceUrl(baseUrl));
}
