import { timingSafeEqual } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import { isLoopbackHost, jsonBodyOrReply, sendError } from '../../http/index.js';
import type { LocalConnector } from '../localConnectors.js';
import type { BotActivityInput, ConversationService } from './conversationService.js';
import { botActivitySchema } from './protocol.js';
import { bearerToken, type TokenSigner } from './tokens.js';

/**
 * The Bot Connector API the adapter calls to deliver the bot's activities to the embedded channel
 * (the activity's serviceUrl points here), including proactive messages sent later:
 *   POST   {serviceUrl}/v3/conversations/{id}/activities                send to conversation
 *   POST   {serviceUrl}/v3/conversations/{id}/activities/{replyToId}    reply
 *   PUT    {serviceUrl}/v3/conversations/{id}/activities/{activityId}   update
 *   DELETE {serviceUrl}/v3/conversations/{id}/activities/{activityId}   delete
 *   GET    {serviceUrl}/v3/conversations/{id}/members                   the user and the bot
 * Every call carries `Authorization: Bearer <credential>`, a credential of that one conversation
 * derived from the server's signing key. Only the adapter signs with it (see embeddedConnector); the
 * serviceUrl itself is no secret, so an activity that shows it to the browser gives nothing away.
 */

export const CONNECTOR_PREFIX = '/directline/connector';

export function connectorServiceUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${CONNECTOR_PREFIX}`;
}

/** The credential of one conversation's connector calls: derived, so every instance on the database agrees. */
export function connectorCredential(signer: TokenSigner, conversationId: string): string {
  return signer.derive(`connector:${conversationId}`);
}

const CONVERSATION_IN_PATH = /\/v3\/conversations\/([^/?#]+)/;

/**
 * The embedded channel as the adapter's local connector: it owns this server's connector URL (and the
 * same path on loopback, where another instance on this machine and port serves the same database),
 * and signs each call with the conversation's credential.
 */
export function embeddedConnector(signer: TokenSigner, serviceUrl: () => string): LocalConnector {
  return {
    owns(url) {
      if (!URL.canParse(url)) return false;
      const target = new URL(url);
      const own = new URL(serviceUrl());
      const path = target.pathname.replace(/\/+$/, '');
      if (path !== CONNECTOR_PREFIX && !path.startsWith(`${CONNECTOR_PREFIX}/`)) return false;
      return target.origin === own.origin || (isLoopbackHost(target.hostname) && target.port === own.port);
    },
    credentials: {
      async signRequest(webResource) {
        const match = CONVERSATION_IN_PATH.exec(new URL(webResource.url).pathname);
        if (match) webResource.headers.set('authorization', `Bearer ${connectorCredential(signer, decodeURIComponent(match[1]!))}`);
        return webResource;
      },
    },
  };
}

export interface ConnectorRouteDeps {
  service: ConversationService;
  signer: TokenSigner;
}

type Params = { conversationId: string; activityId?: string };

export function mountConnectorRoutes(server: Server, { service, signer }: ConnectorRouteDeps): void {
  const signedFor = (req: Request, conversationId: string) => {
    const given = Buffer.from(bearerToken(req.headers.authorization) ?? '');
    const expected = Buffer.from(connectorCredential(signer, conversationId));
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  /** The validated params and body, or undefined when it already answered. */
  const accept = async (req: Request, res: Response, withBody: boolean): Promise<{ params: Params; body?: BotActivityInput } | undefined> => {
    const params = req.params as Params;
    if (!signedFor(req, params.conversationId)) {
      sendError(res, 401, 'Unauthorized.');
      return undefined;
    }
    if (!withBody) return { params };
    const read = await jsonBodyOrReply(req, res);
    if (!read) return undefined;
    const parsed = botActivitySchema.safeParse(read.body);
    if (!parsed.success) {
      sendError(res, 400, 'Body must be an activity with a "type".');
      return undefined;
    }
    return { params, body: parsed.data as BotActivityInput };
  };

  const notFound = (res: Response) => sendError(res, 404, 'Conversation or activity not found.');
  const base = `${CONNECTOR_PREFIX}/v3/conversations/:conversationId`;

  server.post(`${base}/activities`, async (req: Request, res: Response) => {
    const input = await accept(req, res, true);
    if (!input) return;
    const result = await service.postFromBot(input.params.conversationId, input.body!);
    if (!result) return notFound(res);
    res.status(201);
    res.json(result);
  });

  server.post(`${base}/activities/:activityId`, async (req: Request, res: Response) => {
    const input = await accept(req, res, true);
    if (!input) return;
    const result = await service.postFromBot(input.params.conversationId, input.body!, input.params.activityId);
    if (!result) return notFound(res);
    res.status(201);
    res.json(result);
  });

  server.put(`${base}/activities/:activityId`, async (req: Request, res: Response) => {
    const input = await accept(req, res, true);
    if (!input) return;
    const result = await service.updateFromBot(input.params.conversationId, input.params.activityId!, input.body!);
    if (!result) return notFound(res);
    res.json(result);
  });

  server.del(`${base}/activities/:activityId`, async (req: Request, res: Response) => {
    const input = await accept(req, res, false);
    if (!input) return;
    if (!(await service.deleteFromBot(input.params.conversationId, input.params.activityId!))) return notFound(res);
    res.status(200);
    res.end();
  });

  const members = async (req: Request, res: Response) => {
    const input = await accept(req, res, false);
    if (!input) return;
    const list = await service.members(input.params.conversationId);
    if (!list) return notFound(res);
    res.json(list);
  };
  server.get(`${base}/members`, members);
  server.get(`${base}/activities/:activityId/members`, members);
}
