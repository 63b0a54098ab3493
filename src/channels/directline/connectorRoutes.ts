import { timingSafeEqual } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import { jsonBodyOrReply, sendError } from '../../http/index.js';
import type { BotActivityInput, ConversationService } from './conversationService.js';
import { botActivitySchema } from './protocol.js';
import type { TokenSigner } from './tokens.js';

/**
 * The Bot Connector API the adapter calls to deliver the bot's activities to the embedded channel
 * (the activity's serviceUrl points here), including proactive messages sent later:
 *   POST   {serviceUrl}/v3/conversations/{id}/activities                send to conversation
 *   POST   {serviceUrl}/v3/conversations/{id}/activities/{replyToId}    reply
 *   PUT    {serviceUrl}/v3/conversations/{id}/activities/{activityId}   update
 *   DELETE {serviceUrl}/v3/conversations/{id}/activities/{activityId}   delete
 *   GET    {serviceUrl}/v3/conversations/{id}/members                   the user and the bot
 * The serviceUrl carries a key derived from the server secret, so nobody who merely learns a
 * conversation id can put words in the bot's mouth.
 */

export const CONNECTOR_PREFIX = '/directline/connector';

/** The secret path segment of the serviceUrl: derived, so every instance on the database agrees. */
export function connectorKeyFor(signer: TokenSigner): string {
  return signer.derive('connector-path').slice(0, 32);
}

export function connectorServiceUrl(baseUrl: string, connectorKey: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${CONNECTOR_PREFIX}/${connectorKey}`;
}

export interface ConnectorRouteDeps {
  service: ConversationService;
  connectorKey: string;
}

type Params = { key: string; conversationId: string; activityId?: string };

export function mountConnectorRoutes(server: Server, { service, connectorKey }: ConnectorRouteDeps): void {
  const expected = Buffer.from(connectorKey);
  const keyMatches = (key: string) => {
    const given = Buffer.from(key);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  /** The validated params and body, or undefined when it already answered. */
  const accept = async (req: Request, res: Response, withBody: boolean): Promise<{ params: Params; body?: BotActivityInput } | undefined> => {
    const params = req.params as Params;
    if (!keyMatches(params.key)) {
      sendError(res, 404, 'Not found.');
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
  const base = `${CONNECTOR_PREFIX}/:key/v3/conversations/:conversationId`;

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
