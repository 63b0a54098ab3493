import type { Request, Response, Server } from 'restify';
import { jsonBodyOrReply, sendError } from '../../http/index.js';
import type { Logger } from '../../logger.js';
import { ConversationFullError } from './activityStore.js';
import {
  activityTooLargeMessage,
  bytesBesidesText,
  clientAddress,
  conversationFullMessage,
  newConversationsRateLimitedMessage,
  postsRateLimitedMessage,
  sendTooMany,
  type ClientLimits,
} from './clientLimits.js';
import type { ConversationService } from './conversationService.js';
import { clientActivitySchema, parseWatermark } from './protocol.js';
import { websocketBaseUrl } from './publicUrl.js';
import { bearerToken, type IssuedToken, type TokenClaims, type TokenSigner } from './tokens.js';

/**
 * Direct Line 3.0 REST routes, as botframework-directlinejs calls them:
 *   POST /v3/directline/tokens/generate              a token for a new conversation
 *   POST /v3/directline/tokens/refresh               a fresh token for the same conversation
 *   POST /v3/directline/conversations                start (201) with conversationId, token, streamUrl
 *   GET  /v3/directline/conversations/{id}           reconnect: a new streamUrl from ?watermark=
 *   POST /v3/directline/conversations/{id}/activities             send; answers {id}
 *   GET  /v3/directline/conversations/{id}/activities?watermark=  poll; answers {activities, watermark}
 * Every route but generate needs `Authorization: Bearer <token>`; a token opens only its own
 * conversation. Refusals are 403, which directlinejs reads as "token expired".
 * What a client may post and store is limited (clientLimits.ts): 429 with Retry-After for too many
 * activities or new conversations in a short time, 413 for an activity over the size cap or a
 * conversation whose client has used up its storage quota.
 */

export interface DirectLineRouteDeps {
  service: ConversationService;
  signer: TokenSigner;
  log: Logger;
  /** Shared with the widget token route: both start conversations from the same allowance per address. */
  limits: ClientLimits;
}

const FORBIDDEN = 'The Direct Line token is missing, expired, or not valid for this conversation.';

export function tokenResponse(issued: IssuedToken) {
  return { conversationId: issued.claims.conv, token: issued.token, expires_in: issued.expiresIn };
}

/** Answers 429 and returns false when the client's address has started too many conversations lately. */
export function mayStartConversation(req: Request, res: Response, limits: ClientLimits): boolean {
  const decision = limits.newConversations.take(clientAddress(req));
  if (decision.allowed) return true;
  sendTooMany(res, decision.retryAfterSeconds, newConversationsRateLimitedMessage(decision.retryAfterSeconds));
  return false;
}

/**
 * The claims of the request's bearer token when it is valid for the path's conversation; otherwise
 * answers 403 and returns undefined.
 */
export function conversationAuthorizer(signer: TokenSigner) {
  return async (req: Request, res: Response): Promise<TokenClaims | undefined> => {
    const token = bearerToken(req.headers.authorization);
    const claims = token ? await signer.verify(token) : undefined;
    const pathConversation = (req.params as { conversationId?: string }).conversationId;
    if (!claims || (pathConversation !== undefined && pathConversation !== claims.conv)) {
      sendError(res, 403, FORBIDDEN);
      return undefined;
    }
    return claims;
  };
}

export function mountDirectLineRoutes(server: Server, { service, signer, log, limits }: DirectLineRouteDeps): void {
  const authorize = conversationAuthorizer(signer);

  const conversationResponse = async (req: Request, claims: TokenClaims, token: string, watermark?: number) => {
    const stream = await signer.issue(claims.conv, claims.user, 'stream');
    const query = new URLSearchParams({ watermark: watermark === undefined ? '-' : String(watermark), t: stream.token });
    return {
      conversationId: claims.conv,
      token,
      expires_in: Math.max(0, claims.exp - Math.floor(Date.now() / 1000)),
      streamUrl: `${websocketBaseUrl(req)}/v3/directline/conversations/${encodeURIComponent(claims.conv)}/stream?${query}`,
      referenceGrammarId: '',
    };
  };

  const watermarkOf = (req: Request, res: Response): number | undefined | false => {
    const watermark = parseWatermark(new URL(req.url ?? '/', 'http://localhost').searchParams.get('watermark'));
    if (watermark === 'invalid') {
      sendError(res, 400, 'watermark must be a number.');
      return false;
    }
    return watermark;
  };

  // Anyone may start a chat with a public widget, so in embedded mode generating a token needs no
  // secret; it is what /api/directline/token hands the widget.
  server.post('/v3/directline/tokens/generate', async (req: Request, res: Response) => {
    if (!mayStartConversation(req, res, limits)) return;
    res.json(tokenResponse(await service.issueForNewConversation()));
  });

  server.post('/v3/directline/tokens/refresh', async (req: Request, res: Response) => {
    const claims = await authorize(req, res);
    if (claims) res.json(tokenResponse(await service.refresh(claims)));
  });

  server.post('/v3/directline/conversations', async (req: Request, res: Response) => {
    const claims = await authorize(req, res);
    if (!claims) return;
    const { created } = await service.start(claims);
    res.status(created ? 201 : 200);
    res.json(await conversationResponse(req, claims, bearerToken(req.headers.authorization)!));
  });

  server.get('/v3/directline/conversations/:conversationId', async (req: Request, res: Response) => {
    const claims = await authorize(req, res);
    if (!claims) return;
    const watermark = watermarkOf(req, res);
    if (watermark === false) return;
    await service.start(claims);
    res.json(await conversationResponse(req, claims, bearerToken(req.headers.authorization)!, watermark));
  });

  server.post('/v3/directline/conversations/:conversationId/activities', async (req: Request, res: Response) => {
    const claims = await authorize(req, res);
    if (!claims) return;
    // Before the body is read: a flood costs a signature check and this, nothing more.
    const allowance = limits.posts.take(claims.conv);
    if (!allowance.allowed) {
      req.resume();
      return sendTooMany(res, allowance.retryAfterSeconds, postsRateLimitedMessage(allowance.retryAfterSeconds));
    }
    const read = await jsonBodyOrReply(req, res);
    if (!read) return;
    const parsed = clientActivitySchema.safeParse(read.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.length ? issue.path.join('.') : 'body';
      const message = issue.code === 'too_big' && field === 'text' ? issue.message : `Invalid activity: check "${field}".`;
      return sendError(res, 400, message);
    }
    if (bytesBesidesText(parsed.data) > limits.settings.maxActivityBytes) return sendError(res, 413, activityTooLargeMessage(limits.settings.maxActivityBytes));
    try {
      res.json(await service.postFromClient(claims, parsed.data));
    } catch (err) {
      if (err instanceof ConversationFullError) return sendError(res, 413, conversationFullMessage(err.quotaBytes));
      log.error({ err, conversationId: claims.conv }, 'direct line post failed');
      sendError(res, 500, 'Internal error.');
    }
  });

  server.get('/v3/directline/conversations/:conversationId/activities', async (req: Request, res: Response) => {
    const claims = await authorize(req, res);
    if (!claims) return;
    const watermark = watermarkOf(req, res);
    if (watermark === false) return;
    res.json(await service.activitiesAfter(claims, watermark));
  });
}
