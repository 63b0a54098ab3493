import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import { sendError } from '../../http/index.js';
import type { Db } from '../../storage/index.js';
import { inProcessFeed, type ActivityFeed } from './activityFeed.js';
import { createBotBridge } from './botBridge.js';
import { connectorKeyFor, connectorServiceUrl, mountConnectorRoutes } from './connectorRoutes.js';
import { createConversationService } from './conversationService.js';
import { handleCors, originPolicy } from './cors.js';
import { mountDirectLineRoutes } from './directLineRoutes.js';
import { createStreamServer } from './stream.js';
import { mountTokenRoute, type TokenSource } from './tokenRoute.js';
import { createTokenSigner, loadSigningKey } from './tokens.js';
import { mountWidgetAssets } from './widgetAssets.js';

/**
 * The web widget's server side: the demo page and embed script, the widget token route, and the
 * embedded Direct Line 3.0 endpoint (REST, WebSocket streams, and the connector endpoints the bot
 * replies to).
 *
 * The embedded endpoint hands activities to the bot in-process without a channel token, which the
 * adapter accepts only while inbound authentication is off (no MicrosoftAppId). With an app id set it
 * stays off rather than weakening that check; the widget then needs DIRECT_LINE_SECRET and goes
 * through the Azure Direct Line service, which calls /api/messages like any channel.
 */

export interface DirectLineDeps {
  config: Config;
  adapter: CloudAdapter;
  bot: ActivityHandler;
  db: Db;
  log: Logger;
  /** Defaults to an in-process feed; a cross-instance feed can be passed instead. */
  feed?: ActivityFeed;
}

export interface DirectLineEndpoint {
  /**
   * Where the widget's tokens come from: `embedded` (this server's /v3/directline), `azure`
   * (DIRECT_LINE_SECRET is set; the embedded endpoint still runs in local mode, e.g. for tests), or
   * `disabled` (MicrosoftAppId set and no secret: no widget).
   */
  readonly mode: 'embedded' | 'azure' | 'disabled';
  /** Tells the endpoint where the server listens, so the bot's replies can reach the connector routes. */
  setBaseUrl(url: string): void;
  /** The serviceUrl the bot sees on embedded conversations (valid once setBaseUrl was called). */
  serviceUrl(): string;
  close(): Promise<void>;
}

const WIDGET_PATHS = /^\/(v3\/directline|api\/directline)(\/|$)/;

export async function mountDirectLine(server: Server, { config, adapter, bot, db, log, feed = inProcessFeed() }: DirectLineDeps): Promise<DirectLineEndpoint> {
  const embedded = config.localMode;
  const policy = originPolicy(config.WIDGET_ALLOWED_ORIGINS);

  server.pre((req: Request, res: Response, next: (arg?: false) => void) => {
    if (WIDGET_PATHS.test(req.getPath?.() ?? req.url ?? '') && !handleCors(req, res, policy)) return next(false);
    next();
  });

  mountWidgetAssets(server, { directLineEndpoint: config.DIRECT_LINE_SECRET ? config.DIRECT_LINE_ENDPOINT : undefined });

  let baseUrl = '';
  let connectorKey = '';
  const serviceUrl = () => connectorServiceUrl(baseUrl, connectorKey);
  let closeEmbedded = async () => {};
  let source: TokenSource;

  if (embedded) {
    const signer = createTokenSigner(await loadSigningKey(db));
    connectorKey = connectorKeyFor(signer);
    const bridge = createBotBridge({ adapter, bot, log });
    const service = createConversationService({ db, feed, bridge, signer, serviceUrl });
    mountDirectLineRoutes(server, { service, signer, log });
    mountConnectorRoutes(server, { service, connectorKey });
    const streams = createStreamServer({ db, feed, signer, policy, log, keepAliveMs: config.DIRECT_LINE_KEEPALIVE_SECONDS * 1000 });
    server.server.on('upgrade', (req, socket, head) => {
      // Other upgrade listeners may own other paths; when there are none, do not leave the socket hanging.
      if (!streams.handleUpgrade(req, socket, head) && server.server.listenerCount('upgrade') === 1) socket.destroy();
    });
    closeEmbedded = async () => {
      streams.close();
      await Promise.race([bridge.idle(), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    };
    source = { kind: 'embedded', service };
  } else {
    const message = 'The embedded Direct Line endpoint is off because MicrosoftAppId is set; the web widget uses the Azure Direct Line service (DIRECT_LINE_SECRET).';
    const refuse = async (_req: Request, res: Response) => sendError(res, 503, message);
    server.get('/v3/directline/*', refuse);
    server.post('/v3/directline/*', refuse);
    source = { kind: 'none', reason: 'The web chat is not configured on this server: DIRECT_LINE_SECRET is not set.' };
  }
  if (config.DIRECT_LINE_SECRET) source = { kind: 'azure', endpoint: config.DIRECT_LINE_ENDPOINT, secret: config.DIRECT_LINE_SECRET };
  mountTokenRoute(server, source, log);

  const mode = source.kind === 'azure' ? 'azure' : embedded ? 'embedded' : 'disabled';
  if (mode === 'azure') {
    log.info({ endpoint: config.DIRECT_LINE_ENDPOINT, embeddedEndpoint: embedded }, 'web widget: production mode, tokens come from the Azure Direct Line service');
  } else if (mode === 'embedded') {
    log.info('web widget: embedded Direct Line 3.0 endpoint at /v3/directline (local mode)');
  } else {
    log.warn(
      'web widget: OFF. MicrosoftAppId is set, so the embedded Direct Line endpoint is disabled (it cannot present a channel token to the authenticated bot). Set DIRECT_LINE_SECRET to the Direct Line secret of the Azure Bot resource to serve the widget and `npm run chat` through Azure.',
    );
  }

  return {
    mode,
    setBaseUrl(url) {
      baseUrl = url;
    },
    serviceUrl,
    close: () => closeEmbedded(),
  };
}
