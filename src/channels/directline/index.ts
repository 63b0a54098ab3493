import type { ActivityHandler } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import { refuseUpgrade, sendError, type UpgradeRouter } from '../../http/index.js';
import type { ChannelAdapter } from '../adapter.js';
import type { Db } from '../../storage/index.js';
import { createIdentityContacts } from '../../identity/index.js';
import type { AttachmentService } from '../../attachments/index.js';
import { inProcessFeed, type ActivityFeed } from './activityFeed.js';
import { pgActivityFeed } from './pgActivityFeed.js';
import { createBotBridge } from './botBridge.js';
import { createClientLimits } from './clientLimits.js';
import { connectorServiceUrl, embeddedConnector, mountConnectorRoutes } from './connectorRoutes.js';
import { createConversationService } from './conversationService.js';
import { handleCors, originPolicy } from './cors.js';
import { mountDirectLineRoutes } from './directLineRoutes.js';
import { mountFileLinkRoute } from './fileLinkRoute.js';
import { createStreamServer } from './stream.js';
import { mountTokenRoute, type TokenSource } from './tokenRoute.js';
import { createTokenSigner, loadSigningKey } from './tokens.js';
import { mountUploadRoute } from './uploadRoute.js';
import { createWidgetUsers } from './widgetUsers.js';
import { mountWidgetAssets } from './widgetAssets.js';

/**
 * The web widget's server side: the demo page and embed script, the widget token route, and the
 * embedded Direct Line 3.0 endpoint (REST, WebSocket streams, and the connector endpoints the bot
 * replies to).
 *
 * The embedded endpoint hands activities to the bot in-process under an identity the server itself
 * vouches for (the sender's id is the one its token was issued to), so it works in local mode and with
 * MicrosoftAppId set alike: Teams and the self-hosted widget in one deployment, no Azure Direct Line
 * needed. With DIRECT_LINE_SECRET set the widget uses the Azure Direct Line service instead, which
 * calls /api/messages like any channel, and the embedded endpoint is off.
 */

export interface DirectLineDeps {
  config: Config;
  adapter: ChannelAdapter;
  bot: ActivityHandler;
  db: Db;
  log: Logger;
  /** Where WebSocket upgrades for the stream URLs are handed over. */
  upgrades: UpgradeRouter;
  /**
   * How streams learn of new activities. Defaults to the in-process feed, or with DATABASE_URL to one that
   * also signals the other instances (pgActivityFeed.ts), so no load balancer stickiness is needed.
   */
  feed?: ActivityFeed;
  /** Files of admins' conversations: Web Chat's uploads, and the links to files in the conversation. */
  attachments?: AttachmentService;
}

export interface DirectLineEndpoint {
  /** Where the widget's tokens come from: `embedded` (this server's /v3/directline) or `azure` (DIRECT_LINE_SECRET is set). */
  readonly mode: 'embedded' | 'azure';
  /** Tells the endpoint where the server listens, so the bot's replies can reach the connector routes. */
  setBaseUrl(url: string): void;
  /** Whether the widget has a stream open on the conversation in this process (the admin is in the chat). */
  hasOpenStream(conversationId: string): boolean;
  /** The serviceUrl the bot sees on embedded conversations (valid once setBaseUrl was called). */
  serviceUrl(): string;
  close(): Promise<void>;
}

const WIDGET_PATHS = /^\/(v3\/directline|api\/directline)(\/|$)/;

