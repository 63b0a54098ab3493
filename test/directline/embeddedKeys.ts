import { connectorKeyFor, connectorServiceUrl } from '../../src/channels/directline/connectorRoutes.js';
import { createTokenSigner, loadSigningKey, type TokenSigner } from '../../src/channels/directline/tokens.js';
import type { Db } from '../../src/storage/db.js';

/** The signer the server uses (its key is in the database), for forging expired tokens in tests. */
export async function serverSigner(db: Db): Promise<TokenSigner> {
  return createTokenSigner(await loadSigningKey(db));
}

/** The serviceUrl the bot sees for embedded conversations of a server on this database. */
export async function serverServiceUrl(db: Db, baseUrl: string): Promise<string> {
  return connectorServiceUrl(baseUrl, connectorKeyFor(await serverSigner(db)));
}
