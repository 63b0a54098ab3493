import type { Request, Response, Server } from 'restify';
import type { Logger } from '../../logger.js';
import { sendError } from '../../http/index.js';
import { exchangeSecretForToken, TokenExchangeError } from './azureTokenExchange.js';
import type { ConversationService } from './conversationService.js';
import type { ClientLimits } from './clientLimits.js';
import { mayStartConversation, tokenResponse } from './directLineRoutes.js';
import { publicBaseUrl } from './publicUrl.js';
import { newUserId } from './tokens.js';

/**
 * POST /api/directline/token: what the widget and `npm run chat` call first. It answers a token for a
 * new conversation and the Direct Line `domain` to use it with: this server's embedded endpoint, or
 * the Azure Direct Line service when DIRECT_LINE_SECRET is set. Either way the client code is the same.
 * Each token starts a conversation, so one client address gets only so many in a short time (429 with
 * Retry-After; the allowance is shared with tokens/generate, see clientLimits.ts), in both modes: in
 * Azure mode each one costs a call to the Direct Line service with the secret.
 */

export type TokenSource =
  | { kind: 'embedded'; service: ConversationService }
  | { kind: 'azure'; endpoint: string; secret: string };

export interface WidgetToken {
  conversationId: string;
  token: string;
  expires_in: number;
  /** Base URL of the Direct Line 3.0 API, e.g. https://bot.example.com/v3/directline */
  domain: string;
  mode: 'embedded' | 'azure';
}

export function mountTokenRoute(server: Server, source: TokenSource, log: Logger, limits: ClientLimits): void {
  server.post('/api/directline/token', async (req: Request, res: Response) => {
    res.header('Cache-Control', 'no-store');
    if (!mayStartConversation(req, res, limits)) return;
    if (source.kind === 'embedded') {
      const body: WidgetToken = {
        ...tokenResponse(await source.service.issueForNewConversation()),
        domain: `${publicBaseUrl(req)}/v3/directline`,
        mode: 'embedded',
      };
      res.json(body);
      return;
    }
    try {
      const generated = await exchangeSecretForToken({ endpoint: source.endpoint, secret: source.secret, userId: newUserId() });
      const body: WidgetToken = { ...generated, domain: `${source.endpoint.replace(/\/+$/, '')}/v3/directline`, mode: 'azure' };
      res.json(body);
    } catch (err) {
      if (!(err instanceof TokenExchangeError)) throw err;
      log.warn({ reason: err.message, upstreamStatus: err.upstreamStatus }, 'direct line token exchange failed');
      sendError(res, 502, 'Could not get a chat token from the Direct Line service. Please try again later.');
    }
  });
}