export async function mountDirectLine(server: Server, deps: DirectLineDeps): Promise<DirectLineEndpoint> {
  const { config, adapter, bot, db, log, upgrades, attachments } = deps;
  const shared = !deps.feed && !config.DIRECT_LINE_SECRET && config.DATABASE_URL && db.kind === 'postgres' ? await pgActivityFeed({ connectionString: config.DATABASE_URL, db, log }) : undefined;
  const feed = deps.feed ?? shared ?? inProcessFeed();
  const policy = originPolicy(config.WIDGET_ALLOWED_ORIGINS);

  server.pre((req: Request, res: Response, next: (arg?: false) => void) => {
    if (WIDGET_PATHS.test(req.getPath?.() ?? req.url ?? '') && !handleCors(req, res, policy)) return next(false);
    next();
  });

  mountWidgetAssets(server, { directLineEndpoint: config.DIRECT_LINE_SECRET ? config.DIRECT_LINE_ENDPOINT : undefined });

  let baseUrl = 'http://127.0.0.1';
  const serviceUrl = () => connectorServiceUrl(baseUrl);
  let closeEmbedded = async () => {};
  let source: TokenSource;
  const limits = createClientLimits({
    maxActivityBytes: config.DIRECT_LINE_MAX_ACTIVITY_KB * 1024,
    postBurst: config.DIRECT_LINE_POST_BURST,
    postsPerSecond: config.DIRECT_LINE_POSTS_PER_SECOND,
    conversationBytes: config.DIRECT_LINE_CLIENT_QUOTA_KB * 1024,
    newConversationBurst: config.DIRECT_LINE_NEW_CONVERSATION_BURST,
    newConversationsPerSecond: config.DIRECT_LINE_NEW_CONVERSATIONS_PER_SECOND,
  });

  // Loaded in both modes: the widget's stable user ids derive from it too (widgetUsers.ts).
  const signer = createTokenSigner(await loadSigningKey(db));
  if (!config.DIRECT_LINE_SECRET) {
    adapter.localConnectors.add(embeddedConnector(signer, serviceUrl));
    const bridge = createBotBridge({ adapter, bot, log });
    const service = createConversationService({ db, feed, bridge, signer, serviceUrl, clientQuotaBytes: limits.settings.conversationBytes });
    mountDirectLineRoutes(server, { service, signer, log, limits });
    mountConnectorRoutes(server, { service, signer });
    if (attachments) mountUploadRoute(server, { service, signer, limits, attachments, log });
    const streams = createStreamServer({ db, feed, signer, policy, log, keepAliveMs: config.DIRECT_LINE_KEEPALIVE_SECONDS * 1000 });
    upgrades.add((req, socket, head) => streams.handleUpgrade(req, socket, head));
    closeEmbedded = async () => {
      streams.close();
      await Promise.race([bridge.idle(), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    };
    source = { kind: 'embedded', service };
    log.info('web widget: embedded Direct Line 3.0 endpoint at /v3/directline');
  } else {
    const message = 'This server\'s web chat uses the Azure Direct Line service (DIRECT_LINE_SECRET is set); its embedded Direct Line endpoint is off.';
    const refuse = async (_req: Request, res: Response) => sendError(res, 503, message);
    server.get('/v3/directline/*', refuse);
    server.post('/v3/directline/*', refuse);
    upgrades.add((req, socket) => {
      if (!WIDGET_PATHS.test(new URL(req.url ?? '/', 'http://localhost').pathname)) return false;
      refuseUpgrade(socket, 503, message);
      return true;
    });
    source = { kind: 'azure', endpoint: config.DIRECT_LINE_ENDPOINT, secret: config.DIRECT_LINE_SECRET };
    log.info({ endpoint: config.DIRECT_LINE_ENDPOINT }, 'web widget: tokens come from the Azure Direct Line service');
  }
  // In both modes: an agent's file reaches the admin as a link to this server.
  if (attachments) mountFileLinkRoute(server, { attachments, log });
  mountTokenRoute(server, source, log, limits, {
    db,
    users: createWidgetUsers((purpose) => signer.derive(purpose)),
    contacts: createIdentityContacts(db),
    settings: config.WIDGET_IDENTITY_SECRET
      ? { secret: config.WIDGET_IDENTITY_SECRET, issuer: config.WIDGET_IDENTITY_ISSUER, audience: config.WIDGET_IDENTITY_AUDIENCE }
      : undefined,
  });

  return {
    mode: source.kind === 'azure' ? 'azure' : 'embedded',
    setBaseUrl(url) {
      baseUrl = url;
    },
    hasOpenStream: (conversationId) => feed.watching(conversationId),
    serviceUrl,
    async close() {
      await closeEmbedded();
      await shared?.close();
    },
  };
}
